"""Top-k then top-p (nucleus) filtering of a next-token distribution (Holtzman et al. 2020):
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _nucleus(probs, p):
    """Zero the least likely tokens whose total mass is at most 1 - p; keep the smallest top set with mass >= p."""
    order = np.argsort(probs, axis=-1)  # ascending
    cum = np.cumsum(np.take_along_axis(probs, order, axis=-1), axis=-1)
    remove = np.empty(probs.shape, dtype=bool)
    np.put_along_axis(remove, order, cum <= 1.0 - p, axis=-1)
    return np.where(remove, 0.0, probs)


def top_k_top_p_filter(logits, k, p):
    """Keep the k largest logits, renormalize, keep the nucleus of mass p, renormalize; over the last axis."""
    x = np.asarray(logits, dtype=np.float64)
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    probs = _softmax(np.where(x >= kth, x, -np.inf))
    kept = _nucleus(probs, p)
    return kept / np.sum(kept, axis=-1, keepdims=True)


def cases(rng):
    probs = lambda *v: np.log(np.array(v))  # noqa: E731 - logits of a given distribution
    return [
        Case((rng.normal(size=10) * 2, 5, 0.9), name="10 tokens, k = 5, p = 0.9"),
        Case((rng.normal(size=(3, 8)) * 2, 4, 0.8), name="batch of 3, k = 4, p = 0.8"),
        Case((rng.normal(size=12) * 1.5, 12, 0.6), name="k = vocabulary size: nucleus only"),
        Case((rng.normal(size=9) * 2, 3, 1.0), name="p = 1: top-k only"),
        Case((probs(0.5, 0.3, 0.15, 0.05), 4, 0.6), name="0.5 < p = 0.6: the second token is needed"),
        Case((probs(0.9, 0.05, 0.03, 0.02), 4, 0.5), name="the top token alone exceeds p"),
        Case((probs(0.4, 0.3, 0.2, 0.1), 2, 0.55), name="top-k first: the nucleus is taken after renormalizing"),
        Case((rng.normal(size=(2, 6)), 1, 0.9), name="k = 1: greedy"),
    ]


def _drops_crossing_token(logits, k, p):
    x = np.asarray(logits, dtype=np.float64)
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    probs = _softmax(np.where(x >= kth, x, -np.inf))
    order = np.argsort(-probs, axis=-1)
    cum = np.cumsum(np.take_along_axis(probs, order, axis=-1), axis=-1)
    keep = np.empty(probs.shape, dtype=bool)
    np.put_along_axis(keep, order, cum <= p, axis=-1)  # stops before the token that reaches p
    kept = np.where(keep, probs, 0.0)
    return kept / np.sum(kept, axis=-1, keepdims=True)


def _ascending(logits, k, p):
    x = np.asarray(logits, dtype=np.float64)
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    probs = _softmax(np.where(x >= kth, x, -np.inf))
    order = np.argsort(probs, axis=-1)  # meant descending
    sorted_p = np.take_along_axis(probs, order, axis=-1)
    keep = np.empty(probs.shape, dtype=bool)
    np.put_along_axis(keep, order, np.cumsum(sorted_p, axis=-1) - sorted_p < p, axis=-1)
    kept = np.where(keep, probs, 0.0)
    return kept / np.sum(kept, axis=-1, keepdims=True)


def _not_renormalized(logits, k, p):
    x = np.asarray(logits, dtype=np.float64)
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    return _nucleus(_softmax(np.where(x >= kth, x, -np.inf)), p)


def _nucleus_on_full_distribution(logits, k, p):
    x = np.asarray(logits, dtype=np.float64)
    probs = _softmax(x)
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    kept = _nucleus(probs, p) * (x >= kth)
    return kept / np.sum(kept, axis=-1, keepdims=True)


def _masked_to_zero(logits, k, p):
    x = np.asarray(logits, dtype=np.float64)
    kth = np.sort(x, axis=-1)[..., -k][..., None]
    probs = _softmax(np.where(x >= kth, x, 0.0))  # "remove" a logit by setting it to 0
    kept = _nucleus(probs, p)
    return kept / np.sum(kept, axis=-1, keepdims=True)


MISTAKES = {
    "nucleus-stops-before-p": _drops_crossing_token,
    "sorted-ascending": _ascending,
    "not-renormalized": _not_renormalized,
    "nucleus-before-renormalizing": _nucleus_on_full_distribution,
    "removed-logits-set-to-zero": _masked_to_zero,
}
