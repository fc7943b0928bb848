"""The stationary point of a quadratic and its type: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def quadratic_stationary_point(A, b):
    """f(x) = x^T A x / 2 + b^T x with A symmetric and invertible: grad f = A x + b, Hessian A.
    Return (x*, kind): x* = -A^{-1} b, and kind = 1 for a minimum (all eigenvalues of A > 0),
    -1 for a maximum (all < 0), 0 for a saddle point (both signs)."""
    A = np.asarray(A, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    x_star = -np.linalg.solve(A, b)
    lam = np.linalg.eigvalsh(A)
    kind = 1 if lam.min() > 0 else (-1 if lam.max() < 0 else 0)
    return x_star, np.int64(kind)


def _symmetric(rng, eigenvalues):
    n = len(eigenvalues)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q @ np.diag(eigenvalues) @ Q.T


def cases(rng):
    return [
        Case((_symmetric(rng, rng.uniform(0.5, 3.0, size=3)), rng.normal(size=3)), name="random minimum"),
        Case((_symmetric(rng, -rng.uniform(0.5, 3.0, size=3)), rng.normal(size=3)), name="random maximum"),
        Case((_symmetric(rng, [2.0, 1.0, -1.5]), rng.normal(size=3)), name="saddle, one negative eigenvalue"),
        Case((_symmetric(rng, [-2.0, -1.0, 1.5]), rng.normal(size=3)), name="saddle, two negative eigenvalues"),
        Case((np.array([[1.0, 3.0], [3.0, 1.0]]), np.array([1.0, -2.0])), name="positive diagonal, but a saddle"),
        Case((np.array([[-1.0, 0.5], [0.5, -2.0]]), np.array([0.5, 1.0])), name="2 × 2 maximum (det > 0)"),
        Case((np.diag([4.0, -0.5]), np.array([2.0, 1.0])), name="diagonal saddle"),
        Case((_symmetric(rng, rng.uniform(0.5, 3.0, size=4)), np.zeros(4)), name="b = 0 (x* = 0)"),
        Case((np.array([[-3.0]]), rng.normal(size=1)), name="one variable, maximum"),
    ]


def _kind(lam):
    return 1 if lam.min() > 0 else (-1 if lam.max() < 0 else 0)


def _sign(A, b):
    return np.linalg.solve(A, b), _kind(np.linalg.eigvalsh(A))


def _diagonal_test(A, b):
    d = np.diag(A)
    return -np.linalg.solve(A, b), 1 if d.min() > 0 else (-1 if d.max() < 0 else 0)


def _determinant_test(A, b):
    return -np.linalg.solve(A, b), 1 if np.linalg.det(A) > 0 else 0


MISTAKES = {
    "sign-of-solution": _sign,
    "diagonal-entries-test": _diagonal_test,
    "determinant-test": _determinant_test,
}
