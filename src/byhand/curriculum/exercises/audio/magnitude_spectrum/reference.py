"""One-sided magnitude spectrum |rfft(x)|: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def magnitude_spectrum(x):
    """|X_k| for k = 0..n//2, X = DFT of the real signal x along the last axis."""
    return np.abs(np.fft.rfft(np.asarray(x, dtype=np.float64), axis=-1))


def _tone(n, sr, freq, phase=0.0, amp=1.0):
    t = np.arange(n) / sr
    return amp * np.sin(2 * np.pi * freq * t + phase)


def cases(rng):
    n = int(rng.integers(9, 40))
    return [
        Case((np.array([2.0]),), name="length 1"),
        Case((np.array([1.0, -3.0]),), name="length 2"),
        Case((np.array([1.0, 2.0, 0.5, -1.0, 0.0]),), name="odd length 5"),
        Case((np.ones(8) * 0.5,), name="constant (only DC)"),
        Case((np.array([1.0, -1.0] * 4),), name="alternating (only Nyquist)"),
        Case((np.cos(2 * np.pi * 2 * np.arange(16) / 16),), name="cosine on bin 2"),
        Case((_tone(64, 8000, 1000.0, 0.4),), name="1000 Hz sine at 8 kHz, 64 samples"),
        Case((rng.normal(size=n),), name="random noise"),
        Case((rng.normal(size=2 * n + 1),), name="random noise, odd length"),
        Case((rng.normal(size=(3, 10)),), name="batch of 3 signals"),
        Case((_tone(512, 16000, 440.0) + 0.5 * _tone(512, 16000, 660.0, 1.0) + 0.1 * rng.normal(size=512),),
             name="A4 + E5 chord with noise, 512 samples at 16 kHz"),
    ]


# --- known mistakes ----------------------------------------------------------

def _full_fft(x):
    return np.abs(np.fft.fft(x))


def _power(x):
    return np.abs(np.fft.rfft(x)) ** 2


def _real_part(x):
    return np.real(np.fft.rfft(x))


def _half_without_nyquist(x):
    n = np.shape(x)[-1]
    return np.abs(np.fft.fft(x))[..., : n // 2]


MISTAKES = {
    "full-spectrum": _full_fft,
    "power-not-magnitude": _power,
    "real-part-not-magnitude": _real_part,
    "missing-last-bin": _half_without_nyquist,
}
