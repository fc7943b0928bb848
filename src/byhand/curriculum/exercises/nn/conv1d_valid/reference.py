"""1-D convolution layer (cross-correlation, 'valid'): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def conv1d_valid(x, w, b):
    """y[o, t] = b[o] + sum_c sum_k w[o, c, k] * x[c, t + k], t = 0..L-K;
    x (C_in, L), w (C_out, C_in, K), b (C_out,) -> y (C_out, L - K + 1)."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    c_out, c_in, k = w.shape
    length = x.shape[1] - k + 1
    windows = np.stack([x[:, t:t + k] for t in range(length)])  # (L', C_in, K)
    return np.einsum("ock,tck->ot", w, windows) + np.asarray(b, dtype=np.float64)[:, None]


def _case(rng, c_in, length, c_out, k, scale=1.0):
    return (rng.normal(size=(c_in, length)) * scale, rng.normal(size=(c_out, c_in, k)), rng.normal(size=c_out))


def cases(rng):
    x, w, _ = _case(rng, 2, 8, 3, 3)
    return [
        Case(_case(rng, 3, 10, 2, 3), name="random"),
        Case(_case(rng, 4, 32, 5, 5), name="random, larger"),
        Case(_case(rng, 3, 9, 3, 4), name="C_in = C_out"),
        Case(_case(rng, 1, 12, 1, 3), name="one channel in and out"),
        Case(_case(rng, 1, 7, 4, 2), name="one input channel"),
        Case(_case(rng, 3, 6, 2, 1), name="kernel size 1 (pointwise)"),
        Case(_case(rng, 2, 5, 3, 5), name="kernel as long as the input (one output)"),
        Case((x, w, np.zeros(3)), name="zero bias"),
        Case(_case(rng, 2, 10, 2, 3, scale=1e6), name="large inputs"),
    ]


# --- known mistakes ----------------------------------------------------------

def _flipped_kernel(x, w, b):
    c_out, c_in, k = w.shape
    out = np.zeros((c_out, x.shape[1] - k + 1))
    for o in range(c_out):
        for c in range(c_in):
            out[o] += np.convolve(x[c], w[o, c], mode="valid")  # convolve flips the kernel
        out[o] += b[o]
    return out


def _no_bias(x, w, b):
    c_out, c_in, k = w.shape
    out = np.zeros((c_out, x.shape[1] - k + 1))
    for o in range(c_out):
        for t in range(out.shape[1]):
            out[o, t] = np.sum(w[o] * x[:, t:t + k])
    return out


def _off_by_one(x, w, b):
    c_out, c_in, k = w.shape
    out = np.zeros((c_out, x.shape[1] - k))
    for o in range(c_out):
        for t in range(out.shape[1]):
            out[o, t] = np.sum(w[o] * x[:, t:t + k]) + b[o]
    return out


def _channel_axes_swapped(x, w, b):
    c_out, c_in, k = w.shape
    out = np.zeros((c_out, x.shape[1] - k + 1))
    for o in range(c_out):
        for t in range(out.shape[1]):
            out[o, t] = np.sum(w[:, o] * x[:, t:t + k]) + b[o]
    return out


MISTAKES = {
    "flipped-kernel": _flipped_kernel,
    "no-bias": _no_bias,
    "off-by-one-length": _off_by_one,
    "channel-axes-swapped": _channel_axes_swapped,
}
