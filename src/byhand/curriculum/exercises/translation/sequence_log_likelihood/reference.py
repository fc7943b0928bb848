"""Log-likelihood of a target sentence under a model: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def sequence_log_likelihood(log_probs, targets):
    """sum_t log p(y_t | y_<t, x): pick the target token's log-probability at every step and add them."""
    log_probs = np.asarray(log_probs, dtype=np.float64)
    targets = np.asarray(targets)
    T = log_probs.shape[0]
    return float(np.sum(log_probs[np.arange(T), targets]))


def _log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def _case(rng, T, V, scale=2.0):
    return _log_softmax(rng.normal(size=(T, V)) * scale), rng.integers(0, V, size=T)


def cases(rng):
    lp1, y1 = _case(rng, 4, 6)
    lp2, y2 = _case(rng, 7, 12)
    lp3, y3 = _case(rng, 5, 5)
    lp4, y4 = _case(rng, 3, 8)
    lp_sure = np.full((3, 4), -30.0)
    lp_sure[[0, 1, 2], [2, 0, 3]] = 0.0  # a (nearly) certain model
    lp_sure = _log_softmax(lp_sure)
    lp_long, y_long = _case(rng, 60, 50, scale=3.0)
    return [
        Case((lp1, y1), name="random"),
        Case((lp2, y2), name="random, longer sentence"),
        Case((lp3, y3), name="T = V (square)"),
        Case((_log_softmax(rng.normal(size=(1, 5))), np.array([3])), name="one token"),
        Case((lp4, np.array([2, 2, 2])), name="the same token repeated"),
        Case((lp_sure, np.array([2, 0, 3])), name="confident model, right tokens"),
        Case((np.log(np.full((4, 10), 0.1)), np.array([0, 9, 5, 1])), name="uniform model (log 0.1 each)"),
        Case((lp_long, y_long), name="long sentence"),
    ]


def _mean(log_probs, targets):
    return float(np.mean(log_probs[np.arange(log_probs.shape[0]), targets]))


def _columns(log_probs, targets):
    return float(np.sum(log_probs[:, targets]))  # a (T, T) block: every step with every target


def _take_flat(log_probs, targets):
    return float(np.sum(np.take(log_probs, targets)))  # no axis: indexes the flattened array


def _rows(log_probs, targets):
    return float(np.sum(log_probs[targets, np.arange(len(targets))]))


def _negated(log_probs, targets):
    return -float(np.sum(log_probs[np.arange(log_probs.shape[0]), targets]))


MISTAKES = {
    "mean-instead-of-sum": _mean,
    "wrong-gather": [_columns, _take_flat, _rows],
    "negated": _negated,
}
