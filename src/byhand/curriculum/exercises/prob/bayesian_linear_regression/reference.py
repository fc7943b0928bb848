"""Posterior of Bayesian linear regression (Bishop 2006, PRML eqs. 3.53-3.54):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bayesian_linear_regression(X, y, alpha, beta):
    """Prior w ~ N(0, alpha^-1 I), likelihood y ~ N(X w, beta^-1 I).  Returns the posterior
    mean m_N = beta S_N X^T y and covariance S_N = (alpha I + beta X^T X)^-1."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    precision = alpha * np.eye(X.shape[1]) + beta * X.T @ X
    S = np.linalg.inv(precision)
    m = beta * np.linalg.solve(precision, X.T @ y)
    return m, S


def _not_one(rng, low, high):
    v = float(rng.uniform(low, high))
    return v + 0.5 if abs(v - 1.0) < 0.2 else v  # alpha and beta never 1, so no mistake can hide


def cases(rng):
    specs = [  # (points, weights, alpha, beta, name)
        (12, 3, _not_one(rng, 0.2, 3.0), _not_one(rng, 2.0, 10.0), "12 points, 3 weights"),
        (30, 5, _not_one(rng, 0.2, 3.0), _not_one(rng, 2.0, 10.0), "30 points, 5 weights"),
        (3, 6, 2.0, 4.0, "fewer points than weights"),
        (20, 2, 1e-6, 4.0, "almost flat prior: close to least squares"),
        (8, 3, 1e6, 4.0, "very strong prior: posterior = prior"),
        (10, 2, 0.5, 0.01, "very noisy data (beta = 0.01)"),
    ]
    out = []
    for n, d, alpha, beta, name in specs:
        X = rng.normal(size=(n, d))
        y = X @ rng.normal(size=d) + 0.5 * rng.normal(size=n)
        out.append(Case((X, y, alpha, beta), name=name))
    out.append(Case((np.array([[2.0]]), np.array([3.0]), 0.5, 2.0), name="one point, one weight"))
    return out


def _as_variances(X, y, alpha, beta):
    S = np.linalg.inv(np.eye(X.shape[1]) / alpha + X.T @ X / beta)
    return S @ X.T @ y / beta, S


def _no_beta_in_mean(X, y, alpha, beta):
    S = np.linalg.inv(alpha * np.eye(X.shape[1]) + beta * X.T @ X)
    return S @ X.T @ y, S


def _no_prior(X, y, alpha, beta):
    S = np.linalg.inv(beta * X.T @ X)
    return beta * S @ X.T @ y, S


def _returns_precision(X, y, alpha, beta):
    A = alpha * np.eye(X.shape[1]) + beta * X.T @ X
    return beta * np.linalg.solve(A, X.T @ y), A


MISTAKES = {
    "precisions-as-variances": _as_variances,
    "mean-without-beta": _no_beta_in_mean,
    "no-prior-precision": _no_prior,
    "returns-precision-matrix": _returns_precision,
}
