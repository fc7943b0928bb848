"""PageRank by power iteration, with damping and dangling nodes: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def pagerank(A, damping=0.85, tol=1e-12, max_iter=1000):
    """r = (1 - d)/n + d (P^T r + (mass on dangling nodes)/n), iterated from r = 1/n.

    A[i, j] >= 0 is the weight of the link i -> j; P divides each row by its sum.
    A dangling node (no outgoing link) jumps to every node with probability 1/n.
    Stops when the L1 change is below `tol` (or after `max_iter` steps).
    """
    A = np.asarray(A, dtype=np.float64)
    n = A.shape[0]
    out = A.sum(axis=1)
    dangling = out == 0
    P = A / np.where(dangling, 1.0, out)[:, None]  # row-stochastic except the dangling rows
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        r_new = (1.0 - damping) / n + damping * (P.T @ r + r[dangling].sum() / n)
        change = np.abs(r_new - r).sum()
        r = r_new
        if change < tol:
            break
    return r


def _random_links(rng, n, p):
    adj = (rng.random((n, n)) < p).astype(np.float64)
    np.fill_diagonal(adj, 0)
    return adj


def cases(rng):
    n = int(rng.integers(5, 9))
    # 0 -> 1, 0 -> 2, 1 -> 2, 2 -> 0 and node 3 links to 2 but nobody links to 3
    small = np.zeros((4, 4))
    for a, b in [(0, 1), (0, 2), (1, 2), (2, 0), (3, 2)]:
        small[a, b] = 1.0
    # 0 -> 1 -> 2, and 2 has no outgoing link
    dead_end = np.zeros((3, 3))
    dead_end[0, 1] = dead_end[1, 2] = 1.0
    with_dangling = _random_links(rng, n, 0.4)
    with_dangling[int(rng.integers(0, n))] = 0.0  # one node without outgoing links
    weighted = _random_links(rng, n, 0.5) * rng.uniform(0.5, 3.0, size=(n, n))
    return [
        Case((np.zeros((1, 1)),), name="single node"),
        Case((small,), name="four pages"),
        Case((small,), {"damping": 0.5}, name="four pages, damping 0.5"),
        Case((dead_end,), name="chain ending in a dangling node"),
        Case((np.zeros((3, 3)),), name="no links at all"),
        Case((with_dangling,), name="random with a dangling node"),
        Case((weighted,), name="random weighted links"),
        Case((_random_links(rng, 40, 0.08),), name="random, 40 pages"),
    ]


# --- known mistakes ----------------------------------------------------------

def _leaks(A, damping=0.85, tol=1e-12, max_iter=1000):
    A = np.asarray(A, dtype=np.float64)
    n = A.shape[0]
    out = A.sum(axis=1)
    P = A / np.where(out == 0, 1.0, out)[:, None]
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        r_new = (1.0 - damping) / n + damping * (P.T @ r)  # a dangling node's rank goes nowhere
        change = np.abs(r_new - r).sum()
        r = r_new
        if change < tol:
            break
    return r


def _iterate(A, damping, tol, max_iter, step):
    A = np.asarray(A, dtype=np.float64)
    n = A.shape[0]
    out = A.sum(axis=1)
    dangling = out == 0
    P = A / np.where(dangling, 1.0, out)[:, None]
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        r_new = step(P, r, r[dangling].sum(), n)
        change = np.abs(r_new - r).sum()
        r = r_new
        if change < tol:
            break
    return r


def _transposed(A, damping=0.85, tol=1e-12, max_iter=1000):
    return _iterate(A, damping, tol, max_iter,
                    lambda P, r, dm, n: (1 - damping) / n + damping * (P @ r + dm / n))  # P r, not P^T r


def _teleport_not_divided(A, damping=0.85, tol=1e-12, max_iter=1000):
    return _iterate(A, damping, tol, max_iter,
                    lambda P, r, dm, n: (1 - damping) + damping * (P.T @ r + dm / n))  # (1 - d), not (1 - d)/n


def _damping_swapped(A, damping=0.85, tol=1e-12, max_iter=1000):
    return _iterate(A, damping, tol, max_iter,
                    lambda P, r, dm, n: damping / n + (1 - damping) * (P.T @ r + dm / n))


MISTAKES = {
    "dangling-mass-leaks": _leaks,
    "transposed-transition": _transposed,
    "teleport-not-divided": _teleport_not_divided,
    "damping-swapped": _damping_swapped,
}
