"""Encoding a word with learned byte-pair-encoding merges (Sennrich et al. 2016; GPT-2's
encoder): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _merge_all(symbols, pair, new_id, first_only=False):
    out, i, done = [], 0, False
    while i < len(symbols):
        if not done and i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(new_id)
            i += 2
            done = first_only
        else:
            out.append(symbols[i])
            i += 1
    return out


def bpe_encode(word, merges, n_base):
    """Apply the merges in the order they were learned: while some adjacent pair of the word is a
    merge, take the earliest-learned such merge m (lowest rank) and replace every occurrence of its
    pair, left to right, by the token n_base + m. word (L,) ints < n_base, merges (M, 2) -> tokens."""
    rank = {(int(a), int(b)): m for m, (a, b) in enumerate(np.asarray(merges))}
    symbols = [int(s) for s in word]
    while len(symbols) > 1:
        ranked = [rank[p] for p in zip(symbols[:-1], symbols[1:]) if p in rank]
        if not ranked:
            break
        m = min(ranked)
        symbols = _merge_all(symbols, tuple(int(s) for s in merges[m]), n_base + m)
    return np.array(symbols, dtype=np.int64)


# Sennrich et al.'s toy vocabulary: l=0 o=1 w=2 e=3 r=4 n=5 s=6 t=7 i=8 d=9 </w>=10 (n_base = 11);
# merges in the order learned: e s -> 11, es t -> 12, est </w> -> 13, l o -> 14, lo w -> 15
_TOY = np.array([[3, 6], [11, 7], [12, 10], [0, 1], [14, 2]])


def cases(rng):
    # random merges over 5 base symbols: each merge joins two tokens that already exist
    merges, n_base = [], 5
    for m in range(8):
        merges.append([int(rng.integers(0, n_base + m)), int(rng.integers(0, n_base + m))])
    merges = np.array(merges)
    return [
        Case((np.array([0, 1, 2, 3, 6, 7, 10]), _TOY, 11), name="lowest: lo w + est </w>"),
        Case((np.array([5, 3, 2, 3, 6, 7, 10]), _TOY, 11), name="newest"),
        Case((np.array([2, 8, 9, 3, 4, 10]), _TOY, 11), name="wider: no merge applies inside"),
        # "b c" is merged first (rank 0) although "a b" comes first in the word
        Case((np.array([0, 1, 2]), np.array([[1, 2], [0, 1]]), 3), name="a b c: the earlier merge wins, not the leftmost pair"),
        Case((np.array([0, 1, 0, 1]), np.array([[0, 1]]), 2), name="a b a b: the pair twice"),
        Case((np.array([0, 0, 0, 0, 0]), np.array([[0, 0], [1, 1]]), 1), name="a a a a a: every occurrence, left to right"),
        Case((rng.integers(0, 5, size=9), merges, n_base), name="random word, 8 random merges"),
        Case((rng.integers(0, 5, size=1), merges, n_base), name="one symbol"),
    ]


# --- known mistakes ----------------------------------------------------------

def _leftmost_pair(word, merges, n_base):
    rank = {(int(a), int(b)): m for m, (a, b) in enumerate(merges)}
    symbols = [int(s) for s in word]
    while True:
        found = next((p for p in zip(symbols[:-1], symbols[1:]) if p in rank), None)  # the leftmost known pair
        if found is None:
            return np.array(symbols, dtype=np.int64)
        symbols = _merge_all(symbols, found, n_base + rank[found])


def _first_occurrence_only(word, merges, n_base):
    symbols = [int(s) for s in word]
    for m, (a, b) in enumerate(merges):  # each merge once, in order: fine, but only its first occurrence
        if (int(a), int(b)) in set(zip(symbols[:-1], symbols[1:])):
            i = list(zip(symbols[:-1], symbols[1:])).index((int(a), int(b)))
            symbols = symbols[:i] + [n_base + m] + symbols[i + 2:]
    return np.array(symbols, dtype=np.int64)


MISTAKES = {
    "leftmost-pair-first": _leftmost_pair,
    "merges-only-the-first-occurrence": _first_occurrence_only,
}
