"""Trace and determinant of a 2x2 matrix: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def trace_and_determinant_2x2(A):
    """For A = [[a, b], [c, d]]: tr A = a + d, det A = a d - b c."""
    A = np.asarray(A, dtype=np.float64)
    a, b, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    return a + d, a * d - b * c


def cases(rng):
    theta = rng.uniform(0, 2 * np.pi)
    return [
        Case((rng.normal(size=(2, 2)),), name="random (1)"),
        Case((rng.normal(size=(2, 2)) * 5,), name="random (2)"),
        Case((np.array([[2.0, 1.0], [1.0, 3.0]]),), name="symmetric"),
        Case((np.array([[3.0, 0.0], [0.0, -2.0]]),), name="diagonal"),
        Case((np.array([[1.0, 2.0], [3.0, 4.0]]),), name="[[1, 2], [3, 4]]"),
        Case((np.array([[2.0, 4.0], [1.0, 2.0]]),), name="singular (det 0)"),
        Case((np.array([[0.0, 1.0], [-1.0, 0.0]]),), name="rotation by 90 degrees"),
        Case((np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]),), name="random rotation (det 1)"),
        Case((np.array([[0.0, 1.0], [0.0, 0.0]]),), name="nilpotent"),
        Case((rng.integers(-9, 10, size=(2, 2)),), name="integer matrix"),
        Case((rng.normal(size=(2, 2)) * 1e150,), name="huge values"),
    ]


def _det_plus(A):
    a, b, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    return a + d, a * d + b * c


def _anti_diagonal_trace(A):
    a, b, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    return b + c, a * d - b * c


def _det_flipped(A):
    a, b, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    return a + d, b * c - a * d


MISTAKES = {
    "det-plus": _det_plus,
    "anti-diagonal-trace": _anti_diagonal_trace,
    "det-sign-flipped": _det_flipped,
}
