"""Moore-Penrose pseudoinverse from the SVD: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def pseudoinverse_svd(A, rcond=1e-10):
    """A^+ = V Sigma^+ U^T for A = U Sigma V^T (M x N), shape (N, M): each singular value
    sigma_i > rcond * sigma_max is inverted, the others are treated as 0."""
    A = np.asarray(A, dtype=np.float64)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    cutoff = rcond * (s.max() if s.size else 0.0)
    s_inv = np.zeros_like(s)
    keep = s > cutoff
    s_inv[keep] = 1.0 / s[keep]
    return (Vt.T * s_inv) @ U.T


def _with_singular_values(rng, m, n, s):
    U, _ = np.linalg.qr(rng.normal(size=(m, len(s))))
    V, _ = np.linalg.qr(rng.normal(size=(n, len(s))))
    return U @ np.diag(s) @ V.T


def cases(rng):
    return [
        Case((rng.normal(size=(5, 3)),), name="tall, full column rank"),
        Case((rng.normal(size=(3, 5)),), name="wide, full row rank"),
        Case((rng.normal(size=(4, 4)) + 2 * np.eye(4),), name="square, invertible (A⁺ = A⁻¹)"),
        Case((_with_singular_values(rng, 4, 4, [3.0, 1.0, 0.0, 0.0]),), name="square of rank 2"),
        Case((_with_singular_values(rng, 6, 3, [2.0, 0.5, 0.0]),), name="tall of rank 2"),
        Case((_with_singular_values(rng, 6, 3, [1.0, 1e-3, 1e-6]),), name="ill-conditioned (κ = 1e6)"),
        Case((_with_singular_values(rng, 3, 5, [2.0, 0.0, 0.0]),), {"rcond": 1e-6}, name="wide of rank 1, rcond given"),
        Case((rng.normal(size=(4, 1)),), name="a single column"),
        Case((np.zeros((2, 3)),), name="zero matrix"),
        Case((rng.normal(size=(4, 3)) * 1e-12,), name="tiny scale (1e-12), full rank"),
        Case((_with_singular_values(rng, 4, 4, [5.0, 2.0, 1.0, 0.0]) * 1e12,), name="huge scale (1e12), rank 3"),
    ]


def _no_cutoff(A, rcond=1e-10):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return Vt.T @ np.diag(1 / s) @ U.T


def _wrong_order(A, rcond=1e-10):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_inv = np.where(s > rcond * s.max(), 1 / np.where(s > 0, s, 1), 0.0)
    return U @ np.diag(s_inv) @ Vt


def _normal_equations(A, rcond=1e-10):
    return np.linalg.inv(A.T @ A) @ A.T


def _absolute_cutoff(A, rcond=1e-10):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_inv = np.where(s > 1e-10, 1 / np.where(s > 0, s, 1), 0.0)
    return Vt.T @ np.diag(s_inv) @ U.T


MISTAKES = {
    "inverts-every-singular-value": _no_cutoff,
    "factors-in-wrong-order": _wrong_order,
    "normal-equations": _normal_equations,
    "absolute-cutoff": _absolute_cutoff,
}
