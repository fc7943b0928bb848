"""A residual block (He et al. 2016, eq. 1-2, with fully connected layers): the reference, its
cases and its known mistakes."""

import numpy as np

from byhand import Case


def _relu(z):
    return np.maximum(z, 0.0)


def residual_block(x, W1, b1, W2, b2, Ws=None):
    """y = relu(F(x) + shortcut(x)), F(x) = relu(x W1 + b1) W2 + b2,
    shortcut(x) = x (identity) or x Ws (projection, when Ws is given)."""
    x = np.asarray(x, dtype=np.float64)
    F = _relu(x @ W1 + b1) @ W2 + b2
    shortcut = x if Ws is None else x @ Ws
    return _relu(F + shortcut)


def _case(rng, N, d, h, d_out=None, proj=False, scale=1.0):
    d_out = d if d_out is None else d_out
    args = (rng.normal(size=(N, d)) * scale, rng.normal(size=(d, h)) / np.sqrt(d), rng.normal(size=h) * 0.3,
            rng.normal(size=(h, d_out)) / np.sqrt(h), rng.normal(size=d_out) * 0.3)
    return args + ((rng.normal(size=(d, d_out)) / np.sqrt(d),) if proj else ())


def cases(rng):
    return [
        Case(_case(rng, 4, 5, 8), name="identity shortcut, d=5, hidden 8"),
        Case(_case(rng, 3, 6, 3), name="bottleneck (hidden 3 < d = 6)"),
        Case(_case(rng, 1, 4, 4), name="one example"),
        Case(_case(rng, 4, 3, 6, d_out=5, proj=True), name="projection shortcut, 3 -> 5 features"),
        Case(_case(rng, 3, 4, 6, proj=True), name="projection shortcut, same width (option C)"),
        Case(_case(rng, 5, 4, 6, scale=10.0), name="large inputs"),
    ]


# --- known mistakes ----------------------------------------------------------

def _F(x, W1, b1, W2, b2):
    return _relu(x @ W1 + b1) @ W2 + b2


def _no_shortcut(x, W1, b1, W2, b2, Ws=None):
    return _relu(_F(x, W1, b1, W2, b2))


def _relu_before_add(x, W1, b1, W2, b2, Ws=None):
    return _relu(_F(x, W1, b1, W2, b2)) + (x if Ws is None else x @ Ws)


def _no_final_relu(x, W1, b1, W2, b2, Ws=None):
    return _F(x, W1, b1, W2, b2) + (x if Ws is None else x @ Ws)


def _ignores_projection(x, W1, b1, W2, b2, Ws=None):
    return _relu(_F(x, W1, b1, W2, b2) + x)


MISTAKES = {
    "no-shortcut": _no_shortcut,
    "relu-before-addition": _relu_before_add,
    "no-relu-after-addition": _no_final_relu,
    "ignores-projection": _ignores_projection,
}
