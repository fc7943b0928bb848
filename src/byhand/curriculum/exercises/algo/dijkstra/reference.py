"""Dijkstra's shortest paths on a weighted adjacency matrix: the reference, its cases and its known mistakes."""

import heapq
from collections import deque

import numpy as np

from byhand import Case


def dijkstra(W, source):
    """Length of a shortest path from `source` to every node; inf where unreachable.

    W[i, j] > 0 is the length of the directed edge i -> j; W[i, j] == 0 means no edge.
    """
    W = np.asarray(W, dtype=np.float64)
    n = W.shape[0]
    dist = np.full(n, np.inf)
    dist[source] = 0.0
    done = np.zeros(n, dtype=bool)
    heap = [(0.0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if done[u]:
            continue  # an old, longer entry for a node already settled
        done[u] = True
        for v in np.flatnonzero(W[u]):
            if d + W[u, v] < dist[v]:
                dist[v] = d + W[u, v]
                heapq.heappush(heap, (dist[v], int(v)))
    return dist


def _random_weights(rng, n, p):
    mask = rng.random((n, n)) < p
    np.fill_diagonal(mask, False)
    return np.where(mask, rng.uniform(0.5, 5.0, size=(n, n)), 0.0)


def _edges(n, triples):
    W = np.zeros((n, n))
    for a, b, w in triples:
        W[a, b] = w
    return W


def cases(rng):
    n = int(rng.integers(6, 10))
    sym = _random_weights(rng, n, 0.3)
    sym = np.maximum(sym, sym.T)
    return [
        Case((np.zeros((1, 1)), 0), name="single node"),
        Case((_edges(3, [(0, 2, 5.0), (0, 1, 1.0), (1, 2, 1.0)]), 0), name="two short edges beat one long"),
        Case((_edges(4, [(0, 2, 1.0), (2, 1, 1.0), (1, 3, 1.0), (0, 1, 5.0)]), 0), name="detour through a higher index"),
        Case((_edges(4, [(0, 1, 2.0), (1, 2, 0.5), (2, 3, 1.5)]), 2), name="one-way chain"),
        Case((sym, int(rng.integers(0, n))), name="random undirected"),
        Case((_random_weights(rng, n, 0.3), 0), name="random directed"),
        Case((_random_weights(rng, 30, 0.12), int(rng.integers(0, 30))), name="random directed, 30 nodes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _start(W, source):
    W = np.asarray(W, dtype=np.float64)
    dist = np.full(W.shape[0], np.inf)
    dist[source] = 0.0
    return W, W.shape[0], dist


def _zero_is_edge(W, source):
    W, n, dist = _start(W, source)
    done = np.zeros(n, dtype=bool)
    for _ in range(n):
        u = int(np.argmin(np.where(done, np.inf, dist)))
        done[u] = True
        for v in range(n):  # every entry is an edge, the zeros too
            if dist[u] + W[u, v] < dist[v]:
                dist[v] = dist[u] + W[u, v]
    return dist


def _first_found(W, source):
    W, n, dist = _start(W, source)
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v in np.flatnonzero(W[u]):
            if dist[v] == np.inf:  # BFS: the first path found is kept
                dist[v] = dist[u] + W[u, v]
                queue.append(v)
    return dist


def _index_order(W, source):
    W, n, dist = _start(W, source)
    for u in range(n):  # relaxes the nodes in index order, not nearest first
        for v in np.flatnonzero(W[u]):
            dist[v] = min(dist[v], dist[u] + W[u, v])
    return dist


MISTAKES = {
    "zero-weight-edges": _zero_is_edge,
    "first-path-kept": _first_found,
    "not-nearest-first": _index_order,
}
