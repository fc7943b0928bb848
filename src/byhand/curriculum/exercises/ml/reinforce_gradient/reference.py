"""REINFORCE with a baseline for a tabular softmax policy: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _softmax_rows(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def reinforce_gradient(logits, states, actions, returns, baselines):
    """(1/N) sum_t (G_t - b_t) grad log pi(a_t | s_t), where grad_theta[s_t] log softmax(theta[s_t])[a_t] = onehot(a_t) - pi(. | s_t)."""
    theta = np.asarray(logits, dtype=np.float64)
    states, actions = np.asarray(states), np.asarray(actions)
    adv = np.asarray(returns, dtype=np.float64) - np.asarray(baselines, dtype=np.float64)
    grad = np.zeros_like(theta)
    pi = _softmax_rows(theta)
    for s, a, A in zip(states, actions, adv):
        g = -pi[s]
        g[a] += 1.0
        grad[s] += A * g
    return grad / len(adv)


def _batch(rng, S, A, n):
    G = rng.normal(size=n) * 2 + 1
    return rng.integers(0, S, size=n), rng.integers(0, A, size=n), G, G + rng.normal(size=n)


def cases(rng):
    return [
        Case((rng.normal(size=(2, 3)), *_batch(rng, 2, 3, 4)), name="random batch, 2 states, 3 actions"),
        Case((rng.normal(size=(4, 5)) * 2, *_batch(rng, 4, 5, 30)), name="random batch, 4 states, 5 actions"),
        Case((np.array([[0.0, 1.0, -1.0]]), np.array([0]), np.array([2]), np.array([3.0]), np.array([1.0])),
             name="one step, return above the baseline"),
        Case((np.array([[2.0, 0.0], [0.0, 0.0]]), np.array([0, 0, 1]), np.array([1, 0, 0]),
              np.array([1.0, -2.0, 0.5]), np.array([1.0, -2.0, 0.5])), name="baseline equals the return (no signal)"),
        Case((np.array([[1000.0, 999.0, 0.0], [0.0, 0.0, 0.0]]), np.array([0, 0]), np.array([1, 2]),
              np.array([2.0, -1.0]), np.array([0.0, 0.0])), name="huge logits, one state never visited"),
    ]


def _onehot_only(logits, states, actions, returns, baselines):
    grad = np.zeros(np.shape(logits))
    for s, a, G, b in zip(states, actions, returns, baselines):
        grad[s, a] += G - b
    return grad / len(returns)


def _only_taken_logit(logits, states, actions, returns, baselines):
    pi = _softmax_rows(np.asarray(logits, dtype=float))
    grad = np.zeros(np.shape(logits))
    for s, a, G, b in zip(states, actions, returns, baselines):
        grad[s, a] += (G - b) * (1 - pi[s, a])
    return grad / len(returns)


def _flipped_advantage(logits, states, actions, returns, baselines):
    return reinforce_gradient(logits, states, actions, np.asarray(baselines), np.asarray(returns))


def _no_baseline(logits, states, actions, returns, baselines):
    return reinforce_gradient(logits, states, actions, returns, np.zeros(len(returns)))


MISTAKES = {
    "score-without-the-softmax-term": _onehot_only,
    "only-the-taken-logit": _only_taken_logit,
    "advantage-sign": _flipped_advantage,
    "baseline-ignored": _no_baseline,
}
