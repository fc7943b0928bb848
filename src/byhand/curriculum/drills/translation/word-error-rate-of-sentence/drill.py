"""Word error rate: word-level edit distance (S + D + I) divided by the reference length N."""

SENTENCES = [
    "the cat sat on the mat",
    "we saw a small bird today",
    "it was a very cold day",
    "turn left at the next light",
    "please send me the report tomorrow",
    "the train leaves at nine tonight",
    "she reads a book every evening",
    "my brother plays the piano well",
    "the meeting starts in ten minutes",
    "they walked to the park together",
]
VOCAB = ("a the and to in on at is was it we he she they my your this that big small red "
         "new old day night book train park light cat dog go went see saw very well").split()


def generate(rng):
    while True:
        ref = SENTENCES[int(rng.integers(len(SENTENCES)))].split()
        n = len(ref)
        hyp = list(ref)
        for _ in range(int(rng.integers(1, 4))):
            kind = int(rng.integers(3))
            pos = int(rng.integers(len(hyp)))
            word = str(rng.choice(VOCAB))
            if kind == 0:
                hyp[pos] = word
            elif kind == 1 and len(hyp) > 3:
                del hyp[pos]
            else:
                hyp.insert(pos, word)
        if hyp != ref:
            return {"ref": " ".join(ref), "hyp": " ".join(hyp), "n": n}


def _align(ref, hyp):
    """Minimal edit counts (S, D, I) from a Levenshtein table over words."""
    R, H = len(ref), len(hyp)
    d = [[0] * (H + 1) for _ in range(R + 1)]
    for i in range(R + 1):
        d[i][0] = i
    for j in range(H + 1):
        d[0][j] = j
    for i in range(1, R + 1):
        for j in range(1, H + 1):
            d[i][j] = min(d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]), d[i - 1][j] + 1, d[i][j - 1] + 1)
    i, j, s, de, ins = R, H, 0, 0, 0
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            s += ref[i - 1] != hyp[j - 1]
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            de += 1
            i -= 1
        else:
            ins += 1
            j -= 1
    return s, de, ins, d[R][H]


def solve(p):
    ref, hyp = p["ref"].split(), p["hyp"].split()
    s, de, ins, dist = _align(ref, hyp)
    return {"s": s, "d": de, "i": ins, "dist": dist, "h": len(hyp), "answer": dist / len(ref)}
