"""Gamma log-density (shape-rate form): the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import gamma as gamma_fn
from scipy.special import gammaln, xlogy

from byhand import Case


def gamma_log_pdf(x, shape, rate):
    """log Gamma(x; a, b) = a log b - lgamma(a) + (a - 1) log x - b x, for x >= 0; elementwise, broadcasting."""
    x = np.asarray(x, dtype=np.float64)
    a = np.asarray(shape, dtype=np.float64)
    b = np.asarray(rate, dtype=np.float64)
    return a * np.log(b) - gammaln(a) + xlogy(a - 1.0, x) - b * x


def _not_one(rng, size, low, high):
    v = rng.uniform(low, high, size=size)
    return np.where(np.abs(v - 1.0) < 0.1, v + 0.3, v)  # keep shapes and rates away from 1


def cases(rng):
    return [
        Case((rng.gamma(2.0, 1.0, size=6), _not_one(rng, 6, 0.5, 5.0), _not_one(rng, 6, 0.3, 3.0)),
             name="random, same shapes"),
        Case((rng.gamma(3.0, 1.0, size=(4, 3)), _not_one(rng, 3, 1.5, 6.0), _not_one(rng, (4, 1), 0.3, 3.0)),
             name="broadcasting: x (4, 3), shape (3,), rate (4, 1)"),
        Case((rng.exponential(0.5, size=5), 1.0, 2.0), name="exponential (shape 1), rate 2"),
        Case((np.array([0.0, 0.5, 3.0]), 1.0, 0.5), name="exponential at x = 0"),
        Case((np.array([0.5, 3.0, 9.0]), 1.5, 0.5), name="chi-squared with 3 degrees of freedom"),
        Case((np.array([480.0, 500.0, 530.0]), 500.0, 1.0), name="shape 500 (Gamma(a) overflows)"),
        Case((np.array([0.01, 0.2, 2.0]), 0.5, 4.0), name="shape below 1 (density infinite at 0)"),
        Case((np.array([1e-3, 5e-3]), 3.0, 800.0), name="large rate: density above 1"),
    ]


def _rate_as_scale(x, shape, rate):
    return -shape * np.log(rate) - gammaln(shape) + xlogy(shape - 1.0, x) - x / rate


def _shape_exponent(x, shape, rate):
    return shape * np.log(rate) - gammaln(shape) + shape * np.log(x) - rate * x


def _log_of_gamma(x, shape, rate):
    return shape * np.log(rate) - np.log(gamma_fn(shape)) + xlogy(shape - 1.0, x) - rate * x


def _log_of_zero(x, shape, rate):
    return shape * np.log(rate) - gammaln(shape) + (shape - 1.0) * np.log(x) - rate * x


MISTAKES = {
    "rate-as-scale": _rate_as_scale,
    "exponent-a-not-a-minus-1": _shape_exponent,
    "log-of-gamma-function": _log_of_gamma,
    "zero-times-log-zero": _log_of_zero,
}
