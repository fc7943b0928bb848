"""Numerical gradient by central differences: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case, Fn


def numerical_gradient(f, x, h=1e-5):
    """g_i = (f(x + h e_i) - f(x - h e_i)) / (2h), one coordinate at a time; x is not changed."""
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2.0 * h)
    return grad


def cases(rng):
    return [
        Case((Fn("quadratic"), rng.normal(size=4)), name="random, quadratic"),
        Case((Fn("sin_sum"), rng.normal(size=5) * 2), name="random, sin_sum"),
        Case((Fn("rosenbrock"), rng.normal(size=4)), name="random, rosenbrock"),
        Case((Fn("log_sum_exp"), rng.normal(size=5) * 3), name="random, log_sum_exp"),
        Case((Fn("cubic_mix"), rng.normal(size=4)), name="random, cubic_mix"),
        Case((Fn("cubic_mix"), rng.normal(size=3)), {"h": 1e-4}, name="h given"),
        Case((Fn("sin_sum"), np.array([0.7])), name="one coordinate"),
        Case((Fn("quadratic"), np.zeros(3)), name="at the minimum (zero gradient)"),
        Case((Fn("rosenbrock"), np.ones(3)), name="rosenbrock at its minimum (1, 1, 1)"),
        Case((Fn("log_sum_exp"), np.array([1000.0, 1001.0, 999.0])), name="huge values"),
        Case((Fn("quadratic"), rng.normal(size=6) * 10), name="large x"),
    ]


def _forward_difference(f, x, h=1e-5):
    grad = np.zeros_like(x)
    fx = f(x)
    for i in range(len(x)):
        x_plus = x.copy()
        x_plus[i] += h
        grad[i] = (f(x_plus) - fx) / h
    return grad


def _wrong_denominator(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[i] += h
        x_minus[i] -= h
        grad[i] = (f(x_plus) - f(x_minus)) / h
    return grad


def _perturbs_all(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        grad[i] = (f(x + h) - f(x - h)) / (2 * h)
    return grad


def _not_restored(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
        # forgot: x[i] += h
    return grad


def _no_copy(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        x_plus = x  # not a copy: the same array
        x_plus[i] += h
        x_minus = x
        x_minus[i] -= h
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad


MISTAKES = {
    "forward-difference": _forward_difference,
    "wrong-denominator": _wrong_denominator,
    "perturbs-all": _perturbs_all,
    "not-restored": _not_restored,
    "no-copy": _no_copy,
}
