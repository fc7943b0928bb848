"""Bonferroni and Benjamini-Hochberg adjusted p-values: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def adjust_p_values(p):
    """Bonferroni: min(m p_i, 1).  Benjamini-Hochberg: with p sorted, q_(i) = min_{k >= i} min(m p_(k) / k, 1),
    returned in the original order."""
    p = np.asarray(p, dtype=np.float64)
    m = p.size
    bonferroni = np.minimum(m * p, 1.0)
    order = np.argsort(p, kind="stable")
    ranked = m * p[order] / np.arange(1, m + 1)
    q_sorted = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    bh = np.empty(m)
    bh[order] = q_sorted
    return bonferroni, bh


def _study(rng, m, n_real):
    """m tests, n_real of them real effects (small p), the others null (uniform p), shuffled."""
    p = np.concatenate([rng.uniform(0, 0.01, size=n_real), rng.uniform(0, 1, size=m - n_real)])
    return rng.permutation(p)


def cases(rng):
    return [
        Case((_study(rng, 10, 3),), name="10 tests, 3 real effects, unsorted"),
        Case((_study(rng, 50, 10),), name="50 tests"),
        Case((np.array([0.01, 0.02, 0.021, 0.5]),), name="raw BH values not monotone"),
        Case((np.array([0.3, 0.001, 0.04]),), name="unsorted input"),
        Case((np.array([0.04, 0.04, 0.2, 0.04]),), name="ties"),
        Case((np.array([0.03]),), name="one test"),
        Case((np.ones(4),), name="all p = 1"),
        Case((np.array([1e-12, 0.6, 0.9, 0.2, 1e-8]),), name="tiny p-values and large ones"),
    ]


def _bh_sorted(p, forward=False, monotone=True, unsort=True, clip=True):
    m = len(p)
    order = np.argsort(p)
    q = m * p[order] / np.arange(1, m + 1)
    if monotone:
        q = np.minimum.accumulate(q) if forward else np.minimum.accumulate(q[::-1])[::-1]
    if clip:
        q = np.minimum(q, 1.0)
    if not unsort:
        return q
    out = np.empty(m)
    out[order] = q
    return out


def _bonferroni_divides(p):
    return p / len(p), _bh_sorted(p)


def _not_monotone(p):
    return np.minimum(len(p) * p, 1.0), _bh_sorted(p, monotone=False)


def _forward_minimum(p):
    return np.minimum(len(p) * p, 1.0), _bh_sorted(p, forward=True)


def _sorted_order(p):
    return np.minimum(len(p) * p, 1.0), _bh_sorted(p, unsort=False)


def _no_clip(p):
    return len(p) * p, _bh_sorted(p, clip=False)


MISTAKES = {
    "bonferroni-divides": _bonferroni_divides,
    "bh-not-monotone": _not_monotone,
    "bh-minimum-from-the-wrong-end": _forward_minimum,
    "bh-sorted-order": _sorted_order,
    "not-capped-at-1": _no_clip,
}
