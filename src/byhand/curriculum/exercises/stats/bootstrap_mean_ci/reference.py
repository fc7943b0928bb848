"""Percentile bootstrap confidence interval of the mean: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bootstrap_mean_ci(x, n_boot, level, seed):
    """Resample x with replacement n_boot times (indices rng.integers(0, n, size=n),
    one draw per resample, rng = np.random.default_rng(seed)), take each resample's
    mean, and return the (1-level)/2 and (1+level)/2 percentiles of those means."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    rng = np.random.default_rng(seed)
    # all resamples' indices in one draw: the same numbers, in the same order,
    # as n_boot draws of size n (a loop of rng.integers(0, n, size=n))
    idx = rng.integers(0, n, size=(n_boot, n))
    means = x[idx].mean(axis=1)
    low, high = np.percentile(means, [100 * (1 - level) / 2, 100 * (1 + level) / 2])
    return float(low), float(high)


def cases(rng):
    def seed():
        return int(rng.integers(0, 2**31))

    return [
        Case((rng.normal(5.0, 2.0, size=20), 1000, 0.95, seed()), name="random, 1000 resamples, 95%"),
        Case((rng.normal(0.0, 1.0, size=7), 500, 0.9, seed()), name="n = 7, 90%"),
        Case((rng.exponential(3.0, size=30), 2000, 0.95, seed()), name="skewed data (exponential)"),
        Case((0.85 + 0.02 * rng.normal(size=5), 1000, 0.8, seed()), name="accuracy over 5 seeds, 80%"),
        Case((np.array([1.0, 2.0, 3.0, 4.0, 100.0]), 400, 0.95, 0), name="an outlier, seed 0"),
        Case((rng.normal(size=50), 300, 0.5, seed()), name="50% interval"),
        Case((np.array([3.0, 7.0]), 100, 0.9, seed()), name="two values"),
        Case((rng.integers(0, 2, size=40).astype(np.float64), 1000, 0.95, seed()), name="0/1 outcomes (accuracy)"),
    ]


def _without_replacement(x, n_boot, level, seed):
    rng = np.random.default_rng(seed)
    means = [rng.permutation(x).mean() for _ in range(n_boot)]
    low, high = np.percentile(means, [100 * (1 - level) / 2, 100 * (1 + level) / 2])
    return low, high


def _means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    return x[idx].mean(axis=1)


def _level_as_tails(x, n_boot, level, seed):
    means = _means(x, n_boot, seed)
    return np.percentile(means, 100 * (1 - level)), np.percentile(means, 100 * level)


def _fractions(x, n_boot, level, seed):
    means = _means(x, n_boot, seed)
    return np.percentile(means, (1 - level) / 2), np.percentile(means, (1 + level) / 2)


def _reseeded(x, n_boot, level, seed):
    # a fresh rng(seed) inside the loop draws the same resample every time
    means = np.full(n_boot, x[np.random.default_rng(seed).integers(0, len(x), size=len(x))].mean())
    low, high = np.percentile(means, [100 * (1 - level) / 2, 100 * (1 + level) / 2])
    return low, high


MISTAKES = {
    "without-replacement": _without_replacement,
    "level-as-tails": _level_as_tails,
    "fraction-not-percent": _fractions,
    "reseeded-each-resample": _reseeded,
}
