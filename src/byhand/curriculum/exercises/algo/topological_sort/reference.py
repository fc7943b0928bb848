"""Topological sort by Kahn's algorithm (smallest ready node first): the reference, its cases and its known mistakes."""

import heapq
from collections import deque

import numpy as np

from byhand import Case


def topological_sort(adj):
    """The nodes in an order where every edge i -> j (adj[i, j] != 0) has i before j.

    Among the nodes whose predecessors are all placed, the smallest comes next,
    so the order is unique. If the graph has a cycle, return an empty array.
    """
    return _kahn(adj)


def _kahn(adj, indegree_axis=0, smallest_first=True, report_cycle=True):
    adj = np.asarray(adj) != 0
    n = adj.shape[0]
    indegree = adj.sum(axis=indegree_axis)  # axis 0, column sums: edges coming into each node
    ready = [i for i in range(n) if indegree[i] == 0]
    if smallest_first:
        heapq.heapify(ready)
        take, put = heapq.heappop, heapq.heappush
    else:  # first ready, first out
        ready = deque(ready)
        take, put = deque.popleft, deque.append
    order = []
    while ready:
        u = take(ready)
        order.append(u)
        for v in np.flatnonzero(adj[u]):
            indegree[v] -= 1
            if indegree[v] == 0:
                put(ready, int(v))
    if report_cycle and len(order) < n:  # the nodes left over lie on or behind a cycle
        return np.array([], dtype=np.int64)
    return np.array(order, dtype=np.int64)


def _random_dag(rng, n, p):
    perm = rng.permutation(n)  # edges go forward along a hidden random order
    upper = np.triu(rng.random((n, n)) < p, 1).astype(np.int64)
    adj = np.zeros((n, n), dtype=np.int64)
    adj[np.ix_(perm, perm)] = upper
    return adj


def _edges(n, pairs):
    adj = np.zeros((n, n), dtype=np.int64)
    for a, b in pairs:
        adj[a, b] = 1
    return adj


def cases(rng):
    n = int(rng.integers(6, 10))
    with_cycle = _random_dag(rng, 8, 0.3)
    with_cycle[2, 5] = with_cycle[5, 6] = 1
    with_cycle[5, 2] = with_cycle[6, 5] = 0
    with_cycle[6, 2] = 1  # 2 -> 5 -> 6 -> 2
    return [
        Case((np.zeros((1, 1), dtype=np.int64),), name="single node"),
        Case((np.zeros((4, 4), dtype=np.int64),), name="no edges"),
        Case((_edges(3, [(2, 1), (1, 0)]),), name="chain 2 -> 1 -> 0"),
        # 1 and 2 are ready at the start; 0 becomes ready after 1 and is smaller than 2
        Case((_edges(3, [(1, 0)]),), name="smaller node ready later"),
        Case((_edges(4, [(3, 0), (0, 1), (3, 2)]),), name="chain and a branch"),
        Case((_edges(6, [(5, 0), (5, 2), (4, 0), (4, 1), (2, 3), (3, 1)]),), name="six tasks"),
        Case((_edges(3, [(0, 1), (1, 2), (2, 0)]),), name="cycle of three"),
        Case((_edges(4, [(0, 1), (1, 2), (2, 1), (3, 0)]),), name="cycle behind a chain"),
        Case((with_cycle,), name="cycle inside a larger graph"),
        Case((_random_dag(rng, n, 0.35),), name="random DAG"),
        Case((_random_dag(rng, 25, 0.15),), name="random DAG, 25 nodes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _fifo(adj):
    return _kahn(adj, smallest_first=False)  # a valid order, but not the smallest one


def _outdegree(adj):
    return _kahn(adj, indegree_axis=1, report_cycle=False)  # row sums: these are out-degrees


def _reversed(adj):
    return topological_sort(np.asarray(adj).T)


def _partial_on_cycle(adj):
    return _kahn(adj, report_cycle=False)  # never checks that every node was placed


MISTAKES = {
    "fifo-queue": _fifo,
    "edges-reversed": [_outdegree, _reversed],
    "cycle-not-reported": _partial_on_cycle,
}
