"""One decoding step of causal self-attention with a KV cache: the reference, its cases and its
known mistakes."""

import numpy as np

from byhand import Case


def kv_cache_attention_step(x, K_cache, V_cache, W_q, W_k, W_v):
    """q, k, v = x W_q, x W_k, x W_v; append k and v to the caches; attend with q over all
    cached positions (the new one included). x (d,), K_cache (t, d_k), V_cache (t, d_v)
    -> (output (d_v,), K (t+1, d_k), V (t+1, d_v))."""
    x = np.asarray(x, dtype=np.float64)
    q, k, v = x @ W_q, x @ W_k, x @ W_v
    K = np.vstack([K_cache, k[None, :]])
    V = np.vstack([V_cache, v[None, :]])
    scores = K @ q / np.sqrt(q.shape[-1])  # (t+1,)
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    return weights @ V, K, V


def _case(rng, t, d, d_k, d_v, scale=1.0):
    W_q, W_k, W_v = (rng.normal(size=(d, n)) / np.sqrt(d) for n in (d_k, d_k, d_v))
    past = rng.normal(size=(t, d)) * scale  # the earlier tokens, whose keys and values are cached
    return (rng.normal(size=d) * scale, past @ W_k, past @ W_v, W_q, W_k, W_v)


def cases(rng):
    return [
        Case(_case(rng, 4, 6, 4, 5), name="cache of 4, d=6, d_k=4, d_v=5"),
        Case(_case(rng, 0, 5, 3, 3), name="first token (empty cache)"),
        Case(_case(rng, 1, 4, 4, 2), name="cache of 1"),
        Case(_case(rng, 10, 8, 8, 8), name="cache of 10, all sizes 8"),
        Case(_case(rng, 3, 6, 16, 4), name="d_k = 16"),
        Case(_case(rng, 5, 6, 4, 4, scale=15.0), name="large inputs (scores ~100)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _attend(q, K, V, scale):
    s = K @ q / scale
    w = np.exp(s - s.max())
    return (w / w.sum()) @ V


def _attends_before_append(x, K_cache, V_cache, W_q, W_k, W_v):
    q, k, v = x @ W_q, x @ W_k, x @ W_v
    out = _attend(q, K_cache, V_cache, np.sqrt(q.shape[-1]))  # the new token does not see itself
    return out, np.vstack([K_cache, k]), np.vstack([V_cache, v])


def _no_scale(x, K_cache, V_cache, W_q, W_k, W_v):
    q, K, V = x @ W_q, np.vstack([K_cache, x @ W_k]), np.vstack([V_cache, x @ W_v])
    return _attend(q, K, V, 1.0), K, V


def _scale_by_d_k(x, K_cache, V_cache, W_q, W_k, W_v):
    q, K, V = x @ W_q, np.vstack([K_cache, x @ W_k]), np.vstack([V_cache, x @ W_v])
    return _attend(q, K, V, q.shape[-1]), K, V


def _prepends(x, K_cache, V_cache, W_q, W_k, W_v):
    q, K, V = x @ W_q, np.vstack([x @ W_k, K_cache]), np.vstack([x @ W_v, V_cache])
    return _attend(q, K, V, np.sqrt(q.shape[-1])), K, V


MISTAKES = {
    "attends-before-appending": _attends_before_append,
    "wrong-scale": [_no_scale, _scale_by_d_k],
    "cache-prepended": _prepends,
}
