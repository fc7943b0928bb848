"""The 2-norm condition number from the singular values: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def condition_number(A):
    """kappa_2(A) = sigma_max / sigma_min over the min(M, N) singular values of A (M x N)."""
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    return np.float64(s[0] / s[-1])


def _hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def cases(rng):
    Q, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    X = rng.normal(size=(4, 6))
    return [
        Case((rng.normal(size=(4, 4)),), name="random 4 × 4"),
        Case((rng.normal(size=(6, 3)),), name="tall 6 × 3"),
        Case((rng.normal(size=(3, 5)),), name="wide 3 × 5"),
        Case((X @ X.T + 0.1 * np.eye(4),), name="symmetric positive definite"),
        Case((Q,), name="orthogonal (κ = 1)"),
        Case((np.diag([3.0, -0.5, 1.0]),), name="diagonal with a negative entry"),
        Case((np.array([[1.0, 100.0], [0.0, 1.0]]),), name="shear: both eigenvalues 1"),
        Case((1e-8 * np.eye(3),), name="tiny multiple of the identity"),
        Case((_hilbert(8),), name="Hilbert matrix 8 × 8 (κ ≈ 1.5e10)"),
        Case((rng.uniform(0.5, 3.0, size=(1, 1)),), name="1 × 1"),
    ]


def _eigenvalue_ratio(A):
    lam = np.abs(np.linalg.eigvals(A))
    return lam.max() / lam.min()


def _gram_eigenvalues(A):
    lam = np.linalg.eigvalsh(A.T @ A)
    return np.sqrt(lam.max() / lam.min())


def _squared(A):
    lam = np.linalg.eigvalsh(A.T @ A)
    return lam.max() / lam.min()


def _inverted(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.min() / s.max()


def _frobenius(A):
    return np.linalg.norm(A) * np.linalg.norm(np.linalg.inv(A))


MISTAKES = {
    "eigenvalue-ratio": _eigenvalue_ratio,
    "eigenvalues-of-gram-matrix": _gram_eigenvalues,
    "squared": _squared,
    "inverted-ratio": _inverted,
    "frobenius-norms": _frobenius,
}
