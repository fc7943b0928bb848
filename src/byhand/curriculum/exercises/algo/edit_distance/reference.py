"""Levenshtein edit distance: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def edit_distance(a, b):
    """Fewest single-element insertions, deletions and substitutions turning a into b."""
    m, n = len(a), len(b)
    prev = list(range(n + 1))  # D[0][j] = j
    for i in range(1, m + 1):
        cur = [i] + [0] * n  # D[i][0] = i
        for j in range(1, n + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1,  # delete a[i-1]
                         cur[j - 1] + 1,  # insert b[j-1]
                         prev[j - 1] + cost)  # substitute (or match)
        prev = cur
    return int(prev[n])


def _random_string(rng, n, alphabet="abcd"):
    return "".join(rng.choice(list(alphabet), size=n))


def cases(rng):
    words = ["the", "cat", "sat", "on", "a", "mat", "dog", "hat"]
    ref = [str(w) for w in rng.choice(words, size=7)]
    hyp = list(ref)
    hyp[2] = "dog" if hyp[2] != "dog" else "hat"  # one substituted word
    del hyp[5]  # one deleted word
    hyp.insert(0, "uh")  # one inserted word
    return [
        Case(("", ""), name="both empty"),
        Case(("", "abc"), name="a empty"),
        Case(("abcd", ""), name="b empty"),
        Case(("a", "b"), name="one character each"),
        Case(("banana", "banana"), name="identical"),
        Case(("kitten", "sitting"), name="kitten -> sitting"),
        Case(("flaw", "lawn"), name="flaw -> lawn"),
        Case(("abcdef", "bcdefa"), name="rotated by one"),
        Case(("intention", "execution"), name="intention -> execution"),
        Case(([1, 2, 3, 4, 5], [1, 3, 4, 9, 5, 6]), name="lists of integers"),
        Case((ref, hyp), name="word lists (WER)"),
        Case((_random_string(rng, int(rng.integers(3, 9))), _random_string(rng, int(rng.integers(3, 9)))),
             name="random"),
        Case((_random_string(rng, 12, "ab"), _random_string(rng, 15, "ab")), name="random, two letters"),
        Case(([int(x) for x in rng.integers(0, 5, size=10)], [int(x) for x in rng.integers(0, 5, size=8)]),
             name="random lists"),
        Case((_random_string(rng, 40), _random_string(rng, 35)), name="random, long"),
    ]


# --- known mistakes ----------------------------------------------------------

def _substitution_costs_two(a, b):
    m, n = len(a), len(b)
    D = np.zeros((m + 1, n + 1), dtype=int)
    D[:, 0] = np.arange(m + 1)
    D[0, :] = np.arange(n + 1)
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 2
            D[i, j] = min(D[i - 1, j] + 1, D[i, j - 1] + 1, D[i - 1, j - 1] + cost)
    return int(D[m, n])


def _no_substitution(a, b):
    m, n = len(a), len(b)
    D = np.zeros((m + 1, n + 1), dtype=int)
    D[:, 0] = np.arange(m + 1)
    D[0, :] = np.arange(n + 1)
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            if a[i - 1] == b[j - 1]:
                D[i, j] = D[i - 1, j - 1]
            else:
                D[i, j] = min(D[i - 1, j], D[i, j - 1]) + 1
    return int(D[m, n])


def _no_base_case(a, b):
    m, n = len(a), len(b)
    D = np.zeros((m + 1, n + 1), dtype=int)  # first row and column left at 0
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            D[i, j] = min(D[i - 1, j] + 1, D[i, j - 1] + 1, D[i - 1, j - 1] + cost)
    return int(D[m, n])


def _hamming_zip(a, b):
    return sum(x != y for x, y in zip(a, b))


def _hamming_plus_length(a, b):
    return sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))


MISTAKES = {
    "substitution-costs-two": [_substitution_costs_two, _no_substitution],
    "no-base-case": _no_base_case,
    "hamming": [_hamming_zip, _hamming_plus_length],
}
