"""Tabular SARSA updates over a stream of transitions: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def sarsa_update(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma):
    """For each transition in order: Q[s, a] += alpha * (r + gamma * (1 - done) * Q[s', a'] - Q[s, a])."""
    Q = np.array(Q, dtype=np.float64)
    for s, a, r, s2, a2, d in zip(states, actions, rewards, next_states, next_actions, dones):
        target = r + (0.0 if d else gamma * Q[s2, a2])
        Q[s, a] += alpha * (target - Q[s, a])
    return Q


def _episode(rng, S, A, n):
    # one trajectory: the next state and action of step t are the state and action of step t + 1
    s = rng.integers(0, S, size=n + 1)
    a = rng.integers(0, A, size=n + 1)
    dones = np.zeros(n, dtype=bool)
    dones[-1] = True
    return s[:-1], a[:-1], rng.normal(size=n), s[1:], a[1:], dones


def cases(rng):
    return [
        Case((rng.normal(size=(3, 2)), *_episode(rng, 3, 2, 5), 0.1, 0.9), name="one episode, 3 states, 2 actions"),
        Case((rng.normal(size=(5, 4)) * 2, *_episode(rng, 5, 4, 20), 0.5, 0.99), name="one episode, 5 states, 4 actions"),
        Case((np.array([[0.0, 0.0, 0.0], [1.0, -2.0, 4.0]]), np.array([0]), np.array([0]), np.array([1.0]),
              np.array([1]), np.array([1]), np.array([False]), 0.5, 0.5),
             name="an exploratory next action (not the best)"),
        Case((np.array([[2.0, 0.0], [5.0, 9.0]]), np.array([0]), np.array([0]), np.array([1.0]),
              np.array([1]), np.array([1]), np.array([True]), 0.5, 0.9), name="a terminal transition (no bootstrap)"),
    ]


def _updates(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma, bootstrap, cut=True):
    """The sequential update with the learner's bootstrap value bootstrap(row of s', a, a')."""
    Q = np.array(Q, dtype=float)
    for s, a, r, s2, a2, d in zip(states, actions, rewards, next_states, next_actions, dones):
        target = r + (0.0 if d and cut else gamma * bootstrap(Q[s2], a, a2))
        Q[s, a] += alpha * (target - Q[s, a])
    return Q


def _q_learning_target(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma):
    return _updates(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma,
                    lambda row, a, a2: np.max(row))


def _no_cutoff(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma):
    return _updates(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma,
                    lambda row, a, a2: row[a2], cut=False)


def _same_action(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma):
    return _updates(Q, states, actions, rewards, next_states, next_actions, dones, alpha, gamma,
                    lambda row, a, a2: row[a])


MISTAKES = {
    "max-instead-of-next-action": _q_learning_target,
    "no-terminal-cutoff": _no_cutoff,
    "bootstraps-the-current-action": _same_action,
}
