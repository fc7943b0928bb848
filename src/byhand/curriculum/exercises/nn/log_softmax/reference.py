"""Log-softmax: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def log_softmax(x, axis=-1):
    """log softmax(x)_i = (x_i - m) - log(sum_j exp(x_j - m)), m = max_j x_j, along `axis`."""
    x = np.asarray(x, dtype=np.float64)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def cases(rng):
    return [
        Case((rng.normal(size=4),), name="random vector"),
        Case((rng.normal(size=(3, 5)) * 3,), name="random matrix"),
        Case((rng.normal(size=(4, 4)),), name="square matrix"),
        Case((rng.normal(size=(4, 3)) * 2,), {"axis": 0}, name="axis=0"),
        Case((rng.normal(size=(2, 3, 4)),), {"axis": 1}, name="3-D, axis=1"),
        Case((np.array([1000.0, 1001.0, 1002.0]),), name="huge values"),
        Case((np.array([[-1000.0, -1001.0, -1000.5], [-750.0, -760.0, -755.0]]),), name="very negative values"),
        Case((np.array([[0.0, -1000.0, 2.0], [10.0, -800.0, -5.0]]),), name="one score far below the rest"),
        Case((np.zeros((2, 3)),), name="all zeros"),
        Case((rng.normal(size=(3, 1)),), name="size-1 axis"),
    ]


def _stable_softmax(x, axis):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _log_of_softmax(x, axis=-1):
    return np.log(_stable_softmax(x, axis))


def _log_of_naive_softmax(x, axis=-1):
    e = np.exp(x)
    return np.log(e / np.sum(e, axis=axis, keepdims=True))


def _no_max_shift(x, axis=-1):
    return x - np.log(np.sum(np.exp(x), axis=axis, keepdims=True))


def _axis0(x, axis=-1):
    return log_softmax(x, axis=0)


def _ignores_axis(x, axis=-1):
    return log_softmax(x, axis=-1)


def _no_keepdims(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return x - np.squeeze(lse, axis=axis)  # broadcasts against the wrong axis, or fails


MISTAKES = {
    "log-of-softmax": [_log_of_softmax, _log_of_naive_softmax],
    "no-max-shift": _no_max_shift,
    "wrong-axis": [_axis0, _ignores_axis],
    "no-keepdims": _no_keepdims,
}
