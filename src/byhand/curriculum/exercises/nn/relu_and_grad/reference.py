"""ReLU and its derivative: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def relu_and_grad(x):
    """(max(x, 0), 1[x > 0]) elementwise; the derivative at 0 is taken as 0."""
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0), (x > 0).astype(np.float64)


def cases(rng):
    return [
        Case((rng.normal(size=6),), name="random vector"),
        Case((rng.normal(size=(4, 5)) * 3,), name="random matrix"),
        Case((rng.normal(size=(2, 3, 4)),), name="batch of matrices"),
        Case((np.array([-2.0, 0.0, 3.0]),), name="exact zero"),
        Case((np.zeros((2, 2)),), name="all zeros"),
        Case((np.array([-1e300, -1e-300, 1e-300, 1e300]),), name="huge and tiny values"),
        Case((np.array([0.25, 0.5, 2.0, 7.0]),), name="all positive"),
        Case((-np.abs(rng.normal(size=(3, 1))),), name="all negative, size-1 axis"),
        Case((np.array(1.5),), name="a scalar (0-d)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _grad_one_at_zero(x):
    return np.maximum(x, 0), (x >= 0).astype(float)


def _grad_is_relu(x):
    y = np.maximum(x, 0)
    return y, y


def _grad_is_sign(x):
    return np.maximum(x, 0), np.sign(x)


MISTAKES = {
    "grad-one-at-zero": _grad_one_at_zero,
    "grad-is-relu": _grad_is_relu,
    "grad-is-sign": _grad_is_sign,
}
