"""Outer product: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def outer_product(u, v):
    """(u v^T)_ij = u_i v_j, an (n, m) matrix for u of length n and v of length m."""
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    return u[:, None] * v[None, :]


def cases(rng):
    return [
        Case((rng.normal(size=3), rng.normal(size=4)), name="random, n=3, m=4"),
        Case((rng.normal(size=3), rng.normal(size=3)), name="same length (1)"),
        Case((rng.normal(size=6), rng.normal(size=6)), name="same length (2)"),
        Case((rng.normal(size=5), rng.normal(size=2)), name="n=5, m=2"),
        Case((np.array([2.0]), rng.normal(size=4)), name="u of length 1"),
        Case((rng.normal(size=4), np.array([-3.0])), name="v of length 1"),
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.0, 10.0, 100.0])), name="small integers"),
        Case((np.zeros(3), rng.normal(size=2)), name="zero vector"),
        Case((rng.normal(size=3) * 1e150, rng.normal(size=3) * 1e150), name="huge values"),
        Case((rng.normal(size=4) * 1e-150, rng.normal(size=4) * 1e-150), name="tiny values"),
    ]


def _inner(u, v):
    return np.dot(u, v)


def _elementwise(u, v):
    return u * v


def _swapped(u, v):
    return np.outer(v, u)


MISTAKES = {
    "inner-product": _inner,
    "elementwise-product": _elementwise,
    "swapped-order": _swapped,
}
