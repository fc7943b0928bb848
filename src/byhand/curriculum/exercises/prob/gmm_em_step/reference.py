"""One EM step of a Gaussian mixture with full covariances: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case

_LOG_2PI = np.log(2 * np.pi)


def _log_gauss(X, mean, cov):
    """log N(x_n; mean, cov) for every row x_n of X."""
    diff = X - mean
    maha = np.sum(diff * np.linalg.solve(cov, diff.T).T, axis=1)
    _sign, logdet = np.linalg.slogdet(cov)
    return -0.5 * (maha + logdet + X.shape[1] * _LOG_2PI)


def _responsibilities(X, weights, means, covs):
    """E-step: r[n, k] = pi_k N(x_n; mu_k, S_k) / sum_j pi_j N(x_n; mu_j, S_j), in log space."""
    logp = np.stack([np.log(weights[k]) + _log_gauss(X, means[k], covs[k]) for k in range(len(weights))], axis=1)
    logp -= np.max(logp, axis=1, keepdims=True)
    r = np.exp(logp)
    return r / np.sum(r, axis=1, keepdims=True)


def _m_step(X, r, centre_on_new=True, old_means=None):
    nk = np.sum(r, axis=0)
    weights = nk / X.shape[0]
    means = (r.T @ X) / nk[:, None]
    centres = means if centre_on_new else old_means
    covs = np.stack([(r[:, k, None] * (X - centres[k])).T @ (X - centres[k]) / nk[k] for k in range(len(nk))])
    return weights, means, covs


def gmm_em_step(X, weights, means, covs):
    """One EM iteration for a Gaussian mixture: X (N, d), weights (K,), means (K, d), covs (K, d, d).
    Returns the updated (weights, means, covs)."""
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    means = np.asarray(means, dtype=np.float64)
    covs = np.asarray(covs, dtype=np.float64)
    r = _responsibilities(X, weights, means, covs)
    return _m_step(X, r)


def _spd(rng, d, scale=1.0):
    A = rng.normal(size=(d, d)) * 0.5
    return scale * (A @ A.T + 0.5 * np.eye(d))


def _mixture_case(rng, n, d, k, name, spread=3.0):
    centres = rng.normal(size=(k, d)) * spread
    X = centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d))
    weights = rng.dirichlet(np.ones(k) * 3)
    means = centres + rng.normal(size=(k, d)) * 0.5
    covs = np.stack([_spd(rng, d) for _ in range(k)])
    return Case((X, weights, means, covs), name=name)


def cases(rng):
    X_far = np.vstack([rng.normal(size=(6, 2)), [[60.0, -60.0]]])
    means_far = np.array([[-1.0, 0.0], [1.0, 0.5]])
    covs_far = np.stack([np.eye(2), np.eye(2) * 0.5])
    X_one = rng.normal(size=(8, 2)) * np.array([1.0, 3.0]) + 2.0
    return [
        _mixture_case(rng, 20, 2, 2, "2-D, 2 components"),
        _mixture_case(rng, 15, 1, 3, "1-D, 3 components"),
        _mixture_case(rng, 30, 3, 2, "3-D, 2 components"),
        _mixture_case(rng, 12, 2, 4, "2-D, 4 components, 12 points"),
        _mixture_case(rng, 16, 2, 2, "well separated clusters", spread=30.0),
        Case((X_far, np.array([0.3, 0.7]), means_far, covs_far), name="an outlier far from every component"),
        Case((X_one, np.array([1.0]), np.zeros((1, 2)), np.eye(2)[None]),
             name="one component: the sample mean and covariance"),
    ]


def _normalize_over_points(X, weights, means, covs):
    logp = np.stack([np.log(weights[k]) + _log_gauss(X, means[k], covs[k]) for k in range(len(weights))], axis=1)
    p = np.exp(logp - logp.max())
    return _m_step(X, p / p.sum(axis=0, keepdims=True))


def _old_means(X, weights, means, covs):
    r = _responsibilities(X, weights, means, covs)
    return _m_step(X, r, centre_on_new=False, old_means=means)


def _divide_by_n(X, weights, means, covs):
    r = _responsibilities(X, weights, means, covs)
    w, m, _ = _m_step(X, r)
    n = X.shape[0]
    covs_new = np.stack([(r[:, k, None] * (X - m[k])).T @ (X - m[k]) / n for k in range(len(w))])
    return w, m, covs_new


def _densities(X, weights, means, covs):
    p = np.stack([weights[k] * np.exp(_log_gauss(X, means[k], covs[k])) for k in range(len(weights))], axis=1)
    return _m_step(X, p / p.sum(axis=1, keepdims=True))


def _no_weights(X, weights, means, covs):
    return _m_step(X, _responsibilities(X, np.ones_like(weights), means, covs))


MISTAKES = {
    "responsibilities-over-points": _normalize_over_points,
    "covariance-around-old-means": _old_means,
    "covariance-divided-by-n": _divide_by_n,
    "densities-underflow": _densities,
    "e-step-without-weights": _no_weights,
}
