"""Best rank-k approximation by truncated SVD: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def low_rank_approximation(A, k):
    """A_k = sum_{i<k} s_i u_i v_i^T = U[:, :k] diag(S[:k]) Vt[:k]."""
    A = np.asarray(A, dtype=np.float64)
    U, S, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * S[:k]) @ Vt[:k]


def _with_singular_values(rng, m, n, s):
    """An m x n matrix with the given (distinct) singular values."""
    r = len(s)
    U, _ = np.linalg.qr(rng.normal(size=(m, r)))
    V, _ = np.linalg.qr(rng.normal(size=(n, r)))
    return (U * np.asarray(s, dtype=np.float64)) @ V.T


def cases(rng):
    return [
        Case((rng.normal(size=(4, 4)), 2), name="random square, k=2"),
        Case((rng.normal(size=(6, 4)), 2), name="tall, k=2"),
        Case((rng.normal(size=(3, 7)), 1), name="wide, k=1"),
        Case((_with_singular_values(rng, 5, 5, [10.0, 5.0, 2.0, 1.0, 0.1]), 3), name="known singular values 10, 5, 2, 1, 0.1; k=3"),
        Case((rng.normal(size=(5, 3)), 3), name="k = min(M, N): A itself"),
        Case((rng.normal(size=(6, 2)) @ rng.normal(size=(2, 5)), 2), name="exactly rank 2, k=2: A itself"),
        Case((np.array([[3.0, 0.0], [0.0, 1.0]]), 1), name="diagonal"),
        Case((rng.normal(size=(1, 5)), 1), name="one row"),
        Case((rng.normal(size=(8, 6)), 4), name="random 8 x 6, k=4"),
        Case((rng.normal(size=(4, 5)) * 1e100, 2), name="huge values"),
    ]


def _smallest(A, k):
    U, S, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, -k:] * S[-k:]) @ Vt[-k:]


def _no_s(A, k):
    U, S, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ Vt[:k]


def _vt_as_v(A, k):
    U, S, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ np.diag(S[:k]) @ Vt[:, :k].T


MISTAKES = {
    "smallest-singular-values": _smallest,
    "forgot-singular-values": _no_s,
    "vt-as-v": _vt_as_v,
}
