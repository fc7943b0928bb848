"""Batch normalization in training mode (Ioffe & Szegedy 2015): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def batch_norm_train(x, gamma, beta, eps=1e-5):
    """x of shape (N, d): per feature, (x - batch mean) / sqrt(batch var + eps) with the biased (1/N)
    variance over axis 0, then gamma * x_hat + beta (gamma, beta of shape (d,))."""
    x = np.asarray(x, dtype=np.float64)
    mu = np.mean(x, axis=0)
    centered = x - mu
    var = np.mean(centered * centered, axis=0)  # two-pass: no cancellation
    return gamma * (centered / np.sqrt(var + eps)) + beta


def cases(rng):
    def case(x, name, **kwargs):
        d = x.shape[1]
        return Case((x, rng.normal(size=d), rng.normal(size=d)), kwargs, name=name)

    constant = rng.normal(size=(5, 3))
    constant[:, 1] = -1.5
    return [
        case(rng.normal(size=(8, 4)), "random batch"),
        case(rng.normal(size=(16, 6)) * 2 + 3, "larger batch"),
        case(rng.normal(size=(2, 3)), "smallest batch (N = 2)"),
        case(rng.normal(size=(4, 4)), "square (N = d)"),
        case(rng.normal(size=(6, 1)), "one feature (d = 1)"),
        case(rng.normal(size=(1, 5)) * 4 + 1e-3 * rng.normal(size=(6, 5)), "tiny variance (about 1e-6) per feature"),
        case(constant, "a constant feature"),
        case(1e6 + rng.normal(size=(8, 3)), "large offset (1e6 + noise)"),
        case(rng.normal(size=(5, 2)) * 0.05, "eps given", eps=1e-3),
    ]


def _wrong_axis(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _unbiased_variance(x, gamma, beta, eps=1e-5):
    n = x.shape[0]
    mean = x.mean(axis=0)
    var = ((x - mean) ** 2).sum(axis=0) / (n - 1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _eps_outside_sqrt(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    return gamma * (x - mean) / (std + eps) + beta


def _one_pass_variance(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = (x**2).mean(axis=0) - mean**2
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _no_eps(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    return gamma * (x - mean) / std + beta


MISTAKES = {
    "wrong-axis": _wrong_axis,
    "unbiased-variance": _unbiased_variance,
    "eps-outside-sqrt": _eps_outside_sqrt,
    "one-pass-variance": _one_pass_variance,
    "no-eps": _no_eps,
}
