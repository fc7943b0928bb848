"""Conditioning a multivariate Gaussian on some of its coordinates: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gaussian_conditional(mu, Sigma, x_b, n_a):
    """x = (x_a, x_b) ~ N(mu, Sigma), x_a the first n_a coordinates.  Returns the mean and covariance of
    x_a | x_b:  mu_a + S_ab S_bb^-1 (x_b - mu_b)  and  S_aa - S_ab S_bb^-1 S_ba."""
    mu = np.asarray(mu, dtype=np.float64)
    Sigma = np.asarray(Sigma, dtype=np.float64)
    x_b = np.asarray(x_b, dtype=np.float64)
    a, b = slice(0, n_a), slice(n_a, None)
    gain_t = np.linalg.solve(Sigma[b, b], Sigma[b, a])  # (S_ab S_bb^-1)^T, since S_bb and S are symmetric
    mean = mu[a] + gain_t.T @ (x_b - mu[b])
    cov = Sigma[a, a] - Sigma[a, b] @ gain_t
    return mean, cov


def _spd(rng, d):
    A = rng.normal(size=(d, d))
    return A @ A.T + 0.5 * np.eye(d)


def _case(rng, d, n_a, name):
    mu = rng.normal(size=d) * 2
    Sigma = _spd(rng, d)
    x_b = mu[n_a:] + rng.normal(size=d - n_a) * 2
    return Case((mu, Sigma, x_b, n_a), name=name)


def cases(rng):
    s1, s2 = rng.uniform(0.5, 3.0, size=2)
    mu2 = rng.normal(size=2) * 2
    rho = 0.6
    biv = np.array([[s1**2, rho * s1 * s2], [rho * s1 * s2, s2**2]])
    blocks = np.zeros((4, 4))
    blocks[:2, :2], blocks[2:, 2:] = _spd(rng, 2), _spd(rng, 2)
    mu4 = rng.normal(size=4) * 2
    mu3, S3 = rng.normal(size=3) * 2, _spd(rng, 3)
    return [
        _case(rng, 3, 1, "3 dimensions, observe the last 2"),
        _case(rng, 5, 2, "5 dimensions, observe the last 3"),
        _case(rng, 4, 2, "square blocks: 2 unobserved, 2 observed"),
        _case(rng, 4, 3, "observe only the last coordinate"),
        Case((mu2, biv, mu2[1:] + 1.5 * s2, 1), name="bivariate, correlation 0.6, one standard deviation up"),
        Case((np.array([1.0, -2.0]), np.array([[1.0, 0.999], [0.999, 1.0]]), np.array([0.0]), 1),
             name="correlation 0.999: almost determined"),
        Case((mu4, blocks, mu4[2:] + rng.normal(size=2), 2), name="independent blocks: conditioning changes nothing"),
        Case((mu3, S3, mu3[1:].copy(), 1), name="observed at its mean"),
    ]


def _no_mean_shift(mu, Sigma, x_b, n_a):
    a, b = slice(0, n_a), slice(n_a, None)
    K = Sigma[a, b] @ np.linalg.inv(Sigma[b, b])
    return mu[a] + K @ x_b, Sigma[a, a] - K @ Sigma[b, a]


def _marginal_cov(mu, Sigma, x_b, n_a):
    a, b = slice(0, n_a), slice(n_a, None)
    K = Sigma[a, b] @ np.linalg.inv(Sigma[b, b])
    return mu[a] + K @ (x_b - mu[b]), Sigma[a, a]


def _plus_sign(mu, Sigma, x_b, n_a):
    a, b = slice(0, n_a), slice(n_a, None)
    K = Sigma[a, b] @ np.linalg.inv(Sigma[b, b])
    return mu[a] + K @ (x_b - mu[b]), Sigma[a, a] + K @ Sigma[b, a]


def _precision_block(mu, Sigma, x_b, n_a):
    a, b = slice(0, n_a), slice(n_a, None)
    K = Sigma[a, b] @ np.linalg.inv(Sigma[b, b])
    Lam = np.linalg.inv(Sigma)
    return mu[a] + K @ (x_b - mu[b]), Lam[a, a]


def _solve_wrong_side(mu, Sigma, x_b, n_a):
    a, b = slice(0, n_a), slice(n_a, None)
    K = np.linalg.solve(Sigma[b, b], Sigma[a, b])  # meant S_ab S_bb^-1, computes S_bb^-1 S_ab
    return mu[a] + K @ (x_b - mu[b]), Sigma[a, a] - K @ Sigma[b, a]


MISTAKES = {
    "mean-not-centred": _no_mean_shift,
    "returns-marginal-covariance": _marginal_cov,
    "covariance-sign": _plus_sign,
    "precision-block-as-covariance": _precision_block,
    "solve-on-the-wrong-side": _solve_wrong_side,
}
