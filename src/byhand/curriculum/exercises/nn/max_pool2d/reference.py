"""2-D max pooling (PyTorch's F.max_pool2d): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def max_pool2d(x, kernel_size, stride=None, padding=0):
    """y[n, c, i, j] = max over the k x k window at (i*s, j*s) of x padded with -inf;
    stride defaults to kernel_size. x (N, C, H, W) -> (N, C, H_out, W_out)."""
    x = np.asarray(x, dtype=np.float64)
    k, s, p = kernel_size, (kernel_size if stride is None else stride), padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=-np.inf)
    Ho, Wo = (x.shape[2] + 2 * p - k) // s + 1, (x.shape[3] + 2 * p - k) // s + 1
    y = np.empty(x.shape[:2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            y[:, :, i, j] = xp[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=(-2, -1))
    return y


def cases(rng):
    negative = -np.abs(rng.normal(size=(1, 2, 5, 5))) - 0.1
    return [
        Case((rng.normal(size=(2, 3, 4, 4)), 2), name="2x2 windows, default stride (= 2)"),
        Case((rng.normal(size=(1, 2, 6, 6)), 3), {"stride": 1}, name="3x3 windows, stride 1 (overlapping)"),
        Case((rng.normal(size=(2, 2, 7, 7)), 3), {"stride": 2, "padding": 1}, name="3x3, stride 2, padding 1"),
        Case((rng.normal(size=(1, 1, 5, 7)), 2), name="5x7 input: the last row and column are dropped"),
        Case((negative, 2), {"stride": 2, "padding": 1}, name="all negative, padding 1"),
        Case((rng.normal(size=(3, 1, 4, 6)), 2), {"stride": 1}, name="batch of 3, one channel"),
        Case((rng.normal(size=(1, 4, 3, 3)), 3), name="one window per channel (global max)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _pool(x, k, s, p, fill=-np.inf, axes=(-2, -1)):
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill)
    Ho, Wo = (x.shape[2] + 2 * p - k) // s + 1, (x.shape[3] + 2 * p - k) // s + 1
    y = np.empty(x.shape[:2] + (Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            y[:, :, i, j] = xp[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=axes)
    return y


def _zero_padding(x, kernel_size, stride=None, padding=0):
    return _pool(x, kernel_size, kernel_size if stride is None else stride, padding, fill=0.0)


def _stride_defaults_to_one(x, kernel_size, stride=None, padding=0):
    return _pool(x, kernel_size, 1 if stride is None else stride, padding)


def _max_over_all_axes(x, kernel_size, stride=None, padding=0):
    return _pool(x, kernel_size, kernel_size if stride is None else stride, padding, axes=None)


MISTAKES = {
    "zero-padding": _zero_padding,
    "stride-defaults-to-one": _stride_defaults_to_one,
    "max-over-batch-and-channels": _max_over_all_axes,
}
