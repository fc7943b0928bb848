"""Matrix product: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def matmul(A, B):
    """C_ij = sum_k A_ik B_kj over the last two axes; leading (batch) axes pair up."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    return np.matmul(A, B)


def cases(rng):
    return [
        Case((rng.normal(size=(2, 3)), rng.normal(size=(3, 4))), name="random (2, 3) @ (3, 4)"),
        Case((rng.normal(size=(3, 3)), rng.normal(size=(3, 3))), name="square matrices"),
        Case((rng.normal(size=(4, 2)), rng.normal(size=(2, 2))), name="tall A, square B"),
        Case((rng.normal(size=(1, 5)), rng.normal(size=(5, 1))), name="row times column: a (1, 1) result"),
        Case((rng.normal(size=(5, 1)), rng.normal(size=(1, 4))), name="column times row: an outer product"),
        Case((rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 4, 4))), name="batch of 2"),
        Case((rng.normal(size=(3, 2, 2)), rng.normal(size=(3, 2, 2))), name="batch of 3 square matrices"),
        Case((rng.integers(-5, 6, size=(3, 4)).astype(np.float64), np.eye(4)), name="times the identity"),
        Case((np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])), name="times a permutation (swaps columns)"),
        Case((rng.normal(size=(3, 3)) * 1e150, rng.normal(size=(3, 3)) * 1e150), name="huge values"),
        Case((np.zeros((2, 3)), rng.normal(size=(3, 3))), name="zero matrix"),
    ]


def _elementwise(A, B):
    return A * B


def _b_transposed(A, B):
    return A @ np.swapaxes(B, -1, -2)


def _b_transposed_loops(A, B):
    n, k = A.shape
    C = np.zeros((n, B.shape[1]))
    for i in range(n):
        for j in range(B.shape[1]):
            C[i, j] = sum(A[i, t] * B[j, t] for t in range(k))
    return C


def _dot(A, B):
    return np.dot(A, B)


MISTAKES = {
    "elementwise-product": _elementwise,
    "b-transposed": [_b_transposed, _b_transposed_loops],
    "dot-on-batches": _dot,
}
