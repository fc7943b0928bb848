"""Grouped-query attention (Ainslie et al. 2023): the reference, its cases and its known
mistakes."""

import numpy as np

from byhand import Case


def _attend(q, k, v, mask, scale):
    s = q @ np.swapaxes(k, -1, -2) / scale
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    s = np.exp(s - s.max(axis=-1, keepdims=True))
    return (s / s.sum(axis=-1, keepdims=True)) @ v


def grouped_query_attention(q, k, v, mask=None):
    """Query head h attends with key/value head h // (H / G): each of the G key/value heads is
    shared by H / G consecutive query heads. q (..., H, Lq, d), k and v (..., G, Lk, d), H a
    multiple of G, mask broadcastable to (..., H, Lq, Lk), True = may attend -> (..., H, Lq, d_v)."""
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
    group = q.shape[-3] // k.shape[-3]
    k = np.repeat(k, group, axis=-3)  # heads 0,0,..,1,1,..: query head h gets kv head h // group
    v = np.repeat(v, group, axis=-3)
    return _attend(q, k, v, mask, np.sqrt(q.shape[-1]))


def _case(rng, lead, H, G, Lq, Lk, d, name, mask=None, scale=1.0):
    q = rng.normal(size=lead + (H, Lq, d)) * scale
    k, v = rng.normal(size=lead + (G, Lk, d)) * scale, rng.normal(size=lead + (G, Lk, d))
    return Case((q, k, v), {} if mask is None else {"mask": mask}, name=name)


def cases(rng):
    causal = np.tril(np.ones((4, 4), dtype=bool))
    return [
        _case(rng, (), 4, 2, 3, 5, 4, "4 query heads, 2 kv heads"),
        _case(rng, (2,), 6, 2, 2, 4, 3, "batch of 2, 6 query heads, 2 kv heads"),
        _case(rng, (), 8, 4, 2, 3, 2, "8 query heads, 4 kv heads"),
        _case(rng, (), 4, 1, 3, 4, 4, "one kv head (multi-query attention)"),
        _case(rng, (), 3, 3, 2, 4, 4, "as many kv heads as query heads (multi-head attention)"),
        _case(rng, (1,), 4, 2, 4, 4, 4, "causal mask", mask=causal),
        _case(rng, (), 4, 2, 2, 3, 8, "large inputs (scores ~100)", scale=4.0),
        Case((30.0 + rng.normal(size=(4, 2, 4)) * 0.5, 30.0 + rng.normal(size=(2, 3, 4)) * 0.5,
              rng.normal(size=(2, 3, 4))), name="huge scores (~1800)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _tiled(q, k, v, mask=None):
    reps = q.shape[-3] // k.shape[-3]
    tile = (1,) * (k.ndim - 3) + (reps, 1, 1)
    return _attend(q, np.tile(k, tile), np.tile(v, tile), mask, np.sqrt(q.shape[-1]))  # head h gets h % G


def _no_scale(q, k, v, mask=None):
    group = q.shape[-3] // k.shape[-3]
    return _attend(q, np.repeat(k, group, axis=-3), np.repeat(v, group, axis=-3), mask, 1.0)


def _no_max_shift(q, k, v, mask=None):
    group = q.shape[-3] // k.shape[-3]
    k, v = np.repeat(k, group, axis=-3), np.repeat(v, group, axis=-3)
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    e = np.exp(s) if mask is None else np.where(mask, np.exp(s), 0.0)
    return (e / e.sum(axis=-1, keepdims=True)) @ v


MISTAKES = {
    "kv-heads-tiled": _tiled,
    "no-scale": _no_scale,
    "no-max-shift": _no_max_shift,
}
