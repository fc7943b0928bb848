"""Leaky ReLU: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def leaky_relu(x, negative_slope=0.01):
    """x where x > 0, negative_slope * x elsewhere (elementwise)."""
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, negative_slope * x)


def cases(rng):
    return [
        Case((rng.normal(size=6),), name="random vector"),
        Case((rng.normal(size=(4, 5)) * 3,), name="random matrix"),
        Case((rng.normal(size=(2, 3, 4)),), {"negative_slope": 0.2}, name="batch, negative_slope=0.2"),
        Case((rng.normal(size=5) * 10,), {"negative_slope": 0.1}, name="negative_slope=0.1"),
        Case((np.array([-3.0, -0.5, 0.0, 0.5, 3.0]),), {"negative_slope": 0.0}, name="negative_slope=0 (plain ReLU)"),
        Case((np.array([-1e300, -1e-300, 0.0, 1e-300, 1e300]),), name="huge and tiny values"),
        Case((np.zeros(3),), name="all zeros"),
        Case((np.array([0.001, 0.005, 0.02, 5.0]),), name="small positive values"),
        Case((-np.abs(rng.normal(size=(3, 1))),), {"negative_slope": 0.3}, name="all negative, size-1 axis"),
    ]


# --- known mistakes ----------------------------------------------------------

def _slope_on_positives(x, negative_slope=0.01):
    return np.where(x > 0, negative_slope * x, x)


def _max_with_slope(x, negative_slope=0.01):
    return np.maximum(x, negative_slope)


def _ignores_slope(x, negative_slope=0.01):
    return np.where(x > 0, x, 0.01 * x)


def _relu(x, negative_slope=0.01):
    return np.maximum(x, 0)


MISTAKES = {
    "slope-on-positives": _slope_on_positives,
    "max-with-slope": _max_with_slope,
    "ignores-slope": _ignores_slope,
    "plain-relu": _relu,
}
