"""Discounted returns (reward-to-go) over a rollout of several episodes: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def discounted_returns(rewards, dones, gamma=0.99):
    """G_t = r_t + gamma * (1 - done_t) * G_{t+1}, computed backward, with G_T = 0 after the last step."""
    r = np.asarray(rewards, dtype=np.float64)
    d = np.asarray(dones, dtype=bool)
    out = np.zeros_like(r)
    running = 0.0
    for t in range(r.size - 1, -1, -1):
        running = r[t] + gamma * (0.0 if d[t] else running)
        out[t] = running
    return out


def _dones(rng, n, k):
    d = np.zeros(n, dtype=bool)
    d[rng.choice(n - 1, size=k, replace=False)] = True
    return d


def cases(rng):
    n = 12
    return [
        Case((rng.normal(size=8), np.zeros(8, dtype=bool)), {"gamma": 0.9}, name="one unfinished episode"),
        Case((rng.normal(size=n), _dones(rng, n, 2)), {"gamma": 0.95}, name="three episodes in one rollout"),
        Case((rng.integers(0, 3, size=10).astype(float), _dones(rng, 10, 3)), name="default gamma, episodes end"),
        Case((np.array([0.0, 0.0, 1.0, 0.0, 0.0, 1.0]), np.array([False, False, True, False, False, True])),
             {"gamma": 0.5}, name="reward only at each episode's end"),
        Case((np.array([1.0, 2.0, 3.0, 4.0]), np.array([False, True, False, False])), {"gamma": 1.0},
             name="gamma = 1 (plain sums per episode)"),
        Case((np.array([1.0, -2.0, 3.0]), np.array([False, False, False])), {"gamma": 0.0},
             name="gamma = 0 (returns are the rewards)"),
        Case((np.array([5.0]), np.array([True])), {"gamma": 0.9}, name="single terminal step"),
    ]


def _no_cutoff(rewards, dones, gamma=0.99):
    out = np.zeros(len(rewards))
    running = 0.0
    for t in reversed(range(len(rewards))):
        running = rewards[t] + gamma * running
        out[t] = running
    return out


def _discounts_first_reward(rewards, dones, gamma=0.99):
    out = np.zeros(len(rewards))
    running = 0.0
    for t in reversed(range(len(rewards))):
        if dones[t]:
            running = 0.0
        running = gamma * (rewards[t] + running)
        out[t] = running
    return out


def _discount_from_episode_start(rewards, dones, gamma=0.99):
    # weights gamma**k counted from the start of each episode, then a reversed cumulative sum
    out = np.zeros(len(rewards))
    start = 0
    for end in list(np.flatnonzero(dones) + 1) + [len(rewards)]:
        if end <= start:
            continue
        seg = np.asarray(rewards[start:end], dtype=float) * gamma ** np.arange(end - start)
        out[start:end] = np.cumsum(seg[::-1])[::-1]
        start = end
    return out


MISTAKES = {
    "no-terminal-cutoff": _no_cutoff,
    "discounts-the-first-reward": _discounts_first_reward,
    "discount-from-episode-start": _discount_from_episode_start,
}
