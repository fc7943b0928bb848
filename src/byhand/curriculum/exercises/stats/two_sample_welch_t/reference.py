"""Welch's two-sample t statistic and degrees of freedom: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def two_sample_welch_t(a, b):
    """t = (mean(a) - mean(b)) / sqrt(s_a^2/n_a + s_b^2/n_b) and the
    Welch-Satterthwaite df = (v_a + v_b)^2 / (v_a^2/(n_a-1) + v_b^2/(n_b-1)), v = s^2/n."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    na, nb = a.size, b.size
    va = np.sum((a - a.mean()) ** 2) / (na - 1) / na
    vb = np.sum((b - b.mean()) ** 2) / (nb - 1) / nb
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1))
    return float(t), float(df)


def cases(rng):
    return [
        Case((rng.normal(1.0, 1.0, size=8), rng.normal(0.0, 3.0, size=15)), name="random, unequal sizes and spreads"),
        Case((rng.normal(0.3, 0.5, size=30), rng.normal(0.0, 2.0, size=6)), name="random, small noisy second group"),
        Case((rng.normal(0.0, 1.0, size=12), rng.normal(0.5, 1.0, size=12)), name="equal sizes, equal spreads (negative t)"),
        Case((rng.normal(0.0, 1.0, size=10), rng.normal(0.0, 4.0, size=10)), name="equal sizes, unequal spreads"),
        Case((np.array([1.0, 3.0]), np.array([0.0, 0.5, 1.0])), name="n_a = 2, n_b = 3"),
        Case((np.array([2.0, 4.0, 6.0, 8.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])), name="small integers"),
        Case((0.9 + 0.01 * rng.normal(size=5), 0.88 + 0.03 * rng.normal(size=7)), name="accuracies of two models over seeds"),
        Case((1e6 + rng.normal(0.1, 1.0, size=20), 1e6 + rng.normal(0.0, 0.2, size=9)), name="large common offset (1e6)"),
        Case((rng.normal(0.2, 1.0, size=500), rng.normal(0.0, 1.5, size=300)), name="large samples"),
    ]


def _pooled(a, b):
    na, nb = len(a), len(b)
    sp2 = ((na - 1) * np.var(a, ddof=1) + (nb - 1) * np.var(b, ddof=1)) / (na + nb - 2)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(sp2 * (1 / na + 1 / nb))
    return t, na + nb - 2


def _student_df(a, b):
    t, _ = two_sample_welch_t(a, b)
    return t, len(a) + len(b) - 2


def _biased(a, b):
    va, vb = np.var(a) / len(a), np.var(b) / len(b)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return t, df


def _df_n_not_n_minus_1(a, b):
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / len(a) + vb ** 2 / len(b))
    return t, df


MISTAKES = {
    "pooled-variance": _pooled,
    "student-df": _student_df,
    "biased-variance": _biased,
    "df-denominator-n": _df_n_not_n_minus_1,
}
