"""Backward pass of layer normalization: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def layer_norm_backward(x, gamma, dy, eps=1e-5):
    """y = gamma * x_hat + beta, x_hat = (x - mean) / sqrt(var + eps) over the last axis (biased var).
    Given dy = dL/dy, return (dx, dgamma, dbeta); dgamma and dbeta sum over every leading axis."""
    x = np.asarray(x, dtype=np.float64)
    dy = np.asarray(dy, dtype=np.float64)
    mu = np.mean(x, axis=-1, keepdims=True)
    centered = x - mu
    sigma = np.sqrt(np.mean(centered * centered, axis=-1, keepdims=True) + eps)
    x_hat = centered / sigma
    g = dy * gamma
    dx = (g - np.mean(g, axis=-1, keepdims=True) - x_hat * np.mean(g * x_hat, axis=-1, keepdims=True)) / sigma
    d = x.shape[-1]
    dgamma = np.sum((dy * x_hat).reshape(-1, d), axis=0)
    dbeta = np.sum(dy.reshape(-1, d), axis=0)
    return dx, dgamma, dbeta


def _case(rng, shape, scale=1.0, offset=0.0):
    d = shape[-1]
    return (rng.normal(size=shape) * scale + offset, rng.normal(size=d) + 1.0, rng.normal(size=shape))


def cases(rng):
    x, gamma, dy = _case(rng, (2, 5))
    const = np.full((3, 4), 2.5)
    const[1] = rng.normal(size=4)
    return [
        Case(_case(rng, (4, 6)), name="random, 4 rows of 6 features"),
        Case(_case(rng, (3, 3)), name="random, 3 × 3"),
        Case(_case(rng, (2, 3, 5)), name="batch × time × features (2, 3, 5)"),
        Case(_case(rng, (7,)), name="a single vector"),
        Case(_case(rng, (2, 4), scale=3.0, offset=1e4), name="large offset (1e4)"),
        Case(_case(rng, (3, 6), scale=1e-4), name="tiny spread (eps matters)"),
        Case(_case(rng, (2, 5)), {"eps": 1e-2}, name="eps = 0.01"),
        Case((const, rng.normal(size=4) + 1.0, rng.normal(size=(3, 4))), name="constant rows (x̂ = 0)"),
        Case((x, gamma, np.tile(rng.normal(size=(2, 1)), (1, 5)) / gamma), name="γ ⊙ dy constant in each row"),
    ]


def _stats(x, eps):
    mu = x.mean(axis=-1, keepdims=True)
    sigma = np.sqrt(((x - mu) ** 2).mean(axis=-1, keepdims=True) + eps)
    return (x - mu) / sigma, sigma


def _params(dy, x_hat):
    d = dy.shape[-1]
    return (dy * x_hat).reshape(-1, d).sum(axis=0), dy.reshape(-1, d).sum(axis=0)


def _constant_stats(x, gamma, dy, eps=1e-5):
    x_hat, sigma = _stats(x, eps)
    return (dy * gamma / sigma, *_params(dy, x_hat))


def _constant_sigma(x, gamma, dy, eps=1e-5):
    x_hat, sigma = _stats(x, eps)
    g = dy * gamma
    return ((g - g.mean(axis=-1, keepdims=True)) / sigma, *_params(dy, x_hat))


def _constant_mean(x, gamma, dy, eps=1e-5):
    x_hat, sigma = _stats(x, eps)
    g = dy * gamma
    return ((g - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)) / sigma, *_params(dy, x_hat))


def _no_gamma(x, gamma, dy, eps=1e-5):
    x_hat, sigma = _stats(x, eps)
    g = dy
    dx = (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)) / sigma
    return (dx, *_params(dy, x_hat))


def _sums_axis0(x, gamma, dy, eps=1e-5):
    dx, _, _ = layer_norm_backward(x, gamma, dy, eps)
    x_hat, _ = _stats(x, eps)
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)


def _sums_features(x, gamma, dy, eps=1e-5):
    dx, _, _ = layer_norm_backward(x, gamma, dy, eps)
    x_hat, _ = _stats(x, eps)
    return dx, (dy * x_hat).sum(axis=-1), dy.sum(axis=-1)


MISTAKES = {
    "constant-statistics": [_constant_stats, _constant_sigma, _constant_mean],
    "no-gamma": _no_gamma,
    "parameter-sum-axis": [_sums_axis0, _sums_features],
}
