"""Word error rate: the reference, its cases and its known mistakes."""

from byhand import Case


def _levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
        prev = cur
    return prev[len(b)]


def word_error_rate(hypothesis, reference):
    """Word-level edit distance between the two whitespace-split strings / number of reference words."""
    hyp = hypothesis.split()
    ref = reference.split()
    return _levenshtein(ref, hyp) / len(ref)


WORDS = ["the", "cat", "sat", "on", "a", "mat", "dog", "hat", "and"]


def cases(rng):
    ref = [str(w) for w in rng.choice(WORDS, size=9)]
    hyp = list(ref)
    hyp[2] = "dog" if hyp[2] != "dog" else "hat"  # a substitution
    del hyp[6]  # a deletion
    hyp.insert(0, "uh")  # an insertion
    hyp2 = [str(w) for w in rng.choice(WORDS, size=5)]
    return [
        Case(("the cat sat on the mat", "the cat sat on the mat"), name="identical"),
        Case(("the cat sat on mat", "the cat sat on the mat"), name="one deletion"),
        Case(("the cat sat on the red mat", "the cat sat on the mat"), name="one insertion"),
        Case(("the hat sat on the mat", "the cat sat on the mat"), name="one substitution"),
        Case(("", "the cat sat"), name="empty hypothesis"),
        Case(("a cat and a dog and a hat sat", "the cat"), name="hypothesis much longer (WER > 1)"),
        Case(("  the cat\tsat on  the mat\n", "the cat sat on the mat"), name="extra whitespace, tab, newline"),
        Case(("hello", "hello world"), name="short sentences"),
        Case(("나는 학교에 갔다", "나는 어제 학교에 갔다"), name="Korean, one missing eojeol"),
        Case(("회의는 내일 오후 세 시에 시작합니다", "회의는 내일 오후 3시에 시작합니다"),
             name="Korean, spacing differs (세 시에 / 3시에)"),
        Case((" ".join(hyp), " ".join(ref)), name="random, S + D + I"),
        Case((" ".join(hyp2), " ".join(ref)), name="random, unrelated"),
    ]


# --- known mistakes ----------------------------------------------------------

def _divides_by_hypothesis(hypothesis, reference):
    hyp, ref = hypothesis.split(), reference.split()
    return _levenshtein(ref, hyp) / len(hyp)


def _characters(hypothesis, reference):
    return _levenshtein(reference, hypothesis) / len(reference)


def _characters_per_word(hypothesis, reference):
    return _levenshtein(reference, hypothesis) / len(reference.split())


def _split_on_space(hypothesis, reference):
    hyp, ref = hypothesis.split(" "), reference.split(" ")
    return _levenshtein(ref, hyp) / len(ref)


def _not_divided(hypothesis, reference):
    return _levenshtein(reference.split(), hypothesis.split())


MISTAKES = {
    "divides-by-hypothesis": _divides_by_hypothesis,
    "character-level": [_characters, _characters_per_word],
    "split-on-space": _split_on_space,
    "not-divided": _not_divided,
}
