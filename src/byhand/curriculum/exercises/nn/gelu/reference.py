"""Exact GELU: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import erf, erfc

from byhand import Case


def gelu(x):
    """GELU(x) = x * Phi(x) = x/2 * (1 + erf(x / sqrt(2))), Phi the standard normal CDF.
    Written with erfc, which keeps full relative precision for very negative x."""
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * x * erfc(-x / np.sqrt(2.0))


def cases(rng):
    return [
        Case((rng.normal(size=6),), name="random"),
        Case((rng.normal(size=(3, 5)) * 2,), name="random matrix"),
        Case((np.linspace(-6.0, 6.0, 25),), name="from -6 to 6"),
        Case((np.array([-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]),), name="integers -3..3"),
        Case((np.array([1e-8, -1e-8, 1e-3, -1e-3]),), name="tiny values"),
        Case((np.array([-1000.0, -40.0, 40.0, 1000.0]),), name="huge values"),
        Case((np.zeros((2, 3)),), name="all zeros"),
        Case((rng.normal(size=(2, 3, 4)),), name="batch of matrices"),
    ]


def _tanh_approximation(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


def _sigmoid_approximation(x):
    return x / (1 + np.exp(-1.702 * x))


def _missing_sqrt2(x):
    return 0.5 * x * (1 + erf(x))


def _missing_half(x):
    return x * (1 + erf(x / np.sqrt(2)))


MISTAKES = {
    "tanh-approximation": _tanh_approximation,
    "sigmoid-approximation": _sigmoid_approximation,
    "missing-sqrt2": _missing_sqrt2,
    "missing-half": _missing_half,
}
