"""Orthogonal projection of u onto v: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def project(u, v):
    """proj_v(u) = (u.v / v.v) v for 1-D vectors (v nonzero)."""
    u = np.asarray(u, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    return (u @ v) / (v @ v) * v


def cases(rng):
    v = rng.normal(size=4)
    w = rng.normal(size=4)
    w_perp = w - (w @ v) / (v @ v) * v
    return [
        Case((rng.normal(size=3), rng.normal(size=3)), name="random (1)"),
        Case((rng.normal(size=6) * 2, rng.normal(size=6) * 3), name="random (2)"),
        Case((-1.5 * v, v), name="u parallel to v"),
        Case((w_perp, v), name="u orthogonal to v"),
        Case((np.array([1.0, 2.0, 0.0]), np.array([0.0, 0.0, 5.0])), name="orthogonal, exact zero"),
        Case((np.array([3.0]), np.array([-2.0])), name="length-1 vectors"),
        Case((rng.normal(size=4), rng.normal(size=4) * 1e100), name="huge v"),
        Case((rng.normal(size=4) * 1e100, rng.normal(size=4)), name="huge u"),
        Case((rng.normal(size=4), rng.normal(size=4) * 1e-100), name="tiny v"),
    ]


def _norm_not_squared(u, v):
    return np.dot(u, v) / np.linalg.norm(v) * v


def _swapped(u, v):
    return np.dot(u, v) / np.dot(u, u) * u


def _scalar(u, v):
    return np.dot(u, v) / np.linalg.norm(v)


def _no_division(u, v):
    return np.dot(u, v) * v


MISTAKES = {
    "norm-not-squared": _norm_not_squared,
    "swapped-roles": _swapped,
    "scalar-projection": _scalar,
    "no-division": _no_division,
}
