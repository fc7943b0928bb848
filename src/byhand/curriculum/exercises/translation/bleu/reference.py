"""Sentence BLEU with one reference: the reference, its cases and its known mistakes."""

import math
from collections import Counter

from byhand import Case


def _precision(candidate, reference, n):
    cand = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))
    total = sum(cand.values())
    if total == 0:
        return 0.0
    return sum(min(c, ref[g]) for g, c in cand.items()) / total


def _brevity_penalty(c, r):
    return 1.0 if c > r else math.exp(1.0 - r / c)


def bleu(candidate, reference, max_n=4):
    """BP * exp(mean_n log p_n) over n = 1..max_n; 0 when some p_n is 0."""
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    if min(precisions) == 0.0:
        return 0.0
    bp = _brevity_penalty(len(candidate), len(reference))
    return bp * math.exp(sum(math.log(p) for p in precisions) / max_n)


REF_EN = "the quick brown fox jumps over the lazy dog near the old river bank".split()
REF_KO = "나는 어제 친구 와 함께 극장 에서 새로 나온 영화 를 보았다".split()


def cases(rng):
    words = list(REF_EN)
    k = int(rng.integers(5, 9))
    substituted = list(REF_EN)
    substituted[k] = "cat"
    inserted = list(REF_EN)
    inserted.insert(k, "very")
    shuffled = [str(w) for w in rng.permutation(words)]
    return [
        Case((list(REF_EN), list(REF_EN)), name="identical"),
        Case((substituted, list(REF_EN)), name="one word substituted"),
        Case((inserted, list(REF_EN)), name="one word inserted (longer candidate)"),
        Case((REF_EN[:9], list(REF_EN)), name="truncated candidate (brevity penalty)"),
        Case((REF_EN[2:], list(REF_EN)), name="first two words missing"),
        Case((REF_EN[:10] + ["by", "the", "old", "river", "bank", "too"], list(REF_EN)),
             name="longer paraphrased ending"),
        Case(("the lazy dog near the old river bank".split(), "a lazy dog near the river".split()),
             name="candidate longer than a short reference"),
        Case(("the fox jumps over the dog".split(), list(REF_EN)), name="short candidate"),
        Case(("the fox jumps over the dog".split(), list(REF_EN)), {"max_n": 2}, name="short, max_n = 2"),
        Case((substituted[:11], list(REF_EN)), {"max_n": 3}, name="max_n = 3"),
        Case(("the quick fox".split(), list(REF_EN)), name="fewer than 4 tokens"),
        Case(([], list(REF_EN)), name="empty candidate"),
        Case((shuffled, words), name="random word order"),
        Case(("나는 어제 친구 와 극장 에서 새로 나온 영화 를 봤다".split(), list(REF_KO)),
             name="Korean, one word dropped and one changed"),
        Case(("어제 나는 친구 와 함께 극장 에서 새로 개봉 한 영화 를 보았다".split(), list(REF_KO)),
             name="Korean, reordered and paraphrased"),
    ]


# --- known mistakes ----------------------------------------------------------

def _arithmetic_mean(candidate, reference, max_n=4):
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    if min(precisions) == 0.0:
        return 0.0
    return _brevity_penalty(len(candidate), len(reference)) * sum(precisions) / max_n


def _arithmetic_mean_no_zero_rule(candidate, reference, max_n=4):
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    bp = _brevity_penalty(len(candidate), len(reference)) if candidate else 0.0
    return bp * sum(precisions) / max_n


def _no_brevity_penalty(candidate, reference, max_n=4):
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    if min(precisions) == 0.0:
        return 0.0
    return math.exp(sum(math.log(p) for p in precisions) / max_n)


def _bp_ratio_swapped(candidate, reference, max_n=4):
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    if min(precisions) == 0.0:
        return 0.0
    c, r = len(candidate), len(reference)
    bp = 1.0 if c > r else math.exp(1.0 - c / r)
    return bp * math.exp(sum(math.log(p) for p in precisions) / max_n)


def _bp_on_long(candidate, reference, max_n=4):
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    if min(precisions) == 0.0:
        return 0.0
    c, r = len(candidate), len(reference)
    bp = math.exp(1.0 - c / r) if c > r else 1.0
    return bp * math.exp(sum(math.log(p) for p in precisions) / max_n)


def _product(candidate, reference, max_n=4):
    precisions = [_precision(candidate, reference, n) for n in range(1, max_n + 1)]
    if min(precisions) == 0.0:
        return 0.0
    return _brevity_penalty(len(candidate), len(reference)) * math.prod(precisions)


MISTAKES = {
    "arithmetic-mean": [_arithmetic_mean, _arithmetic_mean_no_zero_rule],
    "no-brevity-penalty": _no_brevity_penalty,
    "brevity-penalty-inverted": [_bp_ratio_swapped, _bp_on_long],
    "product-without-root": _product,
}
