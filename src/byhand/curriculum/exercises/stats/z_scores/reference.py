"""Z-scores (standardization): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def z_scores(x, axis=0):
    """(x - mean) / sd along `axis`, with the population sd (ddof=0)."""
    x = np.asarray(x, dtype=np.float64)
    mean = np.mean(x, axis=axis, keepdims=True)
    sd = np.sqrt(np.mean((x - mean) ** 2, axis=axis, keepdims=True))
    return (x - mean) / sd


def _features(rng, n, d):
    """n samples of d features with very different means and scales."""
    return rng.normal(size=(n, d)) * rng.uniform(0.5, 20, size=d) + rng.uniform(-50, 50, size=d)


def cases(rng):
    return [
        Case((rng.normal(size=6) * 3 + 10,), name="a vector"),
        Case((_features(rng, 10, 3),), name="10 samples, 3 features"),
        Case((_features(rng, 40, 5),), name="40 samples, 5 features"),
        Case((_features(rng, 4, 4),), name="square matrix"),
        Case((_features(rng, 4, 4).T,), {"axis": 1}, name="square matrix, axis=1"),
        Case((_features(rng, 6, 3).T,), {"axis": 1}, name="features as rows, axis=1"),
        Case((rng.normal(size=(2, 5, 3)) * 4 + 1,), {"axis": 1}, name="3-D, axis=1"),
        Case((np.array([[1.0, 10.0], [3.0, 30.0]]),), name="two samples: z = ±1"),
        Case((rng.normal(size=(8, 2)) * 1e-9,), name="tiny spread"),
        Case((rng.normal(size=(8, 2)) * 1e-3 + 100.0,), name="mean 100, spread 0.001"),
        Case((_features(rng, 5, 1),), name="one feature"),
    ]


def _ddof1(x, axis=0):
    return (x - x.mean(axis=axis, keepdims=True)) / x.std(axis=axis, ddof=1, keepdims=True)


def _axis_ignored(x, axis=0):
    return (x - x.mean(axis=0, keepdims=True)) / x.std(axis=0, keepdims=True)


def _last_axis(x, axis=0):
    return (x - x.mean(axis=-1, keepdims=True)) / x.std(axis=-1, keepdims=True)


def _whole_array(x, axis=0):
    return (x - x.mean()) / x.std()


def _not_centered(x, axis=0):
    return x / x.std(axis=axis, keepdims=True)


def _no_keepdims(x, axis=0):
    return (x - x.mean(axis=axis)) / x.std(axis=axis)


MISTAKES = {
    "ddof-one": _ddof1,
    "wrong-axis": [_axis_ignored, _last_axis, _whole_array],
    "not-centered": _not_centered,
    "no-keepdims": _no_keepdims,
}
