"""AdaBoost's learner weight and sample reweighting: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def adaboost_update(w, y, h):
    """eps = sum(w[y != h]) / sum(w); alpha = log((1 - eps) / eps) / 2; w_new = w exp(-alpha y h), normalized to sum 1."""
    w = np.asarray(w, dtype=np.float64)
    y, h = np.asarray(y, dtype=np.float64), np.asarray(h, dtype=np.float64)
    eps = np.sum(w[y != h]) / np.sum(w)
    alpha = 0.5 * np.log((1.0 - eps) / eps)
    w_new = w * np.exp(-alpha * y * h)
    return np.float64(alpha), w_new / np.sum(w_new)


def _labels(rng, n, n_wrong):
    y = rng.choice([-1, 1], size=n)
    h = y.copy()
    h[rng.choice(n, size=n_wrong, replace=False)] *= -1
    return y, h


def cases(rng):
    w1 = rng.uniform(0.5, 1.5, size=8)
    return [
        Case((w1 / w1.sum(), *_labels(rng, 8, 2)), name="random weights, 2 of 8 wrong"),
        Case((np.full(20, 0.05), *_labels(rng, 20, 6)), name="first round (uniform weights)"),
        Case((rng.dirichlet(np.ones(30)), *_labels(rng, 30, 9)), name="random weights, 9 of 30 wrong"),
        Case((np.array([0.1, 0.1, 0.1, 0.7]), np.array([1, 1, -1, -1]), np.array([1, 1, -1, 1])),
             name="the heavy sample is the mistake (error above 1/2)"),
        Case((np.array([1.0, 2.0, 3.0, 2.0]), np.array([1, -1, 1, -1]), np.array([-1, -1, 1, -1])),
             name="weights not normalized on input"),
    ]


def _unweighted_error(w, y, h):
    w = np.asarray(w, dtype=float)
    eps = np.mean(np.asarray(y) != np.asarray(h))
    alpha = 0.5 * np.log((1 - eps) / eps)
    w_new = w * np.exp(-alpha * np.asarray(y) * np.asarray(h))
    return alpha, w_new / w_new.sum()


def _flipped(w, y, h):
    w = np.asarray(w, dtype=float)
    eps = np.sum(w[np.asarray(y) != np.asarray(h)]) / np.sum(w)
    alpha = 0.5 * np.log((1 - eps) / eps)
    w_new = w * np.exp(alpha * np.asarray(y) * np.asarray(h))
    return alpha, w_new / w_new.sum()


def _not_normalized(w, y, h):
    w = np.asarray(w, dtype=float)
    eps = np.sum(w[np.asarray(y) != np.asarray(h)]) / np.sum(w)
    alpha = 0.5 * np.log((1 - eps) / eps)
    return alpha, w * np.exp(-alpha * np.asarray(y) * np.asarray(h))


MISTAKES = {
    "unweighted-error": _unweighted_error,
    "reweights-the-wrong-way": _flipped,
    "weights-not-renormalized": _not_normalized,
}
