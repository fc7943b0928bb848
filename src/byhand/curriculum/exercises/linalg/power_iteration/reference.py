"""Power iteration: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def power_iteration(A, num_iters=1000):
    """(lambda, v): the eigenvalue of largest absolute value of the symmetric matrix A
    and a unit eigenvector for it.  The reference reads them off np.linalg.eigh
    (trusted); the learner iterates v <- A v / ||A v||."""
    A = np.asarray(A, dtype=np.float64)
    w, V = np.linalg.eigh(A)
    i = int(np.argmax(np.abs(w)))
    return float(w[i]), V[:, i]


def _symmetric(rng, eigenvalues):
    n = len(eigenvalues)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    A = Q @ np.diag(eigenvalues) @ Q.T
    return (A + A.T) / 2


def _spectrum(rng, n, sign):
    """A dominant eigenvalue of size 3..8 and the others at most 0.7 of it."""
    top = rng.uniform(3.0, 8.0)
    rest = rng.uniform(-0.7, 0.7, size=n - 1) * top
    return np.concatenate([[sign * top], rest])


def cases(rng):
    u = rng.normal(size=4)
    u /= np.linalg.norm(u)
    return [
        Case((_symmetric(rng, _spectrum(rng, 4, +1)),), name="random symmetric (1)"),
        Case((_symmetric(rng, _spectrum(rng, 6, +1)),), name="random symmetric (2)"),
        Case((_symmetric(rng, [-6.0, 4.0, 2.5, -1.0, 0.5]),), name="negative dominant eigenvalue"),
        Case((np.array([[-2.0, 3.0], [3.0, 1.0]]),), name="2x2, negative dominant eigenvalue"),
        Case((np.array([[-3.0]]),), name="1x1 matrix"),
        Case((np.array([[0.5, 0.25, 0.25], [0.25, 0.5, 0.25], [0.25, 0.25, 0.5]]),),
             name="symmetric stochastic matrix (eigenvalue 1)"),
        Case((3.0 * np.outer(u, u),), name="rank one"),
        Case((_symmetric(rng, [5.0, 2.0, -1.5, 1.0]),), {"num_iters": 100}, name="num_iters=100"),
        Case((_symmetric(rng, _spectrum(rng, 4, -1)) * 1e100,), name="huge values"),
        Case((_symmetric(rng, _spectrum(rng, 4, +1)) * 1e-100,), name="tiny values"),
    ]


def _start(n):
    return np.random.default_rng(0).normal(size=n)


def _norm_as_eigenvalue(A, num_iters=1000):
    v = _start(A.shape[0])
    v = v / np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v
        v = w / np.linalg.norm(w)
    return np.linalg.norm(A @ v), v


def _no_normalization_in_loop(A, num_iters=1000):
    v = _start(A.shape[0])
    for _ in range(num_iters):
        v = A @ v
    lam = v @ A @ v / (v @ v)
    return lam, v / np.linalg.norm(v)


def _max_abs_scaling(A, num_iters=1000):
    v = _start(A.shape[0])
    for _ in range(num_iters):
        w = A @ v
        v = w / np.max(np.abs(w))
    return v @ A @ v / (v @ v), v


def _returns_Av(A, num_iters=1000):
    v = _start(A.shape[0])
    v = v / np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v
        lam = v @ w
        v = w / np.linalg.norm(w)
    return lam, w


MISTAKES = {
    "norm-as-eigenvalue": _norm_as_eigenvalue,
    "no-normalization-in-loop": _no_normalization_in_loop,
    "not-unit-length": [_max_abs_scaling, _returns_Av],
}
