"""Label propagation with clamping (Zhu, Ghahramani, Lafferty 2003): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def label_propagation(W, Y, labeled, n_iter=100):
    """Repeat n_iter times: F <- D^{-1} W F, then reset the labeled rows to Y. Start from F = Y."""
    W = np.asarray(W, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    labeled = np.asarray(labeled, dtype=bool)
    P = W / W.sum(axis=1, keepdims=True)  # row i: the average over i's neighbors
    F = Y.copy()
    for _ in range(n_iter):
        F = P @ F
        F[labeled] = Y[labeled]  # clamp the known labels
    return F


def _connected(rng, n, p):
    upper = np.triu((rng.random((n, n)) < p) * rng.uniform(0.5, 2.0, size=(n, n)), 1)
    perm = rng.permutation(n)
    for a, b in zip(perm[:-1], perm[1:]):
        upper[min(a, b), max(a, b)] = rng.uniform(0.5, 2.0)
    return upper + upper.T


def _task(rng, n, n_classes, per_class):
    labeled = np.zeros(n, dtype=bool)
    Y = np.zeros((n, n_classes))
    nodes = rng.permutation(n)[: n_classes * per_class]
    for k, v in enumerate(nodes):
        labeled[v] = True
        Y[v, k % n_classes] = 1.0
    return Y, labeled


def cases(rng):
    path = np.zeros((5, 5))
    for a in range(4):
        path[a, a + 1] = path[a + 1, a] = 1.0
    Y = np.zeros((5, 2))
    Y[0, 0] = Y[4, 1] = 1.0
    ends = np.array([True, False, False, False, True])
    n = int(rng.integers(6, 10))
    Y1, lab1 = _task(rng, n, 2, 1)
    Y2, lab2 = _task(rng, 20, 3, 2)
    return [
        Case((path, Y, ends), {"n_iter": 1}, name="path, one step"),
        Case((path, Y, ends), {"n_iter": 3}, name="path, three steps"),
        Case((path, Y, ends), {"n_iter": 500}, name="path, converged"),
        Case((_connected(rng, n, 0.3), Y1, lab1), {"n_iter": 20}, name="random, two classes"),
        Case((_connected(rng, 20, 0.15), Y2, lab2), name="random, 20 nodes, three classes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _no_clamp(W, Y, labeled, n_iter=100):
    W = np.asarray(W, dtype=np.float64)
    P = W / W.sum(axis=1, keepdims=True)
    F = np.asarray(Y, dtype=np.float64).copy()
    for _ in range(n_iter):
        F = P @ F  # the known labels wash out
    return F


def _column_normalized(W, Y, labeled, n_iter=100):
    W = np.asarray(W, dtype=np.float64)
    return _propagate(W / W.sum(axis=0, keepdims=True), Y, labeled, n_iter)  # W D^{-1}: divides by the neighbor's degree


def _unnormalized(W, Y, labeled, n_iter=100):
    return _propagate(np.asarray(W, dtype=np.float64), Y, labeled, n_iter)  # a sum, not an average


def _propagate(P, Y, labeled, n_iter):
    Y = np.asarray(Y, dtype=np.float64)
    labeled = np.asarray(labeled, dtype=bool)
    F = Y.copy()
    for _ in range(n_iter):
        F = P @ F
        F[labeled] = Y[labeled]
    return F


MISTAKES = {
    "no-clamping": _no_clamp,
    "column-normalized": _column_normalized,
    "no-normalization": _unnormalized,
}
