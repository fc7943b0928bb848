"""Pearson correlation coefficient: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def pearson_correlation(x, y):
    """r = sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 * sum (y - my)^2); nan if x or y is constant."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if np.all(x == x[0]) or np.all(y == y[0]):
        # zero variance: r = 0/0 is undefined (checked exactly, as scipy.stats.pearsonr does,
        # since a rounded mean can leave deviations of ~1e-17 that give an arbitrary r)
        return float("nan")
    dx = x - np.mean(x)
    dy = y - np.mean(y)
    return float(np.sum(dx * dy) / np.sqrt(np.sum(dx * dx) * np.sum(dy * dy)))


def _correlated(rng, n, rho, sx=1.0, sy=1.0, mx=0.0, my=0.0):
    u = rng.normal(size=n)
    v = rho * u + np.sqrt(1.0 - rho * rho) * rng.normal(size=n)
    return mx + sx * u, my + sy * v


def cases(rng):
    x_lin = rng.normal(size=7)
    return [
        Case(_correlated(rng, 10, 0.6), name="random"),
        Case(_correlated(rng, 30, -0.4, sx=2.0, sy=0.5), name="random, negative"),
        Case(_correlated(rng, 100, 0.0), name="random, uncorrelated"),
        Case(_correlated(rng, 25, 0.7, mx=100.0, my=-50.0), name="large means (100, -50)"),
        Case(_correlated(rng, 20, 0.5, sx=1e-6, sy=1e6), name="very different scales"),
        Case((x_lin, 3.0 - 2.0 * x_lin), name="exact linear relation, negative slope"),
        Case((np.array([1.0, 2.0]), np.array([5.0, 3.0])), name="n=2"),
        # zero variance: r = 0/0 is undefined, and the answer is nan (exact deviations of 0)
        Case((rng.normal(size=6), np.full(6, 2.0)), name="constant y (zero variance)", undefined=True),
        Case((np.full(4, -1.0), rng.normal(size=4)), name="constant x (zero variance)", undefined=True),
    ]


def _not_centered(x, y):
    return np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y))


def _cov1_std0(x, y):
    return np.cov(x, y)[0, 1] / (np.std(x) * np.std(y))


def _cov0_std1(x, y):
    dx, dy = x - x.mean(), y - y.mean()
    return np.mean(dx * dy) / (np.std(x, ddof=1) * np.std(y, ddof=1))


def _cov1(x, y):
    return np.cov(x, y)[0, 1]


def _cov0(x, y):
    return np.mean((x - x.mean()) * (y - y.mean()))


MISTAKES = {
    "not-centered": _not_centered,
    "mixed-ddof": [_cov1_std0, _cov0_std1],
    "covariance-not-correlation": [_cov1, _cov0],
}
