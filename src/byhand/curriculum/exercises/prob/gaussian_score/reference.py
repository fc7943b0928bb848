"""The score of a multivariate Gaussian, grad_x log N(x; mu, cov): the reference, its cases and its
known mistakes."""

import numpy as np

from byhand import Case


def gaussian_score(x, mu, cov):
    """-cov^{-1} (x - mu) for each point x (shape (d,) or (N, d))."""
    diff = np.asarray(x, dtype=np.float64) - np.asarray(mu, dtype=np.float64)
    return -np.linalg.solve(np.asarray(cov, dtype=np.float64), diff.T).T


def _spd(rng, d):
    a = rng.normal(size=(d, d))
    return a @ a.T + 0.5 * np.eye(d)


def cases(rng):
    strong = np.array([[1.0, 0.95], [0.95, 1.0]])
    return [
        Case((rng.normal(size=3), rng.normal(size=3), _spd(rng, 3)), name="one point, correlated"),
        Case((rng.normal(size=(5, 4)), rng.normal(size=4), _spd(rng, 4)), name="batch, random covariance"),
        Case((rng.normal(size=(3, 3)), rng.normal(size=3), np.diag(rng.uniform(0.2, 3.0, size=3))),
             name="diagonal covariance"),
        Case((rng.normal(size=(2, 2)), np.zeros(2), strong), name="strong correlation"),
        Case((np.array([1.0, -2.0]), np.array([1.0, -2.0]), strong), name="x = mu"),
    ]


def _sign_flipped(x, mu, cov):
    return (np.linalg.inv(cov) @ (x - mu).T).T


def _covariance_not_inverted(x, mu, cov):
    return -(x - mu) @ cov


def _diagonal_only(x, mu, cov):
    return -(x - mu) / np.diag(cov)


MISTAKES = {
    "sign-flipped": _sign_flipped,
    "covariance-not-inverted": _covariance_not_inverted,
    "diagonal-only": _diagonal_only,
}
