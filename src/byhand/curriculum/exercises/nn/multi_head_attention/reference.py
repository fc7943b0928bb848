"""Multi-head attention (Vaswani et al. 2017, section 3.2.2): the reference, its cases and its
known mistakes."""

import numpy as np

from byhand import Case


def _softmax(s):
    s = s - np.max(s, axis=-1, keepdims=True)
    e = np.exp(s)
    return e / np.sum(e, axis=-1, keepdims=True)


def _split(t, h):
    """(..., L, d_model) -> (..., h, L, d_head): head i gets features i*d_head .. (i+1)*d_head - 1."""
    *lead, length, d = t.shape
    return np.swapaxes(t.reshape(*lead, length, h, d // h), -2, -3)


def multi_head_attention(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None):
    """Project with W_q, W_k, W_v (d_model, d_model), split the features into num_heads heads,
    scaled dot-product attention per head (scale 1/sqrt(d_head)), concatenate, project with W_o.
    mask: boolean, broadcastable to (..., Lq, Lk), True = may attend, shared by all heads."""
    x_q = np.asarray(x_q, dtype=np.float64)
    x_kv = np.asarray(x_kv, dtype=np.float64)
    d_model = x_q.shape[-1]
    d_head = d_model // num_heads
    q = _split(x_q @ W_q, num_heads)  # (..., h, Lq, d_head)
    k = _split(x_kv @ W_k, num_heads)  # (..., h, Lk, d_head)
    v = _split(x_kv @ W_v, num_heads)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_head)  # (..., h, Lq, Lk)
    if mask is not None:
        scores = np.where(np.expand_dims(mask, -3), scores, -np.inf)
    heads = _softmax(scores) @ v  # (..., h, Lq, d_head)
    concat = np.swapaxes(heads, -2, -3)  # (..., Lq, h, d_head)
    concat = concat.reshape(*concat.shape[:-2], d_model)
    return concat @ W_o


def _weights(rng, d):
    return tuple(rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4))


def _case(rng, lead, lq, lk, d, h, name, mask=None, scale=1.0, self_attention=False):
    x_q = rng.normal(size=lead + (lq, d)) * scale
    x_kv = x_q if self_attention else rng.normal(size=lead + (lk, d)) * scale
    kwargs = {} if mask is None else {"mask": mask}
    return Case((x_q, x_kv) + _weights(rng, d) + (h,), kwargs, name=name)


def cases(rng):
    causal5 = np.tril(np.ones((5, 5), dtype=bool))
    lengths = np.array([6, 3])
    padding = (np.arange(6)[None, :] < lengths[:, None])[:, None, :]  # (batch, 1, Lk)
    return [
        _case(rng, (), 3, 5, 8, 2, "cross-attention, Lq=3, Lk=5, d_model=8, 2 heads"),
        _case(rng, (), 4, 4, 8, 4, "self-attention, 4 heads of size 2", self_attention=True),
        _case(rng, (2,), 4, 6, 12, 3, "batch of 2, 3 heads of size 4", scale=1.5),
        _case(rng, (), 3, 4, 6, 1, "a single head (plain attention with projections)"),
        _case(rng, (), 1, 4, 8, 2, "one query"),
        _case(rng, (2,), 5, 5, 8, 2, "causal mask", mask=causal5, self_attention=True),
        _case(rng, (2,), 3, 6, 8, 4, "padding mask (batch, 1, Lk)", mask=padding),
        _case(rng, (2, 2), 3, 3, 4, 2, "two batch axes (2, 2)"),
        _case(rng, (), 4, 5, 16, 4, "large inputs (scores ~100)", scale=12.0),
    ]


# --- known mistakes ----------------------------------------------------------

def _attend(q, k, v, mask, scale):
    scores = q @ np.swapaxes(k, -1, -2) / scale
    if mask is not None:
        scores = np.where(np.expand_dims(mask, -3), scores, -np.inf)
    return _softmax(scores) @ v


def _merge(heads):
    concat = np.swapaxes(heads, -2, -3)
    return concat.reshape(*concat.shape[:-2], -1)


def _scale_by_d_model(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None):
    d = x_q.shape[-1]
    q, k, v = _split(x_q @ W_q, num_heads), _split(x_kv @ W_k, num_heads), _split(x_kv @ W_v, num_heads)
    return _merge(_attend(q, k, v, mask, np.sqrt(d))) @ W_o


def _reshape_split(t, h):
    *lead, length, d = t.shape
    return t.reshape(*lead, h, length, d // h)  # no transpose: heads mix positions and features


def _split_without_transpose(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None):
    d = x_q.shape[-1]
    q = _reshape_split(x_q @ W_q, num_heads)
    k = _reshape_split(x_kv @ W_k, num_heads)
    v = _reshape_split(x_kv @ W_v, num_heads)
    heads = _attend(q, k, v, mask, np.sqrt(d // num_heads))
    return heads.reshape(*heads.shape[:-3], heads.shape[-2], d) @ W_o  # the same reshape back


def _split_without_transpose_merge_ok(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None):
    d = x_q.shape[-1]
    q = _reshape_split(x_q @ W_q, num_heads)
    k = _reshape_split(x_kv @ W_k, num_heads)
    v = _reshape_split(x_kv @ W_v, num_heads)
    return _merge(_attend(q, k, v, mask, np.sqrt(d // num_heads))) @ W_o


def _merge_without_transpose(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None):
    d = x_q.shape[-1]
    q, k, v = _split(x_q @ W_q, num_heads), _split(x_kv @ W_k, num_heads), _split(x_kv @ W_v, num_heads)
    heads = _attend(q, k, v, mask, np.sqrt(d // num_heads))  # (..., h, Lq, d_head)
    return heads.reshape(*heads.shape[:-3], heads.shape[-2], d) @ W_o


def _no_output_projection(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None):
    d = x_q.shape[-1]
    q, k, v = _split(x_q @ W_q, num_heads), _split(x_kv @ W_k, num_heads), _split(x_kv @ W_v, num_heads)
    return _merge(_attend(q, k, v, mask, np.sqrt(d // num_heads)))


MISTAKES = {
    "scale-by-d-model": _scale_by_d_model,
    "split-without-transpose": [_split_without_transpose, _split_without_transpose_merge_ok],
    "merge-without-transpose": _merge_without_transpose,
    "no-output-projection": _no_output_projection,
}
