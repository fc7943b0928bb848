"""The change-of-variables log-density of y = A z + b with z ~ N(0, I): the reference, its cases and
its known mistakes."""

import numpy as np

from byhand import Case


def linear_flow_log_density(y, A, b):
    """log N(A^{-1}(y - b); 0, I) - log|det A| for each row y."""
    y, A, b = (np.asarray(v, dtype=np.float64) for v in (y, A, b))
    z = np.linalg.solve(A, (y - b).T).T
    d = A.shape[0]
    return -0.5 * np.sum(z**2, axis=1) - 0.5 * d * np.log(2 * np.pi) - np.linalg.slogdet(A)[1]


def _invertible(rng, d):
    return rng.normal(size=(d, d)) + 2.0 * np.eye(d)


def cases(rng):
    reflect = _invertible(rng, 3)
    reflect[0] *= -1.0 if np.linalg.det(reflect) > 0 else 1.0
    A = _invertible(rng, 3)
    if np.linalg.det(A) < 0:
        A[0] *= -1.0
    return [
        Case((rng.normal(size=(4, 3)), A, rng.normal(size=3)), name="random map, d = 3"),
        Case((rng.normal(size=(3, 3)), reflect, rng.normal(size=3)), name="reflection: det A < 0"),
        Case((rng.normal(size=(5, 2)), np.diag(rng.uniform(0.3, 3.0, size=2)), rng.normal(size=2)), name="diagonal map"),
        Case((rng.normal(size=(3, 1)), np.array([[rng.uniform(0.5, 3.0)]]), rng.normal(size=1)), name="d = 1"),
        Case((rng.normal(size=(3, 2)), np.array([[2.0, 1.5], [0.0, 0.5]]), np.zeros(2)), name="non-symmetric 2 x 2"),
    ]


def _base(z):
    return -0.5 * np.sum(z**2, axis=1) - 0.5 * z.shape[1] * np.log(2 * np.pi)


def _plus_log_det(y, A, b):
    return _base(np.linalg.solve(A, (y - b).T).T) + np.linalg.slogdet(A)[1]


def _no_abs(y, A, b):
    with np.errstate(invalid="ignore"):
        return _base(np.linalg.solve(A, (y - b).T).T) - np.log(np.linalg.det(A))


def _no_log_det(y, A, b):
    return _base(np.linalg.solve(A, (y - b).T).T)


def _inverse_not_transposed(y, A, b):
    return _base((y - b) @ np.linalg.inv(A)) - np.linalg.slogdet(A)[1]


MISTAKES = {
    "plus-log-det": _plus_log_det,
    "no-abs": _no_abs,
    "no-log-det": _no_log_det,
    "inverse-not-transposed": _inverse_not_transposed,
}
