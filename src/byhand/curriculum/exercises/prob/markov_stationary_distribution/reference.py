"""Stationary distribution of a Markov chain: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def markov_stationary_distribution(P):
    """pi with pi P = pi and sum(pi) = 1: solve (P^T - I) pi = 0 with one
    (redundant) equation replaced by sum(pi) = 1."""
    P = np.asarray(P, dtype=np.float64)
    n = P.shape[0]
    A = P.T - np.eye(n)
    A[-1, :] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    return np.linalg.solve(A, b)


def _two_blocks(rng, m, eps):
    """Two groups of m states, well mixed inside, joined by transitions of size ~eps."""
    n = 2 * m
    P = np.zeros((n, n))
    for g in range(2):
        s = slice(g * m, (g + 1) * m)
        P[s, s] = rng.dirichlet(np.ones(m), size=m)
    leak = eps * rng.uniform(0.5, 1.5, size=n)
    for i in range(n):
        j = int(rng.integers(0, m)) + (m if i < m else 0)
        P[i] *= 1 - leak[i]
        P[i, j] += leak[i]
    return P


def cases(rng):
    a, b = rng.uniform(0.05, 0.6, size=2)
    ring = 0.5 * np.eye(5) + 0.5 * np.roll(np.eye(5), 1, axis=1)
    return [
        Case((np.array([[1 - a, a], [b, 1 - b]]),), name="two states"),
        Case((rng.dirichlet(np.ones(3), size=3),), name="random 3 states"),
        Case((rng.dirichlet(np.ones(6) * 0.5, size=6),), name="random 6 states"),
        Case((np.array([[0.1, 0.9], [0.8, 0.2]]),), name="two states that nearly alternate"),
        Case((np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.5, 0.0]]),), name="sparse, with complex eigenvalues"),
        Case((np.array([[0.5, 0.5, 0.0], [0.25, 0.5, 0.25], [0.0, 0.5, 0.5]]),), name="birth-death chain"),
        Case((ring,), name="lazy walk on a ring (doubly stochastic: uniform)"),
        Case((_two_blocks(rng, 3, 0.01),), name="two weakly connected groups (slow mixing)"),
        Case((np.array([[1.0]]),), name="one state"),
    ]


def _right_eigenvector(P):
    w, V = np.linalg.eig(P)
    v = np.real(V[:, np.argmin(np.abs(w - 1))])
    return v / v.sum()


def _unit_norm(P):
    w, V = np.linalg.eig(P.T)
    return np.real(V[:, np.argmin(np.abs(w - 1))])


def _unit_norm_abs(P):
    return np.abs(_unit_norm(P))


def _first_eigenvector(P):
    w, V = np.linalg.eig(P.T)
    v = np.real(V[:, 0])
    return v / v.sum()


MISTAKES = {
    "right-eigenvector": _right_eigenvector,
    "not-normalized": [_unit_norm, _unit_norm_abs],
    "unsorted-eigenvalues": _first_eigenvector,
}
