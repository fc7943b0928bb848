"""Importance sampling and self-normalized importance sampling: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case

_HALF_LOG_2PI = 0.5 * np.log(2 * np.pi)


def importance_sampling(f, log_p, log_q):
    """Samples x_i ~ q; f = f(x_i), log_p = log p(x_i), log_q = log q(x_i), along the last axis.
    Returns (mean_i w_i f_i, sum_i w_i f_i / sum_i w_i) with w_i = p(x_i) / q(x_i)."""
    f = np.asarray(f, dtype=np.float64)
    log_w = np.asarray(log_p, dtype=np.float64) - np.asarray(log_q, dtype=np.float64)
    plain = np.mean(np.exp(log_w) * f, axis=-1)
    w = np.exp(log_w - np.max(log_w, axis=-1, keepdims=True))
    self_normalized = np.sum(w * f, axis=-1) / np.sum(w, axis=-1)
    return plain, self_normalized


def _log_normal(x, mu, sigma):
    return -0.5 * ((x - mu) / sigma) ** 2 - np.log(sigma) - _HALF_LOG_2PI


def _gaussians(rng, n, mu_p, s_p, mu_q, s_q, f=lambda x: x):
    x = mu_q + s_q * rng.normal(size=n)
    return f(x), _log_normal(x, mu_p, s_p), _log_normal(x, mu_q, s_q)


def cases(rng):
    f_b, lp_b, lq_b = _gaussians(rng, (3, 40), 1.0, 1.0, 0.0, 2.0, f=np.square)
    f_d, lp_d, lq_d = _gaussians(rng, 20, 0.5, 1.0, 0.0, 1.5)
    f_s, lp_s, lq_s = _gaussians(rng, 25, 0.0, 1.0, 0.0, 1.0, f=np.cos)
    offset = 800.0  # log-densities of a 1000-dimensional model are about this size
    return [
        Case(_gaussians(rng, 50, 1.0, 1.0, 0.0, 2.0), name="E[x] under N(1, 1), samples from N(0, 4)"),
        Case(_gaussians(rng, 30, 1.0, 0.5, 0.0, 2.0, f=np.square), name="E[x^2], narrow target"),
        Case((f_b, lp_b, lq_b), name="3 estimates at once (batch)"),
        Case((f_s, lp_s, lq_s), name="q = p: every weight is 1"),
        Case((f_d, lp_d - offset, lq_d - offset), name="log-densities near -800 (high dimension)"),
        Case((np.array([1.0, 2.0, 3.0, 4.0]), np.log([0.1, 0.2, 0.3, 0.4]), np.log([0.25, 0.25, 0.25, 0.25])),
             name="a discrete target, uniform proposal"),
        Case((np.array([5.0]), np.array([-0.2]), np.array([-1.3])), name="one sample"),
    ]


def _inverted(f, log_p, log_q):
    return importance_sampling(f, log_q, log_p)


def _normalized_then_averaged(f, log_p, log_q):
    w = np.exp(log_p - log_q)
    plain = np.mean(w * f, axis=-1)
    w = w / np.sum(w, axis=-1, keepdims=True)
    return plain, np.mean(w * f, axis=-1)


def _not_self_normalized(f, log_p, log_q):
    plain = np.mean(np.exp(log_p - log_q) * f, axis=-1)
    return plain, plain


def _densities(f, log_p, log_q):
    w = np.exp(log_p) / np.exp(log_q)
    return np.mean(w * f, axis=-1), np.sum(w * f, axis=-1) / np.sum(w, axis=-1)


def _no_weights(f, log_p, log_q):
    m = np.mean(f, axis=-1)
    return m, m


MISTAKES = {
    "weights-inverted": _inverted,
    "normalized-weights-averaged": _normalized_then_averaged,
    "not-self-normalized": _not_self_normalized,
    "densities-underflow": _densities,
    "no-weights": _no_weights,
}
