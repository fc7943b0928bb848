"""Mutual information of a discrete joint distribution: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import xlogy

from byhand import Case


def mutual_information(joint):
    """I(X; Y) = sum_xy p(x, y) log(p(x, y) / (p(x) p(y))) in nats, for tables p[..., x, y] over the last two axes."""
    p = np.asarray(joint, dtype=np.float64)
    px = np.sum(p, axis=-1, keepdims=True)  # p(x): sum over y
    py = np.sum(p, axis=-2, keepdims=True)  # p(y): sum over x
    # xlogy(p, p) - xlogy(p, px py) is 0 where p(x, y) = 0, and px py > 0 wherever p(x, y) > 0
    return np.sum(xlogy(p, p) - xlogy(p, px * py), axis=(-2, -1))


def _table(rng, shape, alpha=1.0):
    return rng.dirichlet(np.full(int(np.prod(shape[-2:])), alpha), size=shape[:-2]).reshape(shape)


def cases(rng):
    px, py = rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(4))
    sq = _table(rng, (3, 3))
    return [
        Case((_table(rng, (2, 3)),), name="random 2 x 3 table"),
        Case((sq,), name="random 3 x 3 table"),
        Case((_table(rng, (4, 2, 2)),), name="batch of 4 tables, 2 x 2"),
        Case((np.outer(px, py),), name="independent: p(x, y) = p(x) p(y)"),
        Case((np.diag([0.5, 0.3, 0.2]),), name="Y = X: I = H(X)"),
        Case((np.array([[0.3, 0.0, 0.1], [0.0, 0.4, 0.2]]),), name="zero cells"),
        Case((np.array([[0.1, 0.4], [0.4, 0.1]]),), name="a noisy binary channel"),
    ]


def _marginals_swapped(joint):
    px = joint.sum(axis=-2)  # meant p(x), sums over x
    py = joint.sum(axis=-1)
    return np.sum(xlogy(joint, joint) - xlogy(joint, px[..., :, None] * py[..., None, :]), axis=(-2, -1))


def _log_of_zero(joint):
    px = joint.sum(axis=-1, keepdims=True)
    py = joint.sum(axis=-2, keepdims=True)
    return np.sum(joint * np.log(joint / (px * py)), axis=(-2, -1))


def _unweighted(joint):
    px = joint.sum(axis=-1, keepdims=True)
    py = joint.sum(axis=-2, keepdims=True)
    ratio = np.where(joint > 0, joint / (px * py), 1.0)
    return np.sum(np.log(ratio), axis=(-2, -1))


def _bits(joint):
    return mutual_information(joint) / np.log(2.0)


MISTAKES = {
    "marginals-swapped": _marginals_swapped,
    "zero-times-log-zero": _log_of_zero,
    "log-ratio-not-weighted": _unweighted,
    "bits-not-nats": _bits,
}
