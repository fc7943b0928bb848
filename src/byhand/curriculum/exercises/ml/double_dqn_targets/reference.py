"""Double DQN's regression targets for a batch of transitions: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def double_dqn_targets(q_online_next, q_target_next, rewards, dones, gamma=0.99):
    """y = r + gamma (1 - d) Q_target(s', argmax_a Q_online(s', a)), for a batch (rows) of next states."""
    q_on = np.asarray(q_online_next, dtype=np.float64)
    q_tg = np.asarray(q_target_next, dtype=np.float64)
    best = np.argmax(q_on, axis=1)
    bootstrap = q_tg[np.arange(len(best)), best]
    return np.asarray(rewards, dtype=np.float64) + gamma * (1.0 - np.asarray(dones, dtype=np.float64)) * bootstrap


def _batch(rng, n, A):
    q_target = rng.normal(size=(n, A))
    q_online = q_target + rng.normal(size=(n, A))  # the online network has moved on since the last copy
    dones = np.zeros(n, dtype=bool)
    dones[rng.integers(0, n)] = True
    return q_online, q_target, rng.normal(size=n), dones


def cases(rng):
    return [
        Case(_batch(rng, 4, 3), name="random batch, 3 actions"),
        Case(_batch(rng, 32, 6), {"gamma": 0.9}, name="batch of 32, 6 actions, gamma 0.9"),
        Case((np.array([[1.0, 5.0, 2.0]]), np.array([[3.0, 0.5, 4.0]]), np.array([1.0]), np.array([False])),
             {"gamma": 0.5}, name="the networks disagree on the best action"),
        Case((np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([[4.0, 3.0], [2.0, 8.0]]), np.array([0.5, -1.0]),
              np.array([True, True])), name="every transition ends its episode"),
    ]


def _vanilla_dqn(q_online_next, q_target_next, rewards, dones, gamma=0.99):
    return np.asarray(rewards) + gamma * (1 - np.asarray(dones, dtype=float)) * np.max(q_target_next, axis=1)


def _swapped(q_online_next, q_target_next, rewards, dones, gamma=0.99):
    return double_dqn_targets(q_target_next, q_online_next, rewards, dones, gamma)


def _no_cutoff(q_online_next, q_target_next, rewards, dones, gamma=0.99):
    return double_dqn_targets(q_online_next, q_target_next, rewards, np.zeros(len(rewards)), gamma)


MISTAKES = {
    "max-of-the-target-network": _vanilla_dqn,
    "networks-swapped": _swapped,
    "no-terminal-cutoff": _no_cutoff,
}
