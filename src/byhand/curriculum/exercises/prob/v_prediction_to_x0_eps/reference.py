"""Converting a v-prediction into x0 and epsilon predictions (Salimans & Ho 2022): the reference, its
cases and its known mistakes."""

import numpy as np

from byhand import Case


def v_prediction_to_x0_eps(xt, v_pred, alpha_bar):
    """x0_hat = a xt - s v, eps_hat = s xt + a v with a = sqrt(alpha_bar), s = sqrt(1 - alpha_bar)."""
    xt, v = np.asarray(xt, dtype=np.float64), np.asarray(v_pred, dtype=np.float64)
    a, s = np.sqrt(alpha_bar), np.sqrt(1.0 - alpha_bar)
    return a * xt - s * v, s * xt + a * v


def cases(rng):
    return [
        Case((rng.normal(size=5), rng.normal(size=5), float(rng.uniform(0.1, 0.9))), name="vectors"),
        Case((rng.normal(size=(2, 3, 4, 4)), rng.normal(size=(2, 3, 4, 4)), float(rng.uniform(0.1, 0.9))),
             name="images"),
        Case((rng.normal(size=4), rng.normal(size=4), 1e-6), name="almost pure noise: alpha_bar = 1e-6"),
        Case((rng.normal(size=4), rng.normal(size=4), 0.9999), name="almost clean: alpha_bar = 0.9999"),
        Case((rng.normal(size=3), rng.normal(size=3), 0.5), name="alpha_bar = 0.5"),
    ]


def _v_sign(xt, v_pred, alpha_bar):
    a, s = np.sqrt(alpha_bar), np.sqrt(1 - alpha_bar)
    return a * xt + s * v_pred, s * xt + a * v_pred


def _coefficients_swapped(xt, v_pred, alpha_bar):
    a, s = np.sqrt(alpha_bar), np.sqrt(1 - alpha_bar)
    return s * xt - a * v_pred, a * xt + s * v_pred


def _no_sqrt(xt, v_pred, alpha_bar):
    return alpha_bar * xt - (1 - alpha_bar) * v_pred, (1 - alpha_bar) * xt + alpha_bar * v_pred


MISTAKES = {
    "v-sign": _v_sign,
    "coefficients-swapped": _coefficients_swapped,
    "no-sqrt": _no_sqrt,
}
