"""Graph attention (Velickovic et al. 2018), one head: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gat_attention(A, H, W, a, negative_slope=0.2):
    """(alpha, out): alpha[i, j] = softmax over j in N(i) + {i} of LeakyReLU(a . [z_i || z_j]), out = alpha @ Z, Z = H W."""
    A = np.asarray(A)
    Z = np.asarray(H, dtype=np.float64) @ np.asarray(W, dtype=np.float64)
    f = Z.shape[1]
    a = np.asarray(a, dtype=np.float64)
    e = (Z @ a[:f])[:, None] + (Z @ a[f:])[None, :]  # e[i, j] = a_1 . z_i + a_2 . z_j
    e = np.where(e > 0, e, negative_slope * e)  # LeakyReLU
    mask = (A != 0) | np.eye(len(A), dtype=bool)  # neighbors and the node itself
    e = np.where(mask, e, -np.inf)
    e = e - e.max(axis=1, keepdims=True)
    w = np.exp(e)  # exp(-inf) = 0 outside the neighborhood
    alpha = w / w.sum(axis=1, keepdims=True)
    return alpha, alpha @ Z


def _random_graph(rng, n, p):
    upper = np.triu(rng.random((n, n)) < p, 1)
    return (upper | upper.T).astype(np.float64)


def cases(rng):
    n, f_in, f_out = int(rng.integers(5, 9)), int(rng.integers(2, 5)), int(rng.integers(1, 4))
    path = np.zeros((3, 3))
    path[0, 1] = path[1, 0] = path[1, 2] = path[2, 1] = 1.0
    loner = _random_graph(rng, 5, 0.6)
    loner[4, :] = loner[:, 4] = 0.0  # node 4 has no neighbors
    return [
        # z = (1, 2, -3), a = (1, -1): e[i, j] = z_i - z_j is negative for half of the pairs
        Case((path, np.array([[1.0], [2.0], [-3.0]]), np.array([[1.0]]), np.array([1.0, -1.0])),
             name="path of 3, negative scores"),
        Case((loner, rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=4)), name="isolated node"),
        Case((_random_graph(rng, n, 0.4), rng.normal(size=(n, f_in)), rng.normal(size=(f_in, f_out)),
              rng.normal(size=2 * f_out)), name="random"),
        Case((_random_graph(rng, n, 0.4), rng.normal(size=(n, f_in)), rng.normal(size=(f_in, f_out)),
              rng.normal(size=2 * f_out)), {"negative_slope": 0.01}, name="random, slope 0.01"),
        Case((_random_graph(rng, 20, 0.2), rng.normal(size=(20, 6)) * 10, rng.normal(size=(6, 4)),
              rng.normal(size=8)), name="random, 20 nodes, large scores"),
    ]


# --- known mistakes ----------------------------------------------------------

def _scores(A, H, W, a, negative_slope, swap=False, leaky=True):
    Z = np.asarray(H, dtype=np.float64) @ np.asarray(W, dtype=np.float64)
    f = Z.shape[1]
    a = np.asarray(a, dtype=np.float64)
    first, second = (a[f:], a[:f]) if swap else (a[:f], a[f:])
    e = (Z @ first)[:, None] + (Z @ second)[None, :]
    return Z, (np.where(e > 0, e, negative_slope * e) if leaky else np.maximum(e, 0.0))


def _masked_softmax(e, mask, axis=1):
    e = np.where(mask, e, -np.inf)
    with np.errstate(invalid="ignore"):
        w = np.exp(e - e.max(axis=axis, keepdims=True))
        return w / w.sum(axis=axis, keepdims=True)


def _no_mask(A, H, W, a, negative_slope=0.2):
    Z, e = _scores(A, H, W, a, negative_slope)
    alpha = _masked_softmax(e, np.ones_like(e, dtype=bool))  # every node attends to every node
    return alpha, alpha @ Z


def _no_self_loop(A, H, W, a, negative_slope=0.2):
    Z, e = _scores(A, H, W, a, negative_slope)
    alpha = _masked_softmax(e, np.asarray(A) != 0)  # the node itself is left out
    return alpha, alpha @ Z


def _relu(A, H, W, a, negative_slope=0.2):
    Z, e = _scores(A, H, W, a, negative_slope, leaky=False)
    alpha = _masked_softmax(e, (np.asarray(A) != 0) | np.eye(len(A), dtype=bool))
    return alpha, alpha @ Z


def _columns(A, H, W, a, negative_slope=0.2):
    Z, e = _scores(A, H, W, a, negative_slope)
    alpha = _masked_softmax(e, (np.asarray(A) != 0) | np.eye(len(A), dtype=bool), axis=0)
    return alpha, alpha @ Z


def _swapped(A, H, W, a, negative_slope=0.2):
    Z, e = _scores(A, H, W, a, negative_slope, swap=True)
    alpha = _masked_softmax(e, (np.asarray(A) != 0) | np.eye(len(A), dtype=bool))
    return alpha, alpha @ Z


MISTAKES = {
    "no-neighborhood-mask": _no_mask,
    "no-self-loop": _no_self_loop,
    "relu-instead-of-leaky": _relu,
    "softmax-over-senders": _columns,
    "concat-order": _swapped,
}
