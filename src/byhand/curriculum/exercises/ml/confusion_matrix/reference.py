"""Confusion matrix: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def confusion_matrix(y_true, y_pred, num_classes):
    """C[i, j] = number of examples with true class i predicted as class j (int, (C, C))."""
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(cm, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return cm


def _noisy(rng, n, c, acc=0.6):
    y = rng.integers(0, c, size=n)
    wrong = rng.random(n) > acc
    pred = np.where(wrong, rng.integers(0, c, size=n), y)
    return y, pred


def cases(rng):
    y3, p3 = _noisy(rng, 30, 3)
    y5, p5 = _noisy(rng, 200, 5)
    y2, p2 = _noisy(rng, 12, 2)
    return [
        Case((y3, p3, 3), name="random, 3 classes"),
        Case((y5, p5, 5), name="random, 5 classes"),
        Case((y2, p2, 2), name="random, 2 classes"),
        Case((np.array([0, 1, 2, 2, 1]), np.array([0, 1, 2, 2, 1]), 3), name="all correct (diagonal)"),
        Case((np.array([0, 0, 0, 1]), np.array([1, 1, 2, 2]), 3), name="all wrong"),
        Case((np.array([0, 0, 1, 1, 1]), np.array([1, 1, 1, 0, 1]), 4), name="a class that never occurs"),
        Case((np.array([2]), np.array([0]), 3), name="one example"),
        Case((np.array([1, 1, 1]), np.array([0, 0, 0]), 2), name="one cell counted three times"),
    ]


# --- known mistakes ----------------------------------------------------------

def _transposed(y_true, y_pred, num_classes):
    cm = np.zeros((num_classes, num_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[p, t] += 1
    return cm


def _classes_from_data(y_true, y_pred, num_classes):
    c = max(y_true.max(), y_pred.max()) + 1
    cm = np.zeros((c, c), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def _buffered_increment(y_true, y_pred, num_classes):
    cm = np.zeros((num_classes, num_classes), dtype=int)
    cm[y_true, y_pred] += 1  # a repeated (t, p) pair is counted once
    return cm


MISTAKES = {
    "transposed": _transposed,
    "classes-from-data": _classes_from_data,
    "buffered-increment": _buffered_increment,
}
