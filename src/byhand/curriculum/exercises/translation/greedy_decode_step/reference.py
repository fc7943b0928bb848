"""One step of greedy decoding for a batch: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def greedy_decode_step(log_probs, finished, eos_id):
    """Most probable next token per sentence; sentences that already ended emit eos_id again."""
    log_probs = np.asarray(log_probs, dtype=np.float64)
    best = np.argmax(log_probs, axis=-1)
    return np.where(np.asarray(finished, dtype=bool), eos_id, best).astype(np.int64)


def _log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def _step(rng, B, V, eos_id, n_finished, scale=2.0):
    lp = _log_softmax(rng.normal(size=(B, V)) * scale)
    lp[:, eos_id] -= 3.0  # make EOS unlikely, so a finished row visibly differs from its argmax
    lp = _log_softmax(lp)
    finished = np.zeros(B, dtype=bool)
    finished[rng.permutation(B)[:n_finished]] = True
    return lp, finished


def cases(rng):
    lp1, f1 = _step(rng, 4, 6, 0, 2)
    lp2, f2 = _step(rng, 6, 10, 2, 3)
    lp3, f3 = _step(rng, 3, 5, 4, 0)
    lp4, f4 = _step(rng, 3, 7, 1, 3)
    lp5, f5 = _step(rng, 1, 8, 0, 1)
    lp6, f6 = _step(rng, 5, 5, 3, 2)
    masked = _log_softmax(rng.normal(size=(3, 6)))
    masked[:, [1, 4]] = -np.inf  # tokens forbidden at this step (e.g. padding, a banned word)
    return [
        Case((lp1, f1, 0), name="random, two sentences finished"),
        Case((lp2, f2, 2), name="random, eos_id = 2"),
        Case((lp3, f3, 4), name="none finished"),
        Case((lp4, f4, 1), name="all finished"),
        Case((lp5, f5, 0), name="batch of one, finished"),
        Case((lp6, f6, 3), name="B = V (square)"),
        Case((masked, np.array([False, True, False]), 0), name="-inf log-probs (masked tokens)"),
        Case((_log_softmax(rng.normal(size=(2, 1000)) * 3), np.array([False, False]), 0),
             name="large vocabulary"),
    ]


def _ignores_finished(log_probs, finished, eos_id):
    return np.argmax(log_probs, axis=-1)


def _argmin(log_probs, finished, eos_id):
    return np.where(finished, eos_id, np.argmin(log_probs, axis=-1))


def _axis0(log_probs, finished, eos_id):
    return np.where(finished, eos_id, np.argmax(log_probs, axis=0))


def _finished_inverted(log_probs, finished, eos_id):
    return np.where(finished, np.argmax(log_probs, axis=-1), eos_id)


MISTAKES = {
    "ignores-finished": _ignores_finished,
    "argmin": _argmin,
    "wrong-axis": _axis0,
    "finished-inverted": _finished_inverted,
}
