"""Layer normalization (Ba, Kiros & Hinton 2016): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalize over the last axis: (x - mean) / sqrt(var + eps) with the biased (1/d) variance,
    then scale by gamma and shift by beta (both of shape (d,))."""
    x = np.asarray(x, dtype=np.float64)
    mu = np.mean(x, axis=-1, keepdims=True)
    centered = x - mu
    var = np.mean(centered * centered, axis=-1, keepdims=True)  # two-pass: no cancellation
    return gamma * (centered / np.sqrt(var + eps)) + beta


def _params(rng, d):
    return rng.normal(size=d), rng.normal(size=d)


def cases(rng):
    def case(x, name, **kwargs):
        gamma, beta = _params(rng, x.shape[-1])
        return Case((x, gamma, beta), kwargs, name=name)

    constant = rng.normal(size=(3, 4))
    constant[1] = 2.5
    return [
        case(rng.normal(size=(4, 8)), "random (N, d)"),
        case(rng.normal(size=(2, 3, 6)) * 3 + 1, "batch of sequences (B, T, d)"),
        case(rng.normal(size=(1, 5)), "one row (N = 1)"),
        case(rng.normal(size=7), "one vector (d,)"),
        case(rng.normal(size=(5, 5)), "square (N = d)"),
        case(rng.normal(size=(3, 1)), "one feature (d = 1)"),
        case(rng.normal(size=(3, 1)) * 4 + 1e-3 * rng.normal(size=(3, 6)), "tiny variance (about 1e-6) per row"),
        case(constant, "a constant row"),
        case(1e6 + rng.normal(size=(3, 8)), "large offset (1e6 + noise)"),
        case(rng.normal(size=(2, 6)) * 0.05, "eps given", eps=1e-3),
    ]


def _eps_outside_sqrt(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, keepdims=True)
    return gamma * (x - mean) / (std + eps) + beta


def _unbiased_variance(x, gamma, beta, eps=1e-5):
    d = x.shape[-1]
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).sum(axis=-1, keepdims=True) / (d - 1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _axis0(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0, keepdims=True)
    var = x.var(axis=0, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _whole_array(x, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean()) / np.sqrt(x.var() + eps) + beta


def _no_keepdims(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1)
    var = x.var(axis=-1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _one_pass_variance(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = (x**2).mean(axis=-1, keepdims=True) - mean**2
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def _no_eps(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, keepdims=True)
    return gamma * (x - mean) / std + beta


def _annotated_transformer(x, gamma, beta, eps=1e-5):
    # The Annotated Transformer's LayerNorm: torch's x.std(-1) is unbiased, and eps is added to it
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, ddof=1, keepdims=True)
    return gamma * (x - mean) / (std + eps) + beta


MISTAKES = {
    "eps-outside-sqrt": _eps_outside_sqrt,
    "unbiased-variance": _unbiased_variance,
    "wrong-axis": [_axis0, _whole_array],
    "no-keepdims": _no_keepdims,
    "one-pass-variance": _one_pass_variance,
    "no-eps": _no_eps,
    "unbiased-std-plus-eps": _annotated_transformer,
}
