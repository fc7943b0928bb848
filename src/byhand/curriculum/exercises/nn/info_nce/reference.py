"""InfoNCE, one direction (van den Oord et al. 2018; Chen et al. 2020): the reference, its cases
and its known mistakes."""

import numpy as np

from byhand import Case


def _normalize(z):
    return z / np.sqrt(np.sum(z * z, axis=-1, keepdims=True))


def _log_softmax(s, axis=-1):
    s = s - np.max(s, axis=axis, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=axis, keepdims=True))


def info_nce(z_a, z_b, temperature=0.1):
    """Rows of z_a, z_b (N, d) L2-normalized; logits = z_a z_b^T / temperature;
    mean over n of -log softmax(logits[n])[n] (the positive pair is the diagonal)."""
    a = _normalize(np.asarray(z_a, dtype=np.float64))
    b = _normalize(np.asarray(z_b, dtype=np.float64))
    logits = a @ b.T / temperature
    return -np.mean(np.diag(_log_softmax(logits, axis=1)))


def _views(rng, n, d, noise=0.3, scale=1.0):
    base = rng.normal(size=(n, d))
    za = (base + noise * rng.normal(size=(n, d))) * scale * np.exp(rng.normal(size=(n, 1)))
    zb = (base + noise * rng.normal(size=(n, d))) * scale * np.exp(rng.normal(size=(n, 1)))
    return za, zb


def cases(rng):
    same = rng.normal(size=(4, 6))
    return [
        Case(_views(rng, 4, 8), name="4 pairs, d = 8"),
        Case(_views(rng, 16, 32, noise=1.0), name="16 pairs, noisy views"),
        Case(_views(rng, 2, 3), name="2 pairs"),
        Case(_views(rng, 1, 5), name="one pair: nothing to contrast, loss 0"),
        Case(_views(rng, 6, 4), {"temperature": 0.5}, name="temperature 0.5"),
        Case(_views(rng, 8, 16, noise=0.05), {"temperature": 0.01},
             name="temperature 0.01, near-identical views (logits ~100)"),
        Case(_views(rng, 5, 6, scale=1e3), name="embeddings of norm ~1e3"),
        Case((rng.normal(size=(5, 4)), rng.normal(size=(5, 4))), name="unrelated views"),
        Case((same, same * 3.0), name="identical directions"),
    ]


def _no_normalization(z_a, z_b, temperature=0.1):
    logits = z_a @ z_b.T / temperature
    return -np.mean(np.diag(_log_softmax(logits)))


def _no_temperature(z_a, z_b, temperature=0.1):
    logits = _normalize(z_a) @ _normalize(z_b).T
    return -np.mean(np.diag(_log_softmax(logits)))


def _argmax_labels(z_a, z_b, temperature=0.1):
    logits = _normalize(z_a) @ _normalize(z_b).T / temperature
    labels = np.argmax(logits, axis=1)
    logp = _log_softmax(logits)
    return -np.mean(logp[np.arange(len(labels)), labels])


def _zero_labels(z_a, z_b, temperature=0.1):
    logits = _normalize(z_a) @ _normalize(z_b).T / temperature
    return -np.mean(_log_softmax(logits)[:, 0])


def _softmax_over_columns(z_a, z_b, temperature=0.1):
    logits = _normalize(z_a) @ _normalize(z_b).T / temperature
    return -np.mean(np.diag(_log_softmax(logits, axis=0)))


MISTAKES = {
    "no-normalization": _no_normalization,
    "no-temperature": _no_temperature,
    "wrong-positives": [_argmax_labels, _zero_labels],
    "softmax-over-columns": _softmax_over_columns,
}
