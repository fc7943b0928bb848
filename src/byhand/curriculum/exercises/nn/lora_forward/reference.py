"""The forward pass of a LoRA-adapted linear layer (Hu et al. 2021, eq. 3 and section 4.1): the
reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def lora_forward(x, W0, A, B, alpha):
    """h = W0 x + (alpha / r) B A x for each row x, r = A.shape[0].
    x (..., d_in), W0 (d_out, d_in), A (r, d_in), B (d_out, r) -> (..., d_out)."""
    x = np.asarray(x, dtype=np.float64)
    r = A.shape[0]
    return x @ W0.T + (alpha / r) * ((x @ A.T) @ B.T)


def _case(rng, lead, d_in, d_out, r, zero_B=False):
    B = np.zeros((d_out, r)) if zero_B else rng.normal(size=(d_out, r))
    return (rng.normal(size=lead + (d_in,)), rng.normal(size=(d_out, d_in)) / np.sqrt(d_in),
            rng.normal(size=(r, d_in)) / np.sqrt(d_in), B)


def cases(rng):
    return [
        Case(_case(rng, (5,), 8, 6, 2) + (16.0,), name="r=2, alpha=16, 8 -> 6 features"),
        Case(_case(rng, (2, 3), 6, 6, 4) + (8.0,), name="square layer, r=4, alpha=8, batch (2, 3)"),
        Case(_case(rng, (4,), 10, 3, 1) + (1.0,), name="r=1, alpha=1"),
        Case(_case(rng, (3,), 5, 7, 5) + (5.0,), name="alpha = r = 5 (scale 1)"),
        Case(_case(rng, (), 6, 4, 2) + (32.0,), name="one vector, alpha=32"),
        Case(_case(rng, (4,), 6, 5, 3, zero_B=True) + (16.0,), name="B = 0 (at initialization)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _scale_alpha(x, W0, A, B, alpha):
    return x @ W0.T + alpha * (x @ A.T @ B.T)


def _no_scale(x, W0, A, B, alpha):
    return x @ W0.T + x @ A.T @ B.T


def _r_over_alpha(x, W0, A, B, alpha):
    return x @ W0.T + (A.shape[0] / alpha) * (x @ A.T @ B.T)


def _scales_base_too(x, W0, A, B, alpha):
    return (alpha / A.shape[0]) * (x @ W0.T + x @ A.T @ B.T)


MISTAKES = {
    "wrong-scale": [_scale_alpha, _no_scale, _r_over_alpha],
    "scales-the-frozen-weight": _scales_base_too,
}
