"""Beta-Binomial conjugate update: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def beta_binomial_posterior(alpha, beta, k, n):
    """Prior Beta(alpha, beta), k successes in n trials -> posterior Beta(alpha + k, beta + n - k);
    returns (alpha_post, beta_post, posterior mean, MAP estimate), elementwise, broadcasting."""
    alpha = np.asarray(alpha, dtype=np.float64)
    beta = np.asarray(beta, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    a_post = alpha + k
    b_post = beta + n - k
    mean = a_post / (a_post + b_post)
    mode = (a_post - 1.0) / (a_post + b_post - 2.0)
    return a_post, b_post, mean, mode


def cases(rng):
    n = int(rng.integers(8, 30))
    a, b = rng.uniform(1.5, 6.0, size=2)
    return [
        Case((float(a), float(b), int(rng.integers(1, n)), n), name="random prior and data"),
        Case((2.0, 3.0, np.arange(n + 1), n), name="every k from 0 to n"),
        Case((rng.uniform(1.2, 5.0, size=4), rng.uniform(1.2, 5.0, size=4), np.array([0, 3, 7, 10]), 10),
             name="4 priors, 4 data sets"),
        Case((1.0, 1.0, np.array([0, 3, 10]), 10), name="uniform prior Beta(1, 1)"),
        Case((1.0, 1.0, np.array([0, 1]), 1), name="uniform prior, one trial"),
        Case((50.0, 50.0, np.array([0, 4]), 4), name="strong prior, little data"),
        Case((3.0, 2.0, 0, 0), name="no data: the posterior is the prior"),
        Case((2.0, 2.0, 7_000, 10_000), name="many trials: close to the MLE"),
    ]


def _trials_not_failures(alpha, beta, k, n):
    a_post, b_post = alpha + k, beta + n
    return a_post, b_post, a_post / (a_post + b_post), (a_post - 1) / (a_post + b_post - 2)


def _swapped(alpha, beta, k, n):
    a_post, b_post = alpha + (n - k), beta + k
    return a_post, b_post, a_post / (a_post + b_post), (a_post - 1) / (a_post + b_post - 2)


def _map_is_mean(alpha, beta, k, n):
    a_post, b_post = alpha + k, beta + (n - k)
    mean = a_post / (a_post + b_post)
    return a_post, b_post, mean, mean


def _map_is_mle(alpha, beta, k, n):
    a_post, b_post = alpha + k, beta + (n - k)
    return a_post, b_post, a_post / (a_post + b_post), np.asarray(k) / n


MISTAKES = {
    "adds-trials-not-failures": _trials_not_failures,
    "successes-and-failures-swapped": _swapped,
    "map-is-posterior-mean": _map_is_mean,
    "map-ignores-prior": _map_is_mle,
}
