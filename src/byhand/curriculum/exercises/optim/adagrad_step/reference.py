"""One step of Adagrad (diagonal, PyTorch's convention): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def adagrad_step(param, grad, sum_sq, lr=0.01, eps=1e-10):
    """G = G + g^2;  param = param - lr g / (sqrt(G) + eps).  Returns (param, G)."""
    grad = np.asarray(grad, dtype=np.float64)
    G = np.asarray(sum_sq, dtype=np.float64) + grad * grad
    param = np.asarray(param, dtype=np.float64) - lr * grad / (np.sqrt(G) + eps)
    return param, G


def _state(rng, shape, g_scale=1.0, summed=(0.5, 20.0)):
    """(param, grad, G): G is a plausible running sum of squares (>= 0), or 0 before the first step."""
    G = np.zeros(shape) if summed is None else rng.uniform(*summed, size=shape)
    return rng.normal(size=shape), rng.normal(size=shape) * g_scale, G


def cases(rng):
    param, grad, G = _state(rng, 3, summed=(0.0, 0.5))
    return [
        Case(_state(rng, 5), name="random, after many steps"),
        Case(_state(rng, (3, 4)), {"lr": 0.1}, name="weight matrix, lr = 0.1"),
        Case(_state(rng, 4, summed=None), name="first step (sum 0)"),
        Case(_state(rng, 3, g_scale=1e-6, summed=None), {"eps": 1e-8}, name="tiny gradients (~1e-6), first step, eps = 1e-8"),
        Case(_state(rng, 4, g_scale=0.0), name="zero gradient"),
        Case((param, -np.abs(grad) - 0.5, G), name="negative gradients, small sum"),
        Case((np.array([1.0, -1.0]), np.array([3.0, 0.5]), np.array([16.0, 0.0])), name="two parameters, by hand"),
    ]


def _old_sum(param, grad, sum_sq, lr=0.01, eps=1e-10):
    param = param - lr * grad / (np.sqrt(sum_sq) + eps)
    return param, sum_sq + grad**2


def _eps_inside_sqrt(param, grad, sum_sq, lr=0.01, eps=1e-10):
    G = sum_sq + grad**2
    return param - lr * grad / np.sqrt(G + eps), G


def _sums_gradients(param, grad, sum_sq, lr=0.01, eps=1e-10):
    G = sum_sq + grad  # no square: can go negative
    scale = np.sqrt(G) + eps
    return param - lr * grad / scale, G


def _no_sqrt(param, grad, sum_sq, lr=0.01, eps=1e-10):
    G = sum_sq + grad**2
    rate = lr / (G + eps)  # "per-parameter learning rate" without the root
    return param - rate * grad, G


MISTAKES = {
    "steps-with-old-sum": _old_sum,
    "eps-inside-sqrt": _eps_inside_sqrt,
    "accumulates-gradient-not-square": _sums_gradients,
    "divides-by-sum-of-squares": _no_sqrt,
}
