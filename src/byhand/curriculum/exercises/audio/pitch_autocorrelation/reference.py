"""Fundamental frequency from the autocorrelation peak: the reference, its cases and its known mistakes."""

import math

import numpy as np

from byhand import Case


def _autocorrelation(x):
    n = len(x)
    return np.correlate(x, x, mode="full")[n - 1:]


def pitch_autocorrelation(x, sample_rate, fmin=50.0, fmax=1000.0):
    """f0 = sample_rate / k*, k* = argmax r[k] over integer lags sample_rate/fmax <= k <= sample_rate/fmin."""
    x = np.asarray(x, dtype=np.float64)
    r = _autocorrelation(x)
    k_min = math.ceil(sample_rate / fmax)
    k_max = min(math.floor(sample_rate / fmin), len(x) - 1)
    k = k_min + int(np.argmax(r[k_min: k_max + 1]))
    return np.float64(sample_rate / k)


def _voice(f0, sr, n, rng, harmonics=(1.0, 0.6, 0.4, 0.25), noise=0.0):
    """A harmonic tone (like a sung vowel): f0 and its overtones, random phases, optional noise."""
    t = np.arange(n) / sr
    x = sum(a * np.sin(2 * np.pi * (h + 1) * f0 * t + rng.uniform(0, 2 * np.pi))
            for h, a in enumerate(harmonics))
    return x + noise * rng.normal(size=n)


def cases(rng):
    sine = lambda f0, sr, n: np.sin(2 * np.pi * f0 * np.arange(n) / sr + rng.uniform(0, 2 * np.pi))  # noqa: E731
    f0 = float(rng.choice([160.0, 200.0, 250.0, 320.0, 400.0, 500.0]))  # whole-sample periods at 8 kHz
    return [
        Case((sine(400.0, 8000, 512), 8000), name="400 Hz sine, 8 kHz"),
        Case((sine(250.0, 8000, 1024), 8000), name="250 Hz sine, 8 kHz"),
        Case((_voice(f0, 8000, 1024, rng), 8000), name="harmonic tone, random f0"),
        Case((_voice(200.0, 16000, 2048, rng, noise=0.3), 16000), name="sung-vowel-like tone at 200 Hz with noise, 16 kHz"),
        Case((_voice(441.0, 44100, 4096, rng), 44100), name="441 Hz harmonic tone, 44.1 kHz"),
        Case((_voice(110.25, 22050, 4096, rng, harmonics=(1.0, 0.8, 0.6, 0.5, 0.4)), 22050),
             name="low male voice, 110.25 Hz, 22.05 kHz"),
        Case((_voice(125.0, 16000, 2048, rng), 16000), {"fmin": 80.0, "fmax": 400.0}, name="125 Hz with fmin=80, fmax=400"),
        Case((_voice(800.0, 16000, 1024, rng, noise=0.1), 16000), {"fmin": 200.0, "fmax": 2000.0},
             name="800 Hz (a soprano's high note), fmin=200, fmax=2000"),
    ]


# --- known mistakes ----------------------------------------------------------

def _includes_lag_zero(x, sample_rate, fmin=50.0, fmax=1000.0):
    r = np.correlate(x, x, mode="full")[len(x) - 1:]
    k_max = int(sample_rate / fmin)
    k = np.argmax(r[: k_max + 1])  # lag 0 always wins: r[0] is the energy
    return sample_rate / k  # sample_rate / 0 -> inf


def _argmax_without_offset(x, sample_rate, fmin=50.0, fmax=1000.0):
    r = np.correlate(x, x, mode="full")[len(x) - 1:]
    k_min, k_max = math.ceil(sample_rate / fmax), int(sample_rate / fmin)
    k = np.argmax(r[k_min: k_max + 1])  # index within the slice, not the lag
    return sample_rate / k


def _returns_lag(x, sample_rate, fmin=50.0, fmax=1000.0):
    r = np.correlate(x, x, mode="full")[len(x) - 1:]
    k_min, k_max = math.ceil(sample_rate / fmax), int(sample_rate / fmin)
    return k_min + np.argmax(r[k_min: k_max + 1])


MISTAKES = {
    "includes-lag-zero": _includes_lag_zero,
    "argmax-without-offset": _argmax_without_offset,
    "returns-lag-not-frequency": _returns_lag,
}
