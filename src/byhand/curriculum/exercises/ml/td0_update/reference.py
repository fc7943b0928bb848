"""Tabular TD(0) updates over a stream of transitions: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def td0_update(V, states, rewards, next_states, dones, alpha, gamma):
    """For each transition in order: V[s] += alpha * (r + gamma * (1 - done) * V[s'] - V[s]); returns a new array."""
    V = np.array(V, dtype=np.float64)
    for s, r, s2, d in zip(states, rewards, next_states, dones):
        target = r + (0.0 if d else gamma * V[s2])
        V[s] += alpha * (target - V[s])
    return V


def _stream(rng, S, n):
    states = rng.integers(0, S, size=n)
    next_states = rng.integers(0, S, size=n)
    dones = np.zeros(n, dtype=bool)
    dones[rng.integers(0, n)] = True
    return states, rng.normal(size=n), next_states, dones


def cases(rng):
    return [
        Case((rng.normal(size=4), *_stream(rng, 4, 6), 0.1, 0.9), name="random stream, 4 states"),
        Case((rng.normal(size=6) * 3, *_stream(rng, 6, 15), 0.5, 0.99), name="random stream, 6 states"),
        Case((np.array([0.0, 5.0, 2.0]), np.array([0, 0, 0]), np.array([1.0, 1.0, 1.0]),
              np.array([1, 1, 1]), np.array([False, False, False]), 0.5, 0.9),
             name="the same state three times in a row"),
        Case((np.array([3.0, 10.0]), np.array([0]), np.array([1.0]), np.array([1]), np.array([True]), 0.5, 0.9),
             name="a terminal transition (no bootstrap)"),
        Case((np.array([1.0, -1.0, 4.0]), np.array([2, 1]), np.array([0.0, 2.0]), np.array([0, 2]),
              np.array([False, False]), 1.0, 0.5), name="alpha = 1 (copy the target)"),
    ]


def _no_cutoff(V, states, rewards, next_states, dones, alpha, gamma):
    V = np.array(V, dtype=float)
    for s, r, s2 in zip(states, rewards, next_states):
        V[s] += alpha * (r + gamma * V[s2] - V[s])
    return V


def _flipped_td_error(V, states, rewards, next_states, dones, alpha, gamma):
    V = np.array(V, dtype=float)
    for s, r, s2, d in zip(states, rewards, next_states, dones):
        target = r + (0.0 if d else gamma * V[s2])
        V[s] += alpha * (V[s] - target)
    return V


def _vectorized(V, states, rewards, next_states, dones, alpha, gamma):
    V = np.array(V, dtype=float)
    s, s2 = np.asarray(states), np.asarray(next_states)
    target = np.asarray(rewards) + gamma * (1 - np.asarray(dones, dtype=float)) * V[s2]
    V[s] += alpha * (target - V[s])  # a repeated state keeps only its last update, all from the old V
    return V


MISTAKES = {
    "no-terminal-cutoff": _no_cutoff,
    "td-error-sign": _flipped_td_error,
    "vectorized-over-the-stream": _vectorized,
}
