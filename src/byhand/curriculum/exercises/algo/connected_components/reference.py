"""Connected components of an undirected graph: the reference, its cases and its known mistakes."""

from collections import deque

import numpy as np

from byhand import Case


def connected_components(adj):
    """(number of components, label of each node); labels 0, 1, ... in order of each component's smallest node."""
    adj = np.asarray(adj)
    n = adj.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    count = 0
    for start in range(n):
        if labels[start] != -1:
            continue
        labels[start] = count
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for v in np.flatnonzero(adj[u]):
                if labels[v] == -1:
                    labels[v] = count
                    queue.append(v)
        count += 1
    return np.int64(count), labels


def _random_graph(rng, n, p):
    upper = np.triu(rng.random((n, n)) < p, 1)
    return (upper | upper.T).astype(np.int64)


def _edges(n, pairs):
    adj = np.zeros((n, n), dtype=np.int64)
    for a, b in pairs:
        adj[a, b] = adj[b, a] = 1
    return adj


def cases(rng):
    n = int(rng.integers(8, 13))
    perm = rng.permutation(6)
    path = [(int(perm[i]), int(perm[i + 1])) for i in range(5)]  # a path in a shuffled order
    return [
        Case((np.zeros((1, 1), dtype=np.int64),), name="single node"),
        Case((np.zeros((4, 4), dtype=np.int64),), name="no edges"),
        Case((_edges(5, [(0, 1), (2, 4)]),), name="two pairs and a loner"),
        Case((_edges(6, [(0, 5), (5, 1), (1, 4), (4, 2), (2, 3)]),), name="zigzag path 0-5-1-4-2-3"),
        Case((_edges(6, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]),), name="path 0-1-2-3-4-5"),
        Case((_edges(6, path),), name="path in shuffled order"),
        Case((_edges(7, [(4, 6), (6, 2), (1, 5), (5, 3)]),), name="interleaved components"),
        Case((_random_graph(rng, n, 0.18),), name="random sparse"),
        Case((_random_graph(rng, 40, 0.04),), name="random, 40 nodes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _one_hop(adj):
    adj = np.asarray(adj)
    n = adj.shape[0]
    root = np.array([min([i] + list(np.flatnonzero(adj[i]))) for i in range(n)])  # smallest neighbor only
    _, labels = np.unique(root, return_inverse=True)
    return np.int64(labels.max() + 1), labels.astype(np.int64)


def _one_sweep(adj):
    adj = np.asarray(adj)
    n = adj.shape[0]
    labels = np.arange(n)
    for i in range(n):  # a single pass of "take the smaller label over each edge"
        for j in np.flatnonzero(adj[i]):
            labels[i] = labels[j] = min(labels[i], labels[j])
    _, labels = np.unique(labels, return_inverse=True)
    return np.int64(labels.max() + 1), labels.astype(np.int64)


def _root_labels(adj):
    count, labels = connected_components(adj)
    smallest = np.array([np.flatnonzero(labels == c)[0] for c in range(count)])
    return count, smallest[labels].astype(np.int64)  # the smallest node's index, not 0, 1, 2, ...


MISTAKES = {
    "no-propagation": [_one_hop, _one_sweep],
    "root-as-label": _root_labels,
}
