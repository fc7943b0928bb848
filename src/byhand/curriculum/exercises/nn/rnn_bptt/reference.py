"""Backpropagation through time for an Elman RNN: the reference, its cases and its known
mistakes."""

import numpy as np

from byhand import Case


def _forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    states = [np.asarray(h0, dtype=np.float64)]
    for x_t in x:
        states.append(np.tanh(x_t @ W_ih.T + b_ih + states[-1] @ W_hh.T + b_hh))
    return states  # h_0 .. h_T


def rnn_bptt(x, h0, W_ih, W_hh, b_ih, b_hh, dH):
    """Gradients of a loss L(h_1..h_T) whose direct gradients dL/dh_t are dH[t-1] (T, N, H), through
    h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh). Returns (dW_ih, dW_hh, db_ih, db_hh, dh0)."""
    x = np.asarray(x, dtype=np.float64)
    dH = np.asarray(dH, dtype=np.float64)
    h = _forward(x, h0, W_ih, W_hh, b_ih, b_hh)
    dW_ih, dW_hh = np.zeros_like(W_ih, dtype=np.float64), np.zeros_like(W_hh, dtype=np.float64)
    db = np.zeros(W_hh.shape[0])
    g = np.zeros_like(h[0])  # dL/dh_t through the later states
    for t in range(len(x), 0, -1):
        g = g + dH[t - 1]
        delta = g * (1.0 - h[t] ** 2)  # dL/da_t
        dW_ih += delta.T @ x[t - 1]
        dW_hh += delta.T @ h[t - 1]
        db += delta.sum(axis=0)
        g = delta @ W_hh
    return dW_ih, dW_hh, db, db.copy(), g


def _case(rng, T, N, D, H, w_scale=1.0, only_last=False):
    x = rng.normal(size=(T, N, D))
    dH = rng.normal(size=(T, N, H))
    if only_last:
        dH[:-1] = 0.0
    return (x, rng.normal(size=(N, H)) * 0.5, rng.normal(size=(H, D)) / np.sqrt(D),
            rng.normal(size=(H, H)) * w_scale / np.sqrt(H), rng.normal(size=H) * 0.3,
            rng.normal(size=H) * 0.3, dH)


def cases(rng):
    return [
        Case(_case(rng, 3, 2, 3, 4), name="random, T=3, N=2, D=3, H=4"),
        Case(_case(rng, 4, 3, 5, 5), name="D = H = 5"),
        Case(_case(rng, 1, 2, 2, 3), name="one time step (T = 1)"),
        Case(_case(rng, 5, 1, 3, 2), name="one sequence (N = 1)"),
        Case(_case(rng, 6, 2, 2, 3, only_last=True), name="loss on the last state only"),
        Case(_case(rng, 12, 2, 3, 4, w_scale=0.3), name="small recurrent weights, T = 12 (vanishing)"),
        Case(_case(rng, 8, 2, 3, 4, w_scale=2.0), name="large recurrent weights, T = 8"),
    ]


# --- known mistakes ----------------------------------------------------------

def _bptt(x, h0, W_ih, W_hh, b_ih, b_hh, dH, carry=True, prev=True, tanh_grad=True, dw_order=True):
    h = _forward(x, h0, W_ih, W_hh, b_ih, b_hh)
    dW_ih, dW_hh, db = 0.0, 0.0, 0.0
    g = np.zeros_like(h[0])
    for t in range(len(x), 0, -1):
        g = g + dH[t - 1] if carry else dH[t - 1]
        delta = g * (1.0 - h[t] ** 2) if tanh_grad else g
        if dw_order:
            dW_ih = dW_ih + delta.T @ x[t - 1]
            dW_hh = dW_hh + delta.T @ (h[t - 1] if prev else h[t])
        else:
            dW_ih = dW_ih + x[t - 1].T @ delta
            dW_hh = dW_hh + h[t - 1].T @ delta
        db = db + delta.sum(axis=0)
        g = delta @ W_hh
    return dW_ih, dW_hh, db, db, g


def _no_carry(x, h0, W_ih, W_hh, b_ih, b_hh, dH):
    return _bptt(x, h0, W_ih, W_hh, b_ih, b_hh, dH, carry=False)


def _current_state(x, h0, W_ih, W_hh, b_ih, b_hh, dH):
    return _bptt(x, h0, W_ih, W_hh, b_ih, b_hh, dH, prev=False)


def _no_tanh_derivative(x, h0, W_ih, W_hh, b_ih, b_hh, dH):
    return _bptt(x, h0, W_ih, W_hh, b_ih, b_hh, dH, tanh_grad=False)


def _transposed_weight_gradient(x, h0, W_ih, W_hh, b_ih, b_hh, dH):
    return _bptt(x, h0, W_ih, W_hh, b_ih, b_hh, dH, dw_order=False)


MISTAKES = {
    "no-gradient-through-time": _no_carry,
    "off-by-one-state": _current_state,
    "no-tanh-derivative": _no_tanh_derivative,
    "transposed-weight-gradient": _transposed_weight_gradient,
}
