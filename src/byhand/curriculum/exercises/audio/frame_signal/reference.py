"""Splitting a signal into overlapping frames: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def frame_signal(x, frame_length, hop_length):
    """frames[i] = x[i*hop_length : i*hop_length + frame_length], no padding."""
    x = np.asarray(x)
    num_frames = 1 + (len(x) - frame_length) // hop_length
    starts = hop_length * np.arange(num_frames)
    return x[starts[:, None] + np.arange(frame_length)]


def cases(rng):
    return [
        Case((np.arange(5.0), 5, 2), name="one frame exactly"),
        Case((np.arange(6.0), 2, 2), name="hop = frame length (no overlap)"),
        Case((np.arange(7.0), 3, 2), name="overlapping, last sample used"),
        Case((np.arange(8.0), 3, 2), name="overlapping, last sample dropped"),
        Case((np.arange(10.0), 4, 1), name="hop 1"),
        Case((np.arange(16.0), 4, 6), name="hop larger than the frame (gaps)"),
        Case((np.arange(20.0), 8, 4), name="half overlap, length fits exactly"),
        Case((rng.normal(size=int(rng.integers(30, 60))), 8, 3), name="random signal"),
        Case((rng.normal(size=1600), 400, 160), name="Whisper-like framing: 400 / 160"),
    ]


# --- known mistakes ----------------------------------------------------------

def _count_without_plus_one(x, frame_length, hop_length):
    num_frames = (len(x) - frame_length) // hop_length
    return np.array([x[i * hop_length: i * hop_length + frame_length] for i in range(num_frames)])


def _range_stops_early(x, frame_length, hop_length):
    # range(0, len(x) - frame_length, hop) excludes the last start when it lands exactly on the end
    return np.array([x[s: s + frame_length] for s in range(0, len(x) - frame_length, hop_length)])


def _hop_and_frame_swapped(x, frame_length, hop_length):
    frame_length, hop_length = hop_length, frame_length
    num_frames = 1 + (len(x) - frame_length) // hop_length
    return np.array([x[i * hop_length: i * hop_length + frame_length] for i in range(num_frames)])


def _reshape_without_overlap(x, frame_length, hop_length):
    n = len(x) // frame_length * frame_length
    return x[:n].reshape(-1, frame_length)


MISTAKES = {
    "frame-count-off-by-one": [_count_without_plus_one, _range_stops_early],
    "hop-and-frame-swapped": _hop_and_frame_swapped,
    "no-overlap": _reshape_without_overlap,
}
