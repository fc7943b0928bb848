"""Gaussian log-density: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case

_HALF_LOG_2PI = 0.5 * np.log(2 * np.pi)


def gaussian_log_pdf(x, mu, sigma):
    """log N(x; mu, sigma^2) = -log(sigma) - log(2 pi)/2 - (x - mu)^2 / (2 sigma^2), elementwise, broadcasting."""
    x = np.asarray(x, dtype=np.float64)
    mu = np.asarray(mu, dtype=np.float64)
    sigma = np.asarray(sigma, dtype=np.float64)
    z = (x - mu) / sigma
    return -0.5 * z**2 - np.log(sigma) - _HALF_LOG_2PI


def _positive(rng, size, spread=0.7):
    return np.exp(spread * rng.normal(size=size)) * 1.5  # sigma scattered around 1.5, never 1


def cases(rng):
    mu_t = rng.normal(size=3)
    return [
        Case((rng.normal(size=6) * 2, rng.normal(size=6), _positive(rng, 6)), name="random, same shapes"),
        Case((rng.normal(size=(4, 3)) * 3, rng.normal(size=3), _positive(rng, (4, 1))),
             name="broadcasting: x (4, 3), mu (3,), sigma (4, 1)"),
        Case((rng.normal(size=5) * 4, 1.5, 2.5), name="scalar mu and sigma"),
        Case((np.array([0.0, 1.0, -2.0]), 0.0, 1.0), name="standard normal"),
        Case((np.array([0.0, 3.0]), 0.0, 1 / np.sqrt(2 * np.pi)), name="density 1 at the mean"),
        Case((np.array([40.0, -60.0, 100.0]), 0.0, 1.0), name="far in the tail"),
        Case((mu_t + rng.normal(size=3) * 1e-7, mu_t, np.full(3, 1e-6)), name="tiny sigma"),
        Case((rng.normal(size=4) * 1e3, 0.0, 1e4), name="huge sigma"),
    ]


def _sigma_as_variance(x, mu, sigma):
    return -0.5 * np.log(2 * np.pi * sigma) - (x - mu) ** 2 / (2 * sigma)


def _sigma_in_exponent(x, mu, sigma):
    return -np.log(sigma) - 0.5 * np.log(2 * np.pi) - (x - mu) ** 2 / (2 * sigma)


def _missing_log_2pi(x, mu, sigma):
    return -np.log(sigma) - (x - mu) ** 2 / (2 * sigma**2)


def _missing_log_sigma(x, mu, sigma):
    return -0.5 * np.log(2 * np.pi) - (x - mu) ** 2 / (2 * sigma**2)


def _log_of_pdf(x, mu, sigma):
    pdf = np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))
    return np.log(pdf)


MISTAKES = {
    "sigma-as-variance": [_sigma_as_variance, _sigma_in_exponent],
    "missing-log-2pi": _missing_log_2pi,
    "missing-log-sigma": _missing_log_sigma,
    "log-of-pdf": _log_of_pdf,
}
