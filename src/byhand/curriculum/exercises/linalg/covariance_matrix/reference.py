"""Sample covariance matrix: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def covariance_matrix(X):
    """C = (X - mean)^T (X - mean) / (n - 1) for X of shape (n samples, d features)."""
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (X.shape[0] - 1)


def _data(rng, n, d, offset=3.0, scale=1.0):
    M = rng.normal(size=(d, d))  # correlated features
    return (rng.normal(size=(n, d)) @ M) * scale + offset * rng.normal(size=d)


def cases(rng):
    return [
        Case((_data(rng, 10, 3),), name="random, n=10, d=3"),
        Case((_data(rng, 50, 5),), name="random, n=50, d=5"),
        Case((_data(rng, 4, 4),), name="as many samples as features"),
        Case((_data(rng, 3, 6),), name="fewer samples than features"),
        Case((_data(rng, 20, 1),), name="one feature: a (1, 1) matrix"),
        Case((np.array([[1.0, 2.0], [3.0, 0.0]]),), name="two samples"),
        Case((rng.integers(0, 10, size=(8, 3)),), name="integer data"),
        Case((_data(rng, 30, 3, offset=1e8),), name="large mean (1e8), spread about 1"),
        Case((_data(rng, 30, 2, offset=0.0, scale=1e-6),), name="tiny variance"),
    ]


def _not_centered(X):
    return X.T @ X / (X.shape[0] - 1)


def _biased(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / X.shape[0]


def _np_cov_biased(X):
    return np.atleast_2d(np.cov(X, rowvar=False, bias=True))


def _gram(X):
    Xc = X - X.mean(axis=0)
    return Xc @ Xc.T / (X.shape[0] - 1)


def _np_cov_rows(X):
    return np.cov(X)


def _one_pass(X):
    n = X.shape[0]
    m = X.mean(axis=0)
    return (X.T @ X - n * np.outer(m, m)) / (n - 1)


MISTAKES = {
    "not-centered": _not_centered,
    "biased": [_biased, _np_cov_biased],
    "samples-as-variables": [_gram, _np_cov_rows],
    "one-pass-formula": _one_pass,
}
