"""Perplexity of a target sentence: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def perplexity(log_probs, targets):
    """exp of the average negative log-probability of the target tokens (natural logs)."""
    log_probs = np.asarray(log_probs, dtype=np.float64)
    T = log_probs.shape[0]
    chosen = log_probs[np.arange(T), np.asarray(targets)]
    return float(np.exp(-np.mean(chosen)))


def _log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def _case(rng, T, V, scale=2.0):
    return _log_softmax(rng.normal(size=(T, V)) * scale), rng.integers(0, V, size=T)


def cases(rng):
    lp1, y1 = _case(rng, 4, 6)
    lp2, y2 = _case(rng, 9, 15)
    lp3, y3 = _case(rng, 3, 3, scale=1.0)
    lp_long, y_long = _case(rng, 200, 30, scale=3.0)
    perfect = np.full((3, 5), -40.0)
    perfect[[0, 1, 2], [4, 1, 1]] = 0.0
    perfect = _log_softmax(perfect)
    return [
        Case((lp1, y1), name="random"),
        Case((lp2, y2), name="random, longer sentence"),
        Case((lp3, y3), name="random, V = 3"),
        Case((_log_softmax(rng.normal(size=(1, 6))), np.array([2])), name="one token"),
        Case((np.log(np.full((5, 8), 1 / 8)), np.array([0, 3, 7, 7, 1])), name="uniform model over 8 tokens (ppl = 8)"),
        Case((perfect, np.array([4, 1, 1])), name="near-perfect model (ppl ~ 1)"),
        Case((lp_long, y_long), name="long sentence (200 tokens)"),
    ]


def _exp_of_sum(log_probs, targets):
    chosen = log_probs[np.arange(log_probs.shape[0]), targets]
    return float(np.exp(-np.sum(chosen)))


def _base2(log_probs, targets):
    chosen = log_probs[np.arange(log_probs.shape[0]), targets]
    return float(2.0 ** (-np.mean(chosen)))


def _missing_minus(log_probs, targets):
    chosen = log_probs[np.arange(log_probs.shape[0]), targets]
    return float(np.exp(np.mean(chosen)))


MISTAKES = {
    "exp-of-sum": _exp_of_sum,
    "base-2-with-natural-logs": _base2,
    "missing-minus": _missing_minus,
}
