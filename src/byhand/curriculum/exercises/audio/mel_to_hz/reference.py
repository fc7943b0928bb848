"""Mel to hertz (inverse of the HTK formula): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def mel_to_hz(m):
    """f = 700 (10^(m/2595) - 1), elementwise (expm1 keeps tiny m exact)."""
    m = np.asarray(m, dtype=np.float64)
    return 700.0 * np.expm1(m * np.log(10.0) / 2595.0)


def cases(rng):
    return [
        Case((0.0,), name="0 mel"),
        Case((2595.0 * np.log10(2.0),), name="781.17 mel (700 Hz)"),
        Case((1000.0,), name="1000 mel"),
        Case((np.array([1e-6, 1e-3]),), name="tiny mel values"),
        Case((rng.uniform(0, 2840, size=7),), name="random mel values up to 8 kHz"),
        Case((rng.uniform(0, 3800, size=(3, 4)),), name="2-D array of random mel values"),
        Case((np.linspace(0, 2840.02, 82),), name="equally spaced mel points of an 80-band filterbank"),
        Case((np.array([3500.0, 4000.0]),), name="high mel values"),
    ]


# --- known mistakes ----------------------------------------------------------

def _no_minus_one(m):
    return 700 * 10 ** (m / 2595)


def _minus_one_outside(m):
    return 700 * 10 ** (m / 2595) - 1


def _natural_exp(m):
    return 700 * (np.exp(m / 2595) - 1)


def _slaney(m):
    m = np.asarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    min_log_mel = 1000.0 / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, 1000.0 * np.exp(logstep * (m - min_log_mel)), f_sp * m)


MISTAKES = {
    "misplaced-minus-one": [_no_minus_one, _minus_one_outside],
    "exp-instead-of-power-of-10": _natural_exp,
    "slaney-scale": _slaney,
}
