"""One sweep of value iteration (the Bellman optimality backup) with the greedy policy: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def value_iteration_step(P, R, V, gamma):
    """Q[s, a] = R[s, a] + gamma * sum_s' P[s, a, s'] V[s']; return (max_a Q, argmax_a Q)."""
    P, R, V = (np.asarray(a, dtype=np.float64) for a in (P, R, V))
    Q = R + gamma * P @ V
    return Q.max(axis=1), Q.argmax(axis=1)


def _random_mdp(rng, S, A):
    P = rng.random((S, A, S)) ** 3
    P /= P.sum(axis=2, keepdims=True)
    return P, rng.normal(size=(S, A)), rng.normal(size=S) * 2


def _gamble():
    # state 0: action 0 is safe (reward 1, stay), action 1 gambles: half the time to the good state 1
    # (value 10), half the time to the bad state 2 (value -10), reward 0; states 1, 2 are absorbing
    P = np.zeros((3, 2, 3))
    P[0, 0, 0] = 1.0
    P[0, 1, 1] = P[0, 1, 2] = 0.5
    P[1, :, 1] = 1.0
    P[2, :, 2] = 1.0
    R = np.array([[1.0, 0.0], [0.0, 0.5], [0.0, -0.5]])
    return P, R, np.array([0.0, 10.0, -10.0])


def cases(rng):
    return [
        Case((*_random_mdp(rng, 3, 2), 0.9), name="random MDP, 3 states, 2 actions"),
        Case((*_random_mdp(rng, 5, 4), 0.99), name="random MDP, 5 states, 4 actions"),
        Case((*_random_mdp(rng, 4, 3), 0.5), name="random MDP, gamma 0.5"),
        Case((*_gamble(), 0.9), name="a safe action against a gamble"),
        Case((*_random_mdp(rng, 3, 3)[:2], np.zeros(3), 0.9), name="V = 0 (greedy on the reward)"),
    ]


def _mean_over_actions(P, R, V, gamma):
    Q = R + gamma * P @ V
    return Q.mean(axis=1), Q.argmax(axis=1)


def _max_over_next_states(P, R, V, gamma):
    Q = R + gamma * np.max(P * V, axis=2)
    return Q.max(axis=1), Q.argmax(axis=1)


def _wrong_state_axis(P, R, V, gamma):
    Q = R + gamma * np.einsum("tas,t->sa", P, V)
    return Q.max(axis=1), Q.argmax(axis=1)


MISTAKES = {
    "mean-instead-of-max": _mean_over_actions,
    "max-over-next-states": _max_over_next_states,
    "sums-over-the-wrong-state-axis": _wrong_state_axis,
}
