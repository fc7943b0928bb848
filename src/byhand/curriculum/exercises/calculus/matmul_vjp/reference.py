"""Vector-Jacobian product of a matrix product C = A @ B: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def matmul_vjp(A, B, dC):
    """Gradients of a scalar loss L through C = A @ B, given dC = dL/dC.
    A has shape (..., m, k) (any leading batch axes), B (k, n) is shared by the whole batch:
    dA = dC @ B.T (shape of A), dB = sum over the batch of A^T dC (shape of B)."""
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    dC = np.asarray(dC, dtype=np.float64)
    dA = dC @ B.T
    k, n = B.shape
    dB = A.reshape(-1, k).T @ dC.reshape(-1, n)
    return dA, dB


def _triple(rng, batch, m, k, n):
    return (rng.normal(size=(*batch, m, k)), rng.normal(size=(k, n)), rng.normal(size=(*batch, m, n)))


def cases(rng):
    ones = _triple(rng, (), 3, 4, 2)
    return [
        Case(_triple(rng, (), 3, 4, 2), name="random, m=3, k=4, n=2"),
        Case(_triple(rng, (), 5, 2, 3), name="random, m=5, k=2, n=3"),
        Case(_triple(rng, (), 3, 3, 3), name="all square, m = k = n = 3"),
        Case(_triple(rng, (), 1, 4, 1), name="row times column (m = n = 1)"),
        Case(_triple(rng, (2,), 3, 4, 5), name="batch of 2, B shared"),
        Case(_triple(rng, (2, 3), 4, 4, 4), name="batch of shape (2, 3), all square"),
        Case((ones[0], ones[1], np.ones((3, 2))), name="dC all ones (L = sum of C)"),
        Case((ones[0], ones[1], np.zeros((3, 2))), name="dC = 0"),
    ]


def _dA_no_transpose(A, B, dC):
    k, n = B.shape
    return dC @ B, A.reshape(-1, k).T @ dC.reshape(-1, n)


def _dB_transposed(A, B, dC):
    k, n = B.shape
    return dC @ B.T, dC.reshape(-1, n).T @ A.reshape(-1, k)


def _no_sum_over_batch(A, B, dC):
    return dC @ B.T, np.swapaxes(A, -1, -2) @ dC


def _ignores_upstream(A, B, dC):
    ones = np.ones_like(dC)
    k, n = B.shape
    return ones @ B.T, A.reshape(-1, k).T @ ones.reshape(-1, n)


MISTAKES = {
    "wrong-transpose": [_dA_no_transpose, _dB_transposed],
    "no-sum-over-batch": _no_sum_over_batch,
    "ignores-upstream": _ignores_upstream,
}
