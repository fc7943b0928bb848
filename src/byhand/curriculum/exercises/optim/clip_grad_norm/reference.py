"""Gradient clipping by the global norm: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def clip_grad_norm(g, max_norm):
    """total = sqrt(sum of g**2 over all entries); scale g by
    min(1, max_norm / (total + 1e-6)); return (clipped g, total)."""
    g = np.asarray(g, dtype=np.float64)
    total = np.sqrt(np.sum(g * g))
    coef = min(1.0, max_norm / (total + 1e-6))
    return g * coef, total


def cases(rng):
    return [
        Case((rng.normal(size=8) * 3.0, 1.0), name="random vector, clipped"),
        Case((rng.normal(size=8) * 0.1, 5.0), name="random vector, below max_norm (unchanged)"),
        Case((rng.normal(size=(4, 3)) * 2.0, 1.0), name="matrix (norm over all entries)"),
        Case((rng.normal(size=(6, 5)), 0.5), name="matrix, larger"),
        Case((rng.normal(size=(3, 3)) * 0.05, 10.0), name="matrix, below max_norm"),
        Case((rng.normal(size=(2, 3, 4)) * 4.0, 2.0), name="3-D tensor"),
        Case((np.array([0.5, -3.0, 8.0, 0.1]), 1.0), name="one large entry"),
        Case((np.array([[1e4, -2e4], [3e4, 5e3]]), 1.0), name="huge gradient"),
        Case((rng.normal(size=5) * 1e-8, 1.0), name="tiny gradient (unchanged)"),
        Case((np.zeros((2, 3)), 1.0), name="zero gradient"),
        Case((rng.normal(size=(1, 7)) * 3.0, 1.0), name="size-1 axis"),
    ]


# --- known mistakes ----------------------------------------------------------

def _clip_by_value(g, max_norm):
    return np.clip(g, -max_norm, max_norm), np.linalg.norm(g)


def _matrix_two_norm(g, max_norm):
    total = np.linalg.norm(g, 2)  # for a matrix: the largest singular value
    return g * min(1.0, max_norm / (total + 1e-6)), total


def _always_rescale(g, max_norm):
    total = np.linalg.norm(g)
    return g * max_norm / (total + 1e-6), total


def _always_rescale_no_eps(g, max_norm):
    total = np.linalg.norm(g)
    return g / total * max_norm, total


def _missing_eps(g, max_norm):
    total = np.linalg.norm(g)
    return g * min(1.0, max_norm / total), total


def _norm_after_clipping(g, max_norm):
    total = np.linalg.norm(g)
    clipped = g * min(1.0, max_norm / (total + 1e-6))
    return clipped, np.linalg.norm(clipped)


def _squared_norm(g, max_norm):
    total = np.sum(g ** 2)
    return g * min(1.0, max_norm / (total + 1e-6)), total


MISTAKES = {
    "clip-by-value": _clip_by_value,
    "matrix-two-norm": _matrix_two_norm,
    "always-rescale": [_always_rescale, _always_rescale_no_eps],
    "norm-after-clipping": _norm_after_clipping,
    "squared-norm": _squared_norm,
    "missing-eps": _missing_eps,
}
