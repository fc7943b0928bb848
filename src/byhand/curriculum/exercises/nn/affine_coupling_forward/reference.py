"""RealNVP's affine coupling layer, forward pass and log-determinant (Dinh, Sohl-Dickstein & Bengio
2017, section 3.2): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def affine_coupling_forward(x, W_s, b_s, W_t, b_t):
    """y1 = x1, y2 = x2 * exp(s) + t with s = tanh(x1 W_s + b_s), t = x1 W_t + b_t, d = D // 2;
    log_det = sum_j s_j per row."""
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[1] // 2
    x1, x2 = x[:, :d], x[:, d:]
    s = np.tanh(x1 @ W_s + b_s)
    y2 = x2 * np.exp(s) + (x1 @ W_t + b_t)
    return np.concatenate([x1, y2], axis=1), s.sum(axis=1)


def layer_case(rng, N, D, zero_scale=False):
    d = D // 2
    W_s = np.zeros((d, D - d)) if zero_scale else rng.normal(size=(d, D - d))
    b_s = np.zeros(D - d) if zero_scale else 0.5 * rng.normal(size=D - d)
    return rng.normal(size=(N, D)), W_s, b_s, rng.normal(size=(d, D - d)), rng.normal(size=D - d)


def cases(rng):
    return [
        Case(layer_case(rng, 3, 4), name="D = 4, batch of 3"),
        Case(layer_case(rng, 2, 5), name="odd D = 5"),
        Case(layer_case(rng, 1, 2), name="D = 2, one row"),
        Case(layer_case(rng, 3, 4, zero_scale=True), name="zero scale network: s = 0"),
        Case(layer_case(rng, 4, 6), name="D = 6, batch of 4"),
    ]


def _log_det_sums_scales(x, W_s, b_s, W_t, b_t):
    d = x.shape[1] // 2
    s = np.tanh(x[:, :d] @ W_s + b_s)
    y2 = x[:, d:] * np.exp(s) + x[:, :d] @ W_t + b_t
    return np.concatenate([x[:, :d], y2], axis=1), np.exp(s).sum(axis=1)


def _log_det_sign(x, W_s, b_s, W_t, b_t):
    d = x.shape[1] // 2
    s = np.tanh(x[:, :d] @ W_s + b_s)
    y2 = x[:, d:] * np.exp(s) + x[:, :d] @ W_t + b_t
    return np.concatenate([x[:, :d], y2], axis=1), -s.sum(axis=1)


def _scale_not_exponentiated(x, W_s, b_s, W_t, b_t):
    d = x.shape[1] // 2
    s = np.tanh(x[:, :d] @ W_s + b_s)
    y2 = x[:, d:] * s + x[:, :d] @ W_t + b_t
    return np.concatenate([x[:, :d], y2], axis=1), s.sum(axis=1)


def _halves_swapped(x, W_s, b_s, W_t, b_t):
    d = x.shape[1] // 2
    x1, x2 = x[:, :d], x[:, d:]
    s = np.tanh(x2 @ W_s + b_s)  # fails when D is odd
    y1 = x1 * np.exp(s) + x2 @ W_t + b_t
    return np.concatenate([y1, x2], axis=1), s.sum(axis=1)


MISTAKES = {
    "log-det-sums-scales": _log_det_sums_scales,
    "log-det-sign": _log_det_sign,
    "scale-not-exponentiated": _scale_not_exponentiated,
    "halves-swapped": _halves_swapped,
}
