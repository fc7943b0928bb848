"""A VAE's negative ELBO with a Gaussian decoder of fixed variance (Kingma & Welling 2014, eq. 10):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case

_LOG_2PI = np.log(2 * np.pi)


def gaussian_elbo(x, x_recon_mean, mu, log_var, recon_var=1.0):
    """-log N(x; x_recon_mean, recon_var * I) summed over the last axis of x, plus
    KL(N(mu, diag exp(log_var)) || N(0, I)) summed over the last axis of mu; shape (...,)."""
    x = np.asarray(x, dtype=np.float64)
    xr = np.asarray(x_recon_mean, dtype=np.float64)
    mu = np.asarray(mu, dtype=np.float64)
    log_var = np.asarray(log_var, dtype=np.float64)
    d = x.shape[-1]
    nll = 0.5 * np.sum((x - xr) ** 2, axis=-1) / recon_var + 0.5 * d * (_LOG_2PI + np.log(recon_var))
    kl = -0.5 * np.sum(1.0 + log_var - mu * mu - np.exp(log_var), axis=-1)
    return nll + kl


def cases(rng):
    def case(lead, d, k, name, **kwargs):
        x = rng.normal(size=lead + (d,))
        xr = x + rng.normal(size=lead + (d,)) * 0.5
        return Case((x, xr, rng.normal(size=lead + (k,)), rng.normal(size=lead + (k,)) * 0.8), kwargs, name=name)

    return [
        case((), 6, 3, "one example (D = 6, J = 3)"),
        case((4,), 8, 2, "batch of 4"),
        case((2, 3), 5, 4, "batch (2, 3)"),
        case((3,), 4, 4, "recon_var = 0.1", recon_var=0.1),
        case((2,), 7, 3, "recon_var = 2.5", recon_var=2.5),
        case((5,), 1, 1, "one pixel, one latent"),
        Case((np.ones((2, 3)), np.ones((2, 3)), np.zeros((2, 2)), np.zeros((2, 2))),
             name="perfect reconstruction, posterior = prior"),
        Case((np.zeros((2, 4)), np.zeros((2, 4)), np.zeros((2, 3)), np.zeros((2, 3))), {"recon_var": 1.0 / (2 * np.pi)},
             name="recon_var = 1/(2 pi): the constant vanishes"),
    ]


def _kl(mu, log_var):
    return -0.5 * np.sum(1 + log_var - mu**2 - np.exp(log_var), axis=-1)


def _no_constant(x, x_recon_mean, mu, log_var, recon_var=1.0):
    return 0.5 * np.sum((x - x_recon_mean) ** 2, axis=-1) / recon_var + _kl(mu, log_var)


def _no_log_2pi(x, x_recon_mean, mu, log_var, recon_var=1.0):
    d = x.shape[-1]
    return 0.5 * np.sum((x - x_recon_mean) ** 2, axis=-1) / recon_var + 0.5 * d * np.log(recon_var) + _kl(mu, log_var)


def _nll(x, x_recon_mean, recon_var):
    d = x.shape[-1]
    return 0.5 * np.sum((x - x_recon_mean) ** 2, axis=-1) / recon_var + 0.5 * d * np.log(2 * np.pi * recon_var)


def _no_kl(x, x_recon_mean, mu, log_var, recon_var=1.0):
    return _nll(x, x_recon_mean, recon_var)


def _kl_wrong_sign(x, x_recon_mean, mu, log_var, recon_var=1.0):
    return _nll(x, x_recon_mean, recon_var) - _kl(mu, log_var)


def _recon_var_as_std(x, x_recon_mean, mu, log_var, recon_var=1.0):
    sigma = recon_var  # e.g. gaussian_log_pdf(x, x_recon_mean, recon_var)
    log_pdf = -0.5 * ((x - x_recon_mean) / sigma) ** 2 - np.log(sigma) - 0.5 * np.log(2 * np.pi)
    return -np.sum(log_pdf, axis=-1) + _kl(mu, log_var)


MISTAKES = {
    "no-constant": [_no_constant, _no_log_2pi],
    "no-kl": _no_kl,
    "kl-wrong-sign": _kl_wrong_sign,
    "recon-var-as-std": _recon_var_as_std,
}
