"""Score-function (REINFORCE) gradient estimate for a diagonal Gaussian: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def score_function_gradient(f, x, mu, sigma, baseline=0.0):
    """x[i] ~ N(mu, diag(sigma^2)), f[i] = f(x[i]).  Monte Carlo estimates of the gradients of E[f(x)] with respect
    to mu and sigma: mean_i (f_i - b) d/dtheta log N(x_i; mu, sigma^2), with
    d/dmu log N = (x - mu) / sigma^2 and d/dsigma log N = (x - mu)^2 / sigma^3 - 1 / sigma."""
    f = np.asarray(f, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    mu = np.asarray(mu, dtype=np.float64)
    sigma = np.asarray(sigma, dtype=np.float64)
    adv = (f - baseline).reshape(f.shape + (1,) * (x.ndim - 1))
    z = (x - mu) / sigma
    grad_mu = np.mean(adv * z / sigma, axis=0)
    grad_sigma = np.mean(adv * (z**2 - 1.0) / sigma, axis=0)
    return grad_mu, grad_sigma


def _draw(rng, n, mu, sigma, f):
    x = mu + sigma * rng.normal(size=(n,) + np.shape(mu))
    return f(x), x


def cases(rng):
    f1, x1 = _draw(rng, 20, 0.5, 1.5, lambda x: x**2)
    mu2, s2 = rng.normal(size=3), rng.uniform(0.5, 2.0, size=3)
    f2, x2 = _draw(rng, 30, mu2, s2, lambda x: np.sum(x**2, axis=-1))
    f3, x3 = _draw(rng, 25, 1.2, 0.7, np.sin)
    f4, x4 = _draw(rng, 15, 0.0, 1.0, np.abs)
    x5 = 2.0 + 0.5 * rng.normal(size=10)
    return [
        Case((f1, x1, 0.5, 1.5), name="f(x) = x^2, 20 samples"),
        Case((f2, x2, mu2, s2), name="3-D diagonal Gaussian, f = squared norm"),
        Case((f3, x3, 1.2, 0.7), {"baseline": float(np.mean(f3))}, name="baseline = mean of f"),
        Case((f4, x4, 0.0, 1.0), name="standard normal, no baseline"),
        Case((f4, x4, 0.0, 1.0), {"baseline": 0.5}, name="standard normal, baseline 0.5"),
        Case((np.full(10, 3.0), x5, 2.0, 0.5), {"baseline": 3.0}, name="f constant and equal to the baseline: zero"),
        Case((np.array([4.0]), np.array([1.0]), 0.0, 2.0), name="one sample"),
    ]


def _no_variance(f, x, mu, sigma, baseline=0.0):
    adv = (np.asarray(f) - baseline).reshape(np.shape(f) + (1,) * (np.ndim(x) - 1))
    return np.mean(adv * (x - mu), axis=0), np.mean(adv * ((x - mu) ** 2 / sigma**3 - 1 / sigma), axis=0)


def _no_minus_one_over_sigma(f, x, mu, sigma, baseline=0.0):
    adv = (np.asarray(f) - baseline).reshape(np.shape(f) + (1,) * (np.ndim(x) - 1))
    return np.mean(adv * (x - mu) / sigma**2, axis=0), np.mean(adv * (x - mu) ** 2 / sigma**3, axis=0)


def _baseline_ignored(f, x, mu, sigma, baseline=0.0):
    return score_function_gradient(f, x, mu, sigma)


def _sum_not_mean(f, x, mu, sigma, baseline=0.0):
    g_mu, g_sigma = score_function_gradient(f, x, mu, sigma, baseline)
    return g_mu * len(f), g_sigma * len(f)


MISTAKES = {
    "score-without-variance": _no_variance,
    "sigma-score-without-normalizer-term": _no_minus_one_over_sigma,
    "baseline-ignored": _baseline_ignored,
    "sum-over-samples": _sum_not_mean,
}
