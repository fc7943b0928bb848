"""Conjugate gradient for a symmetric positive definite system: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def conjugate_gradient(A, b, x0, n_iter):
    """x after n_iter iterations of conjugate gradient on A x = b (A symmetric positive definite),
    started at x0; stops early when the residual is exactly 0."""
    A = np.asarray(A, dtype=np.float64)
    x = np.array(x0, dtype=np.float64)
    r = np.asarray(b, dtype=np.float64) - A @ x
    p = r.copy()
    rs = r @ r
    for _ in range(n_iter):
        if rs == 0.0:
            break
        Ap = A @ p
        alpha = rs / (p @ Ap)
        x = x + alpha * p
        r = r - alpha * Ap
        rs_new = r @ r
        p = r + (rs_new / rs) * p
        rs = rs_new
    return x


def _spd(rng, n, cond=10.0):
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q @ np.diag(np.geomspace(1.0, cond, n)) @ Q.T


def cases(rng):
    return [
        Case((_spd(rng, 5), rng.normal(size=5), np.zeros(5), 2), name="5 × 5, 2 iterations"),
        Case((_spd(rng, 6), rng.normal(size=6), np.zeros(6), 3), name="6 × 6, 3 iterations"),
        Case((_spd(rng, 4), rng.normal(size=4), rng.normal(size=4), 4), name="4 × 4, 4 iterations (exact), x0 ≠ 0"),
        Case((_spd(rng, 3), rng.normal(size=3), rng.normal(size=3), 2), name="3 × 3, x0 ≠ 0"),
        Case((_spd(rng, 8, cond=1e4), rng.normal(size=8), np.zeros(8), 3), name="ill-conditioned (κ = 1e4), 3 iterations"),
        Case((np.diag([1.0, 1.0, 4.0, 4.0, 4.0]), rng.normal(size=5), np.zeros(5), 3),
             name="two distinct eigenvalues, 3 iterations"),
        Case((_spd(rng, 4), rng.normal(size=4), rng.normal(size=4), 0), name="0 iterations (return x0)"),
        Case((_spd(rng, 4), np.zeros(4), np.zeros(4), 3), name="b = 0 and x0 = 0 (already solved)"),
        Case((rng.uniform(0.5, 3.0, size=(1, 1)), rng.normal(size=1), np.zeros(1), 2), name="1 × 1"),
    ]


def _cg(A, b, x0, n_iter, conjugate=True, beta_after=False, flipped=False, check=True):
    x = x0.astype(float).copy()
    r = A @ x - b if flipped else b - A @ x
    p = r.copy()
    rs = r @ r
    for _ in range(n_iter):
        if check and rs == 0:
            break
        Ap = A @ p
        alpha = rs / (p @ Ap)
        x = x + alpha * p
        r = r - alpha * Ap
        if not conjugate:
            p = r.copy()
            rs = r @ r
            continue
        if beta_after:
            rs = r @ r
            beta = (r @ r) / rs
        else:
            beta = (r @ r) / rs
            rs = r @ r
        p = r + beta * p
    return x


def _steepest(A, b, x0, n_iter):
    return _cg(A, b, x0, n_iter, conjugate=False)


def _beta_after(A, b, x0, n_iter):
    return _cg(A, b, x0, n_iter, beta_after=True)


def _flipped(A, b, x0, n_iter):
    return _cg(A, b, x0, n_iter, flipped=True)


def _no_check(A, b, x0, n_iter):
    return _cg(A, b, x0, n_iter, check=False)


MISTAKES = {
    "steepest-descent-directions": _steepest,
    "beta-after-overwrite": _beta_after,
    "residual-sign": _flipped,
    "no-stop-at-zero-residual": _no_check,
}
