"""Magnitude STFT (a linear-frequency spectrogram): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def stft_magnitude(x, frame_length, hop_length):
    """S[i, k] = |rfft(frame_i * hann)[k]|, frames without padding, periodic Hann window."""
    x = np.asarray(x, dtype=np.float64)
    num_frames = 1 + (len(x) - frame_length) // hop_length
    idx = hop_length * np.arange(num_frames)[:, None] + np.arange(frame_length)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(frame_length) / frame_length)
    return np.abs(np.fft.rfft(x[idx] * window, axis=-1))


def _tone(n, sr, freq, phase=0.0):
    return np.sin(2 * np.pi * freq * np.arange(n) / sr + phase)


def cases(rng):
    sr = 8000
    chord = sum(_tone(2048, sr, f, rng.uniform(0, 2 * np.pi)) for f in (261.63, 329.63, 392.0))
    t = np.arange(4000) / sr
    chirp = np.sin(2 * np.pi * (200 * t + 1000 * t ** 2))  # 200 Hz rising to 2200 Hz
    return [
        Case((np.array([1.0, 2.0, 3.0, 4.0]), 4, 2), name="one frame of 4"),
        Case((np.arange(10.0), 4, 2), name="ramp, frames of 4, hop 2"),
        Case((np.ones(12), 6, 3), name="constant signal"),
        Case((rng.normal(size=int(rng.integers(40, 80))), 16, 8), name="random noise"),
        Case((rng.normal(size=101), 15, 7), name="odd frame length"),
        Case((_tone(1024, sr, 1000.0), 64, 32), name="1000 Hz sine at 8 kHz"),
        Case((chord, 256, 128), name="C major chord (C4 E4 G4)"),
        Case((chirp, 400, 160), name="chirp, Whisper-like 400 / 160"),
    ]


# --- known mistakes ----------------------------------------------------------

def _frames(x, frame_length, hop_length):
    num_frames = 1 + (len(x) - frame_length) // hop_length
    return np.array([x[i * hop_length: i * hop_length + frame_length] for i in range(num_frames)])


def _no_window(x, frame_length, hop_length):
    return np.abs(np.fft.rfft(_frames(x, frame_length, hop_length), axis=-1))


def _symmetric_window(x, frame_length, hop_length):
    return np.abs(np.fft.rfft(_frames(x, frame_length, hop_length) * np.hanning(frame_length), axis=-1))


def _power(x, frame_length, hop_length):
    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(frame_length) / frame_length)
    return np.abs(np.fft.rfft(_frames(x, frame_length, hop_length) * w, axis=-1)) ** 2


MISTAKES = {
    "no-window": _no_window,
    "symmetric-window": _symmetric_window,
    "power-not-magnitude": _power,
}
