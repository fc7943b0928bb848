"""Gradient of an embedding lookup: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def embedding_lookup_grad(indices, grad_out, vocab_size):
    """dL/dE for out = E[indices]: row v is the sum of grad_out over the positions
    where indices == v; indices of any shape S, grad_out of shape S + (d,)."""
    grad_out = np.asarray(grad_out, dtype=np.float64)
    d = grad_out.shape[-1]
    dE = np.zeros((vocab_size, d))
    np.add.at(dE, np.asarray(indices).reshape(-1), grad_out.reshape(-1, d))
    return dE


def cases(rng):
    return [
        Case((rng.integers(0, 10, size=6), rng.normal(size=(6, 4)), 10), name="random"),
        Case((rng.integers(0, 50, size=40), rng.normal(size=(40, 8)), 50), name="random, larger"),
        Case((np.array([2, 0, 2, 2, 1]), rng.normal(size=(5, 3)), 4), name="a repeated index"),
        Case((np.array([3, 3, 3]), rng.normal(size=(3, 2)), 5), name="the same token three times"),
        Case((rng.integers(0, 6, size=(2, 5)), rng.normal(size=(2, 5, 3)), 6), name="batch of sequences (B, T)"),
        Case((np.array([4]), rng.normal(size=(1, 3)), 5), name="one token (last row of the table)"),
        Case((np.array([1, 0, 3]), rng.normal(size=(3, 1)), 4), name="d = 1, no repeats"),
        Case((np.array([0, 1, 1, 0, 1]), np.ones((5, 2)), 2), name="all ones: rows count occurrences"),
    ]


# --- known mistakes ----------------------------------------------------------

def _assignment(indices, grad_out, vocab_size):
    d = grad_out.shape[-1]
    dE = np.zeros((vocab_size, d))
    dE[indices.reshape(-1)] += grad_out.reshape(-1, d)  # buffered: a repeated row keeps only its last value
    return dE


def _transposed(indices, grad_out, vocab_size):
    d = grad_out.shape[-1]
    onehot = np.eye(vocab_size)[indices.reshape(-1)]  # (N, V)
    return grad_out.reshape(-1, d).T @ onehot  # (d, V)


def _mean_over_repeats(indices, grad_out, vocab_size):
    d = grad_out.shape[-1]
    dE = np.zeros((vocab_size, d))
    np.add.at(dE, indices.reshape(-1), grad_out.reshape(-1, d))
    counts = np.bincount(indices.reshape(-1), minlength=vocab_size)
    return dE / np.maximum(counts, 1)[:, None]


MISTAKES = {
    "assignment-not-accumulation": _assignment,
    "transposed-result": _transposed,
    "mean-over-repeats": _mean_over_repeats,
}
