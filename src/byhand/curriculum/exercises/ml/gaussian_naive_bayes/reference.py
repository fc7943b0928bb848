"""Gaussian naive Bayes, fitted and applied: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def gaussian_naive_bayes(X_train, y_train, X_test):
    """Log posterior log P(c | x) for each test row and each class c of np.unique(y_train), in that order:
    prior = class frequency, per-class per-feature mean and (maximum-likelihood, ddof=0) variance,
    features independent given the class, normalized with log-sum-exp."""
    X = np.asarray(X_train, dtype=np.float64)
    y = np.asarray(y_train)
    Xt = np.asarray(X_test, dtype=np.float64)
    classes = np.unique(y)
    joint = np.empty((Xt.shape[0], classes.size))
    for j, c in enumerate(classes):
        Xc = X[y == c]
        mu, var = Xc.mean(axis=0), Xc.var(axis=0)
        log_lik = -0.5 * np.sum(np.log(2 * np.pi * var) + (Xt - mu) ** 2 / var, axis=1)
        joint[:, j] = np.log(Xc.shape[0] / X.shape[0]) + log_lik
    m = joint.max(axis=1, keepdims=True)
    return joint - (m + np.log(np.sum(np.exp(joint - m), axis=1, keepdims=True)))


def _blobs(rng, sizes, d, labels=None, spread=2.0):
    labels = list(range(len(sizes))) if labels is None else labels
    centers = rng.normal(size=(len(sizes), d)) * spread
    scales = rng.uniform(0.5, 1.5, size=(len(sizes), d))
    X = np.concatenate([centers[i] + scales[i] * rng.normal(size=(n, d)) for i, n in enumerate(sizes)])
    y = np.concatenate([np.full(n, labels[i]) for i, n in enumerate(sizes)])
    order = rng.permutation(len(y))
    return X[order], y[order]


def cases(rng):
    X1, y1 = _blobs(rng, [10, 10], 2)
    X2, y2 = _blobs(rng, [30, 8, 4], 4)
    X3, y3 = _blobs(rng, [6, 9, 5], 3, labels=[9, 2, 5])
    X4, y4 = _blobs(rng, [12, 4], 1)
    X5, y5 = _blobs(rng, [8, 5], 2, spread=1.0)
    return [
        Case((X1, y1, rng.normal(size=(5, 2)) * 2), name="2 classes, 2 features"),
        Case((X2, y2, rng.normal(size=(6, 4)) * 2), name="unequal classes (30, 8, 4): the prior matters"),
        Case((X3, y3, rng.normal(size=(4, 3)) * 2), name="labels 9, 2, 5: columns in sorted order"),
        Case((X4, y4, np.array([[0.3]])), name="one feature, one test point"),
        Case((X5, y5, np.array([[200.0, -200.0], [0.0, 0.0]])), name="a test point far from every class"),
    ]


def _joint(X_train, y_train, X_test, ddof=0, prior=True):
    out = []
    for c in np.unique(y_train):
        Xc = X_train[y_train == c]
        mu, var = Xc.mean(0), Xc.var(0, ddof=ddof)
        ll = np.sum(-0.5 * np.log(2 * np.pi * var) - (X_test - mu) ** 2 / (2 * var), axis=1)
        out.append(ll + (np.log(len(Xc) / len(y_train)) if prior else 0.0))
    return np.stack(out, axis=1)


def _normalize(joint):
    m = joint.max(axis=1, keepdims=True)
    return joint - m - np.log(np.exp(joint - m).sum(axis=1, keepdims=True))


def _unbiased_variance(X_train, y_train, X_test):
    return _normalize(_joint(X_train, y_train, X_test, ddof=1))


def _no_prior(X_train, y_train, X_test):
    return _normalize(_joint(X_train, y_train, X_test, prior=False))


def _unnormalized(X_train, y_train, X_test):
    return _joint(X_train, y_train, X_test)


def _underflow(X_train, y_train, X_test):
    p = np.exp(_joint(X_train, y_train, X_test))
    return np.log(p / p.sum(axis=1, keepdims=True))


MISTAKES = {
    "unbiased-variance": _unbiased_variance,
    "no-prior": _no_prior,
    "joint-not-posterior": _unnormalized,
    "exp-underflows": _underflow,
}
