"""The bias-variance decomposition of models trained on many training sets:
the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def bias_variance(preds, f_true, noise_var):
    """preds[b, i]: the model fitted on training set b, at test point x_i.  Averaged over the test points:
    bias^2 = mean_i (fbar_i - f_i)^2, variance = mean_i mean_b (preds[b, i] - fbar_i)^2 (ddof=0),
    expected squared error on a new y = f + noise: bias^2 + variance + noise_var."""
    preds = np.asarray(preds, dtype=np.float64)
    f = np.asarray(f_true, dtype=np.float64)
    fbar = preds.mean(axis=0)
    bias2 = np.mean((fbar - f) ** 2)
    variance = np.mean((preds - fbar) ** 2)
    return np.float64(bias2), np.float64(variance), np.float64(bias2 + variance + noise_var)


def _polyfits(rng, degree, n_sets=30, n_train=15, sigma=0.3, n_test=12):
    """Polynomials of a given degree fitted to n_sets training sets of y = sin(2 pi x) + noise."""
    x_test = np.linspace(0.05, 0.95, n_test)
    preds = np.empty((n_sets, n_test))
    for b in range(n_sets):
        x = np.linspace(0, 1, n_train)  # the same inputs, a new draw of the noise
        y = np.sin(2 * np.pi * x) + sigma * rng.normal(size=n_train)
        preds[b] = np.polyval(np.polyfit(x, y, degree), x_test)
    return preds, np.sin(2 * np.pi * x_test), sigma**2


def cases(rng):
    return [
        Case(_polyfits(rng, 1), name="straight lines: high bias"),
        Case(_polyfits(rng, 3), name="cubics: a good balance"),
        Case(_polyfits(rng, 9, n_train=12), name="degree 9 on 12 points: high variance"),
        Case((np.array([[1.0, 2.0, 0.0], [3.0, 2.0, 2.0]]), np.array([1.0, 1.0, 2.0]), 0.5),
             name="2 training sets, 3 points, by hand"),
        Case((np.tile(np.array([0.5, -0.5, 1.5]), (4, 1)), np.array([0.0, 0.0, 0.0]), 0.1),
             name="every training set gives the same model (variance 0)"),
        Case((np.array([[1.0, -1.0], [-1.0, 1.0], [0.0, 0.0]]), np.array([0.0, 0.0]), 0.0),
             name="unbiased on average, noise-free"),
    ]


def _variance_ddof1(preds, f_true, noise_var):
    fbar = preds.mean(axis=0)
    bias2 = np.mean((fbar - f_true) ** 2)
    var = np.mean(np.var(preds, axis=0, ddof=1))
    return bias2, var, bias2 + var + noise_var


def _bias_averaged_first(preds, f_true, noise_var):
    fbar = preds.mean(axis=0)
    bias2 = np.mean(fbar - f_true) ** 2
    var = np.mean(np.var(preds, axis=0))
    return bias2, var, bias2 + var + noise_var


def _variance_over_points(preds, f_true, noise_var):
    fbar = preds.mean(axis=0)
    bias2 = np.mean((fbar - f_true) ** 2)
    var = np.mean(np.var(preds, axis=1))
    return bias2, var, bias2 + var + noise_var


def _no_noise(preds, f_true, noise_var):
    fbar = preds.mean(axis=0)
    bias2 = np.mean((fbar - f_true) ** 2)
    var = np.mean(np.var(preds, axis=0))
    return bias2, var, bias2 + var


MISTAKES = {
    "variance-ddof-1": _variance_ddof1,
    "bias-averaged-before-squaring": _bias_averaged_first,
    "variance-over-test-points": _variance_over_points,
    "noise-left-out": _no_noise,
}
