"""L2 normalization: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def l2_normalize(x, axis=-1, eps=1e-12):
    """x / max(||x||_2, eps), the norm taken along `axis` (kept for broadcasting)."""
    x = np.asarray(x, dtype=np.float64)
    norm = np.sqrt(np.sum(x * x, axis=axis, keepdims=True))
    return x / np.maximum(norm, eps)


def cases(rng):
    return [
        Case((rng.normal(size=5),), name="random vector"),
        Case((rng.normal(size=(3, 4)) * 2,), name="random matrix"),
        Case((rng.normal(size=(4, 4)),), name="square matrix"),
        Case((rng.normal(size=(4, 3)),), {"axis": 0}, name="axis=0"),
        Case((rng.normal(size=(2, 3, 4)),), {"axis": 1}, name="3-D, axis=1"),
        Case((rng.normal(size=(2, 3, 5)),), name="batch of matrices"),
        Case((rng.normal(size=(3, 1)),), name="size-1 axis"),
        Case((np.zeros(4),), name="zero vector"),
        Case((np.array([[3.0, 4.0], [0.0, 0.0], [-1.0, 1.0]]),), name="batch with a zero row"),
        Case((rng.normal(size=4) * 1e-11,), name="tiny vector (norm just above eps)"),
        Case((rng.normal(size=4) * 1e-14,), name="tiny vector (norm below eps)"),
        Case((rng.normal(size=(2, 3)) * 1e-4,), {"eps": 1e-2}, name="eps=1e-2"),
        Case((rng.normal(size=(2, 4)) * 1e150,), name="huge values"),
    ]


def _eps_added(x, axis=-1, eps=1e-12):
    return x / (np.linalg.norm(x, axis=axis, keepdims=True) + eps)


def _eps_ignored(x, axis=-1, eps=1e-12):
    return x / np.linalg.norm(x, axis=axis, keepdims=True)


def _eps_on_squared_norm(x, axis=-1, eps=1e-12):  # tf.math.l2_normalize
    return x / np.sqrt(np.maximum(np.sum(x * x, axis=axis, keepdims=True), eps))


def _eps_added_to_squared_norm(x, axis=-1, eps=1e-12):
    return x / np.sqrt(np.sum(x * x, axis=axis, keepdims=True) + eps)


def _axis0(x, axis=-1, eps=1e-12):
    return l2_normalize(x, axis=0, eps=eps)


def _ignores_axis(x, axis=-1, eps=1e-12):
    return l2_normalize(x, axis=-1, eps=eps)


def _whole_array(x, axis=-1, eps=1e-12):
    return x / max(np.linalg.norm(x), eps)


def _no_keepdims(x, axis=-1, eps=1e-12):
    return x / np.maximum(np.linalg.norm(x, axis=axis), eps)


MISTAKES = {
    "eps-added": _eps_added,
    "eps-ignored": _eps_ignored,
    "wrong-axis": [_axis0, _ignores_axis, _whole_array],
    "no-keepdims": _no_keepdims,
    "eps-on-squared-norm": [_eps_on_squared_norm, _eps_added_to_squared_norm],
}
