"""KL(N(mu, diag sigma^2) || N(0, I)) (Kingma & Welling 2014, Appendix B): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def gaussian_kl_standard_normal(mu, log_var):
    """-1/2 * sum_j (1 + log_var_j - mu_j^2 - exp(log_var_j)) over the last axis; shape (...,)."""
    mu = np.asarray(mu, dtype=np.float64)
    log_var = np.asarray(log_var, dtype=np.float64)
    return -0.5 * np.sum(1.0 + log_var - mu * mu - np.exp(log_var), axis=-1)


def cases(rng):
    return [
        Case((rng.normal(size=4), rng.normal(size=4)), name="one latent vector"),
        Case((rng.normal(size=(5, 3)), rng.normal(size=(5, 3)) * 0.7), name="batch (5, 3)"),
        Case((rng.normal(size=(2, 4, 6)), rng.normal(size=(2, 4, 6))), name="batch (2, 4, 6)"),
        Case((np.zeros((2, 3)), np.zeros((2, 3))), name="the prior itself: KL = 0"),
        Case((rng.normal(size=(3, 4)) * 2, np.zeros((3, 4))), name="sigma = 1: only the means differ"),
        Case((np.zeros((2, 5)), rng.normal(size=(2, 5)) * 2), name="mu = 0: only the variances differ"),
        Case((rng.normal(size=(4, 1)), rng.normal(size=(4, 1))), name="one latent dimension"),
        Case((rng.normal(size=(2, 3)), np.array([[-20.0, 8.0, 0.5], [12.0, -3.0, 0.0]])),
             name="extreme log-variances"),
    ]


def _missing_half(mu, log_var):
    return -np.sum(1 + log_var - mu**2 - np.exp(log_var), axis=-1)


def _sign_error(mu, log_var):
    return 0.5 * np.sum(1 + log_var - mu**2 - np.exp(log_var), axis=-1)


def _std_instead_of_var(mu, log_var):
    return -0.5 * np.sum(1 + log_var - mu**2 - np.exp(0.5 * log_var), axis=-1)


def _log_std_instead_of_log_var(mu, log_var):
    return -0.5 * np.sum(1 + 0.5 * log_var - mu**2 - np.exp(log_var), axis=-1)


def _mean_not_sum(mu, log_var):
    return -0.5 * np.mean(1 + log_var - mu**2 - np.exp(log_var), axis=-1)


MISTAKES = {
    "missing-half": _missing_half,
    "sign-error": _sign_error,
    "std-instead-of-var": [_std_instead_of_var, _log_std_instead_of_log_var],
    "mean-not-sum": _mean_not_sum,
}
