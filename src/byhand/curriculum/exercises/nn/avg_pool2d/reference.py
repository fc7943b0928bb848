"""2-D average pooling (PyTorch's F.avg_pool2d, count_include_pad=True): the reference, its cases
and its known mistakes."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from byhand import Case


def _windows(x, k, s, p, fill=0.0):
    """(N, C, H_out, W_out, k, k): every k x k window of x padded by p, moving by s."""
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill)
    return sliding_window_view(xp, (k, k), axis=(2, 3))[:, :, ::s, ::s]


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    """y[n, c, i, j] = (1 / k^2) * sum of the k x k window at (i*s, j*s) of x zero-padded by p
    (padded zeros count in the k^2); stride defaults to kernel_size. x (N, C, H, W)."""
    x = np.asarray(x, dtype=np.float64)
    s = kernel_size if stride is None else stride
    return _windows(x, kernel_size, s, padding).mean(axis=(-2, -1))


def cases(rng):
    return [
        Case((rng.normal(size=(2, 3, 4, 4)), 2), name="2x2 windows, default stride (= 2)"),
        Case((rng.normal(size=(1, 2, 5, 5)), 3), {"stride": 1}, name="3x3 windows, stride 1 (overlapping)"),
        Case((rng.normal(size=(2, 2, 6, 6)) + 3.0, 3), {"stride": 2, "padding": 1},
             name="3x3, stride 2, padding 1 (values around 3)"),
        Case((rng.normal(size=(1, 1, 7, 5)), 2), name="7x5 input: the last row and column are dropped"),
        Case((np.ones((1, 2, 4, 4)), 2), {"padding": 1}, name="all ones, padding 1"),
        Case((rng.normal(size=(3, 1, 3, 6)), 3), {"stride": 3}, name="batch of 3, one channel"),
        Case((rng.normal(size=(1, 4, 3, 3)), 3), name="one window per channel (global average)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _excludes_padding(x, kernel_size, stride=None, padding=0):
    s = kernel_size if stride is None else stride
    sums = _windows(x, kernel_size, s, padding).sum(axis=(-2, -1))
    counts = _windows(np.ones_like(x), kernel_size, s, padding).sum(axis=(-2, -1))
    return sums / counts  # the average over the real pixels only (count_include_pad=False)


def _stride_defaults_to_one(x, kernel_size, stride=None, padding=0):
    return _windows(x, kernel_size, 1 if stride is None else stride, padding).mean(axis=(-2, -1))


def _mean_over_all_axes(x, kernel_size, stride=None, padding=0):
    w = _windows(x, kernel_size, kernel_size if stride is None else stride, padding)
    return np.broadcast_to(w.mean(axis=(0, 1, 4, 5)), w.shape[:4]).copy()


MISTAKES = {
    "padding-not-counted": _excludes_padding,
    "stride-defaults-to-one": _stride_defaults_to_one,
    "mean-over-batch-and-channels": _mean_over_all_axes,
}
