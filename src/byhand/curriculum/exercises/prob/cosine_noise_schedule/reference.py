"""The cosine noise schedule (Nichol & Dhariwal 2021, eq. 17): the reference, its cases and its
known mistakes."""

import numpy as np

from byhand import Case


def _f(t, T, s):
    return np.cos((t / T + s) / (1.0 + s) * np.pi / 2.0) ** 2


def cosine_noise_schedule(T, s=0.008, max_beta=0.999):
    """alpha_bar(t) = f(t)/f(0), beta_t = min(1 - alpha_bar(t)/alpha_bar(t-1), max_beta), t = 1..T;
    alpha_bars recomputed as cumprod(1 - betas) after clipping."""
    f = _f(np.arange(int(T) + 1, dtype=np.float64), T, s)
    betas = np.minimum(1.0 - f[1:] / f[:-1], max_beta)
    return betas, np.cumprod(1.0 - betas)


def cases(rng):
    return [
        Case((1000,), name="T = 1000 (defaults)"),
        Case((10,), name="T = 10"),
        Case((int(rng.integers(3, 40)),), {"s": 0.0}, name="random T, s = 0"),
        Case((1,), name="T = 1"),
        Case((8,), {"max_beta": 0.5}, name="max_beta = 0.5"),
    ]


def _no_square(T, s=0.008, max_beta=0.999):
    t = np.arange(T + 1)
    f = np.cos((t / T + s) / (1 + s) * np.pi / 2)
    betas = np.minimum(1 - f[1:] / f[:-1], max_beta)
    return betas, np.cumprod(1 - betas)


def _not_normalized(T, s=0.008, max_beta=0.999):
    t = np.arange(1, T + 1)
    alpha_bars = np.cos((t / T + s) / (1 + s) * np.pi / 2) ** 2
    prev = np.concatenate([[1.0], alpha_bars[:-1]])
    betas = np.minimum(1 - alpha_bars / prev, max_beta)
    return betas, np.cumprod(1 - betas)


def _t_from_zero(T, s=0.008, max_beta=0.999):
    t = np.arange(T)
    f = np.cos((t / T + s) / (1 + s) * np.pi / 2) ** 2
    alpha_bars = f / f[0]
    prev = np.concatenate([[1.0], alpha_bars[:-1]])
    betas = np.minimum(1 - alpha_bars / prev, max_beta)
    return betas, np.cumprod(1 - betas)


def _no_clip(T, s=0.008, max_beta=0.999):
    t = np.arange(T + 1)
    f = np.cos((t / T + s) / (1 + s) * np.pi / 2) ** 2
    alpha_bars = f / f[0]
    betas = 1 - alpha_bars[1:] / alpha_bars[:-1]
    return betas, alpha_bars[1:]


MISTAKES = {
    "no-square": _no_square,
    "not-normalized": _not_normalized,
    "t-from-zero": _t_from_zero,
    "no-clip": _no_clip,
}
