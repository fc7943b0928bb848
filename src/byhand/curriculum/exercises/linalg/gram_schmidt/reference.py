"""Gram-Schmidt orthonormalization: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gram_schmidt(A):
    """Q (m x n) with orthonormal columns spanning A's columns in order, such that
    Q.T @ A is upper triangular with a positive diagonal: the Q of the thin QR
    factorization with R's diagonal made positive (Householder QR, trusted)."""
    A = np.asarray(A, dtype=np.float64)
    Q, R = np.linalg.qr(A, mode="reduced")
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * signs


def _well_conditioned(rng, m, n):
    U, _ = np.linalg.qr(rng.normal(size=(m, n)))
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return U @ np.diag(rng.uniform(0.5, 3.0, size=n)) @ V.T


def cases(rng):
    base = rng.normal(size=(5, 3))
    nearly = base.copy()
    nearly[:, 1] = base[:, 0] + 1e-3 * rng.normal(size=5)
    return [
        Case((rng.normal(size=(4, 3)),), name="random (1)"),
        Case((rng.normal(size=(6, 4)) * 2,), name="random (2)"),
        Case((rng.normal(size=(5, 5)),), name="square matrix"),
        Case((_well_conditioned(rng, 7, 3),), name="tall matrix"),
        Case((rng.normal(size=(3, 1)),), name="one column"),
        Case((np.array([[-2.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, -0.5]]),), name="diagonal, negative entries"),
        Case((np.array([[1.0, 1.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]),), name="upper triangular columns"),
        Case((np.linalg.qr(rng.normal(size=(4, 3)))[0] * np.array([1.0, -1.0, 1.0]),), name="already orthonormal"),
        Case((nearly,), name="nearly parallel columns"),
        Case((rng.normal(size=(4, 3)) * 1e100,), name="huge values"),
        Case((rng.normal(size=(4, 3)) * 1e-100,), name="tiny values"),
    ]


def _onto_original(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    for k in range(n):
        v = A[:, k].copy()
        for j in range(k):
            v -= (A[:, j] @ A[:, k]) / (A[:, j] @ A[:, j]) * A[:, j]
        Q[:, k] = v / np.linalg.norm(v)
    return Q


def _coefficient_from_original(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    for k in range(n):
        v = A[:, k].copy()
        for j in range(k):
            v -= (Q[:, j] @ A[:, k]) * A[:, j]
        Q[:, k] = v / np.linalg.norm(v)
    return Q


def _no_normalize_general(A):
    m, n = A.shape
    U = np.zeros((m, n))
    for k in range(n):
        v = A[:, k].copy()
        for j in range(k):
            v -= (U[:, j] @ A[:, k]) / (U[:, j] @ U[:, j]) * U[:, j]
        U[:, k] = v
    return U


def _no_normalize_unit_formula(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    for k in range(n):
        v = A[:, k].copy()
        for j in range(k):
            v -= (Q[:, j] @ A[:, k]) * Q[:, j]
        Q[:, k] = v
    return Q


def _rows(A):
    qs = []
    for k in range(A.shape[1]):
        v = A[:, k].copy()
        for q in qs:
            v -= (q @ A[:, k]) * q
        qs.append(v / np.linalg.norm(v))
    return np.array(qs)


def _numpy_qr(A):
    return np.linalg.qr(A)[0]


MISTAKES = {
    "projects-onto-original": [_onto_original, _coefficient_from_original],
    "no-normalization": [_no_normalize_general, _no_normalize_unit_formula],
    "returns-rows": _rows,
    "qr-signs": _numpy_qr,
}
