"""KL divergence: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def kl_divergence(p, q):
    """KL(p || q) = sum_i p_i log(p_i / q_i) over the last axis (in nats); terms with p_i = 0 are 0."""
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    terms = np.zeros(np.broadcast_shapes(p.shape, q.shape))
    p, q = np.broadcast_arrays(p, q)
    nz = p > 0
    terms[nz] = p[nz] * (np.log(p[nz]) - np.log(q[nz]))
    return np.sum(terms, axis=-1)


def _close_to(p, rng):
    q = p * np.exp(1e-3 * rng.normal(size=p.shape))
    return q / q.sum(axis=-1, keepdims=True)


def cases(rng):
    p5 = rng.dirichlet(np.ones(5))
    p_near = rng.dirichlet(np.ones(4))
    pb = rng.dirichlet(np.ones(3), size=(2, 4))
    return [
        Case((p5, rng.dirichlet(np.ones(5))), name="random distributions"),
        Case((rng.dirichlet(np.ones(6), size=3), rng.dirichlet(np.ones(6), size=3)), name="batch of 3 pairs"),
        Case((pb, rng.dirichlet(np.ones(3), size=(2, 4))), name="3-D batch"),
        Case((np.array([0.5, 0.0, 0.5, 0.0]), np.array([0.1, 0.2, 0.3, 0.4])), name="zeros in p"),
        Case((np.array([0.0, 1.0, 0.0]), np.array([0.2, 0.5, 0.3])), name="one-hot p"),
        Case((np.array([[0.25, 0.25, 0.25, 0.25], [0.0, 0.0, 0.0, 1.0]]),
              np.array([[0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25]])), name="uniform and one-hot rows"),
        Case((p5.copy(), p5.copy()), name="identical distributions"),
        Case((p_near, _close_to(p_near, rng)), name="nearly identical distributions"),
        Case((np.array([0.5, 0.5]), np.array([1e-200, 1.0 - 1e-200])), name="q almost 0 where p is not"),
        Case((np.ones((3, 1)), np.ones((3, 1))), name="size-1 last axis"),
    ]


def _safe_terms(a, b):
    """a * log(a / b), with 0 where a == 0."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    out = np.zeros(a.shape)
    nz = a > 0
    with np.errstate(divide="ignore"):
        out[nz] = a[nz] * (np.log(a[nz]) - np.log(b[nz]))
    return out


def _reversed(p, q):
    return np.sum(_safe_terms(q, p), axis=-1)


def _nan_at_zero(p, q):
    return np.sum(p * np.log(p / q), axis=-1)


def _cross_entropy(p, q):
    return -np.sum(p * np.log(q), axis=-1)


def _flipped_ratio(p, q):
    return -np.sum(_safe_terms(p, q), axis=-1)


def _flipped_ratio_naive(p, q):
    return np.sum(p * np.log(q / p), axis=-1)


MISTAKES = {
    "reversed": _reversed,
    "nan-at-zero": _nan_at_zero,
    "cross-entropy": _cross_entropy,
    "flipped-ratio": [_flipped_ratio, _flipped_ratio_naive],
}
