"""DDPM's epsilon-prediction loss, simple (eq. 14) and weighted as in the variational bound (eq. 12)
(Ho, Jain & Abbeel 2020): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def ddpm_eps_loss(eps, eps_pred, t, betas, weighted=False):
    """Per example ||eps - eps_pred||^2 (over all axes but the first), times
    beta_t / (2 alpha_t (1 - alpha_bar_t)) when weighted (sigma_t^2 = beta_t)."""
    diff = np.asarray(eps, dtype=np.float64) - np.asarray(eps_pred, dtype=np.float64)
    sq = np.sum(diff.reshape(diff.shape[0], -1) ** 2, axis=1)
    if not weighted:
        return sq
    betas = np.asarray(betas, dtype=np.float64)
    idx = np.asarray(t) - 1
    beta, alpha_bar = betas[idx], np.cumprod(1.0 - betas)[idx]
    return beta**2 / (2.0 * beta * (1.0 - beta) * (1.0 - alpha_bar)) * sq


def cases(rng):
    T = 6
    betas = np.sort(rng.uniform(0.05, 0.4, size=T))
    def pair(shape):
        e = rng.normal(size=shape)
        return e, e + 0.5 * rng.normal(size=shape)
    e1, p1 = pair((4, 3))
    e2, p2 = pair((2, 2, 3, 3))
    e3, p3 = pair((3, 4))
    e4, p4 = pair((2, 2, 2, 2))
    e5, p5 = pair((2, 3))
    e6 = rng.normal(size=(2, 5))
    return [
        Case((e1, p1, rng.integers(2, T, size=4), betas), name="simple, vectors"),
        Case((e2, p2, np.array([3, 5]), betas), name="simple, images"),
        Case((e3, p3, np.array([2, 4, 5]), betas), {"weighted": True}, name="weighted, vectors"),
        Case((e4, p4, np.array([3, 2]), betas), {"weighted": True}, name="weighted, images"),
        Case((e5, p5, np.array([1, T]), betas), {"weighted": True}, name="weighted, t = 1 and t = T"),
        Case((e6, e6.copy(), np.array([2, 3]), betas), {"weighted": True}, name="perfect prediction"),
    ]


def _sq(eps, eps_pred):
    d = (eps - eps_pred).reshape(len(eps), -1)
    return (d**2).sum(axis=1)


def _alpha_bar_in_weight(eps, eps_pred, t, betas, weighted=False):
    if not weighted:
        return _sq(eps, eps_pred)
    ab = np.cumprod(1 - betas)[t - 1]
    b = betas[t - 1]
    return b**2 / (2 * b * ab * (1 - ab)) * _sq(eps, eps_pred)


def _sigma_squared_twice(eps, eps_pred, t, betas, weighted=False):
    if not weighted:
        return _sq(eps, eps_pred)
    ab = np.cumprod(1 - betas)[t - 1]
    b = betas[t - 1]
    sigma = b
    return b**2 / (2 * sigma**2 * (1 - b) * (1 - ab)) * _sq(eps, eps_pred)


def _weight(t, betas):
    ab = np.cumprod(1 - betas)[t - 1]
    b = betas[t - 1]
    return b / (2 * (1 - b) * (1 - ab))


def _norm_not_squared(eps, eps_pred, t, betas, weighted=False):
    loss = np.linalg.norm((eps - eps_pred).reshape(len(eps), -1), axis=1)
    return _weight(t, betas) * loss if weighted else loss


def _mean_not_sum(eps, eps_pred, t, betas, weighted=False):
    loss = ((eps - eps_pred).reshape(len(eps), -1) ** 2).mean(axis=1)
    return _weight(t, betas) * loss if weighted else loss


def _t_zero_indexed(eps, eps_pred, t, betas, weighted=False):
    if not weighted:
        return _sq(eps, eps_pred)
    ab = np.cumprod(1 - betas)[t]
    b = betas[t]
    return b / (2 * (1 - b) * (1 - ab)) * _sq(eps, eps_pred)


MISTAKES = {
    "alpha-bar-in-weight": _alpha_bar_in_weight,
    "sigma-squared-twice": _sigma_squared_twice,
    "norm-not-squared": _norm_not_squared,
    "mean-not-sum": _mean_not_sum,
    "t-zero-indexed": _t_zero_indexed,
}
