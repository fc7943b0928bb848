"""LU factorization with partial pivoting: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def lu_partial_pivoting(A):
    """(P, L, U) with P A = L U: P a permutation matrix, L unit lower triangular with |L_ij| <= 1,
    U upper triangular. At step k the pivot is the entry of largest absolute value in column k
    on or below the diagonal (the first such row on a tie)."""
    U = np.array(A, dtype=np.float64)
    n = U.shape[0]
    L = np.eye(n)
    perm = np.arange(n)
    for k in range(n - 1):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if p != k:
            U[[k, p]] = U[[p, k]]
            L[[k, p], :k] = L[[p, k], :k]
            perm[[k, p]] = perm[[p, k]]
        if U[k, k] == 0.0:  # the whole column below is 0: nothing to eliminate
            continue
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(L[k + 1:, k], U[k, k:])
        U[k + 1:, k] = 0.0
    return np.eye(n)[perm], L, U


def _from_factors(rng, order, n):
    """A = P^T L U with |L_ij| < 1 below the diagonal, so partial pivoting finds exactly this P."""
    L = np.tril(rng.uniform(-0.9, 0.9, size=(n, n)), -1) + np.eye(n)
    U = np.triu(rng.normal(size=(n, n)))
    U[np.diag_indices(n)] = rng.uniform(1.0, 3.0, size=n) * rng.choice([-1.0, 1.0], size=n)
    P = np.eye(n)[order]
    return P.T @ L @ U


def cases(rng):
    return [
        Case((rng.normal(size=(3, 3)),), name="random 3 × 3"),
        Case((rng.normal(size=(5, 5)) * 2,), name="random 5 × 5"),
        Case((_from_factors(rng, [2, 0, 3, 1], 4),), name="rows need a swap at every step"),
        Case((_from_factors(rng, [1, 2, 0], 3),), name="a 3-cycle permutation"),
        Case((_from_factors(rng, [0, 1, 2, 3], 4),), name="no swaps needed"),
        Case((np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [2.0, 1.0, 3.0]]),), name="zero leading pivot"),
        Case((np.array([[1e-20, 1.0], [1.0, 1.0]]),), name="tiny leading pivot (1e-20)"),
        Case((np.array([[1.0, 2.0, 0.0], [-4.0, 1.0, 2.0], [2.0, 0.0, 1.0]]),),
             name="largest entry of the column is negative"),
        Case((rng.normal(size=(1, 1)),), name="1 × 1"),
        Case((rng.normal(size=(4, 4)) * 1e150,), name="huge values"),
    ]


def _factor(A, pivot=True, absolute=True, swap_l=True):
    U = A.astype(float).copy()
    n = len(U)
    L = np.eye(n)
    P = np.eye(n)
    for k in range(n - 1):
        if pivot:
            col = np.abs(U[k:, k]) if absolute else U[k:, k]
            p = k + np.argmax(col)
            U[[k, p]] = U[[p, k]]
            P[[k, p]] = P[[p, k]]
            if swap_l:
                L[[k, p], :k] = L[[p, k], :k]
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
            U[i, k] = 0.0
    return P, L, U


def _no_pivoting(A):
    return _factor(A, pivot=False)


def _signed_pivot(A):
    return _factor(A, absolute=False)


def _l_not_swapped(A):
    return _factor(A, swap_l=False)


def _scipy_convention(A):
    P, L, U = _factor(A)
    return P.T, L, U


MISTAKES = {
    "no-pivoting": _no_pivoting,
    "pivot-without-abs": _signed_pivot,
    "l-rows-not-swapped": _l_not_swapped,
    "permutation-transposed": _scipy_convention,
}
