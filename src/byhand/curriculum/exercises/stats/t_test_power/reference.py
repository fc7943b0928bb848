"""Power of the two-sided two-sample t-test: the reference, its cases and its known mistakes."""

import numpy as np
from scipy import stats

from byhand import Case


def t_test_power(d, n, alpha=0.05):
    """n per group, true effect size d: T' ~ noncentral t(df = 2n - 2, nc = d sqrt(n/2));
    power = P(T' > t_c) + P(T' < -t_c), t_c = t_{1 - alpha/2, 2n - 2}."""
    df = 2 * n - 2
    nc = d * np.sqrt(n / 2.0)
    t_c = stats.t.ppf(1.0 - alpha / 2.0, df)
    # P(T' < -t_c) for nc is P(T' > t_c) for -nc: the same number, and scipy's nct.sf stays finite far out
    return np.float64(stats.nct.sf(t_c, df, nc) + stats.nct.sf(t_c, df, -nc))


def cases(rng):
    return [
        Case((float(rng.uniform(0.3, 1.2)), int(rng.integers(8, 40))), name="random effect, random n"),
        Case((0.5, 64), name="medium effect, 64 per group (power about 0.8)"),
        Case((0.0, 10), name="no effect: power equals alpha"),
        Case((-0.8, 12), name="negative effect"),
        Case((1.0, 5), name="5 seeds per model"),
        Case((0.3, 2), name="n = 2 per group"),
        Case((0.5, 30), {"alpha": 0.01}, name="alpha = 0.01"),
        Case((2.0, 12), name="large effect (power close to 1)"),
    ]


def _one_sided_critical(d, n, alpha=0.05):
    df, nc = 2 * n - 2, d * np.sqrt(n / 2)
    t_c = stats.t.ppf(1 - alpha, df)
    return stats.nct.sf(t_c, df, nc) + stats.nct.cdf(-t_c, df, nc)


def _upper_tail_only(d, n, alpha=0.05):
    df, nc = 2 * n - 2, d * np.sqrt(n / 2)
    return stats.nct.sf(stats.t.ppf(1 - alpha / 2, df), df, nc)


def _one_sample_noncentrality(d, n, alpha=0.05):
    df, nc = 2 * n - 2, d * np.sqrt(n)
    t_c = stats.t.ppf(1 - alpha / 2, df)
    return stats.nct.sf(t_c, df, nc) + stats.nct.cdf(-t_c, df, nc)


def _normal_approximation(d, n, alpha=0.05):
    z, shift = stats.norm.ppf(1 - alpha / 2), d * np.sqrt(n / 2)
    return stats.norm.sf(z - shift) + stats.norm.cdf(-z - shift)


MISTAKES = {
    "one-sided-critical-value": _one_sided_critical,
    "upper-tail-only": _upper_tail_only,
    "one-sample-noncentrality": _one_sample_noncentrality,
    "normal-approximation": _normal_approximation,
}
