"""The bias-corrected exponential moving average of Adam (Kingma & Ba 2015, section 3): the reference,
its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bias_corrected_ema(x, beta):
    """x: (T, ...) a sequence x_1..x_T.  m_0 = 0, m_t = beta m_{t-1} + (1 - beta) x_t, and the
    estimate at step t is m_t / (1 - beta**t) (t counted from 1).  Returns (T, ...)."""
    x = np.asarray(x, dtype=np.float64)
    m = np.zeros(x.shape[1:])
    out = np.empty_like(x)
    for t in range(1, len(x) + 1):
        m = beta * m + (1 - beta) * x[t - 1]
        out[t - 1] = m / (1 - beta**t)
    return out


def cases(rng):
    return [
        Case((rng.normal(size=(6, 3)), 0.9), name="random sequence, T = 6, d = 3"),
        Case((rng.normal(size=(1, 4)), 0.9), name="one step (T = 1): the estimate is x_1"),
        Case((np.full((5, 2), 3.0), 0.99), name="a constant sequence: the estimate is that constant"),
        Case((rng.normal(size=(4, 2)) ** 2, 0.999), name="squared gradients, beta = 0.999"),
        Case((rng.normal(size=7), 0.5), name="scalars (T,), beta = 0.5"),
        Case((rng.normal(size=(3, 2)), 0.0), name="beta = 0: the estimate is x_t"),
    ]


# --- known mistakes ----------------------------------------------------------

def _no_bias_correction(x, beta):
    x = np.asarray(x, dtype=np.float64)
    m = np.zeros(x.shape[1:])
    out = np.empty_like(x)
    for t in range(len(x)):
        m = beta * m + (1 - beta) * x[t]
        out[t] = m
    return out


def _weights_swapped(x, beta):
    x = np.asarray(x, dtype=np.float64)
    m = np.zeros(x.shape[1:])
    out = np.empty_like(x)
    for t in range(1, len(x) + 1):
        m = (1 - beta) * m + beta * x[t - 1]
        out[t - 1] = m / (1 - beta**t)
    return out


def _correction_once(x, beta):
    return _no_bias_correction(x, beta) / (1 - beta ** len(x))


MISTAKES = {
    "no-bias-correction": _no_bias_correction,
    "weights-swapped": _weights_swapped,
    "correction-once": _correction_once,
}
