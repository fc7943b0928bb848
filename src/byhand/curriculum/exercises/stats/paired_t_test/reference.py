"""Paired t-test: the reference, its cases and its known mistakes."""

import numpy as np
from scipy import stats

from byhand import Case


def paired_t_test(a, b):
    """t = mean(d) / (s_d / sqrt(n)), d = a - b; p = 2 P(T_{n-1} >= |t|)."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    n = d.size
    mean = np.mean(d)
    dev = d - mean
    s = np.sqrt(np.sum(dev * dev) / (n - 1))
    t = mean / (s / np.sqrt(n))
    p = 2.0 * stats.t.sf(abs(t), n - 1)
    return float(t), float(p)


def _pairs(rng, n, shift, noise, spread=1.0, offset=0.0):
    """Two models scored on the same n items: a shared per-item difficulty
    (large spread) plus a small model effect and per-model noise."""
    base = offset + spread * rng.normal(size=n)
    a = base + shift + noise * rng.normal(size=n)
    b = base + noise * rng.normal(size=n)
    return a, b


def cases(rng):
    return [
        Case(_pairs(rng, 8, 0.3, 0.3), name="random pairs, n=8"),
        Case(_pairs(rng, 20, 0.1, 0.2, spread=2.0), name="random pairs, n=20"),
        Case(_pairs(rng, 5, 0.02, 0.01, spread=0.05, offset=0.8), name="accuracy of two models over 5 seeds"),
        Case(_pairs(rng, 12, -0.5, 0.2), name="b larger than a (negative t)"),
        Case(_pairs(rng, 15, 1.5, 0.2), name="strong effect, tiny p"),
        Case(_pairs(rng, 200, 0.05, 0.5), name="random pairs, n=200"),
        Case((np.array([1.0, 3.0]), np.array([0.5, 1.0])), name="n=2"),
    ]


def _pooled(a, b):
    n = len(a)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(np.var(a, ddof=1) / n + np.var(b, ddof=1) / n)
    p = 2 * stats.t.sf(abs(t), 2 * n - 2)
    return t, p


def _ttest_ind(a, b):
    res = stats.ttest_ind(a, b)
    return float(res.statistic), float(res.pvalue)


def _welch(a, b):
    res = stats.ttest_ind(a, b, equal_var=False)
    return float(res.statistic), float(res.pvalue)


def _t_of(a, b, ddof=1):
    d = a - b
    return np.mean(d) / (np.std(d, ddof=ddof) / np.sqrt(len(d)))


def _one_sided_abs(a, b):
    t = _t_of(a, b)
    return t, stats.t.sf(abs(t), len(a) - 1)


def _one_sided(a, b):
    t = _t_of(a, b)
    return t, stats.t.sf(t, len(a) - 1)


def _missing_abs(a, b):
    t = _t_of(a, b)
    return t, 2 * stats.t.sf(t, len(a) - 1)


def _biased_sd(a, b):
    t = _t_of(a, b, ddof=0)
    return t, 2 * stats.t.sf(abs(t), len(a) - 1)


def _normal_p(a, b):
    t = _t_of(a, b)
    return t, 2 * stats.norm.sf(abs(t))


MISTAKES = {
    "unpaired": [_pooled, _ttest_ind, _welch],
    "one-sided-p": [_one_sided_abs, _one_sided],
    "missing-abs": _missing_abs,
    "biased-sd": _biased_sd,
    "normal-p": _normal_p,
}
