"""One step of SGD with momentum (PyTorch convention): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def momentum_step(w, grad, velocity, lr, beta):
    """v <- beta * v + grad;  w <- w - lr * v.  Returns (w, v), both new arrays."""
    v_new = beta * np.asarray(velocity, dtype=np.float64) + grad
    w_new = np.asarray(w, dtype=np.float64) - lr * v_new
    return w_new, v_new


def cases(rng):
    return [
        Case((rng.normal(size=4), rng.normal(size=4), rng.normal(size=4), 0.1, 0.9), name="random"),
        Case((rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), 0.05, 0.9),
             name="weight matrix"),
        Case((rng.normal(size=5), rng.normal(size=5), np.zeros(5), 0.1, 0.9), name="first step (velocity 0)"),
        Case((rng.normal(size=3), rng.normal(size=3), rng.normal(size=3), 0.5, 0.0), name="beta = 0 (plain SGD)"),
        Case((rng.normal(size=3), rng.normal(size=3), rng.normal(size=3), 0.01, 0.99), name="beta = 0.99"),
        Case((rng.normal(size=4), np.zeros(4), rng.normal(size=4), 0.1, 0.9), name="zero gradient (coasting)"),
        Case((np.array([2.0]), np.array([-3.0]), np.array([1.5]), 0.1, 0.5), name="one parameter"),
        Case((rng.normal(size=(2, 2, 3)), rng.normal(size=(2, 2, 3)), rng.normal(size=(2, 2, 3)), 1e-3, 0.9),
             name="3-D parameter"),
    ]


def _ema_dampening(w, grad, velocity, lr, beta):
    velocity = beta * velocity + (1 - beta) * grad
    w = w - lr * velocity
    return w, velocity


def _stale_velocity(w, grad, velocity, lr, beta):
    w = w - lr * velocity
    velocity = beta * velocity + grad
    return w, velocity


def _sign_error(w, grad, velocity, lr, beta):
    velocity = beta * velocity + grad
    w = w + lr * velocity
    return w, velocity


def _velocity_sign_error(w, grad, velocity, lr, beta):  # the minus moved into v, and w -= lr * v kept
    velocity = beta * velocity - grad
    w = w - lr * velocity
    return w, velocity


def _lr_in_velocity(w, grad, velocity, lr, beta):  # Sutskever et al. 2013, eq. 1-2
    velocity = beta * velocity - lr * grad
    w = w + velocity
    return w, velocity


def _lr_in_velocity_plus(w, grad, velocity, lr, beta):  # Qian 1999; Ruder 2016, section 4.1
    velocity = beta * velocity + lr * grad
    w = w - velocity
    return w, velocity


def _lr_in_velocity_uphill(w, grad, velocity, lr, beta):
    velocity = beta * velocity - lr * grad
    w = w - velocity
    return w, velocity


def _lr_in_velocity_plus_uphill(w, grad, velocity, lr, beta):
    velocity = beta * velocity + lr * grad
    w = w + velocity
    return w, velocity


MISTAKES = {
    "ema-dampening": _ema_dampening,
    "stale-velocity": _stale_velocity,
    "sign-error": [_sign_error, _velocity_sign_error],
    "lr-in-velocity": [_lr_in_velocity, _lr_in_velocity_plus],
    "lr-in-velocity-uphill": [_lr_in_velocity_uphill, _lr_in_velocity_plus_uphill],
}
