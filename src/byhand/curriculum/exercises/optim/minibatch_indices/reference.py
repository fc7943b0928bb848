"""The minibatches of one epoch: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def minibatch_indices(n, batch_size, seed):
    """Shuffle 0..n-1 with np.random.default_rng(seed).permutation(n), cut the
    permutation into consecutive batches of batch_size, pad the last with -1:
    an int array of shape (ceil(n / batch_size), batch_size)."""
    perm = np.random.default_rng(seed).permutation(n)
    num_batches = -(-n // batch_size)
    out = np.full(num_batches * batch_size, -1, dtype=np.int64)
    out[:n] = perm
    return out.reshape(num_batches, batch_size)


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def cases(rng):
    return [
        Case((10, 3, _seed(rng)), name="random seed, 10 examples, batches of 3"),
        Case((12, 4, _seed(rng)), name="batch size divides n"),
        Case((100, 32, _seed(rng)), name="100 examples, batches of 32"),
        Case((50, 7, _seed(rng)), name="50 examples, batches of 7"),
        Case((5, 8, _seed(rng)), name="batch larger than the data set"),
        Case((6, 1, _seed(rng)), name="batch size 1"),
        Case((7, 7, _seed(rng)), name="one full batch"),
        Case((1, 4, _seed(rng)), name="one example"),
        Case((9, 2, 0), name="seed 0"),
    ]


# --- known mistakes ----------------------------------------------------------

def _legacy_rng(n, batch_size, seed):
    # np.random.seed(seed); np.random.permutation(n), without touching the global state
    perm = np.random.RandomState(seed).permutation(n)
    num_batches = -(-n // batch_size)
    out = np.full(num_batches * batch_size, -1)
    out[:n] = perm
    return out.reshape(num_batches, batch_size)


def _choice(n, batch_size, seed):
    perm = np.random.default_rng(seed).choice(n, size=n, replace=False)
    num_batches = -(-n // batch_size)
    out = np.full(num_batches * batch_size, -1)
    out[:n] = perm
    return out.reshape(num_batches, batch_size)


def _drop_last(n, batch_size, seed):
    perm = np.random.default_rng(seed).permutation(n)
    num_batches = n // batch_size
    return perm[: num_batches * batch_size].reshape(num_batches, batch_size)


def _no_shuffle(n, batch_size, seed):
    num_batches = -(-n // batch_size)
    out = np.full(num_batches * batch_size, -1)
    out[:n] = np.arange(n)
    return out.reshape(num_batches, batch_size)


def _pad_with_zero(n, batch_size, seed):
    perm = np.random.default_rng(seed).permutation(n)
    num_batches = -(-n // batch_size)
    out = np.zeros(num_batches * batch_size, dtype=np.int64)
    out[:n] = perm
    return out.reshape(num_batches, batch_size)


MISTAKES = {
    "legacy-rng": _legacy_rng,
    "choice-not-permutation": _choice,
    "drop-last": _drop_last,
    "no-shuffle": _no_shuffle,
    "pad-with-zero": _pad_with_zero,
}
