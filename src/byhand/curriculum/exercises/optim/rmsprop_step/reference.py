"""One step of RMSProp (PyTorch's convention): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def rmsprop_step(param, grad, sq_avg, lr=0.01, alpha=0.99, eps=1e-8):
    """v = alpha v + (1 - alpha) g^2;  param = param - lr g / (sqrt(v) + eps).  Returns (param, v)."""
    grad = np.asarray(grad, dtype=np.float64)
    v = alpha * np.asarray(sq_avg, dtype=np.float64) + (1.0 - alpha) * grad * grad
    param = np.asarray(param, dtype=np.float64) - lr * grad / (np.sqrt(v) + eps)
    return param, v


def cases(rng):
    return [
        Case((rng.normal(size=5), rng.normal(size=5), rng.uniform(0.1, 2.0, size=5)), name="random, running average"),
        Case((rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.uniform(0.1, 2.0, size=(3, 4))), {"lr": 0.001},
             name="weight matrix, lr = 0.001"),
        Case((rng.normal(size=4), rng.normal(size=4), np.zeros(4)), name="first step (average 0)"),
        Case((rng.normal(size=3), rng.normal(size=3) * 1e-6, np.zeros(3)), name="tiny gradients (~1e-6), first step"),
        Case((rng.normal(size=3), rng.normal(size=3) * 100.0, rng.uniform(0.1, 2.0, size=3)),
             name="large gradients (~100)"),
        Case((rng.normal(size=4), np.zeros(4), rng.uniform(0.1, 2.0, size=4)), name="zero gradient"),
        Case((rng.normal(size=4), rng.normal(size=4), rng.uniform(0.1, 2.0, size=4)),
             {"lr": 0.1, "alpha": 0.5, "eps": 1e-6}, name="alpha = 0.5, eps = 1e-6"),
        Case((np.array([1.0]), np.array([-2.0]), np.array([3.0])), name="one parameter"),
    ]


def _eps_inside_sqrt(param, grad, sq_avg, lr=0.01, alpha=0.99, eps=1e-8):
    v = alpha * sq_avg + (1 - alpha) * grad**2
    return param - lr * grad / np.sqrt(v + eps), v


def _alpha_swapped(param, grad, sq_avg, lr=0.01, alpha=0.99, eps=1e-8):
    v = (1 - alpha) * sq_avg + alpha * grad**2
    return param - lr * grad / (np.sqrt(v) + eps), v


def _old_average(param, grad, sq_avg, lr=0.01, alpha=0.99, eps=1e-8):
    param = param - lr * grad / (np.sqrt(sq_avg) + eps)
    return param, alpha * sq_avg + (1 - alpha) * grad**2


def _no_sqrt(param, grad, sq_avg, lr=0.01, alpha=0.99, eps=1e-8):
    v = alpha * sq_avg + (1 - alpha) * grad**2
    return param - lr * grad / (v + eps), v


MISTAKES = {
    "eps-inside-sqrt": _eps_inside_sqrt,
    "decay-swapped": _alpha_swapped,
    "steps-with-old-average": _old_average,
    "divides-by-mean-square": _no_sqrt,
}
