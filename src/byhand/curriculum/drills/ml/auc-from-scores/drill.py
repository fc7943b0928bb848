"""ROC AUC from a tiny ranking: the fraction of (positive, negative) pairs ordered correctly, ties ½."""

from fractions import Fraction

from byhand.content.authoring import num


def generate(rng):
    while True:
        n_pos, n_neg = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        pos = sorted((int(v) / 10 for v in rng.integers(1, 10, size=n_pos)), reverse=True)
        neg = sorted((int(v) / 10 for v in rng.integers(1, 10, size=n_neg)), reverse=True)
        wins = sum(p > q for p in pos for q in neg)
        if 0 < wins < n_pos * n_neg:
            return {"pos": tuple(pos), "neg": tuple(neg)}


def solve(p):
    pos, neg = p["pos"], p["neg"]
    lines, total = [], Fraction(0)
    for s in pos:
        above = sum(s > q for q in neg)
        ties = sum(s == q for q in neg)
        credit = above + Fraction(ties, 2)
        total += credit
        lines.append((num(s), above, ties, credit))
    pairs = len(pos) * len(neg)
    auc = total / pairs
    rows_en = "\n".join(f"    positive {s}: above {a} negative(s), tied with {t}: {num(c)}" for s, a, t, c in lines)
    rows_ko = "\n".join(f"    양성 {s}: 음성 {a}개보다 높고 {t}개와 같음: {num(c)}" for s, a, t, c in lines)
    return {"rows_en": rows_en, "rows_ko": rows_ko, "total": float(total), "npos": len(pos), "nneg": len(neg),
            "pairs": pairs, "auc": auc, "answer": float(auc)}
