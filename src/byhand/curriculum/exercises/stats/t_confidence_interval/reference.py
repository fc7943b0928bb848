"""Student-t confidence interval for a mean: the reference, its cases and its known mistakes."""

import numpy as np
from scipy import stats

from byhand import Case


def t_confidence_interval(x, level=0.95):
    """mean -/+ t* s/sqrt(n), t* the (1 + level)/2 quantile of Student t with n - 1 dof."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    mean = np.mean(x)
    d = x - mean
    se = np.sqrt(np.sum(d * d) / (n - 1)) / np.sqrt(n)
    t_star = stats.t.ppf((1.0 + level) / 2.0, n - 1)
    return float(mean - t_star * se), float(mean + t_star * se)


def cases(rng):
    return [
        Case((rng.normal(size=6),), name="random"),
        Case((rng.normal(loc=0.85, scale=0.01, size=5),), name="accuracy over 5 seeds"),
        Case((rng.normal(loc=2.0, scale=1.5, size=15),), {"level": 0.9}, name="level=0.9"),
        Case((rng.normal(loc=-1.0, scale=2.0, size=25),), {"level": 0.99}, name="level=0.99"),
        Case((rng.normal(loc=10.0, scale=4.0, size=500),), name="random, n=500"),
        Case((np.array([3.0, 5.0]),), name="n=2"),
        Case((rng.normal(size=3),), {"level": 0.5}, name="n=3, level=0.5"),
    ]


def _normal_196(x, level=0.95):
    n = len(x)
    m = np.mean(x)
    se = np.std(x, ddof=1) / np.sqrt(n)
    return m - 1.96 * se, m + 1.96 * se


def _normal_ppf(x, level=0.95):
    n = len(x)
    m = np.mean(x)
    se = np.std(x, ddof=1) / np.sqrt(n)
    z = stats.norm.ppf((1 + level) / 2)
    return m - z * se, m + z * se


def _one_sided(x, level=0.95):
    n = len(x)
    m = np.mean(x)
    se = np.std(x, ddof=1) / np.sqrt(n)
    t = stats.t.ppf(level, n - 1)
    return m - t * se, m + t * se


def _biased_sd(x, level=0.95):
    n = len(x)
    m = np.mean(x)
    se = np.std(x) / np.sqrt(n)
    t = stats.t.ppf((1 + level) / 2, n - 1)
    return m - t * se, m + t * se


def _df_n(x, level=0.95):
    n = len(x)
    m = np.mean(x)
    se = np.std(x, ddof=1) / np.sqrt(n)
    t = stats.t.ppf((1 + level) / 2, n)
    return m - t * se, m + t * se


MISTAKES = {
    "normal-quantile": [_normal_196, _normal_ppf],
    "one-sided-quantile": _one_sided,
    "biased-sd": _biased_sd,
    "wrong-df": _df_n,
}
