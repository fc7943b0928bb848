"""An Elman RNN run over a sequence (PyTorch's nn.RNN with tanh): the reference, its cases and
its known mistakes."""

import numpy as np

from byhand import Case


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) for t = 1..T.
    x (T, N, D), h0 (N, H), W_ih (H, D), W_hh (H, H), b_ih (H,), b_hh (H,) -> (T, N, H): h_1..h_T."""
    x = np.asarray(x, dtype=np.float64)
    h = np.asarray(h0, dtype=np.float64)
    states = []
    for x_t in x:
        h = np.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        states.append(h)
    return np.stack(states)


def _case(rng, T, N, D, H, scale=1.0, zero_h0=False):
    x = rng.normal(size=(T, N, D)) * scale
    h0 = np.zeros((N, H)) if zero_h0 else rng.normal(size=(N, H)) * 0.5
    return (x, h0, rng.normal(size=(H, D)) / np.sqrt(D), rng.normal(size=(H, H)) / np.sqrt(H),
            rng.normal(size=H) * 0.5, rng.normal(size=H) * 0.5)


def cases(rng):
    return [
        Case(_case(rng, 4, 2, 3, 5), name="random, T=4, N=2, D=3, H=5"),
        Case(_case(rng, 5, 3, 4, 4), name="D = H = 4"),
        Case(_case(rng, 3, 1, 2, 6), name="one sequence (N = 1)"),
        Case(_case(rng, 1, 2, 3, 3), name="one time step (T = 1)"),
        Case(_case(rng, 6, 2, 3, 4, zero_h0=True), name="zero initial state"),
        Case(_case(rng, 20, 2, 2, 3), name="long sequence (T = 20)"),
        Case(_case(rng, 4, 2, 3, 5, scale=50.0), name="large inputs (tanh saturates)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _no_recurrence(x, h0, W_ih, W_hh, b_ih, b_hh):
    return np.stack([np.tanh(x_t @ W_ih.T + b_ih + h0 @ W_hh.T + b_hh) for x_t in x])


def _returns_previous_states(x, h0, W_ih, W_hh, b_ih, b_hh):
    h, states = h0, []
    for x_t in x:
        states.append(h)  # stored before the update: h_0 .. h_{T-1}
        h = np.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
    return np.stack(states)


def _no_transpose(x, h0, W_ih, W_hh, b_ih, b_hh):
    h, states = h0, []
    for x_t in x:
        h = np.tanh(x_t @ W_ih + b_ih + h @ W_hh + b_hh)
        states.append(h)
    return np.stack(states)


def _W_hh_not_transposed(x, h0, W_ih, W_hh, b_ih, b_hh):
    h, states = h0, []
    for x_t in x:
        h = np.tanh(x_t @ W_ih.T + b_ih + h @ W_hh + b_hh)
        states.append(h)
    return np.stack(states)


def _one_bias(x, h0, W_ih, W_hh, b_ih, b_hh):
    h, states = h0, []
    for x_t in x:
        h = np.tanh(x_t @ W_ih.T + h @ W_hh.T + b_ih)
        states.append(h)
    return np.stack(states)


MISTAKES = {
    "no-recurrence": _no_recurrence,
    "returns-previous-states": _returns_previous_states,
    "missing-transpose": [_W_hh_not_transposed, _no_transpose],
    "one-bias": _one_bias,
}
