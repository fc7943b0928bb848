"""The graph Laplacian L = D - A and its symmetric normalization: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def graph_laplacian(A, normalized=False):
    """L = D - A for a symmetric weight matrix A (zero diagonal); with `normalized`, D^{-1/2} L D^{-1/2}.

    An isolated node (degree 0) gets 0^{-1/2} := 0, so its row and column are zero.
    """
    A = np.asarray(A, dtype=np.float64)
    d = A.sum(axis=1)  # weighted degrees
    return _laplacian(A, d, normalized)


def _laplacian(A, d, normalized):
    L = np.diag(d) - A
    if not normalized:
        return L
    inv_sqrt = np.zeros_like(d)
    inv_sqrt[d > 0] = 1.0 / np.sqrt(d[d > 0])
    return inv_sqrt[:, None] * L * inv_sqrt[None, :]


def _random_weights(rng, n, p):
    upper = np.triu((rng.random((n, n)) < p) * rng.uniform(0.2, 3.0, size=(n, n)), 1)
    return upper + upper.T


def _edges(n, pairs, w=1.0):
    A = np.zeros((n, n))
    for a, b in pairs:
        A[a, b] = A[b, a] = w
    return A


def cases(rng):
    n = int(rng.integers(5, 9))
    star = _edges(5, [(0, 1), (0, 2), (0, 3), (0, 4)])
    with_loner = _edges(4, [(0, 1), (1, 2)], w=2.0)
    return [
        Case((np.zeros((1, 1)),), name="single node"),
        Case((_edges(2, [(0, 1)], w=3.0),), name="one weighted edge"),
        Case((star,), name="star"),
        Case((star,), {"normalized": True}, name="star, normalized"),
        Case((with_loner,), name="path and an isolated node"),
        Case((with_loner,), {"normalized": True}, name="path and an isolated node, normalized"),
        Case((_random_weights(rng, n, 0.5),), name="random weighted"),
        Case((_random_weights(rng, n, 0.5),), {"normalized": True}, name="random weighted, normalized"),
        Case((_random_weights(rng, 20, 0.2),), {"normalized": True}, name="random weighted, 20 nodes, normalized"),
    ]


# --- known mistakes ----------------------------------------------------------

def _sign_flipped(A, normalized=False):
    return -graph_laplacian(A, normalized)  # A - D


def _random_walk(A, normalized=False):
    if not normalized:
        return graph_laplacian(A)
    d = np.asarray(A, dtype=np.float64).sum(axis=1)
    inv = np.where(d > 0, 1.0 / np.where(d > 0, d, 1.0), 0.0)
    return inv[:, None] * graph_laplacian(A)  # D^{-1} L: rows divided by the degree, not symmetric


def _divide_by_zero(A, normalized=False):
    if not normalized:
        return graph_laplacian(A)
    d = np.asarray(A, dtype=np.float64).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        D_inv_sqrt = np.diag(1.0 / np.sqrt(d))  # inf for an isolated node
        return D_inv_sqrt @ graph_laplacian(A) @ D_inv_sqrt


def _count_degree(A, normalized=False):
    A = np.asarray(A, dtype=np.float64)
    d = np.count_nonzero(A, axis=1).astype(np.float64)  # number of neighbors, not the weight
    return _laplacian(A, d, normalized)


def _identity_minus(A, normalized=False):
    if not normalized:
        return graph_laplacian(A)
    A = np.asarray(A, dtype=np.float64)
    d = A.sum(axis=1)
    inv_sqrt = np.where(d > 0, 1.0 / np.sqrt(np.where(d > 0, d, 1.0)), 0.0)
    return np.eye(len(A)) - inv_sqrt[:, None] * A * inv_sqrt[None, :]  # 1, not 0, on an isolated node's diagonal


MISTAKES = {
    "sign-flipped": _sign_flipped,
    "random-walk-normalization": _random_walk,
    "isolated-node-nan": _divide_by_zero,
    "degree-counts-neighbors": _count_degree,
    "identity-minus-normalized-adjacency": _identity_minus,
}
