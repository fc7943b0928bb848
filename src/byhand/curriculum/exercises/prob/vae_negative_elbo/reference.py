"""The variational auto-encoder's per-example loss (Kingma & Welling 2014, eq. 10 with the Gaussian MLPs
of Appendix C.2, one sample): the reference, its cases and its known mistakes.  The learner composes
their own reparameterize and gaussian_elbo; the reference composes those exercises' references."""

import numpy as np

from byhand import Case


def _block(exercise_id):
    from byhand.content.loader import load_exercise

    return load_exercise(exercise_id).reference


def _encode(x, W_h, b_h, W_mu, b_mu, W_lv, b_lv):
    h = np.tanh(np.asarray(x, dtype=np.float64) @ W_h + b_h)
    return h @ W_mu + b_mu, h @ W_lv + b_lv


def _decode(z, W_d, b_d, W_out, b_out):
    return np.tanh(z @ W_d + b_d) @ W_out + b_out


def vae_negative_elbo(x, eps, W_h, b_h, W_mu, b_mu, W_lv, b_lv, W_d, b_d, W_out, b_out, recon_var=1.0):
    """Encoder h = tanh(x W_h + b_h), mu = h W_mu + b_mu, log_var = h W_lv + b_lv; z = mu + exp(log_var/2) eps;
    decoder mean = tanh(z W_d + b_d) W_out + b_out; returns -ELBO per example,
    -log N(x; mean, recon_var I) + KL(N(mu, diag exp(log_var)) || N(0, I)), shape (N,)."""
    mu, log_var = _encode(x, W_h, b_h, W_mu, b_mu, W_lv, b_lv)
    z = _block("reparameterize")(mu, log_var, eps)
    return _block("gaussian_elbo")(x, _decode(z, W_d, b_d, W_out, b_out), mu, log_var, recon_var=recon_var)


def _weights(rng, d, hidden, j):
    def layer(n_in, n_out):
        return rng.normal(size=(n_in, n_out)) / np.sqrt(n_in), 0.3 * rng.normal(size=n_out)

    return (*layer(d, hidden), *layer(hidden, j), *layer(hidden, j), *layer(j, hidden), *layer(hidden, d))


def cases(rng):
    def case(n, d, hidden, j, name, eps=None, **kwargs):
        x = rng.normal(size=(n, d))
        e = rng.normal(size=(n, j)) if eps is None else eps
        return Case((x, e, *_weights(rng, d, hidden, j)), kwargs, name=name)

    return [
        case(4, 5, 6, 2, "N = 4, D = 5, hidden 6, J = 2"),
        case(1, 3, 4, 2, "one example"),
        case(3, 4, 5, 3, "recon_var = 0.5", recon_var=0.5),
        case(2, 6, 8, 1, "one latent dimension (J = 1)"),
        case(3, 4, 6, 2, "eps = 0: z is the mean", eps=np.zeros((3, 2))),
        case(5, 8, 10, 4, "larger model, recon_var = 2", recon_var=2.0),
    ]


# --- known mistakes ----------------------------------------------------------

def _decode_mean(x, eps, W_h, b_h, W_mu, b_mu, W_lv, b_lv, W_d, b_d, W_out, b_out, recon_var=1.0):
    mu, log_var = _encode(x, W_h, b_h, W_mu, b_mu, W_lv, b_lv)
    return _block("gaussian_elbo")(x, _decode(mu, W_d, b_d, W_out, b_out), mu, log_var, recon_var=recon_var)


def _elbo_sign(x, eps, W_h, b_h, W_mu, b_mu, W_lv, b_lv, W_d, b_d, W_out, b_out, recon_var=1.0):
    return -vae_negative_elbo(x, eps, W_h, b_h, W_mu, b_mu, W_lv, b_lv, W_d, b_d, W_out, b_out, recon_var)


def _activation_on_heads(x, eps, W_h, b_h, W_mu, b_mu, W_lv, b_lv, W_d, b_d, W_out, b_out, recon_var=1.0):
    mu, log_var = (np.tanh(v) for v in _encode(x, W_h, b_h, W_mu, b_mu, W_lv, b_lv))
    z = _block("reparameterize")(mu, log_var, eps)
    return _block("gaussian_elbo")(x, _decode(z, W_d, b_d, W_out, b_out), mu, log_var, recon_var=recon_var)


MISTAKES = {
    "decodes-the-mean": _decode_mean,
    "elbo-sign": _elbo_sign,
    "activation-on-heads": _activation_on_heads,
}
