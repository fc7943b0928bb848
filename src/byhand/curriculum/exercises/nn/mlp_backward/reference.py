"""Backpropagation through a two-layer MLP with softmax cross-entropy (Rumelhart, Hinton &
Williams 1986): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=1, keepdims=True)


def mlp_backward(x, y, W1, b1, W2, b2):
    """h = relu(x W1 + b1), logits = h W2 + b2, loss = mean_n CE(logits[n], y[n]).
    Returns (dW1, db1, dW2, db2), the gradients of the loss."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y)
    n = x.shape[0]
    a = x @ W1 + b1
    h = np.maximum(a, 0.0)
    logits = h @ W2 + b2
    dlogits = _softmax(logits)
    dlogits[np.arange(n), y] -= 1.0
    dlogits /= n
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dh = dlogits @ W2.T
    da = dh * (a > 0)
    dW1 = x.T @ da
    db1 = da.sum(axis=0)
    return dW1, db1, dW2, db2


def _net(rng, n, d, hidden, c):
    x = rng.normal(size=(n, d))
    y = rng.integers(0, c, size=n)
    W1 = rng.normal(size=(d, hidden)) / np.sqrt(d)
    b1 = rng.normal(size=hidden) * 0.5
    W2 = rng.normal(size=(hidden, c)) / np.sqrt(hidden)
    b2 = rng.normal(size=c) * 0.1
    return (x, y, W1, b1, W2, b2)


def cases(rng):
    dead = _net(rng, 6, 3, 5, 4)
    dead[3][:2] = -50.0  # two hidden units never fire: their gradients are 0
    huge = _net(rng, 3, 2, 3, 3)
    huge[5][:] = [1000.0, 998.0, -1000.0]  # exp overflows unless the row maximum is subtracted
    return [
        Case(_net(rng, 5, 4, 6, 3), name="random, N=5, D=4, H=6, C=3"),
        Case(_net(rng, 16, 8, 10, 5), name="random, N=16, D=8, H=10, C=5"),
        Case(_net(rng, 4, 3, 4, 4), name="H = C = 4"),
        Case(_net(rng, 5, 5, 5, 5), name="all square, D = H = C = N = 5"),
        Case(_net(rng, 1, 3, 4, 2), name="a single example"),
        Case(dead, name="two dead hidden units"),
        Case(huge, name="huge logits (~1000)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _grads(x, y, W1, b1, W2, b2, *, mean=True, mask=True, onehot=True, dh_t=True, dw2_t=True):
    n = x.shape[0]
    a = x @ W1 + b1
    h = np.maximum(a, 0)
    p = _softmax(h @ W2 + b2)
    dz = p.copy()
    if onehot:
        dz[np.arange(n), y] -= 1
    if mean:
        dz = dz / n
    dW2 = h.T @ dz if dw2_t else dz.T @ h
    db2 = dz.sum(axis=0)
    dh = dz @ W2.T if dh_t else dz @ W2
    da = dh * (a > 0) if mask else dh
    return x.T @ da, da.sum(axis=0), dW2, db2


def _no_batch_mean(x, y, W1, b1, W2, b2):
    return _grads(x, y, W1, b1, W2, b2, mean=False)


def _no_relu_mask(x, y, W1, b1, W2, b2):
    return _grads(x, y, W1, b1, W2, b2, mask=False)


def _no_onehot(x, y, W1, b1, W2, b2):
    return _grads(x, y, W1, b1, W2, b2, onehot=False)


def _dh_no_transpose(x, y, W1, b1, W2, b2):
    return _grads(x, y, W1, b1, W2, b2, dh_t=False)


def _dw2_transposed(x, y, W1, b1, W2, b2):
    return _grads(x, y, W1, b1, W2, b2, dw2_t=False)


def _no_max_shift(x, y, W1, b1, W2, b2):
    n = x.shape[0]
    a = x @ W1 + b1
    h = np.maximum(a, 0)
    e = np.exp(h @ W2 + b2)
    dz = e / e.sum(axis=1, keepdims=True)
    dz[np.arange(n), y] -= 1
    dz /= n
    dh = dz @ W2.T
    da = dh * (a > 0)
    return x.T @ da, da.sum(axis=0), h.T @ dz, dz.sum(axis=0)


MISTAKES = {
    "no-batch-mean": _no_batch_mean,
    "no-relu-mask": _no_relu_mask,
    "no-onehot-subtraction": _no_onehot,
    "wrong-transpose": [_dh_no_transpose, _dw2_transposed],
    "no-max-shift": _no_max_shift,
}
