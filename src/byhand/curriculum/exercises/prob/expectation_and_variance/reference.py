"""Mean and variance of a discrete distribution: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def expectation_and_variance(values, probs):
    """E[X] = sum_i p_i x_i, Var[X] = sum_i p_i (x_i - E[X])^2."""
    x = np.asarray(values, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    mean = np.sum(p * x)
    var = np.sum(p * (x - mean) ** 2)
    return mean, var


def cases(rng):
    k = 6
    return [
        Case((rng.normal(size=k) * 3, rng.dirichlet(np.ones(k))), name="random"),
        Case((rng.normal(size=10), rng.dirichlet(np.ones(10) * 0.5)), name="random, 10 values"),
        Case((np.arange(1.0, 7.0), np.full(6, 1 / 6)), name="fair die"),
        Case((np.array([0.0, 1.0]), np.array([0.7, 0.3])), name="Bernoulli(0.3)"),
        Case((np.array([-1.0, 0.0, 10.0]), np.array([0.5, 0.45, 0.05])), name="skewed: a rare large value"),
        Case((np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 0.0])), name="all mass on one value"),
        Case((np.array([4.0]), np.array([1.0])), name="a single value"),
        Case((np.array([-2.0, 0.0, 2.0]), np.array([0.25, 0.5, 0.25])), name="symmetric around 0"),
        Case((1e9 + rng.normal(size=5), rng.dirichlet(np.ones(5))), name="values near 1e9, spread about 1"),
    ]


def _second_moment(values, probs):
    return np.sum(probs * values), np.sum(probs * values ** 2)


def _ignores_probs(values, probs):
    return np.mean(values), np.var(values)


def _one_pass(values, probs):
    mean = np.sum(probs * values)
    return mean, np.sum(probs * values ** 2) - mean ** 2


MISTAKES = {
    "second-moment-as-variance": _second_moment,
    "ignores-probs": _ignores_probs,
    "one-pass-formula": _one_pass,
}
