"""Rejection sampling with an envelope M q(x): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def rejection_sampling(x, u, log_p_tilde, log_q, log_M):
    """Candidates x_i ~ q and u_i ~ U(0, 1); with p_tilde <= M q everywhere, accept x_i when
    u_i < p_tilde(x_i) / (M q(x_i)).  Returns (acceptance probabilities, accepted candidates in order)."""
    x = np.asarray(x, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64)
    accept_prob = np.exp(np.asarray(log_p_tilde, dtype=np.float64) - log_M - np.asarray(log_q, dtype=np.float64))
    return accept_prob, x[u < accept_prob]


def _beta25(x):
    """log of the unnormalized Beta(2, 5) density x (1 - x)^4, whose maximum on [0, 1] is at x = 1/5."""
    return np.log(x) + 4 * np.log1p(-x)


def _laplace_case(rng, n):
    """Target: unnormalized standard normal exp(-x^2/2).  Proposal: Laplace(0, 1), q(x) = exp(-|x|)/2.
    p_tilde / q = 2 exp(|x| - x^2/2) <= 2 exp(1/2) = M."""
    x = rng.laplace(size=n)
    return x, -0.5 * x**2, -np.abs(x) - np.log(2.0), np.log(2.0) + 0.5


def cases(rng):
    x1 = rng.uniform(size=12)
    x2, lp2, lq2, lm2 = _laplace_case(rng, 15)
    x3, lp3, lq3, lm3 = _laplace_case(rng, 8)
    offset = 900.0  # an unnormalized log-posterior can sit far from 0
    m_beta = float(_beta25(np.array(0.2)))
    return [
        Case((x1, rng.uniform(size=12), _beta25(x1), np.zeros(12), m_beta), name="Beta(2, 5) target, uniform proposal"),
        Case((x2, rng.uniform(size=15), lp2, lq2, lm2), name="normal target, Laplace proposal"),
        Case((np.array([0.2, 0.5, 0.9]), np.array([0.999, 0.3, 0.01]), _beta25(np.array([0.2, 0.5, 0.9])),
              np.zeros(3), m_beta), name="at the mode the candidate is always accepted"),
        Case((x3, rng.uniform(size=8), lp3 - offset, lq3, lm2 - offset), name="log-densities near -900"),
        Case((np.array([0.3, 0.7]), np.array([0.9, 0.95]), _beta25(np.array([0.3, 0.7])), np.zeros(2), m_beta),
             name="every candidate rejected"),
    ]


def _envelope_inverted(x, u, log_p_tilde, log_q, log_M):
    a = np.exp(log_M + log_q - log_p_tilde)
    return a, x[u < a]


def _times_m(x, u, log_p_tilde, log_q, log_M):
    a = np.exp(log_p_tilde + log_M - log_q)
    return a, x[u < a]


def _accept_above(x, u, log_p_tilde, log_q, log_M):
    a = np.exp(log_p_tilde - log_M - log_q)
    return a, x[u > a]


def _densities(x, u, log_p_tilde, log_q, log_M):
    a = np.exp(log_p_tilde) / (np.exp(log_M) * np.exp(log_q))
    return a, x[u < a]


MISTAKES = {
    "ratio-inverted": _envelope_inverted,
    "multiplies-by-m": _times_m,
    "accepts-when-u-is-above": _accept_above,
    "densities-underflow": _densities,
}
