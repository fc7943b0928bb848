"""The posterior of DDPM's forward process, q(x_{t-1} | x_t, x_0) (Ho, Jain & Abbeel 2020, eqs. 6-7):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def ddpm_posterior(x0, xt, t, betas):
    """Mean and variance of q(x_{t-1} | x_t, x_0) for one step t in 1..T, alpha_bar_0 = 1."""
    betas = np.asarray(betas, dtype=np.float64)
    alpha_bars = np.concatenate([[1.0], np.cumprod(1.0 - betas)])  # alpha_bars[k] = alpha_bar_k
    t = int(t)
    ab_t, ab_prev, beta = alpha_bars[t], alpha_bars[t - 1], betas[t - 1]
    mean = (np.sqrt(ab_prev) * beta / (1.0 - ab_t)) * np.asarray(x0, dtype=np.float64) \
        + (np.sqrt(1.0 - beta) * (1.0 - ab_prev) / (1.0 - ab_t)) * np.asarray(xt, dtype=np.float64)
    return mean, np.asarray((1.0 - ab_prev) / (1.0 - ab_t) * beta)


def cases(rng):
    T = 6
    betas = np.sort(rng.uniform(0.05, 0.4, size=T))
    return [
        Case((rng.normal(size=4), rng.normal(size=4), int(rng.integers(3, T)), betas), name="random step, vector"),
        Case((rng.normal(size=(2, 3, 3)), rng.normal(size=(2, 3, 3)), 4, betas), name="batch of images"),
        Case((rng.normal(size=3), rng.normal(size=3), 1, betas), name="t = 1"),
        Case((rng.normal(size=3), rng.normal(size=3), 2, betas), name="t = 2"),
        Case((rng.normal(size=5), rng.normal(size=5), T, betas), name="t = T"),
    ]



def _t_minus_one_wraps(x0, xt, t, betas):
    alpha_bars = np.cumprod(1 - betas)
    ab_t, ab_prev, beta = alpha_bars[t - 1], alpha_bars[t - 2], betas[t - 1]
    mean = np.sqrt(ab_prev) * beta / (1 - ab_t) * x0 + np.sqrt(1 - beta) * (1 - ab_prev) / (1 - ab_t) * xt
    return mean, np.asarray((1 - ab_prev) / (1 - ab_t) * beta)


def _alpha_bar_in_xt_coefficient(x0, xt, t, betas):
    alpha_bars = np.concatenate([[1.0], np.cumprod(1 - betas)])
    ab_t, ab_prev, beta = alpha_bars[t], alpha_bars[t - 1], betas[t - 1]
    mean = np.sqrt(ab_prev) * beta / (1 - ab_t) * x0 + np.sqrt(ab_t) * (1 - ab_prev) / (1 - ab_t) * xt
    return mean, np.asarray((1 - ab_prev) / (1 - ab_t) * beta)


def _no_sqrt(x0, xt, t, betas):
    alpha_bars = np.concatenate([[1.0], np.cumprod(1 - betas)])
    ab_t, ab_prev, beta = alpha_bars[t], alpha_bars[t - 1], betas[t - 1]
    mean = ab_prev * beta / (1 - ab_t) * x0 + (1 - beta) * (1 - ab_prev) / (1 - ab_t) * xt
    return mean, np.asarray((1 - ab_prev) / (1 - ab_t) * beta)


def _beta_as_posterior_variance(x0, xt, t, betas):
    alpha_bars = np.concatenate([[1.0], np.cumprod(1 - betas)])
    ab_t, ab_prev, beta = alpha_bars[t], alpha_bars[t - 1], betas[t - 1]
    mean = np.sqrt(ab_prev) * beta / (1 - ab_t) * x0 + np.sqrt(1 - beta) * (1 - ab_prev) / (1 - ab_t) * xt
    return mean, np.asarray(beta)


MISTAKES = {
    "t-minus-one-wraps": _t_minus_one_wraps,
    "alpha-bar-in-xt-coefficient": _alpha_bar_in_xt_coefficient,
    "no-sqrt": _no_sqrt,
    "beta-as-posterior-variance": _beta_as_posterior_variance,
}
