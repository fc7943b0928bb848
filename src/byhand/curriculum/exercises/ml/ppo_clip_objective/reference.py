"""PPO's clipped surrogate objective: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def ppo_clip_objective(logp_new, logp_old, advantages, clip_eps=0.2):
    """mean_t min(rho_t A_t, clip(rho_t, 1 - eps, 1 + eps) A_t), rho_t = exp(logp_new_t - logp_old_t)."""
    lp_new = np.asarray(logp_new, dtype=np.float64)
    lp_old = np.asarray(logp_old, dtype=np.float64)
    adv = np.asarray(advantages, dtype=np.float64)
    ratio = np.exp(lp_new - lp_old)
    unclipped = ratio * adv
    clipped = np.clip(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * adv
    return np.float64(np.mean(np.minimum(unclipped, clipped)))


def _batch(rng, n, spread):
    lp_old = np.log(rng.uniform(0.05, 0.9, size=n))
    return lp_old + rng.normal(size=n) * spread, lp_old, rng.normal(size=n)


def cases(rng):
    # the four regions of the objective, one step each: ratio 1.5 or 0.6, advantage + or -
    ratio = np.array([1.5, 1.5, 0.6, 0.6])
    lp_old = np.log(np.array([0.2, 0.4, 0.5, 0.3]))
    return [
        Case(_batch(rng, 5, 0.1), name="small policy change"),
        Case(_batch(rng, 40, 0.5), {"clip_eps": 0.1}, name="large policy change, eps = 0.1"),
        Case((lp_old + np.log(ratio), lp_old, np.array([2.0, -2.0, 2.0, -2.0])), name="ratio outside the clip range, both signs"),
        Case((np.log(np.array([0.3, 0.6])), np.log(np.array([0.3, 0.6])), np.array([1.5, -0.5])),
             name="the first epoch (new policy = old policy)"),
        Case((np.log(np.array([0.9])), np.log(np.array([0.3])), np.array([1.0])), {"clip_eps": 0.3},
             name="one step, ratio 3, eps = 0.3"),
    ]


def _no_min(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(np.asarray(logp_new) - np.asarray(logp_old))
    return np.mean(np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * advantages)


def _max(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.exp(np.asarray(logp_new) - np.asarray(logp_old))
    return np.mean(np.maximum(ratio * advantages, np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * advantages))


def _log_ratio(logp_new, logp_old, advantages, clip_eps=0.2):
    ratio = np.asarray(logp_new) - np.asarray(logp_old)
    return np.mean(np.minimum(ratio * advantages, np.clip(ratio, 1 - clip_eps, 1 + clip_eps) * advantages))


def _inverted(logp_new, logp_old, advantages, clip_eps=0.2):
    return ppo_clip_objective(logp_old, logp_new, advantages, clip_eps)


MISTAKES = {
    "clip-without-the-min": _no_min,
    "max-instead-of-min": _max,
    "ratio-not-exponentiated": _log_ratio,
    "ratio-inverted": _inverted,
}
