"""The ELBO and the importance-weighted bound (Burda et al. 2016) from K log-weights:
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def iwae_bound(log_w):
    """log_w[..., k] = log p(x, z_k) - log q(z_k | x) for K samples z_k ~ q(z | x), along the last axis.
    Returns (mean_k log w_k, log (1/K) sum_k w_k): the ELBO estimate and the IWAE bound, shape (...)."""
    log_w = np.asarray(log_w, dtype=np.float64)
    elbo = np.mean(log_w, axis=-1)
    m = np.max(log_w, axis=-1)
    iwae = m + np.log(np.mean(np.exp(log_w - m[..., None]), axis=-1))
    return elbo, iwae


def cases(rng):
    return [
        Case((rng.normal(size=5) * 2 - 90,), name="K = 5 samples"),
        Case((rng.normal(size=(4, 10)) * 1.5 - 120,), name="batch of 4 examples, K = 10"),
        Case((rng.normal(size=(3, 3)) * 2 - 50,), name="3 examples, K = 3"),
        Case((rng.normal(size=(2, 1)) - 80,), name="K = 1: both bounds agree"),
        Case((np.full((2, 4), -73.5),), name="equal weights: equality in Jensen's inequality"),
        Case((rng.normal(size=6) * 3 - 1500,), name="log-weights near -1500 (a large image)"),
        Case((np.array([-100.0, -130.0, -160.0, -190.0]),), name="one sample dominates"),
    ]


def _mean_of_log(log_w):
    e = np.mean(log_w, axis=-1)
    return e, e


def _no_log_k(log_w):
    m = np.max(log_w, axis=-1, keepdims=True)
    return np.mean(log_w, axis=-1), m[..., 0] + np.log(np.sum(np.exp(log_w - m), axis=-1))


def _no_max_shift(log_w):
    return np.mean(log_w, axis=-1), np.log(np.mean(np.exp(log_w), axis=-1))


def _axis0(log_w):
    log_w = np.asarray(log_w)
    m = np.max(log_w, axis=0)
    return np.mean(log_w, axis=-1), m + np.log(np.mean(np.exp(log_w - m), axis=0))


MISTAKES = {
    "mean-of-log-weights": _mean_of_log,
    "sum-instead-of-mean": _no_log_k,
    "no-max-shift": _no_max_shift,
    "wrong-axis": _axis0,
}
