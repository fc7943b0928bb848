"""One step of DDPM's ancestral sampler (Ho, Jain & Abbeel 2020, eq. 11 and Algorithm 2): the
reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def ddpm_reverse_step(xt, t, eps_pred, z, betas):
    """x_{t-1} = (x_t - beta_t / sqrt(1 - alpha_bar_t) eps_pred) / sqrt(alpha_t) + sigma_t z,
    sigma_t = sqrt(beta_t) for t > 1 and 0 for t = 1."""
    betas = np.asarray(betas, dtype=np.float64)
    t = int(t)
    beta = betas[t - 1]
    alpha_bar = np.prod(1.0 - betas[:t])
    mean = (np.asarray(xt, dtype=np.float64) - beta / np.sqrt(1.0 - alpha_bar) * np.asarray(eps_pred, dtype=np.float64)) \
        / np.sqrt(1.0 - beta)
    sigma = np.sqrt(beta) if t > 1 else 0.0
    return mean + sigma * np.asarray(z, dtype=np.float64)


def cases(rng):
    T = 6
    betas = np.sort(rng.uniform(0.05, 0.4, size=T))
    def draw(shape):
        return rng.normal(size=shape), rng.normal(size=shape), rng.normal(size=shape)
    x, e, z = draw(4)
    xb, eb, zb = draw((2, 3, 3))
    x1, e1, z1 = draw(3)
    x2, e2, z2 = draw(3)
    xT, eT, zT = draw(5)
    return [
        Case((x, int(rng.integers(3, T)), e, z, betas), name="random step"),
        Case((xb, 4, eb, zb, betas), name="batch of images"),
        Case((x1, 1, e1, z1, betas), name="t = 1: no noise added"),
        Case((x2, 2, e2, z2, betas), name="t = 2"),
        Case((xT, T, eT, zT, betas), name="t = T"),
    ]


def _alpha_bar_in_scale(xt, t, eps_pred, z, betas):
    alpha_bars = np.cumprod(1 - betas)
    mean = (xt - betas[t - 1] / np.sqrt(1 - alpha_bars[t - 1]) * eps_pred) / np.sqrt(alpha_bars[t - 1])
    return mean + (np.sqrt(betas[t - 1]) if t > 1 else 0.0) * z


def _no_sqrt_in_eps_coefficient(xt, t, eps_pred, z, betas):
    alpha_bars = np.cumprod(1 - betas)
    mean = (xt - betas[t - 1] / (1 - alpha_bars[t - 1]) * eps_pred) / np.sqrt(1 - betas[t - 1])
    return mean + (np.sqrt(betas[t - 1]) if t > 1 else 0.0) * z


def _noise_at_last_step(xt, t, eps_pred, z, betas):
    alpha_bars = np.cumprod(1 - betas)
    mean = (xt - betas[t - 1] / np.sqrt(1 - alpha_bars[t - 1]) * eps_pred) / np.sqrt(1 - betas[t - 1])
    return mean + np.sqrt(betas[t - 1]) * z


def _variance_as_std(xt, t, eps_pred, z, betas):
    alpha_bars = np.cumprod(1 - betas)
    mean = (xt - betas[t - 1] / np.sqrt(1 - alpha_bars[t - 1]) * eps_pred) / np.sqrt(1 - betas[t - 1])
    return mean + (betas[t - 1] if t > 1 else 0.0) * z


MISTAKES = {
    "alpha-bar-in-scale": _alpha_bar_in_scale,
    "no-sqrt-in-eps-coefficient": _no_sqrt_in_eps_coefficient,
    "noise-at-last-step": _noise_at_last_step,
    "variance-as-std": _variance_as_std,
}
