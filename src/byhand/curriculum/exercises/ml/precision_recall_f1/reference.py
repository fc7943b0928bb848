"""Precision, recall and F1 of a binary classifier: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def precision_recall_f1(y_true, y_pred):
    """TP/(TP+FP), TP/(TP+FN), 2TP/(2TP+FP+FN), each 0.0 when its denominator is 0."""
    y_true = np.asarray(y_true) == 1
    y_pred = np.asarray(y_pred) == 1
    tp = np.sum(y_true & y_pred)
    fp = np.sum(~y_true & y_pred)
    fn = np.sum(y_true & ~y_pred)

    def ratio(num, den):
        return np.float64(num / den) if den > 0 else np.float64(0.0)

    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


def _noisy(rng, n, p_pos=0.4, flip=0.3):
    y = (rng.random(n) < p_pos).astype(np.int64)
    pred = np.where(rng.random(n) < flip, 1 - y, y)
    return y, pred


def cases(rng):
    return [
        Case(_noisy(rng, 20), name="random"),
        Case(_noisy(rng, 200, p_pos=0.2, flip=0.15), name="random, imbalanced"),
        Case((np.array([1, 1, 1, 0, 0, 0, 0]), np.array([1, 0, 0, 1, 1, 1, 0])), name="precision and recall differ"),
        Case((np.array([1, 1, 0, 1, 0, 0, 1, 0]), np.array([1, 1, 1, 1, 1, 0, 0, 0])), name="more false positives"),
        Case((np.array([1, 0, 1, 0]), np.array([0, 0, 0, 0])), name="no predicted positives (precision undefined)"),
        Case((np.array([0, 0, 0]), np.array([1, 0, 1])), name="no actual positives (recall undefined)"),
        Case((np.array([0, 0, 0, 0]), np.array([0, 0, 0, 0])), name="no positives at all"),
        Case((np.array([1, 0, 1, 1]), np.array([1, 0, 1, 1])), name="perfect"),
        Case((np.array([1, 0, 1]), np.array([0, 1, 0])), name="all wrong"),
        Case((np.array([1]), np.array([1])), name="one example"),
    ]


# --- known mistakes ----------------------------------------------------------

def _counts(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    return tp, fp, fn


def _safe(num, den):
    return num / den if den > 0 else 0.0


def _swapped(y_true, y_pred):
    tp, fp, fn = _counts(y_true, y_pred)
    p, r = _safe(tp, tp + fn), _safe(tp, tp + fp)
    return p, r, _safe(2 * p * r, p + r)


def _arithmetic_mean(y_true, y_pred):
    tp, fp, fn = _counts(y_true, y_pred)
    p, r = _safe(tp, tp + fp), _safe(tp, tp + fn)
    return p, r, (p + r) / 2


def _nan_when_undefined(y_true, y_pred):
    tp, fp, fn = _counts(y_true, y_pred)
    p = tp / (tp + fp)
    r = tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)


MISTAKES = {
    "precision-recall-swapped": _swapped,
    "f1-arithmetic-mean": _arithmetic_mean,
    "nan-when-undefined": _nan_when_undefined,
}
