"""R^2, MAE and RMSE of a regressor's predictions: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def regression_metrics(y_true, y_pred):
    """R^2 = 1 - SS_res / SS_tot (SS_tot around the mean of y_true), MAE = mean |e|, RMSE = sqrt(mean e^2)."""
    y = np.asarray(y_true, dtype=np.float64)
    e = y - np.asarray(y_pred, dtype=np.float64)
    dev = y - y.mean()
    r2 = 1.0 - np.sum(e * e) / np.sum(dev * dev)
    return np.float64(r2), np.float64(np.mean(np.abs(e))), np.float64(np.sqrt(np.mean(e * e)))


def _fit(rng, n, noise, offset=0.0):
    x = rng.normal(size=n)
    y = offset + 2.0 * x + noise * rng.normal(size=n)
    return y, offset + 2.0 * x + 0.3 * noise * rng.normal(size=n)


def cases(rng):
    y1, p1 = _fit(rng, 30, 1.0)
    y2, p2 = _fit(rng, 50, 0.5, offset=1000.0)
    y3 = rng.normal(size=20)
    y4 = rng.normal(size=15)
    return [
        Case((y1, p1), name="a decent regressor"),
        Case((y2, p2), name="targets around 1000"),
        Case((y3, -y3 + 0.1 * rng.normal(size=20)), name="worse than predicting the mean (R2 < 0)"),
        Case((y4, y4 + 1.5), name="perfectly correlated but shifted"),
        Case((np.array([3.0, -1.0, 2.0, 0.5]), np.array([3.0, -1.0, 2.0, 0.5])), name="perfect predictions"),
        Case((np.array([1.0, 2.0, 3.0, 6.0]), np.full(4, 3.0)), name="predicting the mean (R2 = 0)"),
        Case((np.array([2.0, 4.0]), np.array([3.0, 3.5])), name="two points"),
    ]


def _parts(y_true, y_pred):
    e = y_true - y_pred
    return np.mean(np.abs(e)), np.sqrt(np.mean(e**2))


def _squared_correlation(y_true, y_pred):
    r = np.corrcoef(y_true, y_pred)[0, 1]
    return (r**2, *_parts(y_true, y_pred))


def _swapped(y_true, y_pred):
    r2 = 1 - np.sum((y_true - y_pred) ** 2) / np.sum((y_pred - y_pred.mean()) ** 2)
    return (r2, *_parts(y_true, y_pred))


def _uncentered(y_true, y_pred):
    r2 = 1 - np.sum((y_true - y_pred) ** 2) / np.sum(y_true**2)
    return (r2, *_parts(y_true, y_pred))


def _no_root(y_true, y_pred):
    e = y_true - y_pred
    r2 = 1 - np.sum(e**2) / np.sum((y_true - y_true.mean()) ** 2)
    return r2, np.mean(np.abs(e)), np.mean(e**2)


MISTAKES = {
    "r2-is-squared-correlation": _squared_correlation,
    "r2-arguments-swapped": _swapped,
    "r2-uncentered": _uncentered,
    "rmse-without-root": _no_root,
}
