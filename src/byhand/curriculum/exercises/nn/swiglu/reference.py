"""The SwiGLU feed-forward layer (Shazeer 2020, GLU Variants Improve Transformer): the reference,
its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^{-z}), without overflow


def swiglu(x, W, V, W2):
    """FFN_SwiGLU(x) = (Swish(x W) * (x V)) W2, Swish(z) = z * sigmoid(z).
    x (..., d), W (d, f), V (d, f), W2 (f, d_out) -> (..., d_out)."""
    x = np.asarray(x, dtype=np.float64)
    a = x @ W
    return (a * _sigmoid(a) * (x @ V)) @ W2


def _case(rng, lead, d, f, d_out=None, scale=1.0):
    d_out = d if d_out is None else d_out
    return (rng.normal(size=lead + (d,)) * scale, rng.normal(size=(d, f)) / np.sqrt(d),
            rng.normal(size=(d, f)) / np.sqrt(d), rng.normal(size=(f, d_out)) / np.sqrt(f))


def cases(rng):
    return [
        Case(_case(rng, (4,), 6, 10), name="4 tokens, d=6, hidden 10"),
        Case(_case(rng, (2, 3), 4, 8), name="batch and sequence (2, 3), d=4, hidden 8"),
        Case(_case(rng, (), 5, 4), name="one vector"),
        Case(_case(rng, (3,), 4, 6, d_out=2), name="d_out = 2"),
        Case(_case(rng, (3,), 4, 1), name="hidden size 1"),
        Case(_case(rng, (5,), 4, 8, scale=30.0), name="large inputs (|xW| ~ 30)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _glu_sigmoid(x, W, V, W2):
    return (_sigmoid(x @ W) * (x @ V)) @ W2


def _swish_on_value_branch(x, W, V, W2):
    b = x @ V
    return ((x @ W) * b * _sigmoid(b)) @ W2


def _swish_after_product(x, W, V, W2):
    p = (x @ W) * (x @ V)
    return (p * _sigmoid(p)) @ W2


MISTAKES = {
    "sigmoid-not-swish": _glu_sigmoid,
    "swish-on-the-wrong-branch": _swish_on_value_branch,
    "swish-after-the-product": _swish_after_product,
}
