"""One sweep of cyclic coordinate descent for the lasso: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _soft(z, lam):
    return np.sign(z) * max(abs(z) - lam, 0.0)


def lasso_cd_sweep(X, y, w, lam):
    """One pass j = 0, ..., p-1 over min_w 1/(2n) ||y - X w||^2 + lam ||w||_1, each coordinate
    updated exactly, with the coordinates before it already updated:
    rho_j = X_j^T (y - X w + X_j w_j) / n,  w_j = S(rho_j, lam) / (||X_j||^2 / n)."""
    X = np.asarray(X, dtype=np.float64)
    w = np.array(w, dtype=np.float64)  # a copy: the caller's w is not changed
    n = X.shape[0]
    r = np.asarray(y, dtype=np.float64) - X @ w  # the residual, kept up to date
    for j in range(X.shape[1]):
        xj = X[:, j]
        rho = xj @ (r + xj * w[j]) / n
        new = _soft(rho, lam) / (xj @ xj / n)
        r -= xj * (new - w[j])
        w[j] = new
    return w


def _data(rng, n, p, scales=None, corr=0.0):
    X = rng.normal(size=(n, p))
    if corr:
        X[:, 1:] = corr * X[:, :1] + (1 - corr) * X[:, 1:]
    if scales is not None:
        X = X * scales
    w_true = np.zeros(p)
    w_true[: max(1, p // 2)] = rng.choice([-2.0, 2.0], size=max(1, p // 2))
    y = X @ w_true + 0.3 * rng.normal(size=n)
    return X, y


def cases(rng):
    X1, y1 = _data(rng, 20, 4)
    X2, y2 = _data(rng, 30, 5, scales=np.array([0.2, 1.0, 3.0, 0.5, 10.0]))
    X3, y3 = _data(rng, 25, 3, corr=0.8)
    X4, y4 = _data(rng, 15, 4)
    X5, y5 = _data(rng, 12, 3)
    lam_big = np.max(np.abs(X5.T @ y5)) / 12 * 1.5
    X6, y6 = _data(rng, 10, 1)
    return [
        Case((X1, y1, np.zeros(4), 0.1), name="from w = 0, lam = 0.1"),
        Case((X2, y2, rng.normal(size=5), 0.3), name="columns of very different scales, warm start"),
        Case((X3, y3, np.zeros(3), 0.05), name="correlated columns"),
        Case((X4, y4, rng.normal(size=4), 0.0), name="lam = 0 (least squares, one sweep)"),
        Case((X5, y5, np.zeros(3), lam_big), name="lam large enough: all zero"),
        Case((X6, y6, np.array([0.5]), 0.2), name="one feature"),
    ]


def _jacobi(X, y, w, lam):
    n = X.shape[0]
    r = y - X @ w
    rho = X.T @ r / n + (X * X).sum(axis=0) / n * w
    return np.array([_soft(rho[j], lam) for j in range(len(w))]) / ((X * X).sum(axis=0) / n)


def _sweep(X, y, w, lam, own_term=True, normalize=True, per_n=True):
    w = np.array(w, dtype=np.float64)
    n = X.shape[0] if per_n else 1
    for j in range(X.shape[1]):
        xj = X[:, j]
        r = y - X @ w
        if own_term:
            r = r + xj * w[j]
        rho = xj @ r / n
        w[j] = _soft(rho, lam) / (xj @ xj / n if normalize else 1.0)
    return w


def _no_own_term(X, y, w, lam):
    return _sweep(X, y, w, lam, own_term=False)


def _no_normalization(X, y, w, lam):
    return _sweep(X, y, w, lam, normalize=False)


def _lambda_not_per_sample(X, y, w, lam):
    return _sweep(X, y, w, lam, per_n=False)


MISTAKES = {
    "simultaneous-update": _jacobi,
    "full-residual": _no_own_term,
    "no-column-normalization": _no_normalization,
    "objective-without-1-over-n": _lambda_not_per_sample,
}
