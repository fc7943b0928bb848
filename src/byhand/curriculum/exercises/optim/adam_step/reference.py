"""One step of Adam (Kingma & Ba 2015, Algorithm 1): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """Algorithm 1 of Kingma & Ba (2015), step t (t >= 1, already incremented).
    Returns (param, m, v) with the new parameters and the new *raw* (uncorrected) moments."""
    grad = np.asarray(grad, dtype=np.float64)
    m_new = beta1 * np.asarray(m, dtype=np.float64) + (1 - beta1) * grad
    v_new = beta2 * np.asarray(v, dtype=np.float64) + (1 - beta2) * grad * grad
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    param_new = np.asarray(param, dtype=np.float64) - lr * m_hat / (np.sqrt(v_hat) + eps)
    return param_new, m_new, v_new


def _state(rng, shape, scale=1.0):
    """A plausible optimizer state: m ~ average gradient, v ~ average squared gradient (>= 0)."""
    m = rng.normal(size=shape) * 0.3 * scale
    v = (rng.normal(size=shape) ** 2 + 0.1) * scale**2
    return m, v


def cases(rng):
    m1, v1 = _state(rng, 5)
    m2, v2 = _state(rng, (3, 4))
    m3, v3 = _state(rng, 4)
    m4, v4 = _state(rng, 3)
    m5, v5 = _state(rng, 6)
    return [
        Case((rng.normal(size=5), rng.normal(size=5), m1, v1, 10), name="random, t = 10"),
        Case((rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), m2, v2, 3), name="weight matrix, t = 3"),
        Case((rng.normal(size=4), rng.normal(size=4), np.zeros(4), np.zeros(4), 1), name="first step (t = 1, m = v = 0)"),
        Case((rng.normal(size=4), rng.normal(size=4), m3, v3, 100000), name="late step (t = 100000)"),
        Case((rng.normal(size=3), rng.normal(size=3) * 1e-6, np.zeros(3), np.zeros(3), 1),
             name="tiny gradients (~1e-6), t = 1"),
        Case((rng.normal(size=3), np.zeros(3), m4, v4, 50), name="zero gradient"),
        Case((np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2), 1), name="all zeros"),
        Case((rng.normal(size=6), rng.normal(size=6), m5, v5, 7),
             {"lr": 0.01, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6}, name="other hyperparameters"),
        Case((np.array([1.0]), np.array([-2.0]), np.array([0.5]), np.array([3.0]), 2), name="one parameter"),
    ]


def _no_bias_correction(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    param = param - lr * m / (np.sqrt(v) + eps)
    return param, m, v


def _eps_inside_sqrt(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    param = param - lr * m_hat / np.sqrt(v_hat + eps)
    return param, m, v


def _grad_not_squared(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    param = param - lr * m_hat / (np.sqrt(v_hat) + eps)
    return param, m, v


def _returns_corrected_moments(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m = m / (1 - beta1**t)
    v = v / (1 - beta2**t)
    param = param - lr * m / (np.sqrt(v) + eps)
    return param, m, v


def _epsilon_hat(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    # the "more efficient" ordering of Section 2, but with eps used as if it were eps-hat
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    lr_t = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    param = param - lr_t * m / (np.sqrt(v) + eps)
    return param, m, v


MISTAKES = {
    "no-bias-correction": _no_bias_correction,
    "eps-inside-sqrt": _eps_inside_sqrt,
    "grad-not-squared": _grad_not_squared,
    "returns-corrected-moments": _returns_corrected_moments,
    "epsilon-hat": _epsilon_hat,
}
