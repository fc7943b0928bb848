"""Softmax: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def softmax(x, axis=-1):
    """softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m), m = max_j x_j, along `axis`."""
    x = np.asarray(x, dtype=np.float64)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def cases(rng):
    return [
        Case((rng.normal(size=4),), name="random vector"),
        Case((rng.normal(size=(3, 5)),), name="random matrix"),
        Case((rng.normal(size=(4, 4)) * 3,), {"axis": 0}, name="axis=0"),
        Case((rng.normal(size=(3, 3)),), name="square matrix"),
        Case((rng.normal(size=(2, 3, 4)),), {"axis": 1}, name="3-D, axis=1"),
        Case((rng.normal(size=(2, 3, 6)) * 5,), name="batch of matrices"),
        Case((np.array([1000.0, 1001.0, 1002.0]),), name="huge values"),
        Case((np.array([[-1000.0, -1000.5], [800.0, 799.0]]),), name="huge values, both signs"),
        Case((np.zeros((2, 3)),), name="all zeros"),
        Case((rng.normal(size=(3, 1)),), name="size-1 axis"),
        Case((np.array([[1e-9, 2e-9, 0.0]]),), name="tiny differences"),
    ]


def _no_max_shift(x, axis=-1):
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)


def _axis0(x, axis=-1):
    return softmax(x, axis=0)


def _ignores_axis(x, axis=-1):
    return softmax(x, axis=-1)


def _whole_array(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def _no_keepdims(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis)  # broadcasts against the wrong axis, or fails


MISTAKES = {
    "no-max-shift": _no_max_shift,
    "wrong-axis": [_axis0, _ignores_axis, _whole_array],
    "no-keepdims": _no_keepdims,
}
