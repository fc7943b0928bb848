"""Solving a 2x2 linear system: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def solve_2x2(A, b):
    """x with A x = b for A = [[a11, a12], [a21, a22]] by Cramer's rule:
    x1 = (b1 a22 - a12 b2) / det, x2 = (a11 b2 - a21 b1) / det, det = a11 a22 - a12 a21."""
    A = np.asarray(A, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    a11, a12, a21, a22 = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    det = a11 * a22 - a12 * a21
    x1 = (b[0] * a22 - a12 * b[1]) / det
    x2 = (a11 * b[1] - b[0] * a21) / det
    return np.array([x1, x2])


def _system(rng, scale=1.0):
    A = rng.normal(size=(2, 2)) + np.diag(rng.choice([-2.0, 2.0], size=2))  # keep det away from 0
    return A * scale, rng.normal(size=2)


def cases(rng):
    return [
        Case(_system(rng), name="random (1)"),
        Case(_system(rng), name="random (2)"),
        Case(_system(rng), name="random (3)"),
        Case((np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([3.0, 5.0])), name="symmetric A"),
        Case((np.array([[4.0, 0.0], [0.0, 0.5]]), np.array([2.0, 3.0])), name="diagonal A"),
        Case((np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([5.0, 6.0])), name="[[1, 2], [3, 4]] x = [5, 6]"),
        Case((np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([7.0, -2.0])), name="permutation (a zero pivot for naive elimination)"),
        Case((np.array([[1.0, 2.0], [2.0, 4.001]]), np.array([3.0, 6.001])), name="nearly singular"),
        Case((rng.integers(-5, 6, size=(2, 2)) + np.diag([7, -7]), rng.integers(-5, 6, size=2)), name="integer A and b"),
        Case((np.eye(2), rng.normal(size=2)), name="identity"),
        Case(_system(rng, 1e100), name="huge A"),
        Case(_system(rng, 1e-100), name="tiny A"),
        Case((_system(rng)[0], np.zeros(2)), name="b = 0"),
    ]


def _swapped_numerators(A, b):
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    x1 = (A[0, 0] * b[1] - b[0] * A[1, 0]) / det
    x2 = (b[0] * A[1, 1] - A[0, 1] * b[1]) / det
    return np.array([x1, x2])


def _inverse_transposed(A, b):
    a, bb, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    inv = np.array([[d, -c], [-bb, a]]) / (a * d - bb * c)
    return inv @ b


def _diagonal_not_swapped(A, b):
    a, bb, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    inv = np.array([[a, -bb], [-c, d]]) / (a * d - bb * c)
    return inv @ b


MISTAKES = {
    "swapped-numerators": _swapped_numerators,
    "inverse-transposed": _inverse_transposed,
    "diagonal-not-swapped": _diagonal_not_swapped,
}
