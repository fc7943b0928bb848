"""One sweep of iterative policy evaluation (the Bellman expectation backup): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bellman_expectation_backup(P, R, pi, V, gamma):
    """Q[s, a] = R[s, a] + gamma * sum_s' P[s, a, s'] V[s'];  V_new[s] = sum_a pi[s, a] Q[s, a]. Returns (Q, V_new)."""
    P, R, pi, V = (np.asarray(a, dtype=np.float64) for a in (P, R, pi, V))
    Q = R + gamma * np.einsum("sat,t->sa", P, V)
    return Q, np.sum(pi * Q, axis=1)


def _random_mdp(rng, S, A):
    P = rng.random((S, A, S)) ** 3
    P /= P.sum(axis=2, keepdims=True)
    pi = rng.random((S, A)) + 0.05
    return P, rng.normal(size=(S, A)), pi / pi.sum(axis=1, keepdims=True), rng.normal(size=S) * 2


def _two_doors():
    # state 0: door 0 leads to state 1 (value 10), door 1 to state 2 (value 0); the policy opens door 1 mostly
    P = np.zeros((3, 2, 3))
    P[0, 0, 1] = P[0, 1, 2] = 1.0
    P[1, :, 1] = P[2, :, 2] = 1.0
    R = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]])
    pi = np.array([[0.2, 0.8], [0.5, 0.5], [0.5, 0.5]])
    return P, R, pi, np.array([0.0, 10.0, 0.0])


def cases(rng):
    return [
        Case((*_random_mdp(rng, 3, 2), 0.9), name="random MDP, 3 states, 2 actions"),
        Case((*_random_mdp(rng, 5, 4), 0.99), name="random MDP, 5 states, 4 actions"),
        Case((*_two_doors(), 0.9), name="the policy prefers the worse door"),
        Case((*_random_mdp(rng, 4, 3), 0.0), name="gamma = 0 (values are expected rewards)"),
    ]


def _max_over_actions(P, R, pi, V, gamma):
    Q = R + gamma * P @ V
    return Q, Q.max(axis=1)


def _discounts_the_reward(P, R, pi, V, gamma):
    Q = gamma * (R + P @ V)
    return Q, np.sum(pi * Q, axis=1)


def _wrong_state_axis(P, R, pi, V, gamma):
    Q = R + gamma * np.einsum("tas,t->sa", P, V)
    return Q, np.sum(pi * Q, axis=1)


MISTAKES = {
    "max-instead-of-expectation": _max_over_actions,
    "discounts-the-reward": _discounts_the_reward,
    "sums-over-the-wrong-state-axis": _wrong_state_axis,
}
