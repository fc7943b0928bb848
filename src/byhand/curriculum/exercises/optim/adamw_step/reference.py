"""One step of AdamW (Loshchilov & Hutter 2019, Algorithm 2), PyTorch convention:
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    """Decoupled weight decay, then Adam with bias correction; step t >= 1.
    Returns (param, m, v): the new parameters and the new raw moments."""
    param = np.asarray(param, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    decayed = param - lr * weight_decay * param  # uses the gradient of the loss only, not of lambda*|theta|^2
    m_new = beta1 * np.asarray(m, dtype=np.float64) + (1 - beta1) * grad
    v_new = beta2 * np.asarray(v, dtype=np.float64) + (1 - beta2) * grad * grad
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    return decayed - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new


def _state(rng, shape, scale=1.0):
    m = rng.normal(size=shape) * 0.3 * scale
    v = (rng.normal(size=shape) ** 2 + 0.1) * scale**2
    return m, v


def cases(rng):
    m1, v1 = _state(rng, 5)
    m2, v2 = _state(rng, (3, 4))
    m3, v3 = _state(rng, 4)
    m4, v4 = _state(rng, 3)
    m5, v5 = _state(rng, 6)
    m6, v6 = _state(rng, 4)
    return [
        Case((rng.normal(size=5), rng.normal(size=5), m1, v1, 10), name="random, t = 10"),
        Case((rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), m2, v2, 3), name="weight matrix, t = 3"),
        Case((rng.normal(size=4), rng.normal(size=4), np.zeros(4), np.zeros(4), 1),
             name="first step (t = 1, m = v = 0)"),
        Case((rng.normal(size=4) * 50, rng.normal(size=4), m3, v3, 1000), name="large weights (~50), t = 1000"),
        Case((rng.normal(size=3) * 5, np.zeros(3), m4, v4, 20), name="zero gradient: decay and momentum only"),
        Case((np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2), 1), name="all zeros"),
        Case((rng.normal(size=6), rng.normal(size=6), m5, v5, 7),
             {"lr": 0.01, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6, "weight_decay": 0.1}, name="other hyperparameters"),
        Case((rng.normal(size=4), rng.normal(size=4), m6, v6, 5), {"weight_decay": 0.0}, name="no weight decay (plain Adam)"),
        Case((np.array([2.0]), np.array([-0.5]), np.array([0.1]), np.array([0.3]), 2), name="one parameter"),
    ]


def _adam(param, grad, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def _coupled_weight_decay(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    grad = grad + weight_decay * param  # Adam + L2: the decay goes through m and v
    return _adam(param, grad, m, v, t, lr, beta1, beta2, eps)


def _decay_not_scaled_by_lr(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    param = param - weight_decay * param
    return _adam(param, grad, m, v, t, lr, beta1, beta2, eps)


def _no_bias_correction(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    param = param - lr * weight_decay * param
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    return param - lr * m / (np.sqrt(v) + eps), m, v


def _decay_after_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    param, m, v = _adam(param, grad, m, v, t, lr, beta1, beta2, eps)
    return param - lr * weight_decay * param, m, v  # decays the already-updated weights


MISTAKES = {
    "coupled-weight-decay": _coupled_weight_decay,
    "decay-not-scaled-by-lr": _decay_not_scaled_by_lr,
    "no-bias-correction": _no_bias_correction,
    "decay-after-step": _decay_after_step,
}
