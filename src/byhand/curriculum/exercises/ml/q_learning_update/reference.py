"""Tabular Q-learning updates over a stream of transitions: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def q_learning_update(Q, states, actions, rewards, next_states, dones, alpha, gamma):
    """For each transition in order: Q[s, a] += alpha * (r + gamma * (1 - done) * max_a' Q[s', a'] - Q[s, a])."""
    Q = np.array(Q, dtype=np.float64)
    for s, a, r, s2, d in zip(states, actions, rewards, next_states, dones):
        target = r + (0.0 if d else gamma * np.max(Q[s2]))
        Q[s, a] += alpha * (target - Q[s, a])
    return Q


def _stream(rng, S, A, n):
    dones = np.zeros(n, dtype=bool)
    dones[rng.integers(0, n)] = True
    return (rng.integers(0, S, size=n), rng.integers(0, A, size=n), rng.normal(size=n),
            rng.integers(0, S, size=n), dones)


def cases(rng):
    return [
        Case((rng.normal(size=(3, 2)), *_stream(rng, 3, 2, 5), 0.1, 0.9), name="random stream, 3 states, 2 actions"),
        Case((rng.normal(size=(5, 4)) * 2, *_stream(rng, 5, 4, 20), 0.5, 0.99), name="random stream, 5 states, 4 actions"),
        Case((np.array([[0.0, 0.0, 0.0], [1.0, -2.0, 4.0]]), np.array([0]), np.array([0]), np.array([1.0]),
              np.array([1]), np.array([False]), 0.5, 0.5), name="the best next action is not the one taken"),
        Case((np.array([[2.0, 0.0], [5.0, 9.0]]), np.array([0]), np.array([0]), np.array([1.0]),
              np.array([1]), np.array([True]), 0.5, 0.9), name="a terminal transition (no bootstrap)"),
        Case((np.array([[1.0, -1.0], [0.5, 3.0]]), np.array([0, 0]), np.array([1, 1]), np.array([0.0, 1.0]),
              np.array([1, 0]), np.array([False, False]), 1.0, 0.9), name="the same pair twice, alpha = 1"),
    ]


def _updates(Q, states, actions, rewards, next_states, dones, alpha, gamma, bootstrap, cut=True):
    """The sequential update with the learner's bootstrap value bootstrap(row of s', a)."""
    Q = np.array(Q, dtype=float)
    for s, a, r, s2, d in zip(states, actions, rewards, next_states, dones):
        target = r + (0.0 if d and cut else gamma * bootstrap(Q[s2], a))
        Q[s, a] += alpha * (target - Q[s, a])
    return Q


def _no_cutoff(Q, states, actions, rewards, next_states, dones, alpha, gamma):
    return _updates(Q, states, actions, rewards, next_states, dones, alpha, gamma, lambda row, a: np.max(row), cut=False)


def _taken_action(Q, states, actions, rewards, next_states, dones, alpha, gamma):
    return _updates(Q, states, actions, rewards, next_states, dones, alpha, gamma, lambda row, a: row[a])


def _argmax(Q, states, actions, rewards, next_states, dones, alpha, gamma):
    return _updates(Q, states, actions, rewards, next_states, dones, alpha, gamma, lambda row, a: np.argmax(row))


MISTAKES = {
    "no-terminal-cutoff": _no_cutoff,
    "bootstraps-the-taken-action": _taken_action,
    "argmax-instead-of-max": _argmax,
}
