"""Metropolis-Hastings acceptance probability: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def metropolis_hastings_acceptance(log_p_current, log_p_proposed, log_q_forward, log_q_reverse):
    """alpha = min(1, p(x') q(x | x') / (p(x) q(x' | x))), from log p(x), log p(x'), log q(x' | x), log q(x | x');
    elementwise, broadcasting.  p may be unnormalized."""
    log_ratio = (np.asarray(log_p_proposed, dtype=np.float64) - np.asarray(log_p_current, dtype=np.float64)
                 + np.asarray(log_q_reverse, dtype=np.float64) - np.asarray(log_q_forward, dtype=np.float64))
    return np.exp(np.minimum(0.0, log_ratio))


def cases(rng):
    n = 6
    lp, lp_new = rng.normal(size=n) * 2, rng.normal(size=n) * 2
    lq_f, lq_r = rng.normal(size=n) - 1, rng.normal(size=n) - 1
    x = rng.uniform(0.5, 3.0, size=5)
    x_new = x * np.exp(0.5 * rng.normal(size=5))  # a log-normal random walk: q(x' | x) is not symmetric
    log_target = lambda v: 2.0 * np.log(v) - v  # noqa: E731 - Gamma(3, 1), unnormalized
    log_q = lambda to, frm: -np.log(to) - 0.5 * (np.log(to) - np.log(frm)) ** 2 / 0.25  # noqa: E731
    return [
        Case((lp, lp_new, lq_f, lq_r), name="random log-densities"),
        Case((log_target(x), log_target(x_new), log_q(x_new, x), log_q(x, x_new)),
             name="log-normal random walk on a Gamma target"),
        Case((lp, lp_new, np.full(n, -1.3), np.full(n, -1.3)), name="symmetric proposal: the Metropolis rule"),
        Case((np.array([-2.0, -1.0]), np.array([-1.0, -2.0]), np.array([-3.0, -0.5]), np.array([-0.5, -3.0])),
             name="the proposal ratio decides"),
        Case((np.array([-1000.0, -1200.0, -1100.0]), np.array([-1001.0, -1199.5, -1100.0]), 0.0, 0.0),
             name="log-densities near -1000 (many observations)"),
        Case((np.array([-5.0, -2.0]), np.array([-np.inf, -np.inf]), -1.0, -1.0),
             name="proposal outside the support"),
        Case((np.array([-3.0]), np.array([-1.0]), np.array([-2.0]), np.array([-2.5])), name="uphill: accepted surely"),
    ]


def _inverted_proposal(log_p_current, log_p_proposed, log_q_forward, log_q_reverse):
    return metropolis_hastings_acceptance(log_p_current, log_p_proposed, log_q_reverse, log_q_forward)


def _no_correction(log_p_current, log_p_proposed, log_q_forward, log_q_reverse):
    return np.minimum(1.0, np.exp(np.asarray(log_p_proposed) - log_p_current))  # as if q were symmetric


def _no_min(log_p_current, log_p_proposed, log_q_forward, log_q_reverse):
    return np.exp(np.asarray(log_p_proposed) - log_p_current + log_q_reverse - log_q_forward)


def _ratio_of_densities(log_p_current, log_p_proposed, log_q_forward, log_q_reverse):
    ratio = (np.exp(log_p_proposed) * np.exp(log_q_reverse)) / (np.exp(log_p_current) * np.exp(log_q_forward))
    return np.minimum(1.0, ratio)


MISTAKES = {
    "proposal-ratio-inverted": _inverted_proposal,
    "no-hastings-correction": _no_correction,
    "no-min-with-1": _no_min,
    "ratio-of-densities": _ratio_of_densities,
}
