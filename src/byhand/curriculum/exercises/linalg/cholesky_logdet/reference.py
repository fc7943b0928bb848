"""Cholesky factorization and the log-determinant: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def cholesky_logdet(A):
    """(L, log det A) for a symmetric positive definite A: L lower triangular with a positive
    diagonal and A = L L^T, and log det A = 2 sum_i log L_ii."""
    L = np.linalg.cholesky(np.asarray(A, dtype=np.float64))
    return L, np.float64(2.0 * np.sum(np.log(np.diag(L))))


def _spd(rng, n, jitter=0.1):
    X = rng.normal(size=(n, n + 2))
    return X @ X.T / (n + 2) + jitter * np.eye(n)


def cases(rng):
    C = np.array([[1.0, 0.999], [0.999, 1.0]])
    return [
        Case((_spd(rng, 3),), name="random 3 × 3"),
        Case((_spd(rng, 6),), name="random 6 × 6"),
        Case((np.array([[4.0, 2.0], [2.0, 3.0]]),), name="2 × 2 by hand"),
        Case((np.diag(rng.uniform(0.5, 4.0, size=4)),), name="diagonal"),
        Case((np.eye(3),), name="identity (log det 0)"),
        Case((rng.uniform(0.5, 3.0, size=(1, 1)),), name="1 × 1"),
        Case((C,), name="strongly correlated (ρ = 0.999)"),
        Case((_spd(rng, 4) * 1e150,), name="huge scale (det overflows)"),
        Case((_spd(rng, 4) * 1e-150,), name="tiny scale (det underflows)"),
    ]


def _loops(A, subtract_diagonal=True):
    n = len(A)
    L = np.zeros((n, n))
    for j in range(n):
        s = A[j, j] - (L[j, :j] @ L[j, :j] if subtract_diagonal else 0.0)
        L[j, j] = np.sqrt(s)
        for i in range(j + 1, n):
            L[i, j] = (A[i, j] - L[i, :j] @ L[j, :j]) / L[j, j]
    return L


def _upper(A):
    L = np.linalg.cholesky(A)
    return L.T, 2 * np.sum(np.log(np.diag(L)))


def _diagonal_without_subtraction(A):
    L = _loops(A, subtract_diagonal=False)
    return L, 2 * np.sum(np.log(np.diag(L)))


def _no_factor_two(A):
    L = np.linalg.cholesky(A)
    return L, np.sum(np.log(np.diag(L)))


def _log_of_det(A):
    return np.linalg.cholesky(A), np.log(np.linalg.det(A))


MISTAKES = {
    "returns-upper": _upper,
    "diagonal-without-subtraction": _diagonal_without_subtraction,
    "logdet-without-factor-2": _no_factor_two,
    "log-of-det": _log_of_det,
}
