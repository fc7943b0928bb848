"""Luong dot-product attention over the source tokens: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def source_attention(decoder_state, encoder_states):
    """weights = softmax(H s) over the Ls source tokens, context = weights @ H."""
    s = np.asarray(decoder_state, dtype=np.float64)
    H = np.asarray(encoder_states, dtype=np.float64)
    scores = H @ s  # (Ls,): one dot product per source token
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    context = weights @ H  # (d,): weighted average of the encoder states
    return weights, context


def cases(rng):
    d = 4
    H_same = np.tile(rng.normal(size=(1, 3)), (4, 1))
    return [
        Case((rng.normal(size=d), rng.normal(size=(5, d))), name="random"),
        Case((rng.normal(size=8), rng.normal(size=(7, 8))), name="random, longer sentence"),
        Case((rng.normal(size=3), rng.normal(size=(2, 3))), name="two source tokens"),
        Case((rng.normal(size=5), rng.normal(size=(1, 5))), name="one source token"),
        Case((rng.normal(size=1), rng.normal(size=(4, 1))), name="d = 1"),
        Case((np.zeros(3), rng.normal(size=(4, 3))), name="zero decoder state (uniform weights)"),
        Case((rng.normal(size=3), H_same), name="identical encoder states"),
        Case((rng.normal(size=6) * 3, rng.normal(size=(6, 6)) * 3), name="square, peaked"),
        Case((np.array([30.0, -20.0, 10.0]), np.array([[30.0, 10.0, -5.0], [-20.0, 25.0, 1.0],
                                                      [10.0, 10.0, 10.0], [29.0, 0.0, 0.0]])),
             name="huge scores"),
    ]


def _no_softmax(decoder_state, encoder_states):
    scores = encoder_states @ decoder_state
    return scores, scores @ encoder_states


def _context_from_decoder(decoder_state, encoder_states):
    scores = encoder_states @ decoder_state
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    context = np.sum(weights[:, None] * decoder_state, axis=0)  # weights the query, not the source
    return weights, context


def _scaled(decoder_state, encoder_states):
    scores = encoder_states @ decoder_state / np.sqrt(decoder_state.shape[-1])
    e = np.exp(scores - np.max(scores))
    weights = e / np.sum(e)
    return weights, weights @ encoder_states


def _no_max_shift(decoder_state, encoder_states):
    e = np.exp(encoder_states @ decoder_state)
    weights = e / np.sum(e)
    return weights, weights @ encoder_states


MISTAKES = {
    "no-softmax": _no_softmax,
    "context-from-decoder": _context_from_decoder,
    "scaled-scores": _scaled,
    "no-max-shift": _no_max_shift,
}
