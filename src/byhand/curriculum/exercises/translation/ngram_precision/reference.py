"""Clipped (modified) n-gram precision of BLEU: the reference, its cases and its known mistakes."""

from collections import Counter

from byhand import Case


def _ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def ngram_precision(candidate, reference, n):
    """sum over candidate n-grams of min(count in candidate, count in reference) / number of candidate n-grams."""
    cand = _ngrams(candidate, n)
    ref = _ngrams(reference, n)
    total = sum(cand.values())
    if total == 0:
        return 0.0
    clipped = sum(min(c, ref[g]) for g, c in cand.items())
    return clipped / total


WORDS = ["the", "cat", "is", "on", "mat", "a", "there", "sat", "dog"]


def _sentence(rng, k):
    return [str(w) for w in rng.choice(WORDS, size=k)]


def cases(rng):
    ref = _sentence(rng, 9)
    edited = list(ref)
    edited[3] = "dog" if edited[3] != "dog" else "cat"
    edited.insert(6, "very")
    return [
        Case((["the"] * 7, "the cat is on the mat".split(), 1), name="Papineni: the the the ... (2/7)"),
        Case(("the cat the cat on the mat".split(), "the cat is on the mat".split(), 2),
             name="repeated bigram"),
        Case(("the cat is on the mat".split(), "the cat is on the mat".split(), 4), name="identical, n = 4"),
        Case(("the cat".split(), "the cat is on the mat".split(), 3), name="candidate shorter than n"),
        Case(([], "the cat".split(), 1), name="empty candidate"),
        Case(("on the mat sat the cat".split(), "the cat sat on the mat".split(), 1), name="reordered, n = 1"),
        Case(("on the mat sat the cat".split(), "the cat sat on the mat".split(), 2), name="reordered, n = 2"),
        Case(("the cat is here".split(), "the cat".split(), 2), name="short reference"),
        Case(("the mat the mat".split(), "the".split(), 2), name="reference shorter than n"),
        Case(("고양이 가 매트 위 에 앉았다".split(), "고양이 가 매트 위 에 앉아 있다".split(), 2),
             name="Korean tokens, n = 2"),
        Case((edited, ref, 1), name="random edit, n = 1"),
        Case((edited, ref, 2), name="random edit, n = 2"),
        Case((_sentence(rng, 12), _sentence(rng, 10), 1), name="random, n = 1"),
        Case((_sentence(rng, 12), _sentence(rng, 10), 2), name="random, n = 2"),
        Case((_sentence(rng, 30), _sentence(rng, 25), 1), name="random, long, n = 1"),
    ]


# --- known mistakes ----------------------------------------------------------

def _no_clipping(candidate, reference, n):
    cand = [tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1)]
    ref = set(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))
    if not cand:
        return 0.0
    return sum(g in ref for g in cand) / len(cand)


def _divides_by_reference(candidate, reference, n):
    cand = _ngrams(candidate, n)
    ref = _ngrams(reference, n)
    if sum(cand.values()) == 0:
        return 0.0
    return sum(min(c, ref[g]) for g, c in cand.items()) / sum(ref.values())


def _distinct(candidate, reference, n):
    cand = set(_ngrams(candidate, n))
    ref = set(_ngrams(reference, n))
    if not cand:
        return 0.0
    return len(cand & ref) / len(cand)


def _missing_last(candidate, reference, n):
    cand = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n))
    ref = Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n))
    total = sum(cand.values())
    if total == 0:
        return 0.0
    return sum(min(c, ref[g]) for g, c in cand.items()) / total


MISTAKES = {
    "no-clipping": _no_clipping,
    "divides-by-reference": _divides_by_reference,
    "distinct-ngrams": _distinct,
    "missing-last-ngram": _missing_last,
}
