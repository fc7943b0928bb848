"""Real powers of a symmetric positive (semi)definite matrix through the spectral theorem:
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def symmetric_matrix_power(A, p):
    """A^p = Q diag(lambda^p) Q^T for A = Q diag(lambda) Q^T symmetric positive definite
    (positive semidefinite when p > 0: eigenvalues that rounding made slightly negative count as 0)."""
    A = np.asarray(A, dtype=np.float64)
    lam, Q = np.linalg.eigh(A)
    if p > 0:
        lam = np.clip(lam, 0.0, None)
    return (Q * lam ** p) @ Q.T


def _spd(rng, n, low=0.5, high=4.0):
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q @ np.diag(rng.uniform(low, high, size=n)) @ Q.T


def cases(rng):
    v = rng.normal(size=3)
    X = rng.normal(size=(3, 2))
    return [
        Case((_spd(rng, 3), -0.5), name="inverse square root (p = −1/2)"),
        Case((_spd(rng, 4), 0.5), name="square root (p = 1/2)"),
        Case((_spd(rng, 3), 2.0), name="p = 2 (A times A)"),
        Case((_spd(rng, 4), -1.0), name="p = −1 (the inverse)"),
        Case((_spd(rng, 3), -0.25), name="p = −1/4 (Shampoo)"),
        Case((_spd(rng, 3), 0.0), name="p = 0 (the identity)"),
        Case((np.diag(rng.uniform(0.5, 4.0, size=3)), -0.5), name="diagonal A"),
        Case((2.0 * np.eye(3) + np.outer(v, v), -0.5), name="a repeated eigenvalue"),
        Case((X @ X.T, 0.5), name="positive semidefinite, rank 2, p = 1/2"),
        Case((_spd(rng, 3, 1e-3, 10.0), -0.5), name="ill-conditioned (κ up to 1e4)"),
        Case((rng.uniform(0.5, 3.0, size=(1, 1)), -0.5), name="1 × 1"),
    ]


def _elementwise(A, p):
    return A ** p


def _wrong_order(A, p):
    lam, Q = np.linalg.eigh(A)
    lam = np.clip(lam, 0, None) if p > 0 else lam
    return Q.T @ np.diag(lam ** p) @ Q


def _power_of_diag_matrix(A, p):
    lam, Q = np.linalg.eigh(A)
    lam = np.clip(lam, 0, None) if p > 0 else lam
    return Q @ np.diag(lam) ** p @ Q.T


MISTAKES = {
    "elementwise-power": _elementwise,
    "eigenvectors-transposed": _wrong_order,
    "power-of-the-diagonal-matrix": _power_of_diag_matrix,
}
