"""The patch embedding of a Vision Transformer (Dosovitskiy et al. 2021, eq. 1): the reference,
its cases and its known mistakes."""

import numpy as np

from byhand import Case


def patch_embedding(x, w, b):
    """Cut each image into non-overlapping P x P patches, row by row (left to right, top to
    bottom), and project each patch: z[n, k, d] = b[d] + sum_{c,u,v} w[d, c, u, v] * patch_k[c, u, v].
    x (N, C, H, W) with H, W multiples of P, w (D, C, P, P), b (D,) -> (N, (H/P)(W/P), D)."""
    x = np.asarray(x, dtype=np.float64)
    N, C, H, W = x.shape
    P = w.shape[-1]
    patches = x.reshape(N, C, H // P, P, W // P, P)  # (n, c, row of patches, u, column, v)
    patches = patches.transpose(0, 2, 4, 1, 3, 5).reshape(N, (H // P) * (W // P), C, P, P)
    return np.einsum("nkcuv,dcuv->nkd", patches, w) + b


def _case(rng, N, C, H, W, D, P, name):
    return Case((rng.normal(size=(N, C, H, W)), rng.normal(size=(D, C, P, P)) / P, rng.normal(size=D)),
                name=name)


def cases(rng):
    return [
        _case(rng, 2, 3, 8, 8, 5, 4, "2 RGB images 8x8, 4x4 patches, D=5"),
        _case(rng, 1, 1, 6, 9, 4, 3, "one grey 6x9 image, 3x3 patches"),
        _case(rng, 2, 2, 4, 8, 3, 2, "4x8 images, 2x2 patches (2 rows of 4)"),
        _case(rng, 1, 3, 4, 4, 6, 4, "one patch per image"),
        _case(rng, 3, 2, 6, 6, 2, 1, "1x1 patches (one per pixel)"),
        _case(rng, 1, 3, 12, 8, 7, 4, "12x8 image: 3 rows of 2 patches"),
    ]


# --- known mistakes ----------------------------------------------------------

def _reshape_without_transpose(x, w, b):
    N, C, H, W = x.shape
    P = w.shape[-1]
    patches = x.reshape(N, C, (H // P) * (W // P), P, P)  # cuts the flattened rows, not the squares
    return np.einsum("nckuv,dcuv->nkd", patches, w) + b


def _column_major_order(x, w, b):
    N, C, H, W = x.shape
    P = w.shape[-1]
    patches = x.reshape(N, C, H // P, P, W // P, P).transpose(0, 4, 2, 1, 3, 5)  # columns first
    return np.einsum("nkcuv,dcuv->nkd", patches.reshape(N, -1, C, P, P), w) + b


def _patch_transposed(x, w, b):
    N, C, H, W = x.shape
    P = w.shape[-1]
    patches = x.reshape(N, C, H // P, P, W // P, P).transpose(0, 2, 4, 1, 5, 3)  # u and v swapped
    return np.einsum("nkcuv,dcuv->nkd", patches.reshape(N, -1, C, P, P), w) + b


MISTAKES = {
    "reshape-without-transpose": _reshape_without_transpose,
    "column-major-patch-order": _column_major_order,
    "patch-transposed": _patch_transposed,
}
