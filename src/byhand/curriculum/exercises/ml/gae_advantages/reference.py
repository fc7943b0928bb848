"""Generalized advantage estimation over a rollout of several episodes: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gae_advantages(rewards, values, dones, gamma=0.99, lam=0.95):
    """delta_t = r_t + gamma (1 - d_t) V_{t+1} - V_t;  A_t = delta_t + gamma lam (1 - d_t) A_{t+1}, A_T = 0.
    values has T + 1 entries: V(s_0), ..., V(s_T), the last one the bootstrap value after the rollout."""
    r = np.asarray(rewards, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    d = np.asarray(dones, dtype=bool)
    adv = np.zeros_like(r)
    running = 0.0
    for t in range(r.size - 1, -1, -1):
        keep = 0.0 if d[t] else 1.0
        delta = r[t] + gamma * keep * v[t + 1] - v[t]
        running = delta + gamma * lam * keep * running
        adv[t] = running
    return adv


def _dones(rng, n, k):
    """k episode ends at random steps, never the last one (the rollout's last episode is unfinished)."""
    return np.isin(np.arange(n), rng.choice(n - 1, size=k, replace=False))


def cases(rng):
    return [
        Case((rng.normal(size=6), rng.normal(size=7), np.zeros(6, dtype=bool)), {"gamma": 0.9, "lam": 0.8},
             name="one unfinished episode"),
        Case((rng.normal(size=12), rng.normal(size=13) * 2, _dones(rng, 12, 2)), name="three episodes, default gamma and lambda"),
        Case((rng.normal(size=8), rng.normal(size=9), _dones(rng, 8, 1)), {"gamma": 0.95, "lam": 1.0},
             name="lambda = 1 (return minus value)"),
        Case((rng.normal(size=5), rng.normal(size=6), _dones(rng, 5, 1)), {"gamma": 0.9, "lam": 0.0},
             name="lambda = 0 (the TD errors)"),
        Case((np.array([1.0, 1.0, 1.0, 1.0]), np.array([2.0, 2.0, 2.0, 2.0, 2.0]),
              np.array([False, True, False, False])), {"gamma": 0.5, "lam": 0.5}, name="constant rewards and values"),
        Case((np.array([0.0, 0.0]), np.array([0.0, 0.0, 10.0]), np.array([False, False])), {"gamma": 0.9, "lam": 0.9},
             name="all the signal in the bootstrap value"),
    ]


def _gae(r, v, d, gamma, lam, cut_delta=True, cut_trace=True, decay=None, sign=1.0):
    adv = np.zeros(len(r))
    running = 0.0
    for t in reversed(range(len(r))):
        done = float(d[t])
        delta = r[t] + gamma * (1 - done if cut_delta else 1.0) * v[t + 1] - v[t]
        step = gamma * lam if decay is None else decay
        running = sign * delta + step * (1 - done if cut_trace else 1.0) * running
        adv[t] = running
    return adv


def _no_cutoff(rewards, values, dones, gamma=0.99, lam=0.95):
    return _gae(rewards, values, dones, gamma, lam, cut_delta=False, cut_trace=False)


def _trace_leaks(rewards, values, dones, gamma=0.99, lam=0.95):
    return _gae(rewards, values, dones, gamma, lam, cut_trace=False)


def _lambda_only(rewards, values, dones, gamma=0.99, lam=0.95):
    return _gae(rewards, values, dones, gamma, lam, decay=lam)


def _flipped_delta(rewards, values, dones, gamma=0.99, lam=0.95):
    return _gae(rewards, values, dones, gamma, lam, sign=-1.0)


MISTAKES = {
    "no-terminal-cutoff": _no_cutoff,
    "advantage-leaks-across-episodes": _trace_leaks,
    "decays-by-lambda-only": _lambda_only,
    "td-error-sign": _flipped_delta,
}
