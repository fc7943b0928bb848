"""Bayes' rule over K hypotheses: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bayes_posterior(prior, likelihood):
    """p(h_k | D) = p(h_k) p(D | h_k) / sum_j p(h_j) p(D | h_j), over the last axis; leading axes broadcast."""
    prior = np.asarray(prior, dtype=np.float64)
    likelihood = np.asarray(likelihood, dtype=np.float64)
    joint = prior * likelihood
    return joint / np.sum(joint, axis=-1, keepdims=True)


def cases(rng):
    return [
        Case((rng.dirichlet(np.ones(4)), rng.uniform(0.05, 1.0, size=4)), name="random prior and likelihood"),
        Case((rng.dirichlet(np.ones(3)), rng.uniform(0.05, 1.0, size=(5, 3))),
             name="one prior, a batch of 5 likelihood vectors"),
        Case((rng.dirichlet(np.ones(4), size=4), rng.uniform(0.05, 1.0, size=(4, 4))),
             name="square batch: 4 priors, 4 likelihood vectors"),
        Case((np.full(5, 0.2), rng.uniform(0.05, 1.0, size=5)), name="uniform prior"),
        Case((np.array([0.5, 0.3, 0.2]), np.full(3, 0.3)), name="uninformative data (equal likelihoods)"),
        Case((np.array([0.01, 0.99]), np.array([0.95, 0.05])), name="rare disease, positive test"),
        Case((np.array([0.0, 0.4, 0.6]), np.array([0.9, 0.2, 0.1])), name="a hypothesis with prior 0"),
        Case((np.array([0.3, 0.3, 0.4]), np.array([0.0, 0.5, 0.0])), name="data rule out two hypotheses"),
        Case((rng.dirichlet(np.ones(4)), rng.uniform(0.5, 2.0, size=4) * 1e-120),
             name="tiny likelihoods (many observations)"),
        Case((np.ones((3, 1)), rng.uniform(0.1, 1.0, size=(3, 1))), name="a single hypothesis"),
    ]


def _not_normalized(prior, likelihood):
    return prior * likelihood


def _ignores_prior(prior, likelihood):
    return likelihood / np.sum(likelihood, axis=-1, keepdims=True)


def _divides_by_prior(prior, likelihood):
    u = likelihood / prior
    return u / np.sum(u, axis=-1, keepdims=True)


def _whole_array(prior, likelihood):
    joint = prior * likelihood
    return joint / np.sum(joint)


def _axis0(prior, likelihood):
    joint = prior * likelihood
    return joint / np.sum(joint, axis=0, keepdims=True)


def _no_keepdims(prior, likelihood):
    joint = prior * likelihood
    return joint / np.sum(joint, axis=-1)  # broadcasts against the wrong axis, or fails


MISTAKES = {
    "not-normalized": _not_normalized,
    "ignores-prior": _ignores_prior,
    "divides-by-prior": _divides_by_prior,
    "wrong-axis": [_whole_array, _axis0],
    "no-keepdims": _no_keepdims,
}
