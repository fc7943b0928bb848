"""Maximum-likelihood estimates of a Gaussian: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def mle_gaussian(x):
    """(mu_hat, var_hat) = (mean of x, mean of (x - mu_hat)^2): the MLE of N(mu, var) from 1-D samples."""
    x = np.asarray(x, dtype=np.float64)
    mu = np.mean(x)
    var = np.mean((x - mu) ** 2)
    return mu, var


def cases(rng):
    return [
        Case((rng.normal(size=20) * 2 + 1,), name="20 random samples"),
        Case((rng.normal(loc=-3.0, scale=0.5, size=200),), name="200 random samples"),
        Case((rng.standard_t(df=3, size=7) * 3,), name="7 heavy-tailed samples"),
        Case((np.array([1.0, 3.0]),), name="two samples"),
        Case((np.array([2.5]),), name="a single sample"),
        Case((np.full(5, 3.7),), name="constant samples"),
        Case((1e8 + rng.normal(size=50),), name="large mean, small spread"),
        Case((rng.normal(size=30) * 1e-6,), name="tiny variance"),
    ]


def _unbiased(x):
    mu = np.mean(x)
    return mu, np.sum((x - mu) ** 2) / (len(x) - 1)


def _std_not_var(x):
    mu = np.mean(x)
    return mu, np.sqrt(np.mean((x - mu) ** 2))


def _one_pass(x):
    mu = np.mean(x)
    return mu, np.mean(x**2) - mu**2


MISTAKES = {
    "unbiased-variance": _unbiased,  # np.var(x, ddof=1) gives the same values
    "std-instead-of-var": _std_not_var,
    "one-pass-formula": _one_pass,
}
