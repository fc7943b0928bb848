"""Softmax cross-entropy from logits: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def cross_entropy(logits, labels):
    """(1/N) sum_n [ logsumexp_c logits[n, c] - logits[n, labels[n]] ], computed stably."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    n = logits.shape[0]
    z = logits - np.max(logits, axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(z), axis=1))
    nll = lse - z[np.arange(n), labels]
    return float(np.mean(nll))


def _random(rng, n, c, scale=1.0):
    return scale * rng.normal(size=(n, c)), rng.integers(0, c, size=n)


def cases(rng):
    return [
        Case(_random(rng, 4, 3), name="random, batch of 4, 3 classes"),
        Case(_random(rng, 16, 10, scale=3.0), name="random, batch of 16, 10 classes"),
        Case(_random(rng, 64, 5, scale=2.0), name="random, batch of 64"),
        Case(_random(rng, 1, 5), name="batch of 1"),
        Case((rng.normal(size=(3, 1)), np.zeros(3, dtype=np.int64)), name="a single class"),
        Case((np.array([[1000.0, 1001.0, 999.0], [1000.0, 998.0, 1002.0]]), np.array([1, 0])),
             name="huge logits"),
        Case((np.array([[-1000.0, -1001.0, -999.0], [-1002.0, -1000.0, -1000.5]]), np.array([2, 1])),
             name="hugely negative logits"),
        Case((np.array([[0.0, 800.0, -5.0], [-800.0, 0.0, 3.0]]), np.array([0, 0])),
             name="confidently wrong (loss 800)"),
    ]


def _log_softmax(logits):
    z = logits - np.max(logits, axis=1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))


def _sum(logits, labels):
    logp = _log_softmax(logits)
    return -np.sum(logp[np.arange(len(labels)), labels])


def _naive_softmax(logits, labels):
    e = np.exp(logits)
    p = e / np.sum(e, axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(labels)), labels]))


def _naive_logsumexp(logits, labels):
    lse = np.log(np.sum(np.exp(logits), axis=1))
    return np.mean(lse - logits[np.arange(len(labels)), labels])


def _log_of_softmax(logits, labels):
    e = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(labels)), labels]))


def _wrong_indexing(logits, labels):
    logp = _log_softmax(logits)
    return -np.mean(logp[:, labels])


def _missing_minus(logits, labels):
    logp = _log_softmax(logits)
    return np.mean(logp[np.arange(len(labels)), labels])


def _softmax_probabilities(logits):
    e = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def _clipped(eps):  # Keras's categorical_crossentropy clips at its epsilon, 1e-7
    def clipped(logits, labels):
        p = np.clip(_softmax_probabilities(logits), eps, 1 - eps)
        return -np.mean(np.log(p[np.arange(len(labels)), labels]))
    return clipped


def _plus_eps(eps):
    def plus_eps(logits, labels):
        p = _softmax_probabilities(logits)
        return -np.mean(np.log(p[np.arange(len(labels)), labels] + eps))
    return plus_eps


_EPSILONS = (1e-7, 1e-8, 1e-10, 1e-12, 1e-15)

MISTAKES = {
    "sum-not-mean": _sum,
    "no-max-shift": [_naive_softmax, _naive_logsumexp],
    "log-of-softmax": _log_of_softmax,
    "wrong-indexing": _wrong_indexing,
    "missing-minus": _missing_minus,
    "clipped-probabilities": [_clipped(e) for e in _EPSILONS] + [_plus_eps(e) for e in _EPSILONS],
}
