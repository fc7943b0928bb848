"""Breadth-first search distances: the reference, its cases and its known mistakes."""

from collections import deque

import numpy as np

from byhand import Case


def bfs_distances(adj, source):
    """Number of edges on a shortest path from `source` to every node; -1 where unreachable.

    adj[i, j] != 0 means a directed edge i -> j (a symmetric adj is an undirected graph).
    """
    adj = np.asarray(adj)
    n = adj.shape[0]
    dist = np.full(n, -1, dtype=np.int64)
    dist[source] = 0
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v in np.flatnonzero(adj[u]):
            if dist[v] == -1:  # first time seen: the shortest distance
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


def _random_digraph(rng, n, p):
    adj = (rng.random((n, n)) < p).astype(np.int64)
    np.fill_diagonal(adj, 0)
    return adj


def _undirected(rng, n, p):
    upper = np.triu(rng.random((n, n)) < p, 1)
    return (upper | upper.T).astype(np.int64)


def cases(rng):
    # 0 -> 2 -> 3 -> 4 and 0 -> 1 -> 4: a queue finds 4 at distance 2, but a stack
    # (depth-first) follows 2 -> 3 -> 4 first and labels 4 with 3.
    shortcut = np.zeros((5, 5), dtype=np.int64)
    for a, b in [(0, 1), (0, 2), (2, 3), (3, 4), (1, 4)]:
        shortcut[a, b] = 1
    # a one-way chain 0 -> 1 -> 2 -> 3, started in the middle: 0 cannot be reached from 2
    chain = np.zeros((4, 4), dtype=np.int64)
    chain[0, 1] = chain[1, 2] = chain[2, 3] = 1
    # two triangles with no edge between them
    two = np.zeros((6, 6), dtype=np.int64)
    for a, b in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]:
        two[a, b] = two[b, a] = 1
    n = int(rng.integers(6, 10))
    return [
        Case((np.zeros((1, 1), dtype=np.int64), 0), name="single node"),
        Case((shortcut, 0), name="two routes of different length"),
        Case((chain, 1), name="one-way chain"),
        Case((two, 4), name="two separate triangles"),
        Case((_undirected(rng, n, 0.35), int(rng.integers(0, n))), name="random undirected"),
        Case((_random_digraph(rng, n, 0.25), 0), name="random directed"),
        Case((_random_digraph(rng, 30, 0.08), int(rng.integers(0, 30))), name="random directed, 30 nodes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _stack(adj, source):
    adj = np.asarray(adj)
    dist = np.full(adj.shape[0], -1, dtype=np.int64)
    dist[source] = 0
    stack = [source]
    while stack:
        u = stack.pop()  # last in, first out: depth-first
        for v in np.flatnonzero(adj[u]):
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                stack.append(v)
    return dist


def _columns(adj, source):
    return bfs_distances(np.asarray(adj).T, source)  # follows edges backwards


def _symmetrized(adj, source):
    adj = np.asarray(adj)
    return bfs_distances(((adj + adj.T) > 0).astype(np.int64), source)


def _zeros_init(adj, source):
    adj = np.asarray(adj)
    n = adj.shape[0]
    dist = np.zeros(n, dtype=np.int64)
    seen = {source}
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v in np.flatnonzero(adj[u]):
            if v not in seen:
                seen.add(v)
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


MISTAKES = {
    "depth-first": _stack,
    "edge-direction": [_columns, _symmetrized],
    "unreachable-zero": _zeros_init,
}
