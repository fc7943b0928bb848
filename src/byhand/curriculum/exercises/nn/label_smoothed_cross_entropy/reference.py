"""Label-smoothed cross-entropy (Szegedy et al. 2016, section 7; PyTorch's label_smoothing):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _log_softmax(z):
    z = z - np.max(z, axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))


def label_smoothed_cross_entropy(logits, labels, smoothing=0.1):
    """mean_n of -sum_c q[n, c] log softmax(logits[n])_c with q = (1 - eps) onehot + eps / C."""
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    n, c = logits.shape
    logp = _log_softmax(logits)
    nll = -logp[np.arange(n), labels]
    uniform = -np.mean(logp, axis=-1)  # -(1/C) sum_c log p_c
    return np.mean((1.0 - smoothing) * nll + smoothing * uniform)


def _random(rng, n, c, scale=1.0):
    return scale * rng.normal(size=(n, c)), rng.integers(0, c, size=n)


def cases(rng):
    return [
        Case(_random(rng, 4, 3), name="random, batch of 4, 3 classes"),
        Case(_random(rng, 16, 10, scale=3.0), name="random, batch of 16, 10 classes"),
        Case(_random(rng, 5, 2, scale=2.0), name="two classes"),
        Case(_random(rng, 1, 6), name="batch of 1"),
        Case(_random(rng, 8, 4, scale=2.0), {"smoothing": 0.3}, name="smoothing = 0.3"),
        Case(_random(rng, 6, 5), {"smoothing": 0.0}, name="smoothing = 0: plain cross-entropy"),
        Case((np.zeros((3, 4)), np.array([0, 3, 1])), name="all logits equal: loss = log C"),
        Case((np.array([[1000.0, 1001.0, 999.0], [1000.0, 998.0, 1002.0]]), np.array([1, 0])),
             name="huge logits"),
        Case((np.array([[0.0, 900.0, -900.0], [-5.0, 3.0, 2.0]]), np.array([1, 2])),
             name="logits 1800 apart: probabilities underflow to 0"),
    ]


def _smooth_other_classes(logits, labels, smoothing=0.1):
    n, c = logits.shape
    logp = _log_softmax(logits)
    q = np.full((n, c), smoothing / (c - 1))
    q[np.arange(n), labels] = 1 - smoothing
    return np.mean(-np.sum(q * logp, axis=1))


def _no_smoothing(logits, labels, smoothing=0.1):
    n = logits.shape[0]
    logp = _log_softmax(logits)
    return np.mean(-logp[np.arange(n), labels])


def _sum_not_mean(logits, labels, smoothing=0.1):
    n, c = logits.shape
    logp = _log_softmax(logits)
    q = np.full((n, c), smoothing / c)
    q[np.arange(n), labels] += 1 - smoothing
    return np.sum(-np.sum(q * logp, axis=1))


def _log_of_softmax(logits, labels, smoothing=0.1):
    n, c = logits.shape
    z = logits - np.max(logits, axis=1, keepdims=True)
    p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    q = np.full((n, c), smoothing / c)
    q[np.arange(n), labels] += 1 - smoothing
    return np.mean(-np.sum(q * np.log(p), axis=1))


MISTAKES = {
    "smooth-other-classes": _smooth_other_classes,
    "no-smoothing": _no_smoothing,
    "sum-not-mean": _sum_not_mean,
    "log-of-softmax": _log_of_softmax,
}
