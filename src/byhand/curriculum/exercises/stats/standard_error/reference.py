"""Standard error of the mean: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def standard_error(x):
    """SE = s / sqrt(n), with s the unbiased (n - 1) sample standard deviation."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    d = x - np.mean(x)
    s = np.sqrt(np.sum(d * d) / (n - 1))
    return s / np.sqrt(n)


def cases(rng):
    return [
        Case((rng.normal(size=5),), name="random, n=5"),
        Case((rng.normal(loc=2.0, scale=3.0, size=10),), name="random, n=10"),
        Case((rng.normal(loc=0.8, scale=0.05, size=30),), name="random, accuracies over 30 seeds"),
        Case((rng.exponential(size=200),), name="random, n=200"),
        Case((np.array([1.0, 4.0]),), name="n=2"),
        Case((np.full(5, 0.7),), name="constant data"),
        Case((1e6 + rng.normal(scale=1e-3, size=20),), name="mean 1e6, sd 1e-3"),
    ]


def _biased_sd(x):
    return np.std(x) / np.sqrt(len(x))


def _divides_by_n(x):
    return np.std(x, ddof=1) / len(x)


def _sd_not_se(x):
    return np.std(x, ddof=1)


MISTAKES = {
    "biased-sd": _biased_sd,
    "divides-by-n": _divides_by_n,
    "sd-not-se": _sd_not_se,
}
