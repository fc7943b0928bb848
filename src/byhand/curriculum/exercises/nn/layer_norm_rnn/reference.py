"""A layer-normalized recurrent network (Ba, Kiros & Hinton 2016, eq. 4): the reference, its cases and
its known mistakes.  The learner's loop calls their own layer_norm; the reference calls that
exercise's."""

import numpy as np

from byhand import Case


def _layer_norm(a, gain, bias, eps):
    from byhand.content.loader import load_exercise

    return load_exercise("layer_norm").reference(a, gain, bias, eps=eps)


def layer_norm_rnn(x, h0, W_ih, W_hh, gain, bias, eps=1e-05):
    """a_t = W_ih x_t + W_hh h_{t-1} (no bias), h_t = tanh(LayerNorm(a_t; gain, bias, eps)) for t = 1..T,
    the statistics over the H hidden units of each sequence.
    x (T, N, D), h0 (N, H), W_ih (H, D), W_hh (H, H), gain (H,), bias (H,) -> (T, N, H): h_1..h_T."""
    h = np.asarray(h0, dtype=np.float64)
    states = []
    for x_t in np.asarray(x, dtype=np.float64):
        h = np.tanh(_layer_norm(x_t @ W_ih.T + h @ W_hh.T, gain, bias, eps))
        states.append(h)
    return np.stack(states)


def cases(rng):
    def case(T, N, D, H, name, scale=1.0, zero_h0=False, **kwargs):
        x = rng.normal(size=(T, N, D)) * scale
        h0 = np.zeros((N, H)) if zero_h0 else rng.normal(size=(N, H)) * 0.5
        return Case((x, h0, rng.normal(size=(H, D)) / np.sqrt(D), rng.normal(size=(H, H)) / np.sqrt(H),
                     1 + 0.3 * rng.normal(size=H), 0.3 * rng.normal(size=H)), kwargs, name=name)

    return [
        case(4, 2, 3, 5, "T = 4, batch of 2, D = 3, H = 5"),
        case(1, 3, 4, 4, "one time step"),
        case(5, 1, 2, 3, "one sequence (N = 1)"),
        case(3, 2, 3, 4, "h0 = 0", zero_h0=True),
        case(4, 3, 3, 6, "large inputs (x ~ 10)", scale=10.0),
        case(3, 2, 2, 4, "small inputs, eps given", scale=0.01, eps=1e-3),
    ]


# --- known mistakes ----------------------------------------------------------

def _loop(x, h0, cell):
    h = np.asarray(h0, dtype=np.float64)
    states = []
    for x_t in np.asarray(x, dtype=np.float64):
        h = cell(x_t, h)
        states.append(h)
    return np.stack(states)


def _norm_after_tanh(x, h0, W_ih, W_hh, gain, bias, eps=1e-05):
    return _loop(x, h0, lambda x_t, h: _layer_norm(np.tanh(x_t @ W_ih.T + h @ W_hh.T), gain, bias, eps))


def _batch_statistics(x, h0, W_ih, W_hh, gain, bias, eps=1e-05):
    def cell(x_t, h):
        a = x_t @ W_ih.T + h @ W_hh.T
        mu, var = a.mean(axis=0, keepdims=True), a.var(axis=0, keepdims=True)
        return np.tanh(gain * (a - mu) / np.sqrt(var + eps) + bias)
    return _loop(x, h0, cell)


def _input_only_normalized(x, h0, W_ih, W_hh, gain, bias, eps=1e-05):
    return _loop(x, h0, lambda x_t, h: np.tanh(_layer_norm(x_t @ W_ih.T, gain, bias, eps) + h @ W_hh.T))


MISTAKES = {
    "norm-after-tanh": _norm_after_tanh,
    "batch-statistics": _batch_statistics,
    "input-only-normalized": _input_only_normalized,
}
