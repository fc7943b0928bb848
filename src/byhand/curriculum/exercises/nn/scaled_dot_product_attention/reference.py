"""Scaled dot-product attention (Vaswani et al. 2017, eq. 1): the reference,
its cases and its known mistakes."""

import numpy as np

from byhand import Case


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d)) v over the key axis; mask True = may attend."""
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    d = q.shape[-1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)  # (..., Lq, Lk)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / np.sum(w, axis=-1, keepdims=True)
    return w @ v


def _qkv(rng, lead, lq, lk, d, dv, scale=1.0):
    return (rng.normal(size=lead + (lq, d)) * scale,
            rng.normal(size=lead + (lk, d)) * scale,
            rng.normal(size=lead + (lk, dv)))


def cases(rng):
    out = [
        Case(_qkv(rng, (), 3, 5, 4, 2), name="random, Lq != Lk, dv != d"),
        Case(_qkv(rng, (), 6, 6, 16, 16, scale=1.5), name="random self-attention, d=16"),
        Case(_qkv(rng, (2, 3), 4, 6, 8, 5), name="batch and heads (2, 3, ...)"),
    ]
    # a single query and a single key: the output is v itself
    out.append(Case(_qkv(rng, (), 1, 1, 4, 3), name="one query, one key"))
    # one query over several keys
    out.append(Case(_qkv(rng, (2,), 1, 4, 3, 2), name="one query per batch"))
    # causal mask: query i may attend keys j <= i
    q, k, v = _qkv(rng, (2,), 5, 5, 8, 3)
    causal = np.tril(np.ones((5, 5), dtype=bool))
    out.append(Case((q, k, v), {"mask": causal}, name="causal mask"))
    # causal mask shared by a batch of heads
    q, k, v = _qkv(rng, (2, 2), 4, 4, 6, 4, scale=1.2)
    out.append(Case((q, k, v), {"mask": np.tril(np.ones((4, 4), dtype=bool))},
                    name="causal mask, batch and heads"))
    # padding mask (batch, 1, Lk): sequence 0 has all 6 keys, sequence 1 only 4
    q, k, v = _qkv(rng, (2,), 3, 6, 4, 3)
    lengths = np.array([6, 4])
    padding = (np.arange(6)[None, :] < lengths[:, None])[:, None, :]
    out.append(Case((q, k, v), {"mask": padding}, name="padding mask (batch, 1, Lk)"))
    # huge scores: each query's score with its own key is exactly 1000, so exp
    # overflows without subtracting the row maximum, whatever the draw
    q = rng.normal(size=(3, 4))
    q *= np.sqrt(2000.0) / np.linalg.norm(q, axis=1, keepdims=True)  # q_i·q_i / √4 = 1000
    k = np.vstack([q, rng.normal(size=(1, 4)) * 40.0])
    v = rng.normal(size=(4, 2))
    out.append(Case((q, k, v), name="huge scores"))
    return out


# --- known mistakes ----------------------------------------------------------

def _softmax_last(s):
    s = s - np.max(s, axis=-1, keepdims=True)
    e = np.exp(s)
    return e / np.sum(e, axis=-1, keepdims=True)


def _no_scale(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    return _softmax_last(scores) @ v


def _mask_ignored(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    return _softmax_last(scores) @ v


def _scale_by_d(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / q.shape[-1]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    return _softmax_last(scores) @ v


def _wrong_axis(fill):
    def attention(q, k, v, mask=None):
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        if mask is not None:
            scores = np.where(mask, scores, fill)
        s = scores - np.max(scores, axis=-2, keepdims=True)
        e = np.exp(s)
        w = e / np.sum(e, axis=-2, keepdims=True)
        return w @ v
    return attention


def _mask_inverted(fill):
    def attention(q, k, v, mask=None):
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        if mask is not None:
            scores = np.where(mask, fill, scores)
        return _softmax_last(scores) @ v
    return attention


def _mask_after_softmax(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    w = _softmax_last(scores)
    if mask is not None:
        w = w * mask
    return w @ v


def _no_max_shift(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores)
    return e / np.sum(e, axis=-1, keepdims=True) @ v


MISTAKES = {
    "no-scale": _no_scale,
    "mask-ignored": _mask_ignored,
    "scale-by-d": _scale_by_d,
    "softmax-wrong-axis": [_wrong_axis(-np.inf), _wrong_axis(-1e9)],
    "mask-inverted": [_mask_inverted(-np.inf), _mask_inverted(-1e9)],
    "mask-after-softmax": _mask_after_softmax,
    "no-max-shift": _no_max_shift,
}
