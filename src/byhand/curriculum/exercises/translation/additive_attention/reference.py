"""Additive (Bahdanau) attention, the alignment model of Bahdanau, Cho & Bengio 2015: the
reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def additive_attention(s_prev, H, W_a, U_a, v_a, mask=None):
    """e_j = v_a . tanh(W_a s_prev + U_a h_j); alpha = softmax(e) over the source positions where
    mask is True; c = sum_j alpha_j h_j. s_prev (n,), H (S, d_h), W_a (m, n), U_a (m, d_h),
    v_a (m,), mask (S,) bool or None -> (alpha (S,), c (d_h,))."""
    H = np.asarray(H, dtype=np.float64)
    e = np.tanh(W_a @ s_prev + H @ U_a.T) @ v_a  # (S,)
    if mask is not None:
        e = np.where(mask, e, -np.inf)
    alpha = np.exp(e - e.max())
    alpha /= alpha.sum()
    return alpha, alpha @ H


def _args(rng, S, n, d_h, m, scale=1.0):
    return (rng.normal(size=n), rng.normal(size=(S, d_h)) * scale, rng.normal(size=(m, n)) / np.sqrt(n),
            rng.normal(size=(m, d_h)) / np.sqrt(d_h), rng.normal(size=m) * 2.0)


def cases(rng):
    padded = np.array([True, True, True, True, False, False])
    return [
        Case(_args(rng, 5, 4, 6, 3), name="5 source words, n=4, d_h=6, m=3"),
        Case(_args(rng, 8, 3, 3, 5), name="8 source words, all sizes small"),
        Case(_args(rng, 1, 4, 5, 3), name="one source word"),
        Case(_args(rng, 6, 4, 4, 4), {"mask": padded}, name="padded source: last 2 positions masked"),
        Case(_args(rng, 3, 2, 4, 2), {"mask": np.array([False, True, True])}, name="first position masked"),
        Case(_args(rng, 4, 3, 5, 3, scale=50.0), name="large encoder states (tanh saturates)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _weights(e, mask, fill=-np.inf):
    if mask is not None:
        e = np.where(mask, e, fill)
    a = np.exp(e - e.max())
    return a / a.sum()


def _no_tanh(s_prev, H, W_a, U_a, v_a, mask=None):
    alpha = _weights((W_a @ s_prev + H @ U_a.T) @ v_a, mask)
    return alpha, alpha @ H


def _ignores_mask(s_prev, H, W_a, U_a, v_a, mask=None):
    alpha = _weights(np.tanh(W_a @ s_prev + H @ U_a.T) @ v_a, None)
    return alpha, alpha @ H


def _masked_with_zero(s_prev, H, W_a, U_a, v_a, mask=None):
    alpha = _weights(np.tanh(W_a @ s_prev + H @ U_a.T) @ v_a, mask, fill=0.0)
    return alpha, alpha @ H


def _no_softmax(s_prev, H, W_a, U_a, v_a, mask=None):
    e = np.tanh(W_a @ s_prev + H @ U_a.T) @ v_a
    if mask is not None:
        e = np.where(mask, e, 0.0)
    return e, e @ H


MISTAKES = {
    "no-tanh": _no_tanh,
    "ignores-mask": _ignores_mask,
    "masked-with-zero": _masked_with_zero,
    "no-softmax": _no_softmax,
}
