"""Rotary position embedding (Su et al. 2021, RoFormer, eq. 34): the reference, its cases and its
known mistakes."""

import numpy as np

from byhand import Case


def rope(x, positions=None, base=10000.0):
    """Rotate each pair (x_{2i}, x_{2i+1}) of the last axis by the angle m * theta_i,
    theta_i = base^(-2i/d), m the position of the row (positions default to 0..L-1).
    x (..., L, d) with d even, positions (L,) -> same shape as x."""
    x = np.asarray(x, dtype=np.float64)
    L, d = x.shape[-2:]
    m = np.arange(L) if positions is None else np.asarray(positions)
    theta = base ** (-2.0 * np.arange(d // 2) / d)  # (d/2,)
    angle = m[:, None] * theta[None, :]  # (L, d/2)
    cos, sin = np.cos(angle), np.sin(angle)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


def cases(rng):
    return [
        Case((rng.normal(size=(4, 8)),), name="L=4, d=8"),
        Case((rng.normal(size=(2, 3, 5, 6)),), name="batch and heads (2, 3), L=5, d=6"),
        Case((rng.normal(size=(3, 2)),), name="d = 2 (one pair)"),
        Case((rng.normal(size=(3, 8)), np.array([5, 6, 7])), name="positions 5, 6, 7 (after a cache of 5)"),
        Case((rng.normal(size=(2, 16)), np.array([0, 1000])), name="positions 0 and 1000, d=16"),
        Case((rng.normal(size=(4, 4)),), {"base": 100.0}, name="base 100"),
        Case((rng.normal(size=(1, 6)), np.array([0])), name="position 0 (no rotation)"),
    ]


# --- known mistakes ----------------------------------------------------------

def _angles(L, d, positions, base, exponent=2.0, start=0):
    m = np.arange(start, start + L) if positions is None else np.asarray(positions)
    return m[:, None] * base ** (-exponent * np.arange(d // 2) / d)


def _interleaved(x, angle, sign=1.0):
    out = np.empty_like(x)
    cos, sin = np.cos(angle), sign * np.sin(angle)
    out[..., 0::2] = x[..., 0::2] * cos - x[..., 1::2] * sin
    out[..., 1::2] = x[..., 0::2] * sin + x[..., 1::2] * cos
    return out


def _rotate_half(x, positions=None, base=10000.0):
    d = x.shape[-1]
    angle = np.concatenate([_angles(x.shape[-2], d, positions, base)] * 2, axis=-1)  # (L, d)
    rotated = np.concatenate([-x[..., d // 2:], x[..., :d // 2]], axis=-1)
    return x * np.cos(angle) + rotated * np.sin(angle)


def _theta_without_two(x, positions=None, base=10000.0):
    return _interleaved(x, _angles(x.shape[-2], x.shape[-1], positions, base, exponent=1.0))


def _rotates_backwards(x, positions=None, base=10000.0):
    return _interleaved(x, _angles(x.shape[-2], x.shape[-1], positions, base), sign=-1.0)


def _positions_from_one(x, positions=None, base=10000.0):
    return _interleaved(x, _angles(x.shape[-2], x.shape[-1], positions, base, start=1))


MISTAKES = {
    "half-split-pairs": _rotate_half,
    "theta-without-two": _theta_without_two,
    "rotates-backwards": _rotates_backwards,
    "positions-from-one": _positions_from_one,
}
