"""Hertz to mel (HTK formula): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def hz_to_mel(f):
    """mel = 2595 log10(1 + f/700), elementwise (log1p keeps tiny f exact)."""
    f = np.asarray(f, dtype=np.float64)
    return 2595.0 * np.log1p(f / 700.0) / np.log(10.0)


def cases(rng):
    return [
        Case((0.0,), name="0 Hz"),
        Case((700.0,), name="700 Hz (the formula's corner frequency)"),
        Case((1000.0,), name="1000 Hz"),
        Case((np.array([440.0, 880.0, 1760.0]),), name="A4, A5, A6"),
        Case((np.array([1e-6, 1e-3]),), name="tiny frequencies"),
        Case((rng.uniform(0, 8000, size=7),), name="random frequencies up to 8 kHz"),
        Case((rng.uniform(20, 20000, size=(3, 4)),), name="2-D array of random frequencies, 20 Hz to 20 kHz"),
        Case((np.array([8000.0, 22050.0, 1e6]),), name="high frequencies"),
        Case((np.linspace(0, 8000, 82),), name="82 equally spaced frequencies, 0 to 8 kHz"),
    ]


# --- known mistakes ----------------------------------------------------------

def _natural_log(f):
    return 2595 * np.log(1 + f / 700)


def _log10_with_1127(f):
    return 1127 * np.log10(1 + f / 700)


def _no_plus_one(f):
    return 2595 * np.log10(f / 700)


def _slaney(f):
    # librosa's default (htk=False): linear below 1 kHz, logarithmic above
    f = np.asarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    lin = f / f_sp
    log = min_log_mel + np.log(np.maximum(f, min_log_hz) / min_log_hz) / logstep
    return np.where(f >= min_log_hz, log, lin)


MISTAKES = {
    "natural-log-with-2595": _natural_log,
    "log10-with-1127": _log10_with_1127,
    "missing-one": _no_plus_one,
    "slaney-scale": _slaney,
}
