"""One step of a GRU cell (PyTorch's nn.GRUCell): the reference, its cases and its known
mistakes."""

import numpy as np

from byhand import Case


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^{-z}), without overflow


def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    """gi = x W_ih^T + b_ih, gh = h W_hh^T + b_hh, each cut into r, z, n (H columns);
    r = sigmoid(gi_r + gh_r), z = sigmoid(gi_z + gh_z), n = tanh(gi_n + r * gh_n);
    h' = (1 - z) n + z h."""
    x = np.asarray(x, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    i_r, i_z, i_n = np.split(x @ W_ih.T + b_ih, 3, axis=-1)
    h_r, h_z, h_n = np.split(h @ W_hh.T + b_hh, 3, axis=-1)
    r = _sigmoid(i_r + h_r)
    z = _sigmoid(i_z + h_z)
    n = np.tanh(i_n + r * h_n)
    return (1.0 - z) * n + z * h


def _case(rng, N, D, H, scale=1.0, h_scale=0.8):
    return (rng.normal(size=(N, D)) * scale, rng.normal(size=(N, H)) * h_scale,
            rng.normal(size=(3 * H, D)) / np.sqrt(D), rng.normal(size=(3 * H, H)) / np.sqrt(H),
            rng.normal(size=3 * H) * 0.5, rng.normal(size=3 * H) * 0.5)


def cases(rng):
    x, h, W_ih, W_hh, b_ih, b_hh = _case(rng, 2, 3, 4)
    return [
        Case(_case(rng, 3, 4, 5), name="random, N=3, D=4, H=5"),
        Case(_case(rng, 2, 5, 5), name="D = H = 5"),
        Case(_case(rng, 1, 3, 2), name="one example (N = 1)"),
        Case(_case(rng, 4, 2, 1), name="one hidden unit (H = 1)"),
        Case((x, np.zeros_like(h), W_ih, W_hh, b_ih, b_hh), name="zero state (first step)"),
        Case(_case(rng, 2, 3, 4, scale=40.0), name="large inputs (gates saturate)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _cell(x, h, W_ih, W_hh, b_ih, b_hh, order="rzn", swap=False, reset_first=False):
    gi = dict(zip(order, np.split(x @ W_ih.T + b_ih, 3, axis=-1)))
    gh = dict(zip(order, np.split(h @ W_hh.T + b_hh, 3, axis=-1)))
    r = _sigmoid(gi["r"] + gh["r"])
    z = _sigmoid(gi["z"] + gh["z"])
    if reset_first:
        H = h.shape[-1]
        W_hn, b_hn = W_hh[order.index("n") * H:(order.index("n") + 1) * H], b_hh[order.index("n") * H:][:H]
        n = np.tanh(gi["n"] + (r * h) @ W_hn.T + b_hn)
    else:
        n = np.tanh(gi["n"] + r * gh["n"])
    return z * n + (1.0 - z) * h if swap else (1.0 - z) * n + z * h


def _swapped_update(x, h, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, W_ih, W_hh, b_ih, b_hh, swap=True)


def _reset_before_product(x, h, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, W_ih, W_hh, b_ih, b_hh, reset_first=True)


def _order_zrn(x, h, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h, W_ih, W_hh, b_ih, b_hh, order="zrn")


MISTAKES = {
    "swapped-update-gate": _swapped_update,
    "reset-before-product": _reset_before_product,
    "wrong-gate-order": _order_zrn,
}
