"""k-nearest-neighbour classification: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def knn_predict(X_train, y_train, X_test, k):
    """For each test row, the most common label among its k nearest training rows
    (Euclidean distance; equal distances go to the lower training index);
    a tie in the vote goes to the smallest label. Returns ints, shape (M,)."""
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    y_train = np.asarray(y_train)
    d2 = np.sum((X_test[:, None, :] - X_train[None, :, :]) ** 2, axis=-1)  # (M, N)
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    n_labels = int(y_train.max()) + 1
    votes = np.array([np.bincount(y_train[row], minlength=n_labels) for row in nearest])
    return np.argmax(votes, axis=1).astype(np.int64)  # argmax returns the first maximum


def _clear_margins(X_train, X_test, k, margin=1e-6):
    """Keep the test rows whose k-th and (k+1)-th nearest training rows are not
    (nearly) equally far under the Euclidean and the L1 distance, so the
    k nearest are unambiguous."""
    keep = np.ones(len(X_test), dtype=bool)
    if k < len(X_train):
        for d in (np.sqrt(np.sum((X_test[:, None] - X_train[None]) ** 2, axis=-1)),
                  np.sum(np.abs(X_test[:, None] - X_train[None]), axis=-1)):
            s = np.sort(d, axis=1)
            keep &= s[:, k] - s[:, k - 1] > margin * (1 + s[:, k - 1])
    return X_test[keep]


def _blobs(rng, n, m, d, c, k, spread=1.5):
    centers = rng.normal(size=(c, d)) * 2.0
    y = rng.integers(0, c, size=n)
    X = centers[y] + rng.normal(size=(n, d)) * spread
    X_test = centers[rng.integers(0, c, size=m)] + rng.normal(size=(m, d)) * spread
    return X, y, _clear_margins(X, X_test, k), k


def cases(rng):
    # the vote ties 1-1 between labels 2 (nearest) and 0; the smallest label, 0, wins
    X_tie = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0], [-4.0, 0.0]])
    y_tie = np.array([2, 0, 1, 0])
    # one nearest point of label 1, then three of label 0 further away: k=1 and k=3 disagree,
    # and with Manhattan distance the nearest is a 0
    X_k = np.array([[0.9, 0.9], [1.3, 0.0], [-1.4, 0.1], [0.0, -1.45], [6.0, 6.0]])
    y_k = np.array([1, 0, 0, 0, 1])
    return [
        Case(_blobs(rng, 30, 8, 2, 2, 3), name="random, 2 classes, k=3"),
        Case(_blobs(rng, 60, 10, 4, 3, 5), name="random, 3 classes, k=5"),
        Case(_blobs(rng, 20, 6, 3, 4, 1), name="random, k=1"),
        Case(_blobs(rng, 40, 8, 2, 3, 4), name="random, even k (vote ties possible)"),
        Case((X_tie, y_tie, np.array([[0.4, 0.0]]), 2), name="a tied vote goes to the smallest label"),
        Case((X_tie, y_tie, np.array([[0.4, 0.0], [0.6, 0.1]]), 4), name="k = all training points"),
        Case((X_k, y_k, np.array([[0.0, 0.0]]), 1), name="k=1: the single nearest"),
        Case((X_k, y_k, np.array([[0.0, 0.0], [4.0, 4.0]]), 3), name="k=3 outvotes the nearest"),
        Case((np.array([[0.0], [1.0], [2.0], [10.0], [11.0]]), np.array([0, 0, 0, 1, 1]), np.array([[1.0], [9.0], [4.0]]), 2),
             name="1-D features, a test point equal to a training point"),
    ]


# --- known mistakes ----------------------------------------------------------

def _k_farthest(X_train, y_train, X_test, k):
    d = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    idx = np.argsort(d, axis=1)[:, -k:]
    return np.array([np.bincount(y_train[row]).argmax() for row in idx])


def _counter_first_seen(X_train, y_train, X_test, k):
    from collections import Counter

    d = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    idx = np.argsort(d, axis=1)[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in idx])


def _largest_label(X_train, y_train, X_test, k):
    d = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    idx = np.argsort(d, axis=1)[:, :k]
    out = []
    for row in idx:
        labels, counts = np.unique(y_train[row], return_counts=True)
        out.append(labels[np.flatnonzero(counts == counts.max())[-1]])
    return np.array(out)


def _l1_distance(X_train, y_train, X_test, k):
    d = np.abs(X_test[:, None, :] - X_train[None, :, :]).sum(axis=2)
    idx = np.argsort(d, axis=1)[:, :k]
    return np.array([np.bincount(y_train[row]).argmax() for row in idx])


MISTAKES = {
    "k-farthest": _k_farthest,
    "vote-tie-not-smallest": [_counter_first_seen, _largest_label],
    "l1-distance": _l1_distance,
}
