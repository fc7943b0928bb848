"""Gradient of the logistic-regression loss: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import expit

from byhand import Case


def logistic_regression_grad(w, X, y):
    """d/dw of L(w) = -(1/N) sum_n [y_n log s_n + (1 - y_n) log(1 - s_n)], s = sigmoid(X w):
    (1/N) X^T (sigmoid(X w) - y)."""
    X = np.asarray(X, dtype=np.float64)
    p = expit(X @ w)  # a sigmoid that never overflows
    return X.T @ (p - y) / X.shape[0]


def _labels(rng, n):
    return rng.integers(0, 2, size=n).astype(np.float64)


def cases(rng):
    X_huge = np.array([[300.0, -400.0], [-500.0, 200.0], [100.0, 600.0], [700.0, 50.0]])
    return [
        Case((rng.normal(size=3), rng.normal(size=(8, 3)), _labels(rng, 8)), name="random"),
        Case((rng.normal(size=5), rng.normal(size=(20, 5)), _labels(rng, 20)), name="random, larger"),
        Case((rng.normal(size=2), rng.normal(size=(6, 2)), rng.uniform(size=6)), name="soft labels in [0, 1]"),
        Case((np.zeros(3), rng.normal(size=(5, 3)), _labels(rng, 5)), name="w = 0 (every probability 0.5)"),
        Case((rng.normal(size=4), rng.normal(size=(1, 4)), np.array([1.0])), name="one example (N = 1)"),
        Case((rng.normal(size=1), rng.normal(size=(7, 1)), _labels(rng, 7)), name="one feature (d = 1)"),
        Case((np.array([2.0, 1.0]), X_huge, np.array([0.0, 1.0, 1.0, 1.0])), name="huge logits, both signs"),
        Case((rng.normal(size=3), rng.normal(size=(3, 3)), _labels(rng, 3)), name="square X"),
    ]


def _sum_not_mean(w, X, y):
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (p - y)


def _sign_flip(w, X, y):
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (y - p) / len(y)


def _missing_sigmoid(w, X, y):
    return X.T @ (X @ w - y) / len(y)


def _unstable_sigmoid(w, X, y):
    z = X @ w
    p = np.exp(z) / (1 + np.exp(z))
    return X.T @ (p - y) / len(y)


MISTAKES = {
    "sum-not-mean": _sum_not_mean,
    "sign-flip": _sign_flip,
    "missing-sigmoid": _missing_sigmoid,
    "unstable-sigmoid": _unstable_sigmoid,
}
