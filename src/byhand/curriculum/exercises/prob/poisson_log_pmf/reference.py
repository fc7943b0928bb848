"""Poisson log-probability mass function: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import factorial, gammaln, xlogy

from byhand import Case


def poisson_log_pmf(k, lam):
    """log P(K = k) = k log(lam) - lam - log(k!), log(k!) = lgamma(k + 1); elementwise, broadcasting."""
    k = np.asarray(k, dtype=np.float64)
    lam = np.asarray(lam, dtype=np.float64)
    return xlogy(k, lam) - lam - gammaln(k + 1.0)


def cases(rng):
    return [
        Case((rng.integers(0, 8, size=6), float(rng.uniform(0.5, 5.0))), name="random counts, one rate"),
        Case((rng.integers(0, 6, size=(3, 4)), rng.uniform(0.3, 4.0, size=(3, 1))),
             name="broadcasting: k (3, 4), lam (3, 1)"),
        Case((np.arange(6), 1.0), name="rate 1"),
        Case((np.array([0, 1, 2]), 0.0), name="rate 0"),
        Case((np.array([0, 0, 0]), np.array([0.1, 2.0, 30.0])), name="no events: log P = -lam"),
        Case((np.array([180, 200, 220]), 200.0), name="large counts (k! overflows)"),
        Case((np.array([0, 1, 3]), 1e-8), name="tiny rate"),
        Case((np.array([1000, 1050]), rng.uniform(900.0, 1100.0, size=2)), name="rate about 1000"),
    ]


def _direct(k, lam):
    k = np.asarray(k, dtype=np.float64)
    return np.log(lam**k * np.exp(-lam) / factorial(k))


def _no_factorial(k, lam):
    return xlogy(k, lam) - lam


def _gammaln_k(k, lam):
    return xlogy(k, lam) - lam - gammaln(k)


def _log_of_zero(k, lam):
    return k * np.log(lam) - lam - gammaln(np.asarray(k, dtype=np.float64) + 1.0)


MISTAKES = {
    "log-of-pmf": _direct,
    "missing-log-factorial": _no_factorial,
    "gammaln-off-by-one": _gammaln_k,
    "zero-times-log-zero": _log_of_zero,
}
