"""The Fiedler vector of a connected graph (spectral bisection): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def fiedler_vector(A):
    """(lambda_2, v): the second-smallest eigenvalue of L = D - A and a unit eigenvector for it."""
    A = np.asarray(A, dtype=np.float64)
    L = np.diag(A.sum(axis=1)) - A
    w, V = np.linalg.eigh(L)  # ascending eigenvalues; w[0] = 0 with the constant vector
    return float(w[1]), V[:, 1]


def _connected_weights(rng, n, p):
    upper = np.triu((rng.random((n, n)) < p) * rng.uniform(0.2, 3.0, size=(n, n)), 1)
    perm = rng.permutation(n)
    for a, b in zip(perm[:-1], perm[1:]):  # a random spanning path keeps the graph connected
        i, j = min(a, b), max(a, b)
        upper[i, j] = max(upper[i, j], rng.uniform(0.2, 3.0))
    return upper + upper.T


def _edges(n, pairs, w=1.0):
    i, j = np.array(pairs).T
    A = np.zeros((n, n))
    A[i, j] = A[j, i] = w
    return A


def cases(rng):
    n = int(rng.integers(6, 10))
    # two triangles joined by one edge: the Fiedler vector separates them
    barbell = _edges(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    return [
        Case((_edges(2, [(0, 1)], w=1.5),), name="two nodes"),
        Case((_edges(5, [(0, 1), (1, 2), (2, 3), (3, 4)]),), name="path of 5"),
        Case((barbell,), name="two triangles joined by an edge"),
        Case((_connected_weights(rng, n, 0.3),), name="random weighted, connected"),
        Case((_connected_weights(rng, 25, 0.1),), name="random weighted, 25 nodes"),
    ]


# --- known mistakes ----------------------------------------------------------

def _smallest(A):
    A = np.asarray(A, dtype=np.float64)
    w, V = np.linalg.eigh(np.diag(A.sum(axis=1)) - A)
    return float(w[0]), V[:, 0]  # eigenvalue 0 and the constant vector


def _largest(A):
    A = np.asarray(A, dtype=np.float64)
    w, V = np.linalg.eigh(np.diag(A.sum(axis=1)) - A)
    return float(w[-1]), V[:, -1]


def _adjacency(A):
    w, V = np.linalg.eigh(np.asarray(A, dtype=np.float64))
    return float(w[-2]), V[:, -2]  # second-largest eigenpair of A, not of L


def _normalized(A):
    A = np.asarray(A, dtype=np.float64)
    s = 1.0 / np.sqrt(A.sum(axis=1))
    w, V = np.linalg.eigh(np.eye(len(A)) - s[:, None] * A * s[None, :])
    return float(w[1]), V[:, 1]


MISTAKES = {
    "smallest-eigenvector": _smallest,
    "largest-eigenvalue": _largest,
    "adjacency-eigenvector": _adjacency,
    "normalized-laplacian": _normalized,
}
