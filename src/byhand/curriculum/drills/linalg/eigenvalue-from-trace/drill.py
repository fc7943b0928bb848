"""The second eigenvalue of a 2x2 matrix from the trace (λ₁ + λ₂ = tr A), checked with det A = λ₁λ₂."""


def generate(rng):
    while True:
        l1, l2 = (int(v) for v in rng.choice(range(-4, 6), size=2, replace=False))
        s, t = (int(v) for v in rng.integers(-1, 2, size=2))
        if s == 0 and t == 0:
            continue
        # A = P diag(l1, l2) P⁻¹ with the integer matrix P = [[1, s], [t, 1 + s t]] (det P = 1)
        P = [[1, s], [t, 1 + s * t]]
        Pinv = [[1 + s * t, -s], [-t, 1]]
        PD = [[P[0][0] * l1, P[0][1] * l2], [P[1][0] * l1, P[1][1] * l2]]
        A = [[sum(PD[i][k] * Pinv[k][j] for k in range(2)) for j in range(2)] for i in range(2)]
        if A[0][1] != 0 and A[1][0] != 0 and max(abs(v) for r in A for v in r) <= 12:  # not triangular
            return {"a": A[0][0], "b": A[0][1], "c": A[1][0], "d": A[1][1], "l1": l1}


def solve(p):
    tr = p["a"] + p["d"]
    det = p["a"] * p["d"] - p["b"] * p["c"]
    l2 = tr - p["l1"]
    return {"tr": tr, "det": det, "prod": p["l1"] * l2, "answer": l2}
