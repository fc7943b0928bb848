"""Area under the ROC curve: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def roc_auc(y_true, scores):
    """P(score of a random positive > score of a random negative), ties counting 1/2:
    the mean over all (positive, negative) pairs of 1[s_i > s_j] + 1/2 1[s_i = s_j]."""
    y = np.asarray(y_true) == 1
    s = np.asarray(scores, dtype=np.float64)
    pos, neg = s[y], s[~y]
    greater = np.sum(pos[:, None] > neg[None, :])
    ties = np.sum(pos[:, None] == neg[None, :])
    return np.float64((greater + 0.5 * ties) / (pos.size * neg.size))


def _labels(rng, n):
    y = rng.integers(0, 2, size=n)
    y[0], y[1] = 1, 0  # at least one of each
    return rng.permutation(y)


def cases(rng):
    y1 = _labels(rng, 12)
    y2 = _labels(rng, 100)
    y3 = _labels(rng, 30)
    y4 = _labels(rng, 20)
    return [
        Case((y1, rng.normal(size=12) + y1), name="random"),
        Case((y2, rng.normal(size=100) + 0.8 * y2), name="random, larger"),
        Case((y3, np.round(rng.normal(size=30) + y3, 0)), name="scores with many ties"),
        Case((y4, rng.integers(0, 4, size=20).astype(np.float64)), name="scores from 4 levels (ties)"),
        Case((np.array([0, 1, 0, 1, 1, 0]), np.array([0.1, 0.4, 0.35, 0.8, 0.5, 0.2])), name="perfect ranking (AUC = 1)"),
        Case((np.array([1, 0, 1, 0]), np.array([0.1, 0.9, 0.2, 0.8])), name="reversed ranking (AUC = 0)"),
        Case((np.array([1, 0, 0, 1, 0]), np.full(5, 0.5)), name="all scores equal (AUC = 1/2)"),
        Case((np.array([1, 0]), np.array([0.3, 0.3])), name="one positive, one negative, tied"),
        Case((np.array([0, 1, 1, 0, 0]), np.array([2.0, 1.0, 3.0, 0.5, 1.0])), name="a tie across the classes"),
        Case((np.array([1, 1, 1, 0]), np.array([0.9, 0.1, 0.5, 0.4])), name="one negative"),
    ]


# --- known mistakes ----------------------------------------------------------

def _ties_zero(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.mean(pos[:, None] > neg[None, :])


def _ties_one(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.mean(pos[:, None] >= neg[None, :])


def _unsorted_trapezoid(y_true, scores):
    # walks the examples in the given order instead of by decreasing score
    tpr = np.concatenate([[0.0], np.cumsum(y_true == 1) / np.sum(y_true == 1)])
    fpr = np.concatenate([[0.0], np.cumsum(y_true == 0) / np.sum(y_true == 0)])
    return np.sum((fpr[1:] - fpr[:-1]) * (tpr[1:] + tpr[:-1]) / 2)


def _ordinal_ranks(y_true, scores):
    # Mann-Whitney with ranks 1..n from argsort: tied scores get different ranks
    ranks = np.argsort(np.argsort(scores)) + 1
    n_pos = np.sum(y_true == 1)
    n_neg = len(y_true) - n_pos
    return (np.sum(ranks[y_true == 1]) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


MISTAKES = {
    "ties-count-zero": _ties_zero,
    "ties-count-one": _ties_one,
    "trapezoid-without-sorting": _unsorted_trapezoid,
    "ordinal-ranks": _ordinal_ranks,
}
