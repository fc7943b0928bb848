"""One step of an LSTM cell (PyTorch's nn.LSTMCell): the reference, its cases and its known
mistakes."""

import numpy as np

from byhand import Case


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^{-z}), without overflow


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """z = x W_ih^T + b_ih + h W_hh^T + b_hh, cut into i, f, g, o (H columns each);
    c' = sigmoid(f) c + sigmoid(i) tanh(g), h' = sigmoid(o) tanh(c'). Returns (h', c')."""
    x = np.asarray(x, dtype=np.float64)
    z = x @ W_ih.T + b_ih + np.asarray(h, dtype=np.float64) @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=-1)
    c_new = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c_new), c_new


def _case(rng, N, D, H, scale=1.0, c_scale=1.0):
    return (rng.normal(size=(N, D)) * scale, rng.normal(size=(N, H)) * 0.5, rng.normal(size=(N, H)) * c_scale,
            rng.normal(size=(4 * H, D)) / np.sqrt(D), rng.normal(size=(4 * H, H)) / np.sqrt(H),
            rng.normal(size=4 * H) * 0.5, rng.normal(size=4 * H) * 0.5)


def cases(rng):
    x, h, c, W_ih, W_hh, b_ih, b_hh = _case(rng, 2, 3, 4)
    return [
        Case(_case(rng, 3, 4, 5), name="random, N=3, D=4, H=5"),
        Case(_case(rng, 2, 6, 6), name="D = H = 6"),
        Case(_case(rng, 1, 3, 2), name="one example (N = 1)"),
        Case(_case(rng, 4, 2, 1), name="one hidden unit (H = 1)"),
        Case(_case(rng, 2, 3, 4, c_scale=5.0), name="large cell state (|c| ~ 5)"),
        Case((x, np.zeros_like(h), np.zeros_like(c), W_ih, W_hh, b_ih, b_hh), name="zero state (first step)"),
        Case(_case(rng, 2, 3, 4, scale=40.0), name="large inputs (gates saturate)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _cell(x, h, c, W_ih, W_hh, b_ih, b_hh, order="ifgo", cand=np.tanh, out_tanh=True):
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    parts = dict(zip(order, np.split(z, 4, axis=-1)))
    c_new = _sigmoid(parts["f"]) * c + _sigmoid(parts["i"]) * cand(parts["g"])
    return _sigmoid(parts["o"]) * (np.tanh(c_new) if out_tanh else c_new), c_new


def _order_ifog(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, c, W_ih, W_hh, b_ih, b_hh, order="ifog")


def _order_figo(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, c, W_ih, W_hh, b_ih, b_hh, order="figo")


def _no_tanh_on_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, c, W_ih, W_hh, b_ih, b_hh, out_tanh=False)


def _sigmoid_candidate(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, c, W_ih, W_hh, b_ih, b_hh, cand=_sigmoid)


MISTAKES = {
    "wrong-gate-order": [_order_ifog, _order_figo],
    "no-tanh-on-cell": _no_tanh_on_cell,
    "sigmoid-candidate": _sigmoid_candidate,
}
