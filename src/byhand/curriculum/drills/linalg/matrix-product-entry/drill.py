"""One entry of a matrix product: (AB)ᵢⱼ = Σₖ aᵢₖ bₖⱼ, row i of A against column j of B."""

from byhand.content.authoring import num


def generate(rng):
    A = [[int(v) for v in row] for row in rng.integers(-3, 4, size=(2, 3))]
    B = [[int(v) for v in row] for row in rng.integers(-3, 4, size=(3, 2))]
    return {"A": A, "B": B, "Atext": _rows(A), "Btext": _rows(B), "i": int(rng.integers(1, 3)),
            "j": int(rng.integers(1, 3))}


def _rows(M):
    return "[" + ", ".join("[" + ", ".join(num(v) for v in row) + "]" for row in M) + "]"


def solve(p):
    A, B, i, j = p["A"], p["B"], p["i"], p["j"]
    row = A[i - 1]
    col = [B[k][j - 1] for k in range(3)]
    terms = " + ".join(f"{num(a, paren=k > 0)}·{num(b, paren=True)}" for k, (a, b) in enumerate(zip(row, col)))
    products = [a * b for a, b in zip(row, col)]
    sums = " + ".join(num(v, paren=k > 0) for k, v in enumerate(products))
    return {"row": tuple(row), "col": tuple(col), "terms": terms,
            "sums": sums, "answer": sum(products)}
