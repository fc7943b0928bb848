"""One systematic-scan Gibbs sweep for a bivariate Gaussian: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _conditional_draw(m_i, m_j, s_ii, s_ij, s_jj, x_j, z):
    """x_i | x_j ~ N(m_i + s_ij / s_jj (x_j - m_j), s_ii - s_ij^2 / s_jj), drawn as mean + std * z."""
    return m_i + s_ij / s_jj * (x_j - m_j) + np.sqrt(s_ii - s_ij**2 / s_jj) * z


def gibbs_sweep_gaussian(x, mu, Sigma, z):
    """Update x[..., 0] from p(x0 | x1), then x[..., 1] from p(x1 | new x0), using standard normal draws z[..., 0]
    and z[..., 1]; returns the new state, shape (..., 2)."""
    x = np.asarray(x, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    mu = np.asarray(mu, dtype=np.float64)
    S = np.asarray(Sigma, dtype=np.float64)
    x0 = _conditional_draw(mu[0], mu[1], S[0, 0], S[0, 1], S[1, 1], x[..., 1], z[..., 0])
    x1 = _conditional_draw(mu[1], mu[0], S[1, 1], S[0, 1], S[0, 0], x0, z[..., 1])
    return np.stack([x0, x1], axis=-1)


def _cov(rng):
    s = rng.uniform(0.5, 2.5, size=2)
    rho = rng.uniform(0.3, 0.9) * rng.choice([-1.0, 1.0])
    return np.array([[s[0] ** 2, rho * s[0] * s[1]], [rho * s[0] * s[1], s[1] ** 2]])


def cases(rng):
    S_rect = np.array([[4.0, 1.2], [1.2, 1.0]])
    return [
        Case((rng.normal(size=2), rng.normal(size=2), _cov(rng), rng.normal(size=2)), name="one chain"),
        Case((rng.normal(size=(5, 2)) * 2, rng.normal(size=2), _cov(rng), rng.normal(size=(5, 2))),
             name="5 chains at once"),
        Case((np.array([3.0, -2.0]), np.array([1.0, 0.5]), S_rect, np.zeros(2)),
             name="zero noise: the conditional means"),
        Case((rng.normal(size=2), np.zeros(2), np.diag([2.0, 0.5]), rng.normal(size=2)),
             name="independent coordinates: a fresh draw"),
        Case((np.array([0.0, 0.0]), np.zeros(2), np.array([[1.0, 0.99], [0.99, 1.0]]), np.array([1.0, -1.0])),
             name="correlation 0.99: tiny steps"),
        Case((rng.normal(size=(3, 2)), np.array([-1.0, 2.0]), S_rect, rng.normal(size=(3, 2))),
             name="unequal variances"),
    ]


def _stale(x, mu, Sigma, z):
    S = Sigma
    x0 = _conditional_draw(mu[0], mu[1], S[0, 0], S[0, 1], S[1, 1], x[..., 1], z[..., 0])
    x1 = _conditional_draw(mu[1], mu[0], S[1, 1], S[0, 1], S[0, 0], x[..., 0], z[..., 1])  # old x0
    return np.stack([x0, x1], axis=-1)


def _marginal_std(x, mu, Sigma, z):
    S = Sigma
    x0 = mu[0] + S[0, 1] / S[1, 1] * (x[..., 1] - mu[1]) + np.sqrt(S[0, 0]) * z[..., 0]
    x1 = mu[1] + S[0, 1] / S[0, 0] * (x0 - mu[0]) + np.sqrt(S[1, 1]) * z[..., 1]
    return np.stack([x0, x1], axis=-1)


def _variance_as_std(x, mu, Sigma, z):
    S = Sigma
    x0 = mu[0] + S[0, 1] / S[1, 1] * (x[..., 1] - mu[1]) + (S[0, 0] - S[0, 1] ** 2 / S[1, 1]) * z[..., 0]
    x1 = mu[1] + S[0, 1] / S[0, 0] * (x0 - mu[0]) + (S[1, 1] - S[0, 1] ** 2 / S[0, 0]) * z[..., 1]
    return np.stack([x0, x1], axis=-1)


def _own_variance_in_slope(x, mu, Sigma, z):
    S = Sigma
    x0 = mu[0] + S[0, 1] / S[0, 0] * (x[..., 1] - mu[1]) + np.sqrt(S[0, 0] - S[0, 1] ** 2 / S[1, 1]) * z[..., 0]
    x1 = mu[1] + S[0, 1] / S[1, 1] * (x0 - mu[0]) + np.sqrt(S[1, 1] - S[0, 1] ** 2 / S[0, 0]) * z[..., 1]
    return np.stack([x0, x1], axis=-1)


MISTAKES = {
    "stale-coordinate": _stale,
    "marginal-standard-deviation": _marginal_std,
    "variance-times-noise": _variance_as_std,
    "slope-divides-by-own-variance": _own_variance_in_slope,
}
