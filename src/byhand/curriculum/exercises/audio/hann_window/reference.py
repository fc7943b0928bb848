"""The periodic Hann window: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def hann_window(n):
    """w[t] = 0.5 - 0.5 cos(2*pi*t/n), t = 0..n-1 (periodic: "fftbins=True")."""
    t = np.arange(n)
    return 0.5 - 0.5 * np.cos(2 * np.pi * t / n)


def cases(rng):
    # no n = 1: the formula gives [0.0], while scipy and torch special-case it to [1.0]
    return [
        Case((2,), name="n = 2"),
        Case((3,), name="n = 3"),
        Case((4,), name="n = 4"),
        Case((8,), name="n = 8"),
        Case((int(rng.integers(9, 64)),), name="random n"),
        Case((400,), name="n = 400 (25 ms at 16 kHz, as in Whisper)"),
        Case((1024,), name="n = 1024"),
    ]


# --- known mistakes ----------------------------------------------------------

def _numpy_hanning(n):
    return np.hanning(n)


def _symmetric_formula(n):
    t = np.arange(n)
    return 0.5 - 0.5 * np.cos(2 * np.pi * t / (n - 1))


def _sine_squared_full_period(n):
    t = np.arange(n)
    return np.sin(2 * np.pi * t / n) ** 2


def _hamming(n):
    t = np.arange(n)
    return 0.54 - 0.46 * np.cos(2 * np.pi * t / n)


MISTAKES = {
    "symmetric-window": [_numpy_hanning, _symmetric_formula],
    "sine-squared-double-frequency": _sine_squared_full_period,
    "hamming-coefficients": _hamming,
}
