"""Log-sum-exp: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def logsumexp(x, axis=-1):
    """log(sum_i exp(x_i)) = m + log(sum_i exp(x_i - m)), m = max_i x_i, along `axis` (removed)."""
    x = np.asarray(x, dtype=np.float64)
    m = np.max(x, axis=axis, keepdims=True)
    s = np.sum(np.exp(x - m), axis=axis, keepdims=True)
    return np.squeeze(m + np.log(s), axis=axis)


def cases(rng):
    return [
        Case((rng.normal(size=5),), name="random vector"),
        Case((rng.normal(size=(3, 6)) * 4,), name="random matrix"),
        Case((rng.normal(size=(4, 4)),), name="square matrix"),
        Case((rng.normal(size=(4, 3)) * 2,), {"axis": 0}, name="axis=0"),
        Case((rng.normal(size=(2, 3, 4)),), {"axis": 1}, name="3-D, axis=1"),
        Case((np.array([1000.0, 1001.0, 999.5]),), name="huge values"),
        Case((np.array([[-1000.0, -1001.0], [-800.0, -800.0]]),), name="very negative values"),
        Case((np.zeros((2, 3)),), name="all zeros"),
        Case((rng.normal(size=(3, 1)),), name="size-1 axis"),
        Case((np.array([5.0, -40.0, 3.0, -np.log(2.0)]),), name="mixed scales"),
    ]


def _no_max_shift(x, axis=-1):
    return np.log(np.sum(np.exp(x), axis=axis))


def _keeps_axis(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))


def _forgets_max(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return np.log(np.sum(np.exp(x - m), axis=axis))


def _axis0(x, axis=-1):
    return logsumexp(x, axis=0)


def _ignores_axis(x, axis=-1):
    return logsumexp(x, axis=-1)


MISTAKES = {
    "no-max-shift": _no_max_shift,
    "keeps-axis": _keeps_axis,
    "max-not-added-back": _forgets_max,
    "wrong-axis": [_axis0, _ignores_axis],
}
