"""Numerical Hessian by central differences: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case, Fn


def numerical_hessian(f, x, h=1e-4):
    """H[i, j] = (f(x + h e_i + h e_j) - f(x + h e_i - h e_j) - f(x - h e_i + h e_j)
    + f(x - h e_i - h e_j)) / (4 h^2) for f: R^n -> R; symmetric, shape (n, n); x unchanged."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        ei = np.zeros(n)
        ei[i] = h
        for j in range(i, n):
            ej = np.zeros(n)
            ej[j] = h
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4.0 * h * h)
            H[j, i] = H[i, j]
    return H


def cases(rng):
    return [
        Case((Fn("rosenbrock"), rng.uniform(-1.5, 1.5, size=4)), name="random, rosenbrock"),
        Case((Fn("rosenbrock"), np.ones(3)), name="rosenbrock at its minimum (1, 1, 1)"),
        Case((Fn("rosenbrock"), np.array([-1.2, 1.0, 0.5])), name="rosenbrock at (−1.2, 1, 0.5)"),
        Case((Fn("cubic_mix"), rng.normal(size=4)), name="random, cubic_mix (x₀ and x₃ coupled)"),
        Case((Fn("log_sum_exp"), rng.normal(size=4) * 2), name="random, log_sum_exp"),
        Case((Fn("sin_sum"), rng.normal(size=3) * 2), name="random, sin_sum (diagonal)"),
        Case((Fn("quadratic"), rng.normal(size=3)), name="quadratic (H = 2I)"),
        Case((Fn("cubic_mix"), rng.normal(size=3)), {"h": 1e-3}, name="h given"),
        Case((Fn("sin_sum"), np.array([0.7])), name="one coordinate"),
    ]


def _wrong_denominator(f, x, h=1e-4):
    n = len(x)
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i] += h
            ej[j] += h
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (h * h)
    return H


def _upper_only(f, x, h=1e-4):
    n = len(x)
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i] += h
            ej[j] += h
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
    return H


def _forward(f, x, h=1e-4):
    n = len(x)
    H = np.zeros((n, n))
    fx = f(x)
    for i in range(n):
        for j in range(n):
            ei, ej = np.zeros(n), np.zeros(n)
            ei[i] += h
            ej[j] += h
            H[i, j] = (f(x + ei + ej) - f(x + ei) - f(x + ej) + fx) / (h * h)
    return H


MISTAKES = {
    "wrong-denominator": _wrong_denominator,
    "upper-triangle-only": _upper_only,
    "forward-difference": _forward,
}
