"""Shannon entropy: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def entropy(p):
    """H(p) = -sum_i p_i log p_i over the last axis (in nats), with 0 log 0 = 0."""
    p = np.asarray(p, dtype=np.float64)
    terms = np.zeros_like(p)
    nz = p > 0
    terms[nz] = p[nz] * np.log(p[nz])
    return -np.sum(terms, axis=-1)


def cases(rng):
    return [
        Case((rng.dirichlet(np.ones(5)),), name="random distribution"),
        Case((rng.dirichlet(np.ones(6), size=3),), name="batch of 3 distributions"),
        Case((rng.dirichlet(np.full(4, 0.5), size=4),), name="square batch (4 distributions over 4 outcomes)"),
        Case((rng.dirichlet(np.ones(3), size=(2, 4)),), name="3-D batch"),
        Case((np.array([0.5, 0.0, 0.5, 0.0]),), name="some zero probabilities"),
        Case((np.array([0.0, 0.0, 1.0, 0.0]),), name="one-hot (certain outcome)"),
        Case((np.array([[0.25, 0.25, 0.25, 0.25], [0.0, 1.0, 0.0, 0.0], [0.7, 0.2, 0.1, 0.0]]),),
             name="uniform, one-hot and a zero in one batch"),
        Case((np.full(8, 1 / 8),), name="uniform over 8 outcomes"),
        Case((np.ones((3, 1)),), name="size-1 last axis"),
        Case((np.array([1.0 - 2e-12, 1e-12, 1e-12]),), name="nearly certain"),
    ]


def _log2(p):
    terms = np.zeros_like(p)
    nz = p > 0
    terms[nz] = p[nz] * np.log2(p[nz])
    return -np.sum(terms, axis=-1)


def _log2_naive(p):
    return -np.sum(p * np.log2(p), axis=-1)


def _nan_at_zero(p):
    return -np.sum(p * np.log(p), axis=-1)


def _missing_minus(p):
    terms = np.zeros_like(p)
    nz = p > 0
    terms[nz] = p[nz] * np.log(p[nz])
    return np.sum(terms, axis=-1)


def _axis0(p):
    terms = np.zeros_like(p)
    nz = p > 0
    terms[nz] = p[nz] * np.log(p[nz])
    return -np.sum(terms, axis=0)


def _whole_array(p):
    terms = np.zeros_like(p)
    nz = p > 0
    terms[nz] = p[nz] * np.log(p[nz])
    return -np.sum(terms)


def _eps_added(eps):
    def entropy(p):
        return -np.sum(p * np.log(p + eps), axis=-1)
    return entropy


def _eps_clipped(eps):
    def entropy(p):
        return -np.sum(p * np.log(np.clip(p, eps, 1.0)), axis=-1)
    return entropy


MISTAKES = {
    "nan-at-zero": _nan_at_zero,
    "log-base-2": [_log2, _log2_naive],
    "missing-minus": _missing_minus,
    "wrong-axis": [_axis0, _whole_array],
    # an epsilon of 1e-15 (or a clip at 1e-12) changes nothing the tolerance can see: those are right
    "eps-in-log": [_eps_added(e) for e in (1e-7, 1e-8, 1e-9, 1e-10, 1e-12)]
    + [_eps_clipped(e) for e in (1e-7, 1e-8, 1e-9, 1e-10)],
}
