"""Posterior predictive of Bayesian linear regression (Bishop 2006, PRML eqs. 3.58-3.59):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bayesian_predictive(X_new, m, S, beta):
    """p(y | x, data) = N(y; m^T x, 1/beta + x^T S x) for every row x of X_new; returns (means, variances)."""
    X_new = np.asarray(X_new, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    S = np.asarray(S, dtype=np.float64)
    mean = X_new @ m
    var = 1.0 / beta + np.einsum("nd,de,ne->n", X_new, S, X_new)
    return mean, var


def _posterior(rng, d, n=10, alpha=0.5, beta=4.0):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + rng.normal(size=n) / np.sqrt(beta)
    S = np.linalg.inv(alpha * np.eye(d) + beta * X.T @ X)
    return beta * S @ X.T @ y, S


def cases(rng):
    m3, S3 = _posterior(rng, 3)
    m2, S2 = _posterior(rng, 2, n=4)
    m1, S1 = _posterior(rng, 1, n=5, beta=2.5)
    return [
        Case((rng.normal(size=(5, 3)), m3, S3, 4.0), name="5 new inputs, 3 weights"),
        Case((rng.normal(size=(1, 2)), m2, S2, 4.0), name="one new input"),
        Case((np.zeros((2, 3)), m3, S3, 4.0), name="x = 0: only the noise is left"),
        Case((np.array([[0.5], [5.0], [50.0]]), m1, S1, 2.5), name="moving away from the data"),
        Case((rng.normal(size=(3, 2)), np.zeros(2), np.eye(2) / 0.5, 3.0), name="no data yet: the prior"),
        Case((rng.normal(size=(4, 2)), m2, S2, 1e6), name="almost no noise (beta = 1e6)"),
    ]


def _no_noise(X_new, m, S, beta):
    return X_new @ m, np.einsum("nd,de,ne->n", X_new, S, X_new)


def _beta_as_variance(X_new, m, S, beta):
    return X_new @ m, beta + np.einsum("nd,de,ne->n", X_new, S, X_new)


def _inverse_of_covariance(X_new, m, S, beta):
    return X_new @ m, 1.0 / beta + np.einsum("nd,de,ne->n", X_new, np.linalg.inv(S), X_new)


def _standard_deviation(X_new, m, S, beta):
    return X_new @ m, np.sqrt(1.0 / beta + np.einsum("nd,de,ne->n", X_new, S, X_new))


MISTAKES = {
    "no-noise-variance": _no_noise,
    "beta-as-noise-variance": _beta_as_variance,
    "inverse-covariance-in-quadratic-form": _inverse_of_covariance,
    "standard-deviation-returned": _standard_deviation,
}
