"""The gradient of 2-D max pooling with respect to its input: the reference, its cases and its
known mistakes."""

import numpy as np

from byhand import Case


def max_pool2d_backward(x, dy, kernel_size, stride=None):
    """dx: each output gradient dy[n, c, i, j] goes to the position of its window's maximum (the
    first one in row-major order on a tie); windows that overlap add up.
    x (N, C, H, W), dy (N, C, H_out, W_out), stride defaults to kernel_size, no padding."""
    x = np.asarray(x, dtype=np.float64)
    k, s = kernel_size, kernel_size if stride is None else stride
    dx = np.zeros_like(x)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(dy.shape[2]):
                for j in range(dy.shape[3]):
                    window = x[n, c, i * s:i * s + k, j * s:j * s + k]
                    u, v = np.unravel_index(np.argmax(window), window.shape)  # the first maximum
                    dx[n, c, i * s + u, j * s + v] += dy[n, c, i, j]
    return dx


def _out(n, k, s):
    return (n - k) // s + 1


def _case(rng, shape, k, s, name, x=None):
    x = rng.normal(size=shape) if x is None else x
    s_ = k if s is None else s
    dy = rng.normal(size=shape[:2] + (_out(shape[2], k, s_), _out(shape[3], k, s_)))
    return Case((x, dy, k), {} if s is None else {"stride": s}, name=name)


def cases(rng):
    # one dominant value in the middle: every 3x3 window with stride 1 around it picks it
    peak = rng.normal(size=(1, 1, 5, 5))
    peak[0, 0, 2, 2] = 10.0
    ties = np.zeros((1, 2, 4, 4))
    ties[0, 1] = np.kron(np.array([[1.0, 2.0], [3.0, 4.0]]), np.ones((2, 2)))  # constant 2x2 blocks
    return [
        _case(rng, (2, 2, 4, 4), 2, None, "2x2 windows, default stride"),
        _case(rng, (1, 3, 6, 6), 3, None, "3x3 windows, default stride"),
        _case(rng, (1, 2, 5, 5), 3, 1, "3x3 windows, stride 1 (overlapping)"),
        _case(rng, (2, 1, 7, 6), 3, 2, "3x3 windows, stride 2 (overlapping)"),
        _case(rng, (1, 1, 5, 5), 3, 1, "one peak shared by 9 windows", x=peak),
        _case(rng, (1, 2, 4, 4), 2, None, "ties: constant windows", x=ties),
        _case(rng, (1, 1, 5, 4), 2, None, "5x4 input: the last row gets no gradient"),
    ]


# --- known mistakes ----------------------------------------------------------

def _windows(x, dy, kernel_size, stride):
    k, s = kernel_size, kernel_size if stride is None else stride
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(dy.shape[2]):
                for j in range(dy.shape[3]):
                    yield n, c, i, j, slice(i * s, i * s + k), slice(j * s, j * s + k)


def _overwrites(x, dy, kernel_size, stride=None):
    dx = np.zeros_like(x)
    for n, c, i, j, rows, cols in _windows(x, dy, kernel_size, stride):
        window = x[n, c, rows, cols]
        u, v = np.unravel_index(np.argmax(window), window.shape)
        dx[n, c, rows.start + u, cols.start + v] = dy[n, c, i, j]  # = instead of +=
    return dx


def _spreads_evenly(x, dy, kernel_size, stride=None):
    dx = np.zeros_like(x)
    for n, c, i, j, rows, cols in _windows(x, dy, kernel_size, stride):
        dx[n, c, rows, cols] += dy[n, c, i, j] / kernel_size ** 2  # the gradient of average pooling
    return dx


def _all_tied_maxima(x, dy, kernel_size, stride=None):
    dx = np.zeros_like(x)
    for n, c, i, j, rows, cols in _windows(x, dy, kernel_size, stride):
        window = x[n, c, rows, cols]
        dx[n, c, rows, cols] += dy[n, c, i, j] * (window == window.max())  # every tied maximum
    return dx


MISTAKES = {
    "overwrites-instead-of-adding": _overwrites,
    "spreads-the-gradient-evenly": _spreads_evenly,
    "every-tied-maximum": _all_tied_maxima,
}
