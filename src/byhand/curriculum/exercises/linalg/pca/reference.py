"""Principal component analysis: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def pca(X, k):
    """The top-k principal directions of the rows of X (n samples x d features),
    as a (k, d) array of unit rows, largest variance first (SVD of centered X)."""
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k]


def _data(rng, n, stds, offset=5.0):
    """n samples with standard deviations `stds` along random orthogonal axes, off-center."""
    d = len(stds)
    R, _ = np.linalg.qr(rng.normal(size=(d, d)))
    Z = rng.normal(size=(n, d)) * np.asarray(stds)
    return Z @ R.T + offset * rng.normal(size=d) + offset


def cases(rng):
    direction = np.array([3.0, -4.0]) / 5.0
    t = rng.normal(size=10)
    return [
        Case((_data(rng, 50, [5.0, 3.0, 1.5, 0.5]), 2), name="random (1)"),
        Case((_data(rng, 80, [4.0, 2.5, 2.0, 1.0, 0.3, 0.1]), 3), name="random (2)"),
        Case((_data(rng, 40, [3.0, 1.0, 0.4]), 3), name="k = d (all directions)"),
        Case((_data(rng, 40, [6.0, 2.0, 1.0, 0.5, 0.2]), 1), name="k = 1"),
        Case((_data(rng, 20, [2.0]), 1), name="one feature"),
        Case((_data(rng, 2, [1.0, 1.0]), 1), name="two samples"),
        Case((_data(rng, 5, [4.0, 3.0, 2.0, 1.0, 0.5]), 2), name="as many samples as features (rank-deficient)"),
        Case((np.outer(t, direction) + np.array([10.0, -3.0]), 1), name="points on a line"),
        Case((_data(rng, 30, [3.0, 1.0, 0.3], offset=1e6), 1), name="large offset (mean 1e6)"),
        Case((_data(rng, 30, [3.0, 1.0, 0.3]) * 1e100, 2), name="huge values"),
        Case((_data(rng, 30, [3.0, 1.0, 0.3]) * 1e-100, 2), name="tiny values"),
    ]


def _no_centering(X, k):
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt[:k]


def _eigh_columns(X, k):
    C = np.cov(X, rowvar=False)
    vals, vecs = np.linalg.eigh(np.atleast_2d(C))
    order = np.argsort(vals)[::-1]
    return vecs[:, order[:k]]


def _svd_columns(X, k):
    Xc = X - X.mean(axis=0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k].T


def _ascending(X, k):
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vecs[:, :k].T


def _top_k_ascending(X, k):
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vecs[:, -k:].T


MISTAKES = {
    "no-centering": _no_centering,
    "returns-columns": [_eigh_columns, _svd_columns],
    "ascending-order": [_ascending, _top_k_ascending],
}
