"""Autocorrelation of a finite signal: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def autocorrelation(x):
    """r[k] = sum_{t=0}^{n-1-k} x[t] x[t+k], k = 0..n-1 (no normalization, no wrap-around)."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    return np.correlate(x, x, mode="full")[n - 1:]


def _tone(n, period, phase=0.0):
    return np.sin(2 * np.pi * np.arange(n) / period + phase)


def cases(rng):
    n = int(rng.integers(10, 30))
    return [
        Case((np.array([3.0]),), name="length 1"),
        Case((np.array([1.0, 2.0]),), name="length 2"),
        Case((np.array([1.0, 2.0, 3.0, 4.0]),), name="ramp"),
        Case((np.zeros(5),), name="all zeros"),
        Case((np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0]),), name="alternating signs"),
        Case((np.full(6, 2.0),), name="constant (nonzero mean)"),
        Case((rng.normal(size=n),), name="random noise"),
        Case((rng.normal(size=n) + 3.0,), name="random noise around 3"),
        Case((_tone(200, 20, 0.3),), name="sine with a period of 20 samples"),
        Case((_tone(1024, 32) + 0.5 * _tone(1024, 16) + 0.2 * rng.normal(size=1024),),
             name="periodic tone with noise, 1024 samples"),
    ]


# --- known mistakes ----------------------------------------------------------

def _circular_fft(x):
    X = np.fft.fft(x)
    return np.fft.ifft(np.abs(X) ** 2).real  # no zero padding: the signal wraps around


def _circular_roll(x):
    return np.array([np.sum(x * np.roll(x, -k)) for k in range(len(x))])


def _first_half_of_full(x):
    return np.correlate(x, x, mode="full")[: len(x)]  # lags -(n-1) .. 0


def _mean_removed(x):
    x = x - x.mean()
    return np.correlate(x, x, mode="full")[len(x) - 1:]


def _normalized_by_r0(x):
    r = np.correlate(x, x, mode="full")[len(x) - 1:]
    return r / r[0]


def _divided_by_n(x):  # the biased estimate of statistics
    return np.correlate(x, x, mode="full")[len(x) - 1:] / len(x)


def _divided_by_overlap(x):  # the unbiased estimate: n - k products at lag k
    n = len(x)
    return np.correlate(x, x, mode="full")[n - 1:] / (n - np.arange(n))


MISTAKES = {
    "circular": [_circular_fft, _circular_roll],
    "reversed-lags": _first_half_of_full,
    "mean-removed": _mean_removed,
    "normalized-by-r0": _normalized_by_r0,
    "divided-by-length": [_divided_by_n, _divided_by_overlap],
}
