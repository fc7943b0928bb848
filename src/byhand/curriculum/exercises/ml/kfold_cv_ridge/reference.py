"""k-fold cross-validation of ridge regression: the reference, its cases and its known mistakes."""

from functools import partial

import numpy as np

from byhand import Case


def _ridge(X, y, lam):
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


def kfold_cv_ridge(X, y, k, lam):
    """Contiguous folds in the given order, the first n % k of them one sample longer (as sklearn's KFold);
    for each fold, ridge is fitted on the other k - 1 folds and its MSE measured on the held-out fold.
    Returns (the k validation MSEs, their mean)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    mse = np.empty(k)
    for i in range(k):
        val = np.zeros(n, dtype=bool)
        val[bounds[i]:bounds[i + 1]] = True
        w = _ridge(X[~val], y[~val], lam)
        err = y[val] - X[val] @ w
        mse[i] = np.mean(err * err)
    return mse, np.float64(mse.mean())


def cases(rng):
    # (n, p, noise, k, lam, name): the data are y = X w + noise, with w and X drawn from rng
    plan = [
        (23, 3, 0.5, 5, 0.1, "n = 23, k = 5: folds of 5, 5, 5, 4, 4"),
        (20, 2, 0.5, 4, 1.0, "n = 20, k = 4: equal folds"),
        (7, 2, 0.5, 7, 0.5, "leave-one-out (k = n)"),
        (30, 12, 1.0, 3, 1e-3, "12 features, 20 training rows: overfitting shows"),
        (11, 2, 0.5, 2, 0.0, "k = 2, lam = 0 (least squares)"),
    ]
    out = []
    for n, p, noise, k, lam, name in plan:
        X = rng.normal(size=(n, p))
        y = X @ rng.normal(size=p) + noise * rng.normal(size=n)
        out.append(Case((X, y, k, lam), name=name))
    return out


def _fold_slices(n, k, sklearn=True):
    if sklearn:
        sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
        starts = np.concatenate([[0], np.cumsum(sizes)])
        return [np.arange(starts[i], starts[i + 1]) for i in range(k)]
    size = n // k
    return [np.arange(i * size, (i + 1) * size) for i in range(k)]  # the last n % k rows are never held out


def _cv(X, y, k, lam, fit_on_all=False, on_train=False, sklearn=True):
    n = len(y)
    scores = []
    w_all = _ridge(X, y, lam)
    for val in _fold_slices(n, k, sklearn):
        train = np.setdiff1d(np.arange(n), val)
        w = w_all if fit_on_all else _ridge(X[train], y[train], lam)
        rows = train if on_train else val
        scores.append(np.mean((y[rows] - X[rows] @ w) ** 2))
    return np.array(scores), np.mean(scores)


MISTAKES = {
    "fit-on-all-data": partial(_cv, fit_on_all=True),
    "scores-the-training-folds": partial(_cv, on_train=True),
    "remainder-never-held-out": partial(_cv, sklearn=False),  # the last n % k rows are never held out
}
