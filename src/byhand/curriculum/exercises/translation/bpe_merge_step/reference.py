"""One merge step of byte-pair encoding (Sennrich, Haddow & Birch 2016, Algorithm 1): the
reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _pair_counts(words, counts):
    """{(a, b): frequency}, in the order the pairs first occur (rows in order, left to right)."""
    stats = {}
    for row, c in zip(words, counts):
        symbols = [int(s) for s in row if s >= 0]
        for a, b in zip(symbols[:-1], symbols[1:]):
            stats[(a, b)] = stats.get((a, b), 0) + int(c)
    return stats


def _merge(words, pair, new_id, first_only=False):
    out = np.full_like(np.asarray(words, dtype=np.int64), -1)
    for r, row in enumerate(words):
        symbols, merged, i, done = [int(s) for s in row if s >= 0], [], 0, False
        while i < len(symbols):
            if not done and i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
                merged.append(new_id)
                i += 2
                done = first_only
            else:
                merged.append(symbols[i])
                i += 1
        out[r, :len(merged)] = merged
    return out


def bpe_merge_step(words, counts, new_id):
    """Count every adjacent symbol pair, weighted by its word's count; the most frequent pair
    (ties: the one that occurs first) is merged into new_id in every word, left to right.
    words (W, L) int with -1 padding at the end, counts (W,) -> (pair (2,), merged words (W, L))."""
    words = np.asarray(words, dtype=np.int64)
    stats = _pair_counts(words, counts)
    best = max(stats, key=stats.get)  # the first of the most frequent, in insertion order
    return np.array(best, dtype=np.int64), _merge(words, best, new_id)


def _pad(rows):
    width = max(len(r) for r in rows)
    return np.array([list(r) + [-1] * (width - len(r)) for r in rows], dtype=np.int64)


def _random(rng, n_words, alphabet, longest):
    rows = [rng.integers(0, alphabet, size=rng.integers(2, longest + 1)).tolist() for _ in range(n_words)]
    return Case((_pad(rows), rng.integers(1, 10, size=n_words), alphabet),
                name=f"{n_words} random words over {alphabet} symbols")


# Sennrich et al.'s example: l=0 o=1 w=2 </w>=3 e=4 r=5 n=6 s=7 t=8 i=9 d=10
_SENNRICH = _pad([[0, 1, 2, 3], [0, 1, 2, 4, 5, 3], [6, 4, 2, 4, 7, 8, 3], [2, 9, 10, 4, 7, 8, 3]])


def cases(rng):
    return [
        _random(rng, 5, 4, 5),
        _random(rng, 8, 6, 7),
        _random(rng, 3, 3, 4),
        Case((_SENNRICH, np.array([5, 2, 6, 3]), 11), name="low, lower, newest, widest (the paper's example)"),
        Case((_pad([[0, 1], [2, 3], [2, 3, 4], [2, 3, 5]]), np.array([10, 1, 1, 1]), 6),
             name="one frequent word against three rare ones"),
        Case((_pad([[0, 1, 0, 1, 0, 1], [2, 3]]), np.array([1, 2]), 4), name="the pair three times in one word"),
        Case((_pad([[0, 0, 0], [0, 0], [1, 0]]), np.array([2, 1, 1]), 2), name="overlapping pair: a a a"),
        Case((_pad([[3, 1], [0, 2, 1], [1, 2]]), np.array([1, 1, 1]), 4), name="all pairs tied: the first one wins"),
    ]


# --- known mistakes ----------------------------------------------------------

def _unweighted(words, counts, new_id):
    stats = _pair_counts(words, np.ones_like(counts))
    best = max(stats, key=stats.get)
    return np.array(best, dtype=np.int64), _merge(words, best, new_id)


def _once_per_word(words, counts, new_id):
    stats = {}
    for row, c in zip(words, counts):
        symbols = [int(s) for s in row if s >= 0]
        for p in dict.fromkeys(zip(symbols[:-1], symbols[1:])):  # each distinct pair once per word
            stats[p] = stats.get(p, 0) + int(c)
    best = max(stats, key=stats.get)
    return np.array(best, dtype=np.int64), _merge(words, best, new_id)


def _first_only(words, counts, new_id):
    stats = _pair_counts(words, counts)
    best = max(stats, key=stats.get)
    return np.array(best, dtype=np.int64), _merge(words, best, new_id, first_only=True)


MISTAKES = {
    "unweighted-counts": _unweighted,
    "pair-counted-once-per-word": _once_per_word,
    "merges-only-the-first-occurrence": _first_only,
}
