"""Levenshtein distance of two short words by the dynamic-programming table."""

WORDS = ["cat", "kitten", "sitting", "house", "horse", "train", "rain", "paper", "water", "later",
         "model", "modal", "token", "taken", "graph", "grape", "field", "fold", "learn", "lean"]
LETTERS = "aeiorstnlm"


def generate(rng):
    while True:
        a = WORDS[int(rng.integers(len(WORDS)))]
        b = list(a)
        for _ in range(int(rng.integers(1, 4))):
            kind, pos = int(rng.integers(3)), int(rng.integers(len(b)))
            letter = str(rng.choice(list(LETTERS)))
            if kind == 0:
                b[pos] = letter
            elif kind == 1 and len(b) > 3:
                del b[pos]
            else:
                b.insert(pos, letter)
        b = "".join(b)
        if b != a and len(b) <= 7:
            return {"a": a, "b": b}


def solve(p):
    a, b = p["a"], p["b"]
    R, C = len(a), len(b)
    d = [[0] * (C + 1) for _ in range(R + 1)]
    for i in range(R + 1):
        d[i][0] = i
    for j in range(C + 1):
        d[0][j] = j
    for i in range(1, R + 1):
        for j in range(1, C + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    head = "       ε  " + "  ".join(f"{c:>1}" for c in b)
    rows = [head] + [f"    {('ε' + a)[i]:>1}  " + "  ".join(f"{v:>1}" for v in d[i]) for i in range(R + 1)]
    return {"table": "\n".join(rows), "R": R, "C": C, "answer": d[R][C]}
