"""Policy evaluation as a linear solve of the Bellman expectation equation: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def policy_evaluation(P, R, pi, gamma):
    """Solve (I - gamma P_pi) V = r_pi, with P_pi[s, s'] = sum_a pi[s, a] P[s, a, s'] and r_pi[s] = sum_a pi[s, a] R[s, a]."""
    P, R, pi = (np.asarray(a, dtype=np.float64) for a in (P, R, pi))
    P_pi = np.einsum("sa,sat->st", pi, P)
    r_pi = np.sum(pi * R, axis=1)
    return np.linalg.solve(np.eye(len(r_pi)) - gamma * P_pi, r_pi)


def _random_mdp(rng, S, A):
    P = rng.random((S, A, S)) ** 3
    P /= P.sum(axis=2, keepdims=True)
    pi = rng.random((S, A)) + 0.05
    pi /= pi.sum(axis=1, keepdims=True)
    return P, rng.normal(size=(S, A)), pi


def _chain():
    # states 0 -> 1 -> 2 (terminal, absorbing, no reward); action 0 moves right, action 1 stays
    P = np.zeros((3, 2, 3))
    P[0, 0, 1] = P[1, 0, 2] = P[2, 0, 2] = 1.0
    P[0, 1, 0] = P[1, 1, 1] = P[2, 1, 2] = 1.0
    R = np.array([[1.0, 0.0], [2.0, -1.0], [0.0, 0.0]])
    pi = np.array([[0.9, 0.1], [0.7, 0.3], [0.5, 0.5]])
    return P, R, pi


def cases(rng):
    S2, A2 = 4, 3
    P2, R2, pi2 = _random_mdp(rng, S2, A2)
    return [
        Case((*_random_mdp(rng, 3, 2), 0.9), name="random MDP, 3 states, 2 actions"),
        Case((P2, R2, pi2, 0.95), name="random MDP, 4 states, 3 actions"),
        Case((*_random_mdp(rng, 6, 2), 0.5), name="random MDP, 6 states, gamma 0.5"),
        Case((*_chain(), 0.9), name="chain into an absorbing terminal state"),
        Case((P2, R2, pi2, 0.0), name="gamma = 0 (values are expected rewards)"),
    ]


def _transposed(P, R, pi, gamma):
    P_pi = np.einsum("sa,sat->st", pi, P)
    return np.linalg.solve(np.eye(len(R)) - gamma * P_pi.T, np.sum(pi * R, axis=1))


def _uniform_over_actions(P, R, pi, gamma):
    P_pi = P.mean(axis=1)
    return np.linalg.solve(np.eye(len(R)) - gamma * P_pi, R.mean(axis=1))


def _one_step(P, R, pi, gamma):
    P_pi = np.einsum("sa,sat->st", pi, P)
    r_pi = np.sum(pi * R, axis=1)
    return r_pi + gamma * P_pi @ r_pi


MISTAKES = {
    "transposed-transitions": _transposed,
    "policy-ignored": _uniform_over_actions,
    "one-backup-not-a-solve": _one_step,
}
