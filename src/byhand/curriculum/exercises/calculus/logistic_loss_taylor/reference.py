"""Second-order Taylor model of the logistic-regression loss: the reference, its cases and its known mistakes."""

import numpy as np
from scipy.special import expit

from byhand import Case


def logistic_loss_taylor(w, X, y, d):
    """L(w) = mean_n [softplus(z_n) - y_n z_n], z = X w (the mean binary cross-entropy).
    Return (H, q): the Hessian H = X^T diag(p (1 - p)) X / N at w, p = sigmoid(z), and the
    second-order Taylor model q = L(w) + g.d + d.H d / 2 of L(w + d), g = X^T (p - y) / N."""
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    d = np.asarray(d, dtype=np.float64)
    n = X.shape[0]
    z = X @ w
    p = expit(z)
    loss = np.mean(np.logaddexp(0.0, z) - y * z)  # log(1 + e^z) - y z, never log(0)
    g = X.T @ (p - y) / n
    H = (X * (p * (1.0 - p))[:, None]).T @ X / n
    return H, np.float64(loss + g @ d + 0.5 * d @ H @ d)


def _labels(rng, n):
    return rng.integers(0, 2, size=n).astype(np.float64)


def _case(rng, n, dim):
    return (rng.normal(size=dim), rng.normal(size=(n, dim)), _labels(rng, n), rng.normal(size=dim) * 0.5)


def cases(rng):
    X_huge = np.array([[300.0, -400.0], [-500.0, 200.0], [100.0, 600.0], [700.0, 50.0]])
    w0, X0, y0, _ = _case(rng, 6, 3)
    return [
        Case(_case(rng, 10, 3), name="random, N=10, D=3"),
        Case(_case(rng, 25, 4), name="random, N=25, D=4"),
        Case(_case(rng, 3, 3), name="square X (N = D = 3)"),
        Case(_case(rng, 8, 1), name="one feature (D = 1)"),
        Case((np.zeros(2), rng.normal(size=(5, 2)), _labels(rng, 5), rng.normal(size=2)),
             name="w = 0 (every p = 0.5)"),
        Case((w0, X0, y0, np.zeros(3)), name="step d = 0 (q = L(w))"),
        Case((rng.normal(size=2), rng.normal(size=(6, 2)), rng.uniform(size=6), rng.normal(size=2)),
             name="soft labels in [0, 1]"),
        Case((np.array([2.0, 1.0]), X_huge, np.array([0.0, 1.0, 1.0, 1.0]), np.array([1e-3, -1e-3])),
             name="huge logits, both signs"),
    ]


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _parts(w, X, y):
    n = X.shape[0]
    z = X @ w
    p = expit(z)
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    return n, p, loss, X.T @ (p - y) / n


def _no_half(w, X, y, d):
    n, p, loss, g = _parts(w, X, y)
    H = X.T @ np.diag(p * (1 - p)) @ X / n
    return H, loss + g @ d + d @ H @ d


def _unweighted(w, X, y, d):
    n, p, loss, g = _parts(w, X, y)
    H = X.T @ X / n
    return H, loss + g @ d + 0.5 * d @ H @ d


def _weights_p(w, X, y, d):
    n, p, loss, g = _parts(w, X, y)
    H = X.T @ np.diag(p) @ X / n
    return H, loss + g @ d + 0.5 * d @ H @ d


def _outer_wrong_way(w, X, y, d):
    n, p, loss, g = _parts(w, X, y)
    H = X @ np.diag(p * (1 - p)) @ X.T / n
    return H, loss + g @ d + 0.5 * d @ H @ d


def _log_of_sigmoid(w, X, y, d):
    n = X.shape[0]
    p = _sigmoid(X @ w)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    g = X.T @ (p - y) / n
    H = X.T @ np.diag(p * (1 - p)) @ X / n
    return H, loss + g @ d + 0.5 * d @ H @ d


MISTAKES = {
    "no-half": _no_half,
    "hessian-without-sigmoid-derivative": [_unweighted, _weights_p],
    "wrong-transpose": _outer_wrong_way,
    "log-of-sigmoid": _log_of_sigmoid,
}
