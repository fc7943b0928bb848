"""Numerical rank from the SVD: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def matrix_rank_via_svd(A, tol=None):
    """The number of singular values of A above tol; by default
    tol = S.max() * max(M, N) * eps, as in np.linalg.matrix_rank."""
    A = np.asarray(A, dtype=np.float64)
    S = np.linalg.svd(A, compute_uv=False)
    if tol is None:
        tol = S.max() * max(A.shape) * np.finfo(np.float64).eps
    return int(np.sum(S > tol))


def _low_rank(rng, m, n, r, scale=1.0):
    return (rng.normal(size=(m, r)) @ rng.normal(size=(r, n))) * scale


def _with_singular_values(rng, s):
    k = len(s)
    U, _ = np.linalg.qr(rng.normal(size=(k, k)))
    V, _ = np.linalg.qr(rng.normal(size=(k, k)))
    return (U * np.asarray(s)) @ V.T


def cases(rng):
    return [
        Case((rng.normal(size=(3, 3)),), name="random square, full rank"),
        Case((rng.normal(size=(6, 3)),), name="tall, full rank"),
        Case((rng.normal(size=(3, 6)),), name="wide, full rank"),
        Case((_low_rank(rng, 6, 5, 2),), name="6 x 5 of rank 2"),
        Case((_low_rank(rng, 4, 4, 3),), name="4 x 4 of rank 3"),
        Case((np.arange(1.0, 10.0).reshape(3, 3),), name="[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"),
        Case((np.array([[0.0, 1.0], [0.0, 0.0]]),), name="nilpotent: both eigenvalues 0, rank 1"),
        Case((np.triu(np.ones((4, 4)), 1),), name="strictly upper triangular: eigenvalues 0, rank 3"),
        Case((np.zeros((3, 4)),), name="zero matrix"),
        Case((np.array([[5.0]]),), name="1 x 1"),
        Case((rng.normal(size=(1, 5)),), name="one row"),
        Case((np.array([[1.0, 1.0], [1.0, 1.0 + 1e-10]]),), name="nearly dependent columns (still rank 2)"),
        Case((_with_singular_values(rng, [3.0, 1.0, 1e-8]), 1e-6), name="tol = 1e-6 given"),
        Case((_with_singular_values(rng, [2.0, 1.0, 0.5]), 0.7), name="tol = 0.7 given"),
        Case((_low_rank(rng, 5, 4, 2, 1e150),), name="huge values, rank 2"),
        Case((_low_rank(rng, 5, 4, 3, 1e-170),), name="tiny values, rank 3"),
    ]


def _nonzero(A, tol=None):
    S = np.linalg.svd(A, compute_uv=False)
    return int(np.count_nonzero(S))


def _nonzero_default(A, tol=None):
    S = np.linalg.svd(A, compute_uv=False)
    if tol is None:
        tol = 0.0
    return int(np.sum(S > tol))


def _eigenvalues(A, tol=None):
    w = np.abs(np.linalg.eigvals(A))
    if tol is None:
        tol = w.max() * max(A.shape) * np.finfo(np.float64).eps
    return int(np.sum(w > tol))


def _eigenvalues_fixed(A, tol=None):
    w = np.abs(np.linalg.eigvals(A))
    return int(np.sum(w > (1e-10 if tol is None else tol)))


def _absolute(A, tol=None):
    S = np.linalg.svd(A, compute_uv=False)
    return int(np.sum(S > (1e-10 if tol is None else tol)))


def _gram_eigenvalues(A, tol=None):
    w = np.linalg.eigvalsh(A.T @ A)
    if tol is None:
        tol = w.max() * max(A.shape) * np.finfo(np.float64).eps
    return int(np.sum(w > tol))


def _ignores_tol(A, tol=None):
    S = np.linalg.svd(A, compute_uv=False)
    return int(np.sum(S > S.max() * max(A.shape) * np.finfo(np.float64).eps))


MISTAKES = {
    "exact-nonzero": [_nonzero, _nonzero_default],
    "eigenvalues-of-a": [_eigenvalues, _eigenvalues_fixed],
    "gram-eigenvalues": _gram_eigenvalues,
    "ignores-tol": _ignores_tol,
    "absolute-tolerance": _absolute,
}
