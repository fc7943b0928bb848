"""Backpropagation through a 2-D convolution layer (stride 1, no padding): the reference, its
cases and its known mistakes."""

import numpy as np

from byhand import Case


def conv2d_backward(x, w, dy):
    """For y[n,o,i,j] = b[o] + sum_{c,u,v} w[o,c,u,v] x[n,c,i+u,j+v], given dy = dL/dy:
    dx[n,c,p,q] = sum_{o,u,v} dy[n,o,p-u,q-v] w[o,c,u,v]  (a 'full' convolution with the flipped kernel),
    dw[o,c,u,v] = sum_{n,i,j} dy[n,o,i,j] x[n,c,i+u,j+v], db[o] = sum_{n,i,j} dy[n,o,i,j]."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    dy = np.asarray(dy, dtype=np.float64)
    KH, KW = w.shape[2:]
    Ho, Wo = dy.shape[2:]
    dx = np.zeros_like(x)
    dw = np.empty_like(w)
    for u in range(KH):
        for v in range(KW):
            dw[:, :, u, v] = np.einsum("noij,ncij->oc", dy, x[:, :, u:u + Ho, v:v + Wo])
            dx[:, :, u:u + Ho, v:v + Wo] += np.einsum("noij,oc->ncij", dy, w[:, :, u, v])
    return dx, dw, dy.sum(axis=(0, 2, 3))


def _case(rng, N, C_in, H, W, C_out, KH, KW, name):
    return Case((rng.normal(size=(N, C_in, H, W)), rng.normal(size=(C_out, C_in, KH, KW)),
                 rng.normal(size=(N, C_out, H - KH + 1, W - KW + 1))), name=name)


def cases(rng):
    return [
        _case(rng, 2, 3, 6, 6, 4, 3, 3, "N=2, 3 -> 4 channels, 6x6 input, 3x3 kernel"),
        _case(rng, 1, 2, 5, 7, 3, 2, 3, "one example, 2x3 kernel"),
        _case(rng, 3, 2, 4, 4, 2, 3, 3, "C_in = C_out = 2, batch of 3"),
        _case(rng, 2, 1, 5, 5, 1, 5, 5, "kernel as large as the input (1x1 output)"),
        _case(rng, 2, 3, 4, 5, 2, 1, 1, "1x1 kernel"),
        _case(rng, 1, 1, 8, 8, 1, 4, 4, "one channel, 4x4 kernel"),
    ]


# --- known mistakes ----------------------------------------------------------

def _full_correlation(dy, w):
    """dx[n,c,p,q] = sum_{o,u,v} dyp[n,o,p+u,q+v] w[o,c,u,v], dy zero-padded by K-1: no flip."""
    KH, KW = w.shape[2:]
    dyp = np.pad(dy, ((0, 0), (0, 0), (KH - 1, KH - 1), (KW - 1, KW - 1)))
    H, W = dy.shape[2] + KH - 1, dy.shape[3] + KW - 1
    dx = np.zeros((dy.shape[0], w.shape[1], H, W))
    for u in range(KH):
        for v in range(KW):
            dx += np.einsum("noij,oc->ncij", dyp[:, :, u:u + H, v:v + W], w[:, :, u, v])
    return dx


def _dx_kernel_not_flipped(x, w, dy):
    _, dw, db = conv2d_backward(x, w, dy)
    return _full_correlation(dy, w), dw, db


def _dw_flipped(x, w, dy):
    dx, dw, db = conv2d_backward(x, w, dy)
    return dx, dw[:, :, ::-1, ::-1], db


def _db_per_example(x, w, dy):
    dx, dw, _ = conv2d_backward(x, w, dy)
    return dx, dw, dy.sum(axis=(2, 3))


MISTAKES = {
    "dx-kernel-not-flipped": _dx_kernel_not_flipped,
    "dw-flipped": _dw_flipped,
    "db-not-summed-over-the-batch": _db_per_example,
}
