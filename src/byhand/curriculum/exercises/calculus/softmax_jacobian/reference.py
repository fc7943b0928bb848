"""Jacobian of softmax: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def softmax_jacobian(x):
    """J[..., i, j] = d p_i / d x_j = p_i (delta_ij - p_j), p = softmax(x) over the last axis."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    eye = np.eye(x.shape[-1])
    return p[..., :, None] * eye - p[..., :, None] * p[..., None, :]


def cases(rng):
    return [
        Case((rng.normal(size=4),), name="random vector"),
        Case((rng.normal(size=6) * 3,), name="random vector, larger scores"),
        Case((rng.normal(size=(3, 5)),), name="batch of 3 vectors"),
        Case((rng.normal(size=(2, 2, 3)),), name="batch of shape (2, 2)"),
        Case((np.zeros(4),), name="all zeros (uniform p)"),
        Case((np.array([0.0, 1.0]),), name="two entries"),
        Case((rng.normal(size=1),), name="one entry"),
        Case((np.array([1000.0, 1001.0, 999.0]),), name="huge values"),
        Case((np.array([30.0, 0.0, -5.0, 1.0]),), name="one dominant score"),
    ]


def _softmax_no_shift(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _no_diagonal_term(x):
    p = _softmax(x)
    return -p[..., :, None] * p[..., None, :]


def _elementwise(x):
    p = _softmax(x)
    return (p * (1 - p))[..., :, None] * np.eye(x.shape[-1])


def _no_max_shift(x):
    p = _softmax_no_shift(x)
    return p[..., :, None] * np.eye(x.shape[-1]) - p[..., :, None] * p[..., None, :]


MISTAKES = {
    "no-diagonal-term": _no_diagonal_term,
    "elementwise-derivative": _elementwise,
    "no-max-shift": _no_max_shift,
}
