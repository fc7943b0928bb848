"""RMSNorm (Zhang & Sennrich 2019): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def rms_norm(x, gamma, eps=1e-6):
    """x / sqrt(mean(x^2 over the last axis) + eps) * gamma; no mean is subtracted, no bias."""
    x = np.asarray(x, dtype=np.float64)
    ms = np.mean(x * x, axis=-1, keepdims=True)
    return x / np.sqrt(ms + eps) * gamma


def cases(rng):
    def case(x, name, **kwargs):
        return Case((x, rng.normal(size=x.shape[-1]) + 1.0), kwargs, name=name)

    offset = rng.normal(size=(3, 6)) * 0.1 + 4.0
    return [
        case(rng.normal(size=5), "random vector"),
        case(rng.normal(size=(4, 6)) * 2, "batch of vectors"),
        case(rng.normal(size=(5, 5)), "square matrix (N = d)"),
        case(rng.normal(size=(2, 3, 8)), "batch and sequence (2, 3, 8)"),
        case(offset, "nonzero mean (values around 4)"),
        case(rng.normal(size=(3, 4)) * 1e-4, "tiny values (mean square ~1e-8, below eps)"),
        case(np.zeros((2, 4)), "all zeros"),
        case(rng.normal(size=(4, 1)), "one feature (d = 1)"),
        case(rng.normal(size=(3, 5)) * 1e6, "huge values (~1e6)"),
        case(rng.normal(size=(2, 6)) * 0.1, "eps given", eps=1e-2),
    ]


def _subtracts_mean(x, gamma, eps=1e-6):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma


def _eps_outside_sqrt(x, gamma, eps=1e-6):
    rms = np.sqrt(np.mean(x**2, axis=-1, keepdims=True))
    return x / (rms + eps) * gamma


def _sum_not_mean(x, gamma, eps=1e-6):
    return x / np.sqrt(np.sum(x**2, axis=-1, keepdims=True) + eps) * gamma


def _no_keepdims(x, gamma, eps=1e-6):
    return x / np.sqrt(np.mean(x**2, axis=-1) + eps) * gamma


def _one_plus_gamma(x, gamma, eps=1e-6):  # Gemma's RMSNorm stores the scale as an offset from 1
    return x / np.sqrt(np.mean(x**2, axis=-1, keepdims=True) + eps) * (1 + gamma)


MISTAKES = {
    "subtracts-mean": _subtracts_mean,
    "eps-outside-sqrt": _eps_outside_sqrt,
    "sum-not-mean": _sum_not_mean,
    "no-keepdims": _no_keepdims,
    "one-plus-gamma": _one_plus_gamma,
}
