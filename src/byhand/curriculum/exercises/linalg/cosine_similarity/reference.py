"""Cosine similarity: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def cosine_similarity(a, b):
    """cos(a, b) = a.b / (||a|| ||b||) for 1-D vectors, as a float."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    # normalizing first keeps every intermediate near 1 for any scale
    ua = a / np.linalg.norm(a)
    ub = b / np.linalg.norm(b)
    return float(np.clip(ua @ ub, -1.0, 1.0))


def cases(rng):
    a = rng.normal(size=6)
    return [
        Case((rng.normal(size=3), rng.normal(size=3)), name="random (1)"),
        Case((rng.normal(size=8) * 3, rng.normal(size=8) + 1), name="random (2)"),
        Case((a, 2.5 * a), name="parallel vectors"),
        Case((a, -0.4 * a), name="opposite vectors"),
        Case((np.array([3.0, 0.0, 0.0]), np.array([0.0, -2.0, 5.0])), name="orthogonal vectors"),
        Case((np.array([-2.0]), np.array([5.0])), name="length-1 vectors"),
        Case((rng.normal(size=4) * 1e75, rng.normal(size=4) * 1e75), name="huge values"),
        Case((rng.normal(size=4) * 1e-75, rng.normal(size=4) * 1e-75), name="tiny values"),
        Case((rng.normal(size=5) * 1e-80, rng.normal(size=5) * 1e80), name="very different scales"),
    ]


def _no_norms(a, b):
    return np.dot(a, b)


def _precedence(a, b):
    return np.dot(a, b) / np.linalg.norm(a) * np.linalg.norm(b)


def _squared_norms(a, b):
    return np.dot(a, b) / (np.sum(a ** 2) * np.sum(b ** 2))


def _squared_product(a, b):
    return np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)) ** 2


def _eps_added(eps):
    def cosine_similarity(a, b):
        return np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + eps)
    return cosine_similarity


def _eps_max_product(a, b, eps=1e-8):
    return np.dot(a, b) / max(np.linalg.norm(a) * np.linalg.norm(b), eps)


def _eps_max_each(a, b, eps=1e-8):
    return np.dot(a, b) / (max(np.linalg.norm(a), eps) * max(np.linalg.norm(b), eps))


MISTAKES = {
    "no-normalization": _no_norms,
    "precedence": _precedence,
    "squared-norms": [_squared_norms, _squared_product],
    "eps-guard": [_eps_added(1e-8), _eps_added(1e-6), _eps_added(1e-12), _eps_max_product, _eps_max_each],
}
