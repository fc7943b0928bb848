"""Hard word alignment from an attention matrix: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def alignment_from_attention(attention):
    """For each target token (row), the index of the source token (column) with the largest weight."""
    A = np.asarray(attention, dtype=np.float64)
    return np.argmax(A, axis=-1).astype(np.int64)  # first index on ties, like np.argmax


def _attention(rng, *shape, temperature=1.0):
    scores = rng.normal(size=shape) * temperature
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def cases(rng):
    diagonal = _attention(rng, 5, 5, temperature=0.3) + 2.0 * np.eye(5)
    diagonal = diagonal / diagonal.sum(axis=-1, keepdims=True)
    reordered = np.array([[0.05, 0.10, 0.80, 0.05],   # SOV -> SVO style reordering
                          [0.70, 0.10, 0.10, 0.10],
                          [0.10, 0.60, 0.20, 0.10],
                          [0.10, 0.20, 0.30, 0.40]])
    return [
        Case((_attention(rng, 3, 4),), name="random, 3 target x 4 source"),
        Case((_attention(rng, 6, 4, temperature=3.0),), name="random, longer target"),
        Case((_attention(rng, 4, 7, temperature=2.0),), name="random, longer source"),
        Case((diagonal,), name="nearly monotone (diagonal)"),
        Case((reordered,), name="word reordering"),
        Case((_attention(rng, 1, 5),), name="one target token"),
        Case((np.ones((3, 1)),), name="one source token"),
        Case((np.array([[0.25, 0.25, 0.25, 0.25], [0.1, 0.4, 0.4, 0.1], [0.5, 0.0, 0.0, 0.5]]),),
             name="ties: first index wins"),
        Case((_attention(rng, 2, 3, 5, temperature=2.0),), name="batch of 2 sentences (B, Lt, Ls)"),
    ]


def _axis0(attention):
    return np.argmax(attention, axis=0)


def _axis_minus2(attention):
    return np.argmax(attention, axis=-2)


def _flat(attention):
    return np.argmax(attention)


def _max_weight(attention):
    return np.max(attention, axis=-1)


MISTAKES = {
    "wrong-axis": [_axis0, _axis_minus2],
    "flat-argmax": _flat,
    "max-instead-of-argmax": _max_weight,
}
