"""Top-k gating of a sparse mixture-of-experts layer (Shazeer et al. 2017, eq. 3 and 5, without
the noise): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def moe_top_k_gating(x, W_g, k):
    """G(x) = softmax(KeepTopK(x W_g, k)): the k largest logits of each row keep their value, the
    others become -inf (gate exactly 0). x (N, d), W_g (d, E) -> gates (N, E), rows sum to 1."""
    logits = np.asarray(x, dtype=np.float64) @ W_g
    kth = np.sort(logits, axis=-1)[:, -k][:, None]  # the k-th largest logit of each row
    return _softmax(np.where(logits >= kth, logits, -np.inf))


def _case(rng, N, d, E, k, scale=1.0):
    return Case((rng.normal(size=(N, d)) * scale, rng.normal(size=(d, E)), k),
                name=f"{N} token{'s' if N > 1 else ''}, {E} experts, top-{k}" + (", large logits" if scale > 1 else ""))


def cases(rng):
    return [
        _case(rng, 4, 5, 8, 2),
        _case(rng, 3, 4, 6, 1),
        _case(rng, 5, 3, 4, 4),
        _case(rng, 1, 6, 16, 3),
        _case(rng, 6, 4, 2, 1),
        _case(rng, 3, 5, 8, 2, scale=60.0),
    ]


# --- known mistakes ----------------------------------------------------------

def _top_k_mask(logits, k):
    return logits >= np.sort(logits, axis=-1)[:, -k][:, None]


def _softmax_then_top_k(x, W_g, k):
    logits = x @ W_g
    return np.where(_top_k_mask(logits, k), _softmax(logits), 0.0)  # not renormalized


def _masked_with_zero(x, W_g, k):
    logits = x @ W_g
    return _softmax(np.where(_top_k_mask(logits, k), logits, 0.0))


def _bottom_k(x, W_g, k):
    logits = x @ W_g
    smallest = np.argsort(logits, axis=-1)[:, :k]  # ascending order: the k smallest
    kept = np.full_like(logits, -np.inf)
    np.put_along_axis(kept, smallest, np.take_along_axis(logits, smallest, axis=-1), axis=-1)
    return _softmax(kept)


MISTAKES = {
    "softmax-before-top-k": _softmax_then_top_k,
    "masked-with-zero": _masked_with_zero,
    "bottom-k": _bottom_k,
}
