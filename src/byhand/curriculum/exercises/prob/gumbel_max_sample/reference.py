"""Gumbel-max sampling and its Gumbel-softmax relaxation (Jang et al. 2017; Maddison et al. 2017):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def gumbel_max_sample(logits, u, tau=1.0):
    """g = -log(-log u) turns uniforms u into standard Gumbel noise.  Returns the index argmax(logits + g), an exact
    sample of softmax(logits), and the relaxed sample softmax((logits + g) / tau), along the last axis."""
    logits = np.asarray(logits, dtype=np.float64)
    g = -np.log(-np.log(np.asarray(u, dtype=np.float64)))
    scores = logits + g
    return np.argmax(scores, axis=-1), _softmax(scores / tau)


def cases(rng):
    return [
        Case((rng.normal(size=5) * 2, rng.uniform(size=5)), name="5 classes, tau = 1"),
        Case((rng.normal(size=(4, 6)), rng.uniform(size=(4, 6))), {"tau": 0.5}, name="batch of 4, tau = 0.5"),
        Case((rng.normal(size=(3, 3)), rng.uniform(size=(3, 3))), {"tau": 2.0}, name="3 x 3, tau = 2"),
        Case((np.log(np.array([0.7, 0.2, 0.1])), rng.uniform(size=(5, 3))), {"tau": 0.3},
             name="log-probabilities as logits, 5 draws"),
        Case((rng.normal(size=4) + 50.0, rng.uniform(size=4)), {"tau": 0.7},
             name="logits shifted by 50: the same distribution"),
        Case((np.array([1.0, 1.0, 1.0]), np.array([1e-12, 0.5, 1 - 1e-12])), name="uniforms near 0 and 1"),
        Case((rng.normal(size=(2, 4)), rng.uniform(size=(2, 4))), {"tau": 0.05}, name="tau = 0.05: nearly one-hot"),
    ]


def _sign_flipped(logits, u, tau=1.0):
    scores = logits + np.log(-np.log(u))  # dropped the outer minus
    return np.argmax(scores, axis=-1), _softmax(scores / tau)


def _exponential_noise(logits, u, tau=1.0):
    scores = logits - np.log(u)  # Exp(1) noise, not Gumbel
    return np.argmax(scores, axis=-1), _softmax(scores / tau)


def _noise_on_probs(logits, u, tau=1.0):
    scores = _softmax(logits) - np.log(-np.log(u))
    return np.argmax(scores, axis=-1), _softmax(scores / tau)


def _tau_on_logits_only(logits, u, tau=1.0):
    g = -np.log(-np.log(u))
    return np.argmax(logits + g, axis=-1), _softmax(logits / tau + g)


MISTAKES = {
    "gumbel-sign": _sign_flipped,
    "exponential-noise": _exponential_noise,
    "noise-added-to-probabilities": _noise_on_probs,
    "temperature-on-logits-only": _tau_on_logits_only,
}
