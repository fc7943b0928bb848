"""One step of Newton's method: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def newton_step(x, grad, hess):
    """x_new = x - H^{-1} g, computed by solving H p = g (never forming H^{-1})."""
    x = np.asarray(x, dtype=np.float64)
    p = np.linalg.solve(np.asarray(hess, dtype=np.float64), np.asarray(grad, dtype=np.float64))
    return x - p


def _spd(rng, n, coupling=1.0):
    """A symmetric positive definite Hessian with non-zero off-diagonal entries."""
    a = rng.normal(size=(n, n))
    h = coupling * (a @ a.T) + np.diag(rng.uniform(0.5, 2.0, size=n))
    h[0, 1] = h[1, 0] = h[0, 1] + 0.5 * np.sign(h[0, 1]) + 0.5  # never (close to) diagonal
    return h + n * np.eye(n)


def _quadratic(rng, n):
    """f(x) = 1/2 x^T A x - b^T x at a random x: g = A x - b, H = A; the minimum is A^{-1} b."""
    a = _spd(rng, n)
    b = rng.normal(size=n)
    x = rng.normal(size=n) * 3
    return x, a @ x - b, a


def cases(rng):
    x1 = rng.normal(size=3)
    rot = np.array([[0.8, -0.6], [0.6, 0.8]])
    saddle = rot @ np.diag([2.0, -1.0]) @ rot.T
    return [
        Case((x1, rng.normal(size=3), _spd(rng, 3)), name="random, 3 variables"),
        Case(_quadratic(rng, 4), name="quadratic: one step lands on the minimum"),
        Case((rng.normal(size=5), rng.normal(size=5), _spd(rng, 5, coupling=3.0)), name="strongly coupled variables"),
        Case((np.array([2.0]), np.array([3.0]), np.array([[4.0]])), name="one variable"),
        Case((np.array([1.0, -1.0]), np.array([0.5, 1.5]), saddle), name="indefinite Hessian (saddle point)"),
        Case((np.array([0.5, -2.0, 1.0]), np.zeros(3), np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])),
             name="zero gradient (already stationary)"),
        Case((np.array([0.0, 0.0]), np.array([1.0, 1.0]), np.array([[1.0, 0.9], [0.9, 1.0]])),
             name="nearly singular Hessian"),
    ]


def _hessian_times_gradient(x, grad, hess):
    return x - hess @ grad


def _sign(x, grad, hess):
    return x + np.linalg.solve(hess, grad)


def _diagonal_only(x, grad, hess):
    return x - grad / np.diag(hess)


def _returns_direction(x, grad, hess):
    return -np.linalg.solve(hess, grad)


MISTAKES = {
    "hessian-times-gradient": _hessian_times_gradient,
    "step-uphill": _sign,
    "diagonal-only": _diagonal_only,
    "returns-direction": _returns_direction,
}
