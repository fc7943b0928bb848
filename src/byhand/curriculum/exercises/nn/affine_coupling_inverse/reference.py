"""The inverse of RealNVP's affine coupling layer (Dinh, Sohl-Dickstein & Bengio 2017, section 3.3):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def affine_coupling_inverse(y, W_s, b_s, W_t, b_t):
    """x1 = y1, x2 = (y2 - t) * exp(-s) with s = tanh(y1 W_s + b_s), t = y1 W_t + b_t, d = D // 2;
    log_det = -sum_j s_j per row."""
    y = np.asarray(y, dtype=np.float64)
    d = y.shape[1] // 2
    y1, y2 = y[:, :d], y[:, d:]
    s = np.tanh(y1 @ W_s + b_s)
    x2 = (y2 - (y1 @ W_t + b_t)) * np.exp(-s)
    return np.concatenate([y1, x2], axis=1), -s.sum(axis=1)


def layer_case(rng, N, D, zero_shift=False):
    d = D // 2
    W_t = np.zeros((d, D - d)) if zero_shift else rng.normal(size=(d, D - d))
    b_t = np.zeros(D - d) if zero_shift else rng.normal(size=D - d)
    return rng.normal(size=(N, D)), rng.normal(size=(d, D - d)), 0.5 * rng.normal(size=D - d), W_t, b_t


def cases(rng):
    specs = [(3, 4, False, "D = 4, batch of 3"), (2, 5, False, "odd D = 5"), (1, 2, False, "D = 2, one row"),
             (3, 4, True, "zero shift network: t = 0"), (4, 6, False, "D = 6, batch of 4")]
    return [Case(layer_case(rng, N, D, zero_shift=zero), name=name) for N, D, zero, name in specs]


def _wrong_order(y, W_s, b_s, W_t, b_t):
    d = y.shape[1] // 2
    s = np.tanh(y[:, :d] @ W_s + b_s)
    x2 = y[:, d:] * np.exp(-s) - (y[:, :d] @ W_t + b_t)
    return np.concatenate([y[:, :d], x2], axis=1), -s.sum(axis=1)


def _log_det_sign(y, W_s, b_s, W_t, b_t):
    d = y.shape[1] // 2
    s = np.tanh(y[:, :d] @ W_s + b_s)
    x2 = (y[:, d:] - (y[:, :d] @ W_t + b_t)) * np.exp(-s)
    return np.concatenate([y[:, :d], x2], axis=1), s.sum(axis=1)


def _scale_not_inverted(y, W_s, b_s, W_t, b_t):
    d = y.shape[1] // 2
    s = np.tanh(y[:, :d] @ W_s + b_s)
    x2 = (y[:, d:] - (y[:, :d] @ W_t + b_t)) * np.exp(s)
    return np.concatenate([y[:, :d], x2], axis=1), -s.sum(axis=1)


MISTAKES = {
    "wrong-order": _wrong_order,
    "log-det-sign": _log_det_sign,
    "scale-not-inverted": _scale_not_inverted,
}
