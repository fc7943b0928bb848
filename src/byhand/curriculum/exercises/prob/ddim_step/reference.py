"""One DDIM step between two signal levels (Song, Meng & Ermon 2021, eqs. 12 and 16): the reference,
its cases and its known mistakes."""

import numpy as np

from byhand import Case


def ddim_step(xt, eps_pred, alpha_bar_t, alpha_bar_prev, z, eta=0.0):
    """x0_hat = (x_t - sqrt(1 - ab_t) eps) / sqrt(ab_t); x_prev = sqrt(ab_prev) x0_hat
    + sqrt(1 - ab_prev - sigma^2) eps + sigma z, sigma = eta sqrt((1 - ab_prev)/(1 - ab_t)) sqrt(1 - ab_t/ab_prev)."""
    xt, eps = np.asarray(xt, dtype=np.float64), np.asarray(eps_pred, dtype=np.float64)
    ab_t, ab_prev = float(alpha_bar_t), float(alpha_bar_prev)
    x0_hat = (xt - np.sqrt(1.0 - ab_t) * eps) / np.sqrt(ab_t)
    sigma = eta * np.sqrt((1.0 - ab_prev) / (1.0 - ab_t)) * np.sqrt(1.0 - ab_t / ab_prev)
    direction = np.sqrt(max(1.0 - ab_prev - sigma**2, 0.0)) * eps
    return np.sqrt(ab_prev) * x0_hat + direction + sigma * np.asarray(z, dtype=np.float64)


def cases(rng):
    def draw(shape):
        return rng.normal(size=shape), rng.normal(size=shape)
    levels = np.sort(rng.uniform(0.05, 0.95, size=2))
    x1, e1 = draw(4)
    x2, e2 = draw(4)
    x3, e3 = draw((2, 3, 3))
    x4, e4 = draw(3)
    x5, e5 = draw(3)
    return [
        Case((x1, e1, levels[0], levels[1], rng.normal(size=4)), name="eta = 0, deterministic"),
        Case((x2, e2, levels[0], levels[1], rng.normal(size=4)), {"eta": 1.0}, name="eta = 1"),
        Case((x3, e3, 0.3, 0.6, rng.normal(size=(2, 3, 3))), {"eta": 0.5}, name="eta = 0.5, images"),
        Case((x4, e4, 0.02, 0.9, rng.normal(size=3)), {"eta": 0.3}, name="skipping steps"),
        Case((x5, e5, float(rng.uniform(0.9, 0.99)), 1.0, rng.normal(size=3)), {"eta": 1.0},
             name="last step: alpha_bar_prev = 1"),
    ]


def _sigma(eta, ab_t, ab_prev):
    return eta * np.sqrt((1 - ab_prev) / (1 - ab_t)) * np.sqrt(1 - ab_t / ab_prev)


def _x0_without_sqrt(xt, eps_pred, alpha_bar_t, alpha_bar_prev, z, eta=0.0):
    x0 = (xt - np.sqrt(1 - alpha_bar_t) * eps_pred) / alpha_bar_t
    s = _sigma(eta, alpha_bar_t, alpha_bar_prev)
    return np.sqrt(alpha_bar_prev) * x0 + np.sqrt(1 - alpha_bar_prev - s**2) * eps_pred + s * z


def _direction_ignores_sigma(xt, eps_pred, alpha_bar_t, alpha_bar_prev, z, eta=0.0):
    x0 = (xt - np.sqrt(1 - alpha_bar_t) * eps_pred) / np.sqrt(alpha_bar_t)
    s = _sigma(eta, alpha_bar_t, alpha_bar_prev)
    return np.sqrt(alpha_bar_prev) * x0 + np.sqrt(1 - alpha_bar_prev) * eps_pred + s * z


def _sigma_is_sqrt_beta(xt, eps_pred, alpha_bar_t, alpha_bar_prev, z, eta=0.0):
    x0 = (xt - np.sqrt(1 - alpha_bar_t) * eps_pred) / np.sqrt(alpha_bar_t)
    s = eta * np.sqrt(1 - alpha_bar_t / alpha_bar_prev)
    return np.sqrt(alpha_bar_prev) * x0 + np.sqrt(1 - alpha_bar_prev - s**2) * eps_pred + s * z


def _eta_scales_variance(xt, eps_pred, alpha_bar_t, alpha_bar_prev, z, eta=0.0):
    x0 = (xt - np.sqrt(1 - alpha_bar_t) * eps_pred) / np.sqrt(alpha_bar_t)
    s = np.sqrt(eta * (1 - alpha_bar_prev) / (1 - alpha_bar_t) * (1 - alpha_bar_t / alpha_bar_prev))
    return np.sqrt(alpha_bar_prev) * x0 + np.sqrt(1 - alpha_bar_prev - s**2) * eps_pred + s * z


MISTAKES = {
    "x0-without-sqrt": _x0_without_sqrt,
    "direction-ignores-sigma": _direction_ignores_sigma,
    "sigma-is-sqrt-beta": _sigma_is_sqrt_beta,
    "eta-scales-variance": _eta_scales_variance,
}
