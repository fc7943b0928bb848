"""Denoising score matching with Song & Ermon's weighting lambda(sigma) = sigma^2 (Vincent 2011;
Song & Ermon 2019, sections 2.1 and 4.2): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def denoising_score_matching_loss(score_pred, x_noisy, x, sigma):
    """Per example sigma^2 * 0.5 * ||score_pred + (x_noisy - x) / sigma^2||^2 over all axes but the first."""
    s = np.asarray(score_pred, dtype=np.float64)
    sig = np.reshape(np.asarray(sigma, dtype=np.float64), (-1,) + (1,) * (s.ndim - 1))
    r = s + (np.asarray(x_noisy, dtype=np.float64) - np.asarray(x, dtype=np.float64)) / sig**2
    return 0.5 * np.asarray(sigma, dtype=np.float64) ** 2 * np.sum(r.reshape(len(r), -1) ** 2, axis=1)


def _case(rng, shape, sigma):
    sigma = np.asarray(sigma, dtype=np.float64)
    x = rng.normal(size=shape)
    x_noisy = x + sigma.reshape((-1,) + (1,) * (len(shape) - 1)) * rng.normal(size=shape)
    return rng.normal(size=shape), x_noisy, x, sigma


def cases(rng):
    s_opt, xn, x, sig = _case(rng, (2, 3), [0.5, 2.0])
    s_opt = -(xn - x) / sig[:, None] ** 2
    return [
        Case(_case(rng, (4, 3), rng.uniform(0.3, 2.0, size=4)), name="vectors, one sigma each"),
        Case(_case(rng, (2, 3, 4, 4), [0.1, 1.5]), name="images (2, 3, 4, 4)"),
        Case(_case(rng, (3, 3), [0.4, 1.0, 2.5]), name="square batch (3, 3)"),
        Case(_case(rng, (2, 5), [0.01, 50.0]), name="large and small sigma"),
        Case((s_opt, xn, x, sig), name="optimal score: zero loss"),
    ]


def _sq(r):
    return np.sum(r.reshape(len(r), -1) ** 2, axis=1)


def _col(sigma, s):
    return sigma.reshape((-1,) + (1,) * (s.ndim - 1))


def _target_sign(score_pred, x_noisy, x, sigma):
    return 0.5 * sigma**2 * _sq(score_pred - (x_noisy - x) / _col(sigma, score_pred) ** 2)


def _sigma_not_squared(score_pred, x_noisy, x, sigma):
    return 0.5 * sigma**2 * _sq(score_pred + (x_noisy - x) / _col(sigma, score_pred))


def _no_weight(score_pred, x_noisy, x, sigma):
    return 0.5 * _sq(score_pred + (x_noisy - x) / _col(sigma, score_pred) ** 2)


def _sigma_not_broadcast(score_pred, x_noisy, x, sigma):
    return 0.5 * sigma**2 * _sq(score_pred + (x_noisy - x) / sigma**2)  # (N,) against the last axis, or fails


MISTAKES = {
    "target-sign": _target_sign,
    "sigma-not-squared": _sigma_not_squared,
    "no-weight": _no_weight,
    "sigma-not-broadcast": _sigma_not_broadcast,
}
