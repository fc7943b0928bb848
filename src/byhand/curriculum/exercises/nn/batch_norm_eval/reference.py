"""Batch normalization in inference mode (Ioffe & Szegedy 2015, Algorithm 2): the reference,
its cases and its known mistakes."""

import numpy as np

from byhand import Case


def batch_norm_eval(x, gamma, beta, running_mean, running_var, eps=1e-5):
    """x of shape (N, d): gamma * (x - running_mean) / sqrt(running_var + eps) + beta,
    with the stored statistics (all of shape (d,)); the batch itself is not used."""
    x = np.asarray(x, dtype=np.float64)
    return gamma * (x - running_mean) / np.sqrt(np.asarray(running_var, dtype=np.float64) + eps) + beta


def _stats(rng, d, var_scale=1.0):
    mean = rng.normal(size=d) * 2
    var = np.exp(rng.normal(size=d)) * 1.7 * var_scale  # scattered around 1.7, never exactly 1
    return mean, var


def cases(rng):
    def case(x, name, var_scale=1.0, **kwargs):
        d = x.shape[1]
        mean, var = _stats(rng, d, var_scale)
        return Case((x, rng.normal(size=d) + 1.0, rng.normal(size=d), mean, var), kwargs, name=name)

    return [
        case(rng.normal(size=(8, 4)) * 3 + 1, "random batch"),
        case(rng.normal(size=(16, 6)), "larger batch"),
        case(rng.normal(size=(1, 5)), "a single example (N = 1)"),
        case(rng.normal(size=(4, 4)), "square (N = d)"),
        case(rng.normal(size=(6, 1)), "one feature (d = 1)"),
        case(rng.normal(size=(5, 3)) * 1e-3, "tiny running variance (~1e-6)", var_scale=1e-6),
        case(rng.normal(size=(3, 3)) * 1e3, "large running variance (~1e6)", var_scale=1e6),
        case(rng.normal(size=(5, 2)), "eps given", eps=1e-1),
    ]


def _batch_statistics(x, gamma, beta, running_mean, running_var, eps=1e-5):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _eps_outside_sqrt(x, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (x - running_mean) / (np.sqrt(running_var) + eps) + beta


def _var_as_std(x, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (x - running_mean) / (running_var + eps) + beta


def _var_as_std_no_eps(x, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (x - running_mean) / running_var + beta


MISTAKES = {
    "batch-statistics": _batch_statistics,
    "eps-outside-sqrt": _eps_outside_sqrt,
    "var-as-std": [_var_as_std, _var_as_std_no_eps],
}
