"""Inverse-CDF sampling of a categorical distribution: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def categorical_sample_from_uniform(probs, u):
    """For each u in [0, 1): the smallest i with F_i > u, where F = cumsum(probs) / sum(probs)."""
    probs = np.asarray(probs, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64)
    c = np.cumsum(probs)
    cdf = c / c[-1]  # ends at exactly 1.0
    return np.searchsorted(cdf, u, side="right")


def cases(rng):
    return [
        Case((rng.dirichlet(np.ones(4)), rng.random(10)), name="random distribution, 10 uniforms"),
        Case((rng.dirichlet(np.ones(10)), rng.random(50)), name="random distribution over 10 categories"),
        Case((rng.dirichlet(np.ones(3)), rng.random((2, 5))), name="u of shape (2, 5)"),
        Case((np.array([0.25, 0.25, 0.5]), np.array([0.0, 0.1, 0.25, 0.4, 0.5, 0.75, 0.99])),
             name="u exactly on the boundaries 0.25 and 0.5"),
        Case((np.array([0.0, 0.5, 0.5]), np.array([0.0, 0.3, 0.5, 0.7])), name="first category has probability 0, u = 0"),
        Case((np.array([0.5, 0.0, 0.5]), np.array([0.2, 0.5, 0.6])), name="a middle category has probability 0"),
        Case((np.array([1.0, 2.0, 1.0]), np.array([0.1, 0.3, 0.6, 0.9])), name="unnormalized weights [1, 2, 1]"),
        Case((rng.random(5) * 10, rng.random(20)), name="random unnormalized weights"),
        Case((np.array([0.2, 0.3, 0.5]) * 0.01, np.array([0.05, 0.25, 0.75])), name="weights summing to 0.01"),
        Case((np.array([1.0]), rng.random(4)), name="one category"),
        Case((np.array([0.5, 0.5]), np.array([0.999999])), name="u close to 1"),
    ]


def _geq(probs, u):
    cdf = np.cumsum(probs) / np.sum(probs)
    return np.searchsorted(cdf, u, side="left")


def _geq_loop(probs, u):
    cdf = np.cumsum(probs) / np.sum(probs)
    return np.argmax(cdf[None, :] >= np.reshape(u, (-1, 1)), axis=1).reshape(np.shape(u))


def _unnormalized(probs, u):
    return np.searchsorted(np.cumsum(probs), u, side="right")


def _unnormalized_argmax(probs, u):
    cdf = np.cumsum(probs)
    return np.argmax(cdf[None, :] > np.reshape(u, (-1, 1)), axis=1).reshape(np.shape(u))


def _left_edges(probs, u):
    cdf = np.cumsum(probs) / np.sum(probs)
    return np.searchsorted(cdf, u, side="right") - 1


MISTAKES = {
    "greater-or-equal": [_geq, _geq_loop],
    "unnormalized-cdf": [_unnormalized, _unnormalized_argmax],
    "left-edges": _left_edges,
}
