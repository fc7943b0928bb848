"""DDPM's forward process in closed form (Ho, Jain & Abbeel 2020, eq. 4): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def _per_example(c, x):
    return np.reshape(c, (-1,) + (1,) * (np.ndim(x) - 1))


def ddpm_forward_sample(x0, t, eps, betas):
    """x_t = sqrt(alpha_bar_t) x0 + sqrt(1 - alpha_bar_t) eps, alpha_bar_t = prod_{s<=t} (1 - beta_s),
    one step t (1..T) per example along axis 0."""
    x0 = np.asarray(x0, dtype=np.float64)
    alpha_bar = np.cumprod(1.0 - np.asarray(betas, dtype=np.float64))[np.asarray(t) - 1]
    a = _per_example(alpha_bar, x0)
    return np.sqrt(a) * x0 + np.sqrt(1.0 - a) * np.asarray(eps, dtype=np.float64)


def _betas(rng, T):
    return np.sort(rng.uniform(0.02, 0.3, size=T))


def cases(rng):
    T = 8
    betas = _betas(rng, T)
    return [
        Case((rng.normal(size=(4, 3)), rng.integers(2, T, size=4), rng.normal(size=(4, 3)), betas),
             name="batch of vectors (4, 3)"),
        Case((rng.normal(size=(2, 3, 4, 4)), np.array([3, 7]), rng.normal(size=(2, 3, 4, 4)), betas),
             name="images (2, 3, 4, 4)"),
        Case((rng.normal(size=(3, 3)), np.array([2, 5, 8]), rng.normal(size=(3, 3)), betas),
             name="square batch (3, 3)"),
        Case((rng.normal(size=(2, 5)), np.array([T, T]), rng.normal(size=(2, 5)), betas),
             name="t = T for every example"),
        Case((rng.normal(size=(2, 4)), np.array([1, 2]), rng.normal(size=(2, 4)), betas), name="t = 1 and t = 2"),
        Case((rng.normal(size=(3, 2)), np.array([4, 1, 6]), np.zeros((3, 2)), betas), name="eps = 0: the mean"),
    ]


def _alpha_not_alpha_bar(x0, t, eps, betas):
    a = (1 - betas)[t - 1].reshape((-1,) + (1,) * (x0.ndim - 1))
    return np.sqrt(a) * x0 + np.sqrt(1 - a) * eps


def _no_sqrt(x0, t, eps, betas):
    a = np.cumprod(1 - betas)[t - 1].reshape((-1,) + (1,) * (x0.ndim - 1))
    return a * x0 + (1 - a) * eps


def _noise_variance_as_std(x0, t, eps, betas):
    a = np.cumprod(1 - betas)[t - 1].reshape((-1,) + (1,) * (x0.ndim - 1))
    return np.sqrt(a) * x0 + (1 - a) * eps


def _t_zero_indexed(x0, t, eps, betas):
    a = np.cumprod(1 - betas)[t].reshape((-1,) + (1,) * (x0.ndim - 1))
    return np.sqrt(a) * x0 + np.sqrt(1 - a) * eps


def _coefficient_not_broadcast(x0, t, eps, betas):
    a = np.cumprod(1 - betas)[t - 1]
    return np.sqrt(a) * x0 + np.sqrt(1 - a) * eps  # (B,) against the last axis, or fails


MISTAKES = {
    "alpha-not-alpha-bar": _alpha_not_alpha_bar,
    "no-sqrt": _no_sqrt,
    "noise-variance-as-std": _noise_variance_as_std,
    "t-zero-indexed": _t_zero_indexed,
    "coefficient-not-broadcast": _coefficient_not_broadcast,
}
