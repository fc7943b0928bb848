"""One message-passing step with sum or mean aggregation: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def message_passing(A, H, W_self, W_neigh, aggregate="sum"):
    """h'_v = h_v W_self + (sum or mean of h_u over the edges u -> v) W_neigh.

    A[u, v] != 0 is an edge u -> v: u sends its features to v. A node with no
    incoming edge receives the zero message (also for the mean).
    """
    A = (np.asarray(A) != 0).astype(np.float64)
    H = np.asarray(H, dtype=np.float64)
    M = A.T @ H  # row v: the sum of h_u over the in-neighbors u of v
    if aggregate == "mean":
        indeg = A.sum(axis=0)
        M = M / np.maximum(indeg, 1.0)[:, None]
    return H @ W_self + M @ W_neigh


def _random_digraph(rng, n, p):
    adj = (rng.random((n, n)) < p).astype(np.float64)
    np.fill_diagonal(adj, 0)
    return adj


def cases(rng):
    n, f, h = int(rng.integers(5, 9)), int(rng.integers(2, 5)), int(rng.integers(1, 4))
    # a one-way chain 0 -> 1 -> 2: node 0 receives nothing, node 2 receives only from 1
    chain = np.zeros((3, 3))
    chain[0, 1] = chain[1, 2] = 1.0
    chain_h = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, -1.0]])
    # node 0 hears from 1, 2 and 3; nodes 1, 2, 3 hear only from 0
    star = np.zeros((4, 4))
    star[0, 1:] = star[1:, 0] = 1.0

    def weights(f, h):
        return rng.normal(size=(f, h)), rng.normal(size=(f, h))

    return [
        Case((chain, chain_h, np.eye(2), np.eye(2)), name="one-way chain, sum"),
        Case((chain, chain_h, np.eye(2), np.eye(2)), {"aggregate": "mean"}, name="one-way chain, mean"),
        Case((star, rng.normal(size=(4, 3)), *weights(3, 2)), {"aggregate": "mean"}, name="star, mean"),
        Case((_random_digraph(rng, n, 0.35), rng.normal(size=(n, f)), *weights(f, h)), name="random directed, sum"),
        Case((_random_digraph(rng, n, 0.35), rng.normal(size=(n, f)), *weights(f, h)), {"aggregate": "mean"},
             name="random directed, mean"),
        Case((_random_digraph(rng, 25, 0.1), rng.normal(size=(25, 6)), *weights(6, 3)), {"aggregate": "mean"},
             name="random directed, 25 nodes, mean"),
    ]


# --- known mistakes ----------------------------------------------------------

def _out_neighbors(A, H, W_self, W_neigh, aggregate="sum"):
    return message_passing(np.asarray(A).T, H, W_self, W_neigh, aggregate)  # A @ H: gathers from out-neighbors


def _mean_divides_by_zero(A, H, W_self, W_neigh, aggregate="sum"):
    A = (np.asarray(A) != 0).astype(np.float64)
    M = A.T @ H
    if aggregate == "mean":
        with np.errstate(divide="ignore", invalid="ignore"):
            M = M / A.sum(axis=0)[:, None]  # 0/0 = NaN for a node with no incoming edge
    return H @ W_self + M @ W_neigh


def _mean_over_all_nodes(A, H, W_self, W_neigh, aggregate="sum"):
    A = (np.asarray(A) != 0).astype(np.float64)
    M = A.T @ H
    if aggregate == "mean":
        M = M / len(A)  # divides by the number of nodes, not of neighbors
    return H @ W_self + M @ W_neigh


def _no_self_term(A, H, W_self, W_neigh, aggregate="sum"):
    A = (np.asarray(A) != 0).astype(np.float64)
    M = A.T @ H
    if aggregate == "mean":
        M = M / np.maximum(A.sum(axis=0), 1.0)[:, None]
    return M @ W_neigh  # the node's own state is dropped


MISTAKES = {
    "wrong-direction": _out_neighbors,
    "mean-of-no-messages": _mean_divides_by_zero,
    "mean-over-all-nodes": _mean_over_all_nodes,
    "no-self-term": _no_self_term,
}
