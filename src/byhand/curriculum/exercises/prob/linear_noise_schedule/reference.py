"""DDPM's linear noise schedule (Ho, Jain & Abbeel 2020, section 4): the reference, its cases and
its known mistakes."""

import numpy as np

from byhand import Case


def linear_noise_schedule(beta_1, beta_T, T):
    """betas linear from beta_1 to beta_T (T values, both ends included); alpha_bars = cumprod(1 - betas)."""
    betas = np.linspace(beta_1, beta_T, int(T), dtype=np.float64)
    return betas, np.cumprod(1.0 - betas)


def cases(rng):
    return [
        Case((1e-4, 0.02, 1000), name="DDPM: 1e-4 to 0.02, T = 1000"),
        Case((0.05, 0.4, 5), name="short schedule, T = 5"),
        Case((float(rng.uniform(1e-4, 1e-2)), float(rng.uniform(0.05, 0.3)), int(rng.integers(3, 50))),
             name="random endpoints"),
        Case((0.1, 0.1, 1), name="T = 1"),
        Case((0.01, 0.2, 2), name="T = 2"),
    ]


def _alpha_not_cumulated(beta_1, beta_T, T):
    betas = np.linspace(beta_1, beta_T, T)
    return betas, 1.0 - betas


def _shifted_alpha_bar(beta_1, beta_T, T):
    betas = np.linspace(beta_1, beta_T, T)
    alpha_bars = np.concatenate([[1.0], np.cumprod(1.0 - betas)[:-1]])
    return betas, alpha_bars


def _endpoint_excluded(beta_1, beta_T, T):
    betas = beta_1 + (beta_T - beta_1) * np.arange(T) / T
    return betas, np.cumprod(1.0 - betas)


MISTAKES = {
    "alpha-not-cumulated": _alpha_not_cumulated,
    "shifted-alpha-bar": _shifted_alpha_bar,
    "endpoint-excluded": _endpoint_excluded,
}
