"""One graph convolution of Kipf & Welling (2017): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gcn_layer(A, X, W):
    """D~^{-1/2} (A + I) D~^{-1/2} X W, with D~ the degrees of A + I (before the nonlinearity)."""
    A = np.asarray(A, dtype=np.float64)
    A_tilde = A + np.eye(A.shape[0])  # every node keeps its own features
    d_tilde = A_tilde.sum(axis=1)  # >= 1, so no division by zero
    s = 1.0 / np.sqrt(d_tilde)
    A_hat = s[:, None] * A_tilde * s[None, :]
    return A_hat @ np.asarray(X, dtype=np.float64) @ np.asarray(W, dtype=np.float64)


def _random_graph(rng, n, p):
    upper = np.triu(rng.random((n, n)) < p, 1)
    return (upper | upper.T).astype(np.float64)


def _edges(n, pairs):
    A = np.zeros((n, n))
    for a, b in pairs:
        A[a, b] = A[b, a] = 1.0
    return A


def cases(rng):
    n, f, h = int(rng.integers(5, 9)), int(rng.integers(2, 5)), int(rng.integers(1, 4))
    star = _edges(5, [(0, 1), (0, 2), (0, 3), (0, 4)])
    loner = _edges(4, [(0, 1), (1, 2)])  # node 3 has no neighbors
    return [
        Case((np.zeros((1, 1)), rng.normal(size=(1, 2)), rng.normal(size=(2, 2))), name="single node"),
        Case((_edges(2, [(0, 1)]), np.array([[1.0], [3.0]]), np.array([[1.0]])), name="two nodes, one feature"),
        Case((star, rng.normal(size=(5, 3)), rng.normal(size=(3, 2))), name="star"),
        Case((loner, rng.normal(size=(4, 3)), rng.normal(size=(3, 2))), name="isolated node"),
        Case((_random_graph(rng, n, 0.4), rng.normal(size=(n, f)), rng.normal(size=(f, h))), name="random"),
        Case((_random_graph(rng, 30, 0.15), rng.normal(size=(30, 8)), rng.normal(size=(8, 4))), name="random, 30 nodes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _no_self_loops(A, X, W):
    A = np.asarray(A, dtype=np.float64)
    d = A.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        D_inv_sqrt = np.diag(1.0 / np.sqrt(d))
        return D_inv_sqrt @ A @ D_inv_sqrt @ X @ W  # a node never sees its own features


def _degree_without_loops(A, X, W):
    A = np.asarray(A, dtype=np.float64)
    d = A.sum(axis=1)  # D of A, not D~ of A + I
    with np.errstate(divide="ignore", invalid="ignore"):
        D_inv_sqrt = np.diag(1.0 / np.sqrt(d))
        return D_inv_sqrt @ (A + np.eye(len(A))) @ D_inv_sqrt @ X @ W


def _row_normalized(A, X, W):
    A_tilde = np.asarray(A, dtype=np.float64) + np.eye(len(A))
    return (A_tilde / A_tilde.sum(axis=1, keepdims=True)) @ X @ W  # D~^{-1} A~: a mean, not symmetric


def _unnormalized(A, X, W):
    return (np.asarray(A, dtype=np.float64) + np.eye(len(A))) @ X @ W


MISTAKES = {
    "no-self-loops": _no_self_loops,
    "degree-without-self-loops": _degree_without_loops,
    "row-normalization": _row_normalized,
    "no-normalization": _unnormalized,
}
