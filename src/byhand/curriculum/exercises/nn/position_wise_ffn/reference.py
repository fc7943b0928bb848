"""The position-wise feed-forward network (Vaswani et al. 2017, eq. 2): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def position_wise_ffn(x, W1, b1, W2, b2):
    """FFN(x) = max(0, x W1 + b1) W2 + b2, applied to every position (row) of x alike.
    x: (..., d_model); W1: (d_model, d_ff); b1: (d_ff,); W2: (d_ff, d_model); b2: (d_model,)."""
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(0.0, x @ W1 + b1) @ W2 + b2


def _weights(rng, d, f):
    return (rng.normal(size=(d, f)) / np.sqrt(d), rng.normal(size=f),
            rng.normal(size=(f, d)) / np.sqrt(f), rng.normal(size=d))


def cases(rng):
    def case(x, f, name, b1=None, b2=None):
        W1, rb1, W2, rb2 = _weights(rng, x.shape[-1], f)
        return Case((x, W1, rb1 if b1 is None else b1, W2, rb2 if b2 is None else b2), name=name)

    d, f = 4, 6
    signs = np.array([-1.0, 1.0, -2.0, 0.5, -0.5, 1.5])  # some hidden units cut off, some not
    return [
        case(rng.normal(size=(5, 8)), 16, "random (L, d_model) = (5, 8), d_ff = 16"),
        case(rng.normal(size=(2, 3, 6)), 12, "batch of sequences (B, L, d_model)"),
        case(rng.normal(size=d), f, "one position (d_model,)"),
        case(np.zeros((2, d)), f, "zero inputs: the output is max(0, b1) W2 + b2", b1=signs),
        case(rng.normal(size=(3, d)), f, "negative output bias (b2 = -4)", b2=np.full(d, -4.0)),
        case(rng.normal(size=(4, d)) * 5, f, "large inputs (x ~ 5)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _bias_outside_relu(x, W1, b1, W2, b2):
    x = np.asarray(x, dtype=np.float64)
    return (np.maximum(0.0, x @ W1) + b1) @ W2 + b2


def _relu_on_output_too(x, W1, b1, W2, b2):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(0.0, np.maximum(0.0, x @ W1 + b1) @ W2 + b2)


def _no_relu(x, W1, b1, W2, b2):
    x = np.asarray(x, dtype=np.float64)
    return (x @ W1 + b1) @ W2 + b2


MISTAKES = {
    "bias-outside-relu": _bias_outside_relu,
    "relu-on-output": _relu_on_output_too,
    "no-relu": _no_relu,
}
