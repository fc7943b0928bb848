"""Pearson's chi-squared test of independence on a contingency table:
the reference, its cases and its known mistakes."""

import numpy as np
from scipy import stats

from byhand import Case


def chi_squared_independence(observed):
    """E_ij = row_i col_j / N;  X2 = sum (O - E)^2 / E;  p = P(chi2_{(r-1)(c-1)} >= X2).  No continuity correction."""
    O = np.asarray(observed, dtype=np.float64)
    E = np.outer(O.sum(axis=1), O.sum(axis=0)) / O.sum()
    x2 = np.sum((O - E) ** 2 / E)
    dof = (O.shape[0] - 1) * (O.shape[1] - 1)
    return np.float64(x2), np.float64(stats.chi2.sf(x2, dof))


def _table(rng, rows, cols, n, dependence=0.0):
    p_row = rng.dirichlet(np.full(rows, 5.0))
    p_col = rng.dirichlet(np.full(cols, 5.0))
    p = np.outer(p_row, p_col) * np.exp(dependence * rng.normal(size=(rows, cols)))
    return rng.multinomial(n, (p / p.sum()).ravel()).reshape(rows, cols) + 1  # no empty cell


def cases(rng):
    return [
        Case((_table(rng, 2, 3, 200),), name="random 2 x 3 table"),
        Case((_table(rng, 3, 4, 500, dependence=0.5),), name="random 3 x 4 table, some dependence"),
        Case((np.array([[120, 880], [150, 850]]),), name="A/B test: clicks of two page versions (2 x 2)"),
        Case((np.array([[10, 20, 30], [20, 40, 60]]),), name="exactly independent (X2 = 0, p = 1)"),
        Case((np.array([[90, 10], [15, 85]]),), name="strong dependence (tiny p)"),
        Case((np.array([[0, 12, 7], [9, 3, 8], [5, 6, 0]]),), name="cells with 0 observed"),
        Case((_table(rng, 2, 2, 60),), name="random small 2 x 2 table"),
    ]


def _gof_dof(observed):
    O = observed.astype(float)
    E = np.outer(O.sum(1), O.sum(0)) / O.sum()
    x2 = ((O - E) ** 2 / E).sum()
    return x2, stats.chi2.sf(x2, O.size - 1)


def _uniform_expected(observed):
    O = observed.astype(float)
    E = np.full(O.shape, O.sum() / O.size)
    x2 = ((O - E) ** 2 / E).sum()
    return x2, stats.chi2.sf(x2, (O.shape[0] - 1) * (O.shape[1] - 1))


def _scipy_default(observed):
    res = stats.chi2_contingency(observed)  # correction=True: Yates's correction on 2 x 2 tables
    return res.statistic, res.pvalue


def _lower_tail(observed):
    O = observed.astype(float)
    E = np.outer(O.sum(1), O.sum(0)) / O.sum()
    x2 = ((O - E) ** 2 / E).sum()
    return x2, stats.chi2.cdf(x2, (O.shape[0] - 1) * (O.shape[1] - 1))


MISTAKES = {
    "goodness-of-fit-dof": _gof_dof,
    "uniform-expected": _uniform_expected,
    "yates-correction": _scipy_default,
    "lower-tail-p": _lower_tail,
}
