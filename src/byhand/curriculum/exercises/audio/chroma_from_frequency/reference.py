"""A chroma vector from a spectrum: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def chroma_from_frequency(freqs, magnitudes):
    """chroma[..., c] = sum of magnitudes[..., j] over bins j with f_j > 0 and
    round(12 log2(f_j / 440) + 9) mod 12 == c  (C = 0, C# = 1, ..., A = 9, B = 11)."""
    freqs = np.asarray(freqs, dtype=np.float64)
    magnitudes = np.asarray(magnitudes, dtype=np.float64)
    keep = freqs > 0
    pc = np.mod(np.round(12 * np.log2(freqs[keep] / 440.0) + 9), 12).astype(int)
    onehot = (pc[:, None] == np.arange(12)).astype(np.float64)  # (bins, 12)
    return magnitudes[..., keep] @ onehot


def _spectrum(signal, sr):
    n = len(signal)
    return np.fft.rfftfreq(n, 1 / sr), np.abs(np.fft.rfft(signal * np.hanning(n)))


def _tones(freqs, n, sr, rng):
    t = np.arange(n) / sr
    return sum(np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi)) for f in freqs)


def cases(rng):
    sr = 8000
    c_major = _spectrum(_tones([261.63, 329.63, 392.00], 4096, sr, rng), sr)
    a_minor = _spectrum(_tones([220.00, 261.63, 329.63, 440.0], 4096, sr, rng), sr)
    frames = np.stack([_spectrum(_tones(ch, 2048, sr, rng), sr)[1]
                       for ch in ([261.63, 329.63, 392.0], [293.66, 369.99, 440.0], [196.0, 246.94, 293.66])])
    freqs_2048 = np.fft.rfftfreq(2048, 1 / sr)
    return [
        Case((np.array([440.0]), np.array([1.0])), name="A4 alone"),
        Case((np.array([261.63, 277.18, 493.88]), np.array([1.0, 2.0, 3.0])), name="C4, C#4, B4"),
        Case((np.array([0.0, 440.0, 880.0]), np.array([5.0, 1.0, 1.0])), name="0 Hz bin (DC) must be skipped"),
        Case((np.array([430.0, 435.0, 446.0, 452.0]), np.array([1.0, 2.0, 4.0, 8.0])),
             name="slightly out of tune around A4"),
        Case((np.array([250.0, 255.0, 258.0, 505.0]), np.array([1.0, 1.0, 1.0, 1.0])),
             name="between B and C (255, 258 Hz round up to C; 250, 505 Hz round to B)"),
        Case((np.fft.fftfreq(16, 1 / 8000), rng.uniform(0, 1, size=16)),
             name="two-sided bins with negative frequencies"),
        Case((rng.uniform(30, 4000, size=20), rng.uniform(0, 1, size=20)), name="random frequencies"),
        Case((np.linspace(0, 4000, 30), rng.uniform(0, 1, size=(2, 30))), name="batch of 2 spectra"),
        Case(c_major, name="C major chord (C4 E4 G4), 4096-point spectrum"),
        Case(a_minor, name="A minor chord (A3 C4 E4 A4), 4096-point spectrum"),
        Case((freqs_2048, frames), name="3 frames: C, D, G major chords"),
    ]


# --- known mistakes ----------------------------------------------------------

def _by_class(pc, magnitudes):
    return np.stack([np.sum(magnitudes[..., pc == c], axis=-1) for c in range(12)], axis=-1)


def _a_as_zero(freqs, magnitudes):
    f = freqs[freqs > 0]
    pc = np.round(12 * np.log2(f / 440)).astype(int) % 12
    return _by_class(pc, magnitudes[..., freqs > 0])


def _floor(freqs, magnitudes):
    f = freqs[freqs > 0]
    pc = np.floor(12 * np.log2(f / 440) + 9).astype(int) % 12
    return _by_class(pc, magnitudes[..., freqs > 0])


def _truncate(freqs, magnitudes):
    f = freqs[freqs > 0]
    pc = (12 * np.log2(f / 440) + 9).astype(int) % 12  # astype(int) truncates toward zero
    return _by_class(pc, magnitudes[..., freqs > 0])


def _keeps_zero_hz(freqs, magnitudes):
    pc = np.round(12 * np.log2(freqs / 440) + 9).astype(int) % 12  # log2(0) = -inf -> garbage class
    return _by_class(pc, magnitudes)


def _round_after_mod(freqs, magnitudes):
    f = freqs[freqs > 0]
    pc = np.round((12 * np.log2(f / 440) + 9) % 12)  # 11.6 rounds to 12, which no class matches
    return _by_class(pc, magnitudes[..., freqs > 0])


MISTAKES = {
    "a-as-class-zero": _a_as_zero,
    "floor-instead-of-round": [_floor, _truncate],
    "zero-hz-not-skipped": _keeps_zero_hz,
    "round-after-mod": _round_after_mod,
}
