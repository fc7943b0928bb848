"""Softplus: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def softplus(x):
    """log(1 + e^x) = max(x, 0) + log1p(e^(-|x|)), elementwise, without overflow."""
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def cases(rng):
    return [
        Case((rng.normal(size=6),), name="random vector"),
        Case((rng.normal(size=(4, 5)) * 5,), name="random matrix"),
        Case((rng.normal(size=(2, 3, 4)) * 3,), name="batch of matrices"),
        Case((np.zeros(3),), name="zeros (log 2)"),
        Case((np.array([710.0, 1000.0, 1e5]),), name="huge positive values"),
        Case((np.array([-1000.0, -800.0, -1e5]),), name="huge negative values"),
        Case((np.array([-40.0, -50.0, -100.0, -700.0]),), name="very negative values (softplus ≈ e^x)"),
        # 1 + e^x keeps only part of e^x's digits here: log loses them, log1p does not
        # (between −20 and −17, so that a learner's cut-off at −20 or lower leaves them to the formula)
        Case((np.array([-17.5, -18.5, -19.5]),), name="moderately negative values (1 + e^x loses digits)"),
        Case((np.array([-1e-10, 1e-12, 1e-10]),), name="tiny values"),
        Case((np.array([[-1000.0, -3.0, 0.0, 3.0, 1000.0]]),), name="both extremes, size-1 axis"),
    ]


# --- known mistakes ----------------------------------------------------------

def _naive(x):
    return np.log(1 + np.exp(x))


def _naive_log1p(x):
    return np.log1p(np.exp(x))


def _log1p_x(x):
    return np.log1p(x)


def _missing_max(x):
    return np.log1p(np.exp(-np.abs(x)))


def _log_not_log1p(x):
    return np.maximum(x, 0) + np.log(1 + np.exp(-np.abs(x)))


def _cutoff_then_log(x):  # PyTorch's threshold (20) above, the formula with np.log below it
    return np.where(x > 20, x, np.log(1 + np.exp(x)))


def _cutoffs_then_log(x):  # e^x below −20 is right; between the cut-offs np.log still loses digits
    return np.where(x > 20, x, np.where(x < -20, np.exp(x), np.log(1 + np.exp(x))))


def _cutoff_to_zero(x):  # as if softplus were ReLU below a cut-off
    return np.where(x > 20, x, np.where(x < -20, 0.0, np.log1p(np.exp(x))))


MISTAKES = {
    "naive-overflow": [_naive, _naive_log1p],
    "log1p-of-x": _log1p_x,
    "stable-form-missing-max": _missing_max,
    "log-not-log1p": [_log_not_log1p, _cutoff_then_log, _cutoffs_then_log],
    "cutoff-to-zero": _cutoff_to_zero,
}
