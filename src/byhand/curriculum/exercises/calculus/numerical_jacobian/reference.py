"""Numerical Jacobian by central differences: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case, Fn


def numerical_jacobian(f, x, h=1e-5):
    """J[i, j] = (f(x + h e_j) - f(x - h e_j))_i / (2h) for f: R^n -> R^m; shape (m, n); x unchanged."""
    x = np.asarray(x, dtype=np.float64)
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h
        columns.append((np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2.0 * h))
    return np.stack(columns, axis=1)


def cases(rng):
    return [
        Case((Fn("softmax_vec"), rng.normal(size=4)), name="softmax, R⁴ → R⁴"),
        Case((Fn("polar_to_cartesian"), np.array([rng.uniform(0.5, 3.0), rng.uniform(-3.0, 3.0)])),
             name="polar to Cartesian, R² → R²"),
        Case((Fn("neighbour_products"), rng.normal(size=5) * 2), name="neighbour products, R⁵ → R⁴"),
        Case((Fn("moments"), rng.normal(size=4) * 2), name="moments, R⁴ → R³"),
        Case((Fn("moments"), np.array([3.0, -2.0, 2.5, 1.0])), name="moments at a fixed point"),
        Case((Fn("moments"), rng.normal(size=6)), {"h": 1e-4}, name="h given"),
        Case((Fn("neighbour_products"), rng.normal(size=2)), name="one output (R² → R¹)"),
        Case((Fn("polar_to_cartesian"), np.array([0.0, rng.uniform(-3.0, 3.0)])), name="polar at r = 0"),
        Case((Fn("softmax_vec"), np.array([1000.0, 1001.0, 999.0])), name="softmax of huge values"),
    ]


def _transposed(f, x, h=1e-5):
    rows = []
    for j in range(len(x)):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[j] += h
        x_minus[j] -= h
        rows.append((f(x_plus) - f(x_minus)) / (2 * h))
    return np.array(rows)


def _forward_difference(f, x, h=1e-5):
    fx = f(x)
    J = np.zeros((len(fx), len(x)))
    for j in range(len(x)):
        x_plus = x.copy()
        x_plus[j] += h
        J[:, j] = (f(x_plus) - fx) / h
    return J


def _wrong_denominator(f, x, h=1e-5):
    J = np.zeros((len(f(x)), len(x)))
    for j in range(len(x)):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[j] += h
        x_minus[j] -= h
        J[:, j] = (f(x_plus) - f(x_minus)) / h
    return J


MISTAKES = {
    "transposed": _transposed,
    "forward-difference": _forward_difference,
    "wrong-denominator": _wrong_denominator,
}
