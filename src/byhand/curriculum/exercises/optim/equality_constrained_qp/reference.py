"""An equality-constrained quadratic program solved through its KKT (Lagrange) system:
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def equality_constrained_qp(Q, c, A, b):
    """min 1/2 x^T Q x + c^T x  s.t.  A x = b, with L(x, lam) = f(x) - lam^T (A x - b):
    Q x + c = A^T lam and A x = b, one linear system [[Q, -A^T], [A, 0]] [x; lam] = [-c; b]."""
    Q = np.asarray(Q, dtype=np.float64)
    A = np.asarray(A, dtype=np.float64)
    n, m = Q.shape[0], A.shape[0]
    kkt = np.block([[Q, -A.T], [A, np.zeros((m, m))]])
    sol = np.linalg.solve(kkt, np.concatenate([-np.asarray(c, dtype=np.float64), np.asarray(b, dtype=np.float64)]))
    return sol[:n], sol[n:]


def _spd(rng, n):
    a = rng.normal(size=(n, n))
    return a @ a.T + np.eye(n)


def cases(rng):
    q_free = _spd(rng, 3)
    c_free = rng.normal(size=3)
    a_free = rng.normal(size=(1, 3))
    x_unc = np.linalg.solve(q_free, -c_free)
    a_sq = rng.normal(size=(2, 2)) + 2 * np.eye(2)
    return [
        Case((_spd(rng, 4), rng.normal(size=4), np.ones((1, 4)), np.array([1.0])), name="weights that sum to 1"),
        Case((_spd(rng, 5), rng.normal(size=5), rng.normal(size=(2, 5)), rng.normal(size=2)), name="random, 5 variables, 2 constraints"),
        Case((np.eye(3), np.zeros(3), rng.normal(size=(2, 3)), rng.normal(size=2) + 1.0),
             name="Q = I, c = 0: the least-norm solution"),
        Case((np.diag([2.0, -1.0]), np.array([1.0, 0.5]), np.array([[0.0, 1.0]]), np.array([3.0])),
             name="Q indefinite, but positive on the constraint set"),
        Case((q_free, c_free, a_free, a_free @ x_unc), name="constraint already met by the free minimum (multiplier 0)"),
        Case((_spd(rng, 2), rng.normal(size=2), a_sq, rng.normal(size=2)), name="as many constraints as variables"),
        Case((_spd(rng, 3), rng.normal(size=3), np.array([[1.0, -1.0, 0.0]]), np.array([0.0])), name="b = 0"),
    ]


def _kkt_plus(Q, c, A, b, q_scale=1.0, c_sign=-1.0):
    n, m = Q.shape[0], A.shape[0]
    kkt = np.block([[q_scale * Q, A.T], [A, np.zeros((m, m))]])
    sol = np.linalg.solve(kkt, np.concatenate([c_sign * c, b]))
    return sol[:n], sol[n:]


def _multiplier_sign(Q, c, A, b):
    # the symmetric block [[Q, A^T], [A, 0]] solved for [x; nu]: nu = -lambda
    return _kkt_plus(Q, c, A, b)


def _linear_term_sign(Q, c, A, b):
    x, nu = _kkt_plus(Q, c, A, b, c_sign=1.0)
    return x, -nu


def _double_quadratic(Q, c, A, b):
    x, nu = _kkt_plus(Q, c, A, b, q_scale=2.0)
    return x, -nu


MISTAKES = {
    "multiplier-sign": _multiplier_sign,
    "linear-term-sign": _linear_term_sign,
    "gradient-2Qx": _double_quadratic,
}
