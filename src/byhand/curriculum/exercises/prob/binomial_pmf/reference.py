"""Binomial probability mass function: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import comb, gammaln, xlog1py, xlogy

from byhand import Case


def binomial_pmf(k, n, p):
    """C(n, k) p^k (1 - p)^(n - k), computed in log space:
    log C(n, k) = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)."""
    k = np.asarray(k, dtype=np.float64)
    log_coef = gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0)
    return np.exp(log_coef + xlogy(k, p) + xlog1py(n - k, -p))


def cases(rng):
    n = int(rng.integers(5, 15))
    return [
        Case((3, 10, 0.3), name="k=3, n=10, p=0.3"),
        Case((np.arange(n + 1), n, float(rng.uniform(0.05, 0.45))), name="all k from 0 to n"),
        Case((np.arange(7), 6, float(rng.uniform(0.55, 0.95))), name="all k, p > 0.5"),
        Case((np.arange(5), 4, 0.5), name="fair coin, n=4"),
        Case((np.array([0, 1, 5]), 5, 0.0), name="p = 0"),
        Case((np.array([0, 4, 5]), 5, 1.0), name="p = 1"),
        Case((0, 0, 0.3), name="n = 0"),
        Case((np.array([480, 500, 520]), 1000, 0.5), name="n = 1000"),
        Case((np.array([290, 300, 310]), 1000, 0.3), name="n = 1000, p = 0.3"),
        Case((np.array([990, 1000, 1010]), 2000, 0.5), name="n = 2000: C(n, k) overflows"),
        Case((np.array([29_900, 30_000, 30_100]), 100_000, 0.3), name="n = 100000"),
        Case((np.array([0, 1, 2, 50]), 10_000, 1e-4), name="rare events (close to Poisson with mean 1)"),
    ]


def _no_coefficient(k, n, p):
    return p ** k * (1 - p) ** (n - k)


def _no_coefficient_logs(k, n, p):
    return np.exp(xlogy(k, p) + xlog1py(n - k, -p))


def _swapped(k, n, p):
    k = np.asarray(k, dtype=np.float64)
    log_coef = gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0)
    return np.exp(log_coef + xlogy(n - k, p) + xlog1py(k, -p))


def _swapped_direct(k, n, p):
    return comb(n, k) * (1 - p) ** k * p ** (n - k)


def _direct(k, n, p):
    return comb(n, k) * p ** k * (1 - p) ** (n - k)


def _log_of_zero(k, n, p):
    k = np.asarray(k, dtype=np.float64)
    log_coef = gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0)
    return np.exp(log_coef + k * np.log(p) + (n - k) * np.log(1 - p))


MISTAKES = {
    "missing-coefficient": [_no_coefficient, _no_coefficient_logs],
    "p-swapped": [_swapped, _swapped_direct],
    "direct-overflow": _direct,
    "zero-times-log-zero": _log_of_zero,
}
