"""Backtracking line search with the Armijo condition: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case, Fn


def backtracking_line_search(f, x, grad, direction, alpha0=1.0, rho=0.5, c=1e-4):
    """Largest alpha in alpha0, rho alpha0, rho^2 alpha0, ... with
    f(x + alpha d) <= f(x) + c alpha g^T d (Armijo's sufficient decrease); d is a descent direction."""
    x = np.asarray(x, dtype=np.float64)
    d = np.asarray(direction, dtype=np.float64)
    fx = f(x)
    slope = float(np.dot(grad, d))  # g^T d < 0 for a descent direction
    alpha = alpha0
    while f(x + alpha * d) > fx + c * alpha * slope:
        alpha *= rho
    return np.float64(alpha)


# gradients of the test functions of byhand.grading.testfns
def _grad_quadratic(x):
    return 2.0 * x


def _grad_rosenbrock(x):
    g = np.zeros_like(x)
    g[:-1] += -400.0 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * (x[1:] - x[:-1] ** 2)
    return g


def _grad_cubic_mix(x):
    g = x**2
    g[0] += x[-1]
    g[-1] += x[0]
    return g


def _grad_log_sum_exp(x):
    e = np.exp(x - np.max(x))
    return e / e.sum()


def _grad_sin_sum(x):
    return np.cos(x)


_GRADS = {"quadratic": _grad_quadratic, "rosenbrock": _grad_rosenbrock, "cubic_mix": _grad_cubic_mix,
          "log_sum_exp": _grad_log_sum_exp, "sin_sum": _grad_sin_sum}


def _case(name, x, scale=None, rng=None):
    """(f, x, g, d) with d = -g, or d = -u * g elementwise (u in [0.5, 2]): a descent direction."""
    g = _GRADS[name](x)
    d = -g if scale is None else -g * scale
    return Fn(name), x, g, d


def cases(rng):
    x2 = rng.normal(size=4)
    return [
        Case(_case("rosenbrock", rng.normal(size=3)), name="rosenbrock, steepest descent"),
        Case(_case("quadratic", rng.normal(size=5), rng.uniform(0.5, 2.0, size=5)), {"c": 0.3},
             name="quadratic, scaled direction, c = 0.3"),
        Case(_case("quadratic", x2, np.full(4, 0.5)), name="full step accepted at once"),
        Case(_case("quadratic", rng.normal(size=3) + 1.0), name="full step overshoots to -x"),
        Case(_case("quadratic", rng.normal(size=3) - 1.0, np.full(3, 0.95)), {"c": 0.5},
             name="decrease, but not sufficient (c = 0.5)"),
        Case(_case("cubic_mix", rng.uniform(0.5, 1.5, size=4), rng.uniform(0.5, 2.0, size=4)),
             {"rho": 0.8, "c": 0.3}, name="cubic_mix, scaled direction, rho = 0.8"),
        Case(_case("log_sum_exp", np.array([1000.0, 1001.0, 999.0])), {"alpha0": 10.0}, name="huge values, alpha0 = 10"),
        Case(_case("sin_sum", rng.uniform(-1.0, 1.0, size=3)), {"alpha0": 4.0, "rho": 0.3},
             name="sin_sum, alpha0 = 4, rho = 0.3"),
        Case(_case("rosenbrock", np.array([-1.2, 1.0])), name="rosenbrock from (-1.2, 1)"),
    ]


def _armijo_sign(f, x, grad, direction, alpha0=1.0, rho=0.5, c=1e-4):
    alpha = alpha0
    while f(x + alpha * direction) > f(x) - c * alpha * np.dot(grad, direction):
        alpha *= rho
    return alpha


def _simple_decrease(f, x, grad, direction, alpha0=1.0, rho=0.5, c=1e-4):
    alpha = alpha0
    while not f(x + alpha * direction) < f(x):
        alpha *= rho
    return alpha


def _shrinks_first(f, x, grad, direction, alpha0=1.0, rho=0.5, c=1e-4):
    alpha = alpha0
    while True:
        alpha *= rho
        if f(x + alpha * direction) <= f(x) + c * alpha * np.dot(grad, direction):
            return alpha


def _slope_of_gradient(f, x, grad, direction, alpha0=1.0, rho=0.5, c=1e-4):
    alpha = alpha0
    while f(x + alpha * direction) > f(x) - c * alpha * np.dot(grad, grad):
        alpha *= rho
    return alpha


MISTAKES = {
    "armijo-sign": _armijo_sign,
    "simple-decrease": _simple_decrease,
    "shrinks-before-testing": _shrinks_first,
    "slope-not-along-direction": _slope_of_gradient,
}
