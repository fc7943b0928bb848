"""GNMT length-normalized hypothesis score: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def length_normalized_score(log_prob_sum, length, alpha=0.6):
    """log P(Y|X) / lp(Y), lp(Y) = ((5 + |Y|) / 6) ** alpha; elementwise over arrays."""
    log_prob_sum = np.asarray(log_prob_sum, dtype=np.float64)
    length = np.asarray(length, dtype=np.float64)
    lp = ((5.0 + length) / 6.0) ** alpha
    return log_prob_sum / lp


def cases(rng):
    lengths = rng.integers(3, 30, size=6)
    sums = -lengths * rng.uniform(0.3, 1.5, size=6)  # about 0.3 to 1.5 nats per token
    return [
        Case((-7.5, 12), name="one hypothesis"),
        Case((-7.5, 12), {"alpha": 1.0}, name="alpha = 1"),
        Case((-3.2, 1), name="length 1"),
        Case((-4.0, 9), {"alpha": 0.0}, name="alpha = 0 (no normalization)"),
        Case((0.0, 7), name="log-probability 0"),
        Case((sums, lengths), name="six hypotheses"),
        Case((sums, lengths), {"alpha": 0.2}, name="six hypotheses, alpha = 0.2"),
        Case((sums, lengths), {"alpha": 1.5}, name="six hypotheses, alpha = 1.5"),
        Case((np.array([-10.0, -14.0]), np.array([8, 20])), name="short vs long hypothesis"),
        Case((-250.0, 200), name="very long hypothesis"),
    ]


# --- known mistakes ----------------------------------------------------------

def _divides_by_length(log_prob_sum, length, alpha=0.6):
    return np.asarray(log_prob_sum, dtype=float) / np.asarray(length, dtype=float)


def _divides_by_length_power(log_prob_sum, length, alpha=0.6):
    return np.asarray(log_prob_sum, dtype=float) / np.asarray(length, dtype=float) ** alpha


def _alpha_on_numerator(log_prob_sum, length, alpha=0.6):
    return np.asarray(log_prob_sum, dtype=float) / ((5.0 + np.asarray(length, dtype=float)) ** alpha / 6.0)


def _alpha_on_denominator(log_prob_sum, length, alpha=0.6):
    return np.asarray(log_prob_sum, dtype=float) / ((5.0 + np.asarray(length, dtype=float)) / 6.0 ** alpha)


def _alpha_multiplies(log_prob_sum, length, alpha=0.6):
    return np.asarray(log_prob_sum, dtype=float) / ((5.0 + np.asarray(length, dtype=float)) / 6.0 * alpha)


def _multiplies(log_prob_sum, length, alpha=0.6):
    return np.asarray(log_prob_sum, dtype=float) * ((5.0 + np.asarray(length, dtype=float)) / 6.0) ** alpha


MISTAKES = {
    "divides-by-length": [_divides_by_length, _divides_by_length_power],
    "alpha-misplaced": [_alpha_on_numerator, _alpha_on_denominator, _alpha_multiplies],
    "multiplies-by-penalty": _multiplies,
}
