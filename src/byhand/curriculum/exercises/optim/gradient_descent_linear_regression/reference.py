"""Full-batch gradient descent for linear regression: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gradient_descent_linear_regression(X, y, lr, num_steps):
    """Minimize L(w) = (1/2N) ||X w - y||^2 from w_0 = 0 with num_steps steps
    w <- w - lr * (1/N) X^T (X w - y); return the last w."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    w = np.zeros(X.shape[1])
    for _ in range(num_steps):
        grad = X.T @ (X @ w - y) / n
        w = w - lr * grad
    return w


def _problem(rng, n, d, noise=0.1):
    X = rng.normal(size=(n, d))
    w_true = rng.normal(size=d)
    return X, X @ w_true + noise * rng.normal(size=n)


def cases(rng):
    X1, y1 = _problem(rng, 20, 3)
    X2, y2 = _problem(rng, 50, 5)
    X3, y3 = _problem(rng, 8, 1)
    X4, y4 = _problem(rng, 30, 2, noise=0.0)
    X5, y5 = _problem(rng, 6, 4)
    X6, y6 = _problem(rng, 12, 3)
    return [
        Case((X1, y1, 0.1, 20), name="random, 20 steps"),
        Case((X2, y2, 0.05, 100), name="random, 100 steps"),
        Case((X3, y3, 0.3, 10), name="one feature (d = 1)"),
        Case((X4, y4, 0.5, 300), name="noise-free, many steps (reaches the least-squares w)"),
        Case((rng.normal(size=(1, 3)), rng.normal(size=1), 0.2, 5), name="one example (N = 1)"),
        Case((X5, y5, 0.1, 1), name="a single step"),
        Case((X6, y6, 0.1, 0), name="zero steps (w stays 0)"),
        Case((X6, np.zeros(12), 0.1, 10), name="y = 0 (w stays 0)"),
        Case((X1 * 100.0, y1 * 100.0, 1e-5, 30), name="large features, small lr"),
    ]


# --- known mistakes ----------------------------------------------------------

def _missing_mean(X, y, lr, num_steps):
    w = np.zeros(X.shape[1])
    for _ in range(num_steps):
        w = w - lr * X.T @ (X @ w - y)
    return w


def _factor_two(X, y, lr, num_steps):
    w = np.zeros(X.shape[1])
    for _ in range(num_steps):
        w = w - lr * 2 * X.T @ (X @ w - y) / len(y)
    return w


def _sign_error(X, y, lr, num_steps):
    w = np.zeros(X.shape[1])
    for _ in range(num_steps):
        w = w + lr * X.T @ (X @ w - y) / len(y)
    return w


def _sign_error_residual(X, y, lr, num_steps):
    w = np.zeros(X.shape[1])
    for _ in range(num_steps):
        w = w - lr * X.T @ (y - X @ w) / len(y)
    return w


def _stale_gradient(X, y, lr, num_steps):
    w = np.zeros(X.shape[1])
    grad = X.T @ (X @ w - y) / len(y)  # computed once, before the loop
    for _ in range(num_steps):
        w = w - lr * grad
    return w


MISTAKES = {
    "missing-mean": _missing_mean,
    "factor-two": _factor_two,
    "sign-error": [_sign_error, _sign_error_residual],
    "stale-gradient": _stale_gradient,
}
