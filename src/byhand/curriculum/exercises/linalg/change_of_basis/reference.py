"""The matrix of a linear map in another basis: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def change_of_basis(A, B):
    """The matrix of x -> A x in the basis formed by the columns of the invertible B: B^{-1} A B."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    return np.linalg.solve(B, A @ B)


def _basis(rng, n):
    """Linearly independent, neither orthogonal nor badly conditioned."""
    while True:
        B = rng.normal(size=(n, n)) + 0.5 * np.eye(n)
        if np.linalg.cond(B) < 50:
            return B


def cases(rng):
    lam = np.array([2.0, -1.0, 0.5])
    V = _basis(rng, 3)
    A_diag = V @ np.diag(lam) @ np.linalg.inv(V)
    Q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    return [
        Case((rng.normal(size=(3, 3)), _basis(rng, 3)), name="random 3 × 3"),
        Case((rng.normal(size=(4, 4)), _basis(rng, 4)), name="random 4 × 4"),
        Case((A_diag, V), name="basis of eigenvectors (the result is diagonal)"),
        Case((rng.normal(size=(3, 3)), Q), name="orthonormal basis"),
        Case((rng.normal(size=(3, 3)), np.eye(3)), name="standard basis (B = I)"),
        Case((np.array([[0.0, -1.0], [1.0, 0.0]]), np.array([[1.0, 1.0], [0.0, 1.0]])),
             name="rotation by 90° in a sheared basis"),
        Case((rng.normal(size=(3, 3)), np.eye(3)[[2, 0, 1]]), name="the same basis vectors reordered"),
        Case((rng.normal(size=(3, 3)), np.diag([2.0, 0.5, -1.0])), name="rescaled basis vectors"),
        Case((rng.normal(size=(1, 1)), rng.uniform(0.5, 2.0, size=(1, 1))), name="1 × 1"),
    ]


def _wrong_side(A, B):
    return B @ A @ np.linalg.inv(B)


def _transpose_for_inverse(A, B):
    return B.T @ A @ B


def _not_expressed(A, B):
    return A @ B


MISTAKES = {
    "inverse-on-wrong-side": _wrong_side,
    "transpose-for-inverse": _transpose_for_inverse,
    "not-expressed-in-basis": _not_expressed,
}
