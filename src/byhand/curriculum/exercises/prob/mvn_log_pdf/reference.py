"""Multivariate normal log-density through a Cholesky factor: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.linalg import solve_triangular

from byhand import Case

_LOG_2PI = np.log(2 * np.pi)


def mvn_log_pdf(x, mu, Sigma):
    """log N(x; mu, Sigma) = -(d log 2pi + log det Sigma + (x - mu)^T Sigma^-1 (x - mu)) / 2, for x of shape (..., d);
    with Sigma = L L^T, log det Sigma = 2 sum log diag L and the quadratic form is |L^-1 (x - mu)|^2."""
    x = np.asarray(x, dtype=np.float64)
    mu = np.asarray(mu, dtype=np.float64)
    L = np.linalg.cholesky(np.asarray(Sigma, dtype=np.float64))
    diff = (x - mu).reshape(-1, mu.shape[0])
    z = solve_triangular(L, diff.T, lower=True)
    maha = np.sum(z**2, axis=0).reshape(x.shape[:-1])
    return -0.5 * (mu.shape[0] * _LOG_2PI + maha) - np.sum(np.log(np.diag(L)))


def _spd(rng, d):
    A = rng.normal(size=(d, d))
    return A @ A.T / d + 0.3 * np.eye(d)


def cases(rng):
    mu3, S3 = rng.normal(size=3), _spd(rng, 3)
    d = 200
    return [
        Case((rng.normal(size=3) * 2, mu3, S3), name="one point, d = 3"),
        Case((rng.normal(size=(5, 4)), rng.normal(size=4), _spd(rng, 4)), name="5 points, d = 4"),
        Case((rng.normal(size=(2, 3, 2)), rng.normal(size=2), _spd(rng, 2)), name="points in a (2, 3) batch, d = 2"),
        Case((np.array([0.5]), np.array([0.0]), np.array([[4.0]])), name="d = 1: the univariate normal"),
        Case((mu3.copy(), mu3, S3), name="at the mean"),
        Case((np.array([1.0, -1.0]), np.zeros(2), np.array([[1.0, 0.9], [0.9, 1.0]])),
             name="strong correlation, point against it"),
        Case((rng.normal(size=d) * 0.1, np.zeros(d), 0.01 * np.eye(d)), name="d = 200, variance 0.01: det underflows"),
        Case((rng.normal(size=d) * 10, np.zeros(d), 100.0 * np.eye(d) + 0.1), name="d = 200, variance 100: det overflows"),
    ]


def _no_half_logdet(x, mu, Sigma):
    diff = x - mu
    maha = np.sum(diff * np.linalg.solve(Sigma, diff[..., None])[..., 0], axis=-1)
    _, logdet = np.linalg.slogdet(Sigma)
    return -0.5 * (len(mu) * _LOG_2PI + maha) - logdet


def _one_log_2pi(x, mu, Sigma):
    diff = x - mu
    maha = np.sum(diff * np.linalg.solve(Sigma, diff[..., None])[..., 0], axis=-1)
    _, logdet = np.linalg.slogdet(Sigma)
    return -0.5 * (_LOG_2PI + logdet + maha)


def _sigma_not_inverse(x, mu, Sigma):
    diff = x - mu
    maha = np.sum(diff * (diff @ Sigma), axis=-1)
    _, logdet = np.linalg.slogdet(Sigma)
    return -0.5 * (len(mu) * _LOG_2PI + logdet + maha)


def _log_det(x, mu, Sigma):
    diff = x - mu
    maha = np.sum(diff * np.linalg.solve(Sigma, diff[..., None])[..., 0], axis=-1)
    return -0.5 * (len(mu) * _LOG_2PI + np.log(np.linalg.det(Sigma)) + maha)


MISTAKES = {
    "log-det-without-half": _no_half_logdet,
    "log-2pi-not-times-d": _one_log_2pi,
    "sigma-instead-of-inverse": _sigma_not_inverse,
    "log-of-det": _log_det,
}
