"""Viterbi decoding of a hidden Markov model in log space: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def viterbi(log_init, log_trans, log_emit, observations):
    """The most likely state path argmax_z log p(z, x) of an HMM with
    log p(z_0 = i) = log_init[i], log p(z_t = j | z_{t-1} = i) = log_trans[i, j],
    log p(x_t = o | z_t = i) = log_emit[i, o]; ties go to the lower state index."""
    log_init = np.asarray(log_init, dtype=np.float64)
    log_trans = np.asarray(log_trans, dtype=np.float64)
    log_emit = np.asarray(log_emit, dtype=np.float64)
    obs = np.asarray(observations)
    T, S = len(obs), len(log_init)
    delta = log_init + log_emit[:, obs[0]]
    back = np.zeros((T, S), dtype=np.int64)
    for t in range(1, T):
        scores = delta[:, None] + log_trans  # scores[i, j]: come from i, go to j
        back[t] = np.argmax(scores, axis=0)
        delta = scores[back[t], np.arange(S)] + log_emit[:, obs[t]]
    path = np.zeros(T, dtype=np.int64)
    path[-1] = np.argmax(delta)
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _hmm(rng, S, V, T, stay=None, sharp=1.0, flat=0.0):
    """A random HMM and a sequence drawn from it; ``flat`` mixes that much of
    the uniform distribution into every row (bounding each probability)."""
    init = rng.dirichlet(np.ones(S))
    trans = rng.dirichlet(np.ones(S) * sharp, size=S)
    if stay is not None:
        trans = (1 - stay) * trans + stay * np.eye(S)
    emit = rng.dirichlet(np.ones(V) * sharp, size=S)
    trans = (1 - flat) * trans + flat / S
    emit = (1 - flat) * emit + flat / V
    z = [rng.choice(S, p=init)]
    for _ in range(T - 1):
        z.append(rng.choice(S, p=trans[z[-1]]))
    obs = np.array([rng.choice(V, p=emit[s]) for s in z], dtype=np.int64)
    return np.log(init), np.log(trans), np.log(emit), obs


def cases(rng):
    # the casino: a fair die (0) and a loaded one (1) that rolls a six (5) half the time
    init = np.log([0.5, 0.5])
    trans = np.log([[0.95, 0.05], [0.1, 0.9]])
    emit = np.log([[1 / 6] * 6, [0.1] * 5 + [0.5]])
    rolls = np.array([0, 3, 5, 5, 2, 5, 5, 5, 1, 5, 4, 2, 0, 3, 1, 2, 4, 0], dtype=np.int64)
    # at t = 1 state 1 has the larger delta (0.056 against 0.049), but the best path,
    # 0 -> 0 -> 1 with probability 0.03136, passes through state 0 there
    g_args = (np.log([0.5, 0.5]), np.log([[0.2, 0.8], [0.6, 0.4]]), np.log([[0.3, 0.7], [0.8, 0.2]]),
              np.array([1, 1, 0], dtype=np.int64))
    # one observation: the prior prefers state 0 (0.6), the emission state 1 (0.4 * 0.9 > 0.6 * 0.1)
    one_args = (np.log([0.6, 0.4]), np.log([[0.7, 0.3], [0.3, 0.7]]), np.log([[0.1, 0.9], [0.9, 0.1]]),
                np.array([0], dtype=np.int64))
    return [
        Case(_hmm(rng, 3, 4, 10), name="random HMM, 3 states, T = 10"),
        Case(_hmm(rng, 4, 6, 40, stay=0.6), name="random sticky HMM, 4 states, T = 40"),
        Case(_hmm(rng, 5, 3, 25, sharp=0.5), name="random, 5 states"),
        Case(_hmm(rng, 2, 2, 12), name="random, 2 states"),
        Case((init, trans, emit, rolls), name="the occasionally dishonest casino"),
        Case(g_args, name="the best path is not the stepwise best"),
        Case(one_args, name="T = 1: the first observation counts"),
        Case(_hmm(rng, 3, 4, 1), name="T = 1 (the best first state)"),
        Case(_hmm(rng, 1, 3, 6), name="one state"),
        Case(_underflowing(rng), name="long sequence, T = 500 (probabilities underflow)"),
    ]


def _underflowing(rng):
    """A long sequence whose every path has probability 0 in float64, and whose
    best path does not end in state 0 (where a decoder that underflowed, all
    scores 0, ends): whatever the draw."""
    log_init, log_trans, log_emit, obs = _hmm(rng, 3, 5, 500, flat=0.8)
    # transitions are at most 0.2 + 0.8/3; state 0 all but never emits symbol 4, its mass
    # going to the others (then at most 0.36 + 0.36/4), the rest at most 0.2 + 0.8/5: every
    # path is below (7/15 * 0.45)^499 < 1e-330, and the smallest double is 5e-324
    emit = np.exp(log_emit)
    emit[0, :4] += emit[0, 4] / 4
    emit[0, 4] = 1e-3
    emit[0] /= emit[0].sum()
    obs[-1] = 4  # state 0 scores log(1e-3) there, 5 below any other state; transitions differ by < 0.6
    return log_init, log_trans, np.log(emit), obs


# --- known mistakes ----------------------------------------------------------

def _greedy_delta(log_init, log_trans, log_emit, observations):
    # runs the recursion but reads off argmax delta_t at every step, without backtracking
    delta = log_init + log_emit[:, observations[0]]
    path = [np.argmax(delta)]
    for o in observations[1:]:
        delta = np.max(delta[:, None] + log_trans, axis=0) + log_emit[:, o]
        path.append(np.argmax(delta))
    return np.array(path)


def _greedy_local(log_init, log_trans, log_emit, observations):
    path = [np.argmax(log_init + log_emit[:, observations[0]])]
    for o in observations[1:]:
        path.append(np.argmax(log_trans[path[-1]] + log_emit[:, o]))
    return np.array(path)


def _transposed_trans(log_init, log_trans, log_emit, observations):
    T, S = len(observations), len(log_init)
    delta = log_init + log_emit[:, observations[0]]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[None, :] + log_trans  # scores[j, i] = delta[i] + log_trans[j, i]
        back[t] = np.argmax(scores, axis=1)
        delta = np.max(scores, axis=1) + log_emit[:, observations[t]]
    path = np.zeros(T, dtype=int)
    path[-1] = np.argmax(delta)
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _init_without_emission(log_init, log_trans, log_emit, observations):
    T, S = len(observations), len(log_init)
    delta = log_init.copy()  # the first observation is never scored
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] + log_trans
        back[t] = np.argmax(scores, axis=0)
        delta = np.max(scores, axis=0) + log_emit[:, observations[t]]
    path = np.zeros(T, dtype=int)
    path[-1] = np.argmax(delta)
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _probability_space(log_init, log_trans, log_emit, observations):
    pi, A, B = np.exp(log_init), np.exp(log_trans), np.exp(log_emit)
    T, S = len(observations), len(pi)
    delta = pi * B[:, observations[0]]
    back = np.zeros((T, S), dtype=int)
    for t in range(1, T):
        scores = delta[:, None] * A
        back[t] = np.argmax(scores, axis=0)
        delta = np.max(scores, axis=0) * B[:, observations[t]]
    path = np.zeros(T, dtype=int)
    path[-1] = np.argmax(delta)
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


MISTAKES = {
    "greedy-decoding": [_greedy_delta, _greedy_local],
    "transposed-transitions": _transposed_trans,
    "first-emission-missing": _init_without_emission,
    "probability-space-underflow": _probability_space,
}
