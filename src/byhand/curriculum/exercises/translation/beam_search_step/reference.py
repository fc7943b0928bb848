"""One step of beam search: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def beam_search_step(beam_scores, log_probs, beam_size):
    """The beam_size best (beam, token) extensions over all B*V candidates, best first."""
    beam_scores = np.asarray(beam_scores, dtype=np.float64)
    log_probs = np.asarray(log_probs, dtype=np.float64)
    V = log_probs.shape[-1]
    candidates = beam_scores[:, None] + log_probs  # (B, V): score of each beam extended by each token
    flat = candidates.ravel()
    top = np.argsort(-flat, kind="stable")[:beam_size]  # best first
    return flat[top], (top // V).astype(np.int64), (top % V).astype(np.int64)


def _log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def _beams(rng, B, V, scale=2.0):
    scores = np.sort(-rng.exponential(3.0, size=B))[::-1].copy()  # cumulative log-probs, best first
    return scores, _log_softmax(rng.normal(size=(B, V)) * scale)


def cases(rng):
    s1, lp1 = _beams(rng, 3, 5)
    s2, lp2 = _beams(rng, 4, 9)
    s3, lp3 = _beams(rng, 2, 6)
    s4, lp4 = _beams(rng, 5, 12, scale=1.0)
    s5, lp5 = _beams(rng, 2, 3)
    s6, lp6 = _beams(rng, 3, 7)
    lp6[1, [0, 3, 5]] = -np.inf  # tokens forbidden for this beam
    # a strong beam whose best extensions all beat the others' (per-beam choice would miss them)
    s7 = np.array([-0.5, -4.0, -4.5])
    lp7 = _log_softmax(np.array([[4.0, 3.9, 3.8, 0.0, -1.0, 0.5],
                                 [0.0, 2.0, 0.5, 0.1, -0.3, 0.2],
                                 [1.0, 0.0, 0.3, 2.5, 0.0, -2.0]]))
    return [
        Case((s1, lp1, 3), name="random, 3 beams"),
        Case((s2, lp2, 4), name="random, 4 beams, V = 9"),
        Case((np.zeros(1), _log_softmax(rng.normal(size=(1, 8)) * 2), 4), name="first step: one beam, 4 kept"),
        Case((s3, lp3, 1), name="beam_size = 1"),
        Case((s4, lp4, 5), name="random, 5 beams, V = 12"),
        Case((s5, lp5, 6), name="keep every candidate (beam_size = B*V)"),
        Case((s6, lp6, 3), name="-inf log-probs (forbidden tokens)"),
        Case((s7, lp7, 3), name="one beam dominates"),
        # the best beam's second-best extension loses to the other beam's two best: the
        # top 3 come from both beams, whatever the draw (keeping one beam's top k misses it)
        Case((np.array([-1.0, -1.5]), _log_softmax(np.array([[3.0, 0.0, 0.0, 0.0], [3.0, 2.9, 0.0, 0.0]])), 3),
             name="the best 3 come from two beams"),
        Case((s1 - 200.0, lp1, 3), name="long hypotheses (large negative scores)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _best_token_per_beam(beam_scores, log_probs, beam_size):
    tokens = np.argmax(log_probs, axis=1)
    scores = beam_scores + log_probs[np.arange(len(beam_scores)), tokens]
    order = np.argsort(-scores)
    return scores[order], order, tokens[order]


def _topk_per_beam_then_first(beam_scores, log_probs, beam_size):
    V = log_probs.shape[1]
    cand = beam_scores[:, None] + log_probs
    top = np.argsort(-cand, axis=1)[:, :beam_size]  # the k best tokens of every beam ...
    beams = np.repeat(np.arange(len(beam_scores)), top.shape[1])
    tokens = top.ravel()
    scores = cand[beams, tokens]
    return scores[:beam_size], beams[:beam_size], tokens[:beam_size]  # ... but keeps the first k of them


def _no_beam_score(beam_scores, log_probs, beam_size):
    V = log_probs.shape[1]
    flat = log_probs.ravel()
    top = np.argsort(-flat)[:beam_size]
    return flat[top], top // V, top % V


def _beam_score_added_after(beam_scores, log_probs, beam_size):
    V = log_probs.shape[1]
    flat = log_probs.ravel()
    top = np.argsort(-flat)[:beam_size]
    return beam_scores[top // V] + flat[top], top // V, top % V


def _ascending_worst(beam_scores, log_probs, beam_size):
    V = log_probs.shape[1]
    flat = (beam_scores[:, None] + log_probs).ravel()
    top = np.argsort(flat)[:beam_size]
    return flat[top], top // V, top % V


def _ascending_best(beam_scores, log_probs, beam_size):
    V = log_probs.shape[1]
    flat = (beam_scores[:, None] + log_probs).ravel()
    top = np.argsort(flat)[-beam_size:]  # the right k, but worst of them first
    return flat[top], top // V, top % V


def _unravel_by_b(beam_scores, log_probs, beam_size):
    B = len(beam_scores)
    flat = (beam_scores[:, None] + log_probs).ravel()
    top = np.argsort(-flat)[:beam_size]
    return flat[top], top // B, top % B


def _unravel_swapped(beam_scores, log_probs, beam_size):
    V = log_probs.shape[1]
    flat = (beam_scores[:, None] + log_probs).ravel()
    top = np.argsort(-flat)[:beam_size]
    return flat[top], top % V, top // V


MISTAKES = {
    "per-beam-topk": [_best_token_per_beam, _topk_per_beam_then_first],
    "no-beam-score": [_no_beam_score, _beam_score_added_after],
    "ascending-order": [_ascending_best, _ascending_worst],
    "wrong-unravel": [_unravel_by_b, _unravel_swapped],
}
