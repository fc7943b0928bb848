"""Gini decrease and information gain of a decision-tree split: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _gini(y):
    if y.size == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / y.size
    return 1.0 - np.sum(p * p)


def _entropy_bits(y):
    if y.size == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / y.size
    return -np.sum(p * np.log2(p))


def split_gain(y, go_left):
    """I(parent) - n_L/n I(left) - n_R/n I(right), for I = Gini impurity and I = entropy in bits;
    an empty child has weight 0."""
    y = np.asarray(y)
    left = np.asarray(go_left, dtype=bool)
    n = y.size
    out = []
    for impurity in (_gini, _entropy_bits):
        children = left.sum() / n * impurity(y[left]) + (~left).sum() / n * impurity(y[~left])
        out.append(np.float64(impurity(y) - children))
    return tuple(out)


def cases(rng):
    y1 = rng.integers(0, 3, size=30)
    y2 = rng.integers(0, 2, size=40)
    feature = y2 + rng.normal(size=40) * 0.8  # a feature that predicts the label, thresholded
    return [
        Case((y1, rng.random(30) < 0.4), name="3 classes, random split"),
        Case((y2, feature > 0.5), name="2 classes, a useful threshold"),
        Case((np.array([0, 0, 1, 1, 2, 2]), np.array([True, True, False, False, False, False])),
             name="split separates one class"),
        Case((np.array([1, 0, 1, 0, 1, 1]), np.array([True, True, True, False, False, False])),
             name="children mix like the parent (gain 0)"),
        Case((np.array([3, 7, 7, 3, 3]), np.array([True, False, False, True, True])), name="perfect split, labels 3 and 7"),
        Case((np.array([0, 1, 1, 2]), np.ones(4, dtype=bool)), name="every sample goes left (empty child)"),
        Case((np.array([0, 0, 1, 1, 1, 1, 0, 1]), np.array([True] + [False] * 7)), name="one sample split off"),
    ]


def _proportions(v):
    return np.unique(v, return_counts=True)[1] / len(v)


def _gains(y, go_left, weighted=True, log=np.log2, nan_empty=False, decrease=True):
    left = np.asarray(go_left, dtype=bool)
    parts = (y[left], y[~left])
    if nan_empty and min(len(parts[0]), len(parts[1])) == 0:
        return np.nan, np.nan  # 0/0 in the empty child's proportions
    impurities = (lambda v: 1 - np.sum(_proportions(v) ** 2) if len(v) else 0.0,
                  lambda v: -np.sum(_proportions(v) * log(_proportions(v))) if len(v) else 0.0)
    weights = [len(v) / len(y) for v in parts] if weighted else [0.5, 0.5]
    out = []
    for f in impurities:
        children = sum(wt * f(v) for wt, v in zip(weights, parts))
        out.append(f(y) - children if decrease else children)
    return tuple(out)


def _unweighted(y, go_left):
    return _gains(y, go_left, weighted=False)


def _nats(y, go_left):
    return _gains(y, go_left, log=np.log)


def _nan_empty(y, go_left):
    return _gains(y, go_left, nan_empty=True)


def _children_only(y, go_left):
    return _gains(y, go_left, decrease=False)


MISTAKES = {
    "unweighted-children": _unweighted,
    "entropy-in-nats": _nats,
    "nan-for-an-empty-child": _nan_empty,
    "returns-child-impurity": _children_only,
}
