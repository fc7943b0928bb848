"""Sample variance (unbiased, n - 1): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def sample_variance(x):
    """s^2 = sum_i (x_i - mean)^2 / (n - 1), computed in two passes."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    d = x - np.mean(x)
    return np.sum(d * d) / (n - 1)


def _large_mean_small_spread(rng):
    """Eight values near 1e6 on a grid of 1/32, with an odd sum of offsets.

    Every x_i, x_i^2, their sums and the mean are exact in float64, and only
    mean^2 is rounded (never a tie), so every way of writing the one-pass
    formula E[x^2] - E[x]^2 gives the same wrong answer (a few % off), while
    a two-pass or Welford computation is accurate to ~1e-10.
    """
    offsets = rng.integers(0, 3, size=8)
    if offsets.sum() % 2 == 0:
        offsets[int(rng.integers(0, 8))] += 1
    return (32_000_000 + offsets.astype(np.float64)) / 32


def cases(rng):
    return [
        Case((rng.normal(size=5),), name="random, n=5"),
        Case((rng.normal(loc=3.0, scale=2.0, size=12),), name="random, n=12"),
        Case((rng.normal(loc=-1.0, scale=0.5, size=40),), name="random, n=40"),
        Case((rng.uniform(0.0, 10.0, size=100),), name="random, n=100"),
        Case((np.array([2.0, 5.0]),), name="n=2"),
        Case((rng.normal(size=2) * 4,), name="n=2, random"),
        Case((np.full(6, 3.0),), name="constant data"),
        Case((_large_mean_small_spread(rng),), name="mean 1e6, spread 0.03"),
    ]


def _biased(x):
    return np.var(x)


def _biased_two_pass(x):
    m = np.mean(x)
    return np.sum((x - m) ** 2) / len(x)


def _one_pass(x):
    n = len(x)
    return (np.mean(x ** 2) - np.mean(x) ** 2) * n / (n - 1)


def _one_pass_sums(x):
    n = len(x)
    return (np.sum(x ** 2) - np.sum(x) ** 2 / n) / (n - 1)


def _one_pass_biased(x):
    return np.mean(x ** 2) - np.mean(x) ** 2


def _std(x):
    return np.std(x, ddof=1)


MISTAKES = {
    "biased": [_biased, _biased_two_pass],
    "one-pass-formula": [_one_pass, _one_pass_sums, _one_pass_biased],
    "std-not-var": _std,
}
