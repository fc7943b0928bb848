"""L2-regularized least-squares loss and its gradient: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def l2_regularized_loss_grad(w, X, y, lam):
    """L(w) = (1/2N) ||X w - y||^2 + (lam/2) ||w||^2 and
    grad L(w) = (1/N) X^T (X w - y) + lam * w; returns (L, grad)."""
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    r = X @ w - np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    loss = 0.5 * (r @ r) / n + 0.5 * lam * (w @ w)
    grad = X.T @ r / n + lam * w
    return np.float64(loss), grad


def cases(rng):
    return [
        Case((rng.normal(size=3), rng.normal(size=(10, 3)), rng.normal(size=10), 0.1), name="random"),
        Case((rng.normal(size=5), rng.normal(size=(40, 5)), rng.normal(size=40), 0.01), name="random, larger"),
        Case((rng.normal(size=4), rng.normal(size=(6, 4)), rng.normal(size=6), 0.0), name="lam = 0 (no penalty)"),
        Case((np.zeros(3), rng.normal(size=(8, 3)), rng.normal(size=8), 0.5), name="w = 0 (the penalty vanishes)"),
        Case((rng.normal(size=3), rng.normal(size=(1, 3)), rng.normal(size=1), 0.2), name="one example (N = 1)"),
        Case((rng.normal(size=1), rng.normal(size=(7, 1)), rng.normal(size=7), 1.0), name="one feature (d = 1)"),
        Case((rng.normal(size=2) * 10, rng.normal(size=(5, 2)), rng.normal(size=5), 100.0), name="strong penalty"),
        Case((rng.normal(size=3), rng.normal(size=(4, 3)), rng.normal(size=4), 1e-8), name="tiny penalty"),
    ]


# --- known mistakes ----------------------------------------------------------

def _lambda_factor(w, X, y, lam):
    r = X @ w - y
    return np.sum(r ** 2) / (2 * len(y)) + lam * np.sum(w ** 2), X.T @ r / len(y) + 2 * lam * w


def _lambda_factor_grad_only(w, X, y, lam):
    r = X @ w - y
    return np.sum(r ** 2) / (2 * len(y)) + lam / 2 * np.sum(w ** 2), X.T @ r / len(y) + 2 * lam * w


def _grad_not_regularized(w, X, y, lam):
    r = X @ w - y
    return np.sum(r ** 2) / (2 * len(y)) + lam / 2 * np.sum(w ** 2), X.T @ r / len(y)


def _penalty_averaged(w, X, y, lam):
    r = X @ w - y
    n = len(y)
    return np.sum(r ** 2) / (2 * n) + lam / (2 * n) * np.sum(w ** 2), X.T @ r / n + lam * w / n


def _missing_mean(w, X, y, lam):
    r = X @ w - y
    return np.sum(r ** 2) / 2 + lam / 2 * np.sum(w ** 2), X.T @ r + lam * w


MISTAKES = {
    "lambda-factor": [_lambda_factor, _lambda_factor_grad_only],
    "grad-not-regularized": _grad_not_regularized,
    "penalty-averaged": _penalty_averaged,
    "missing-mean": _missing_mean,
}
