"""The reparameterization trick (Kingma & Welling 2014, section 2.4): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def reparameterize(mu, log_var, eps):
    """z = mu + sigma * eps with sigma = exp(log_var / 2); eps ~ N(0, I) is given, broadcasting."""
    mu = np.asarray(mu, dtype=np.float64)
    log_var = np.asarray(log_var, dtype=np.float64)
    return mu + np.exp(0.5 * log_var) * np.asarray(eps, dtype=np.float64)


def cases(rng):
    return [
        Case((rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)), name="one latent vector"),
        Case((rng.normal(size=(3, 5)), rng.normal(size=(3, 5)) * 2, rng.normal(size=(3, 5))),
             name="batch (3, 5)"),
        Case((rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(4, 2, 3))),
             name="4 samples per example: eps (4, 2, 3)"),
        Case((rng.normal(size=3), np.zeros(3), rng.normal(size=3)), name="log_var = 0 (sigma = 1)"),
        Case((rng.normal(size=3), np.full(3, -30.0), rng.normal(size=3)), name="very confident (log_var = -30)"),
        Case((rng.normal(size=4), rng.normal(size=4) * 0.5 + 6.0, rng.normal(size=4)), name="large variance (log_var ~ 6)"),
        Case((rng.normal(size=(2, 2)), rng.normal(size=(2, 2)), np.zeros((2, 2))), name="eps = 0: z = mu"),
        Case((np.array(0.5), np.array(-1.2), np.array(1.7)), name="scalars"),
    ]


def _exp_log_var_as_std(mu, log_var, eps):
    return mu + np.exp(log_var) * eps


def _log_var_as_std(mu, log_var, eps):
    return mu + log_var * eps


def _half_outside_exp(mu, log_var, eps):
    return mu + 0.5 * np.exp(log_var) * eps


MISTAKES = {
    "exp-log-var-as-std": _exp_log_var_as_std,
    "log-var-as-std": _log_var_as_std,
    "half-outside-exp": _half_outside_exp,
}
