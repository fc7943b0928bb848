"""Dirichlet log-density over the probability simplex: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import gammaln, xlogy

from byhand import Case


def dirichlet_log_pdf(x, alpha):
    """log Dir(x; alpha) = lgamma(sum_k alpha_k) - sum_k lgamma(alpha_k) + sum_k (alpha_k - 1) log x_k,
    over the last axis; leading axes broadcast."""
    x = np.asarray(x, dtype=np.float64)
    alpha = np.asarray(alpha, dtype=np.float64)
    log_norm = gammaln(np.sum(alpha, axis=-1)) - np.sum(gammaln(alpha), axis=-1)
    return log_norm + np.sum(xlogy(alpha - 1.0, x), axis=-1)


def _alpha(rng, size):
    v = rng.uniform(0.3, 4.0, size=size)
    return np.where(np.abs(v - 1.0) < 0.15, v + 0.4, v)  # keep every alpha_k away from 1


def cases(rng):
    b = rng.uniform(0.1, 0.9, size=3)
    return [
        Case((rng.dirichlet(np.ones(4)), _alpha(rng, 4)), name="random, K = 4"),
        Case((rng.dirichlet(np.ones(3), size=5), _alpha(rng, 3)), name="5 points, one alpha"),
        Case((rng.dirichlet(np.ones(3), size=4), _alpha(rng, (4, 3))), name="4 points, 4 alphas"),
        Case((np.stack([b, 1 - b], axis=-1), np.array([2.5, 0.7])), name="K = 2: a Beta density"),
        Case((np.array([[0.2, 0.3, 0.5], [0.0, 0.4, 0.6], [1.0, 0.0, 0.0]]), np.ones(3)),
             name="alpha all 1: uniform on the simplex, boundary points included"),
        Case((np.array([0.0, 0.25, 0.75]), np.array([1.0, 2.0, 3.0])), name="a zero entry where alpha is 1"),
        Case((np.array([[0.31, 0.33, 0.36], [0.2, 0.3, 0.5]]), np.full(3, 60.0)), name="large alpha: concentrated"),
        Case((np.array([0.98, 0.01, 0.01]), np.array([0.1, 0.1, 0.1])), name="alpha below 1: sparse"),
    ]


def _normalizer_inverted(x, alpha):
    log_b = np.sum(gammaln(alpha), axis=-1) - gammaln(np.sum(alpha, axis=-1))
    return log_b + np.sum(xlogy(alpha - 1.0, x), axis=-1)


def _exponent_alpha(x, alpha):
    log_norm = gammaln(np.sum(alpha, axis=-1)) - np.sum(gammaln(alpha), axis=-1)
    return log_norm + np.sum(alpha * np.log(x), axis=-1)


def _whole_alpha_sum(x, alpha):
    log_norm = gammaln(np.sum(alpha)) - np.sum(gammaln(alpha), axis=-1)
    return log_norm + np.sum(xlogy(alpha - 1.0, x), axis=-1)


def _log_of_zero(x, alpha):
    log_norm = gammaln(np.sum(alpha, axis=-1)) - np.sum(gammaln(alpha), axis=-1)
    return log_norm + np.sum((alpha - 1.0) * np.log(x), axis=-1)


MISTAKES = {
    "normalizer-inverted": _normalizer_inverted,
    "exponent-alpha-not-alpha-minus-1": _exponent_alpha,
    "alpha-sum-over-whole-array": _whole_alpha_sum,
    "zero-times-log-zero": _log_of_zero,
}
