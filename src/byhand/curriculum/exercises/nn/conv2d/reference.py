"""2-D convolution layer with padding and stride (PyTorch's F.conv2d): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def _out_size(n, k, stride, padding):
    return (n + 2 * padding - k) // stride + 1


def conv2d(x, w, b, stride=1, padding=0):
    """y[n, o, i, j] = b[o] + sum_{c, u, v} w[o, c, u, v] * xp[n, c, i*stride + u, j*stride + v],
    xp = x zero-padded by `padding` on every side of both spatial axes.
    x (N, C_in, H, W), w (C_out, C_in, KH, KW), b (C_out,) -> (N, C_out, H_out, W_out)."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    _, _, H, W = x.shape
    _, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = _out_size(H, KH, stride, padding), _out_size(W, KW, stride, padding)
    y = np.empty((x.shape[0], w.shape[0], Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            window = xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW]  # (N, C_in, KH, KW)
            y[:, :, i, j] = np.einsum("ncuv,ocuv->no", window, w)
    return y + np.asarray(b, dtype=np.float64)[None, :, None, None]


def _case(rng, N, C_in, H, W, C_out, KH, KW, stride, padding, scale=1.0):
    return Case((rng.normal(size=(N, C_in, H, W)) * scale, rng.normal(size=(C_out, C_in, KH, KW)),
                 rng.normal(size=C_out)), {"stride": stride, "padding": padding},
                name=f"{H}x{W} input, {KH}x{KW} kernel, stride {stride}, padding {padding}")


def cases(rng):
    return [
        _case(rng, 2, 3, 6, 6, 4, 3, 3, 1, 0),
        _case(rng, 2, 2, 7, 7, 3, 3, 3, 2, 1),
        _case(rng, 1, 3, 8, 8, 2, 3, 3, 1, 1),
        _case(rng, 2, 2, 8, 9, 3, 3, 3, 2, 0),
        _case(rng, 1, 1, 10, 7, 2, 4, 2, 3, 1),
        _case(rng, 2, 4, 5, 5, 3, 1, 1, 1, 0),
        _case(rng, 1, 2, 6, 5, 2, 5, 5, 1, 2),
        _case(rng, 3, 1, 4, 4, 1, 2, 2, 2, 0),
        Case((rng.normal(size=(1, 2, 5, 6)) * 1e3, rng.normal(size=(2, 2, 3, 3)), rng.normal(size=2)),
             {"stride": 2, "padding": 1}, name="large inputs, stride 2, padding 1"),
    ]


# --- known mistakes ----------------------------------------------------------

def _conv(x, w, b, stride, padding, flip=False, strided_start=True, plus_one=True):
    KH, KW = w.shape[2:]
    if flip:
        w = w[:, :, ::-1, ::-1]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho = (x.shape[2] + 2 * padding - KH) // stride + (1 if plus_one else 0)
    Wo = (x.shape[3] + 2 * padding - KW) // stride + (1 if plus_one else 0)
    y = np.zeros((x.shape[0], w.shape[0], Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            r, c = (i * stride, j * stride) if strided_start else (i, j)
            y[:, :, i, j] = np.einsum("ncuv,ocuv->no", xp[:, :, r:r + KH, c:c + KW], w)
    return y + b[None, :, None, None]


def _flipped_kernel(x, w, b, stride=1, padding=0):
    return _conv(x, w, b, stride, padding, flip=True)


def _window_not_strided(x, w, b, stride=1, padding=0):
    return _conv(x, w, b, stride, padding, strided_start=False)


def _output_size_no_plus_one(x, w, b, stride=1, padding=0):
    return _conv(x, w, b, stride, padding, plus_one=False)


def _ignores_padding(x, w, b, stride=1, padding=0):
    return _conv(x, w, b, stride, 0)


MISTAKES = {
    "flipped-kernel": _flipped_kernel,
    "window-start-not-strided": _window_not_strided,
    "output-size-off-by-one": _output_size_no_plus_one,
    "ignores-padding": _ignores_padding,
}
