"""BatchNorm's running statistics, PyTorch convention: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def update_running_stats(running_mean, running_var, x, momentum=0.1):
    """x of shape (N, d), N >= 2. new = (1 - momentum) * old + momentum * batch statistic,
    with the batch mean and the UNBIASED (1/(N-1)) batch variance taken over axis 0."""
    x = np.asarray(x, dtype=np.float64)
    n = x.shape[0]
    mean = np.mean(x, axis=0)
    var = np.sum((x - mean) ** 2, axis=0) / (n - 1)
    new_mean = (1 - momentum) * np.asarray(running_mean, dtype=np.float64) + momentum * mean
    new_var = (1 - momentum) * np.asarray(running_var, dtype=np.float64) + momentum * var
    return new_mean, new_var


def cases(rng):
    def case(x, name, **kwargs):
        d = x.shape[1]
        rm = rng.normal(size=d)
        rv = np.exp(rng.normal(size=d))
        return Case((rm, rv, x), kwargs, name=name)

    constant = rng.normal(size=(4, 3)) * 2
    constant[:, 2] = 0.7
    return [
        case(rng.normal(size=(8, 4)) * 2 + 1, "random batch"),
        case(rng.normal(size=(2, 3)), "smallest batch (N = 2)"),
        case(rng.normal(size=(5, 5)), "square (N = d)"),
        case(rng.normal(size=(6, 1)) + 3, "one feature (d = 1)"),
        case(rng.normal(size=(64, 3)) * 0.5, "large batch (N = 64)"),
        case(constant, "a constant feature (batch variance 0)"),
        case(rng.normal(size=(5, 2)), "momentum 0.01", momentum=0.01),
        case(rng.normal(size=(3, 4)), "momentum 1 (keep only the batch)", momentum=1.0),
        Case((np.zeros(3), np.ones(3), rng.normal(size=(4, 3)) * 3), name="initial state (mean 0, var 1)"),
    ]


def _biased_variance(running_mean, running_var, x, momentum=0.1):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return (1 - momentum) * running_mean + momentum * mean, (1 - momentum) * running_var + momentum * var


def _momentum_swapped(running_mean, running_var, x, momentum=0.1):
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    return momentum * running_mean + (1 - momentum) * mean, momentum * running_var + (1 - momentum) * var


def _momentum_swapped_biased(running_mean, running_var, x, momentum=0.1):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return momentum * running_mean + (1 - momentum) * mean, momentum * running_var + (1 - momentum) * var


def _std_not_var(running_mean, running_var, x, momentum=0.1):
    mean = x.mean(axis=0)
    std = x.std(axis=0, ddof=1)
    return (1 - momentum) * running_mean + momentum * mean, (1 - momentum) * running_var + momentum * std


MISTAKES = {
    "biased-variance": _biased_variance,
    "momentum-swapped": [_momentum_swapped, _momentum_swapped_biased],
    "std-not-var": _std_not_var,
}
