"""The DFT as a matrix product: the reference, its cases and its known mistakes."""

import functools

import numpy as np

from byhand import Case


def dft(x):
    """X[..., k] = sum_t x[..., t] exp(-2*pi*i*k*t/n): the DFT along the last axis."""
    x = np.asarray(x)
    n = x.shape[-1]
    k = np.arange(n)
    F = np.exp(-2j * np.pi * (np.outer(k, k) % n) / n)  # symmetric: F.T == F
    return x @ F.T  # each row of a batch times F transposed, i.e. F applied to each signal


def _sine(n, cycles, phase=0.0, amp=1.0):
    t = np.arange(n)
    return amp * np.sin(2 * np.pi * cycles * t / n + phase)


def cases(rng):
    n = int(rng.integers(5, 40))
    return [
        Case((np.array([1.0]),), name="length 1"),
        Case((np.array([1.0, 2.0, 3.0]),), name="length 3"),
        Case((np.array([1.0, 0.0, 0.0, 0.0, 0.0]),), name="impulse"),
        Case((np.full(6, 2.0),), name="constant (DC)"),
        Case((_sine(16, 3),), name="sine, 3 cycles in 16 samples"),
        Case((np.array([1 + 2j, -1j, 0.5, 2 - 1j]),), name="complex signal"),
        Case((rng.normal(size=n) + 1j * rng.normal(size=n),), name="random complex signal"),
        Case((rng.normal(size=n),), name="random real signal"),
        Case((rng.normal(size=(3, 8)),), name="batch of 3 signals"),
        Case((rng.normal(size=(5, 5)),), name="square batch"),
        Case((rng.normal(size=(2, 3, 7)),), name="batch of 2x3 signals"),
        Case((_sine(256, 10, 0.3, 2.0) + 0.5 * _sine(256, 37),), name="two sines, 256 samples"),
        Case((rng.normal(size=512) * 3,), name="512 samples of noise"),
    ]


# --- known mistakes ----------------------------------------------------------

@functools.lru_cache(maxsize=32)  # the mistakes are called on every case of every seed: build each size once
def _dft_matrix(n, sign=-1):
    k = np.arange(n)
    F = np.exp(sign * 2j * np.pi * np.outer(k, k) / n)
    F.flags.writeable = False
    return F


def _plus_sign(x):
    return x @ _dft_matrix(np.shape(x)[-1], +1)


def _matrix_on_left(x):
    F = _dft_matrix(np.shape(x)[-1])
    return F @ x  # fine for one signal; on a batch it mixes the signals


def _matrix_on_left_transposed(x):
    F = _dft_matrix(np.shape(x)[-1])
    return F @ x.T  # the spectra come out as columns


def _divided_by_n(x):
    n = np.shape(x)[-1]
    return x @ _dft_matrix(n) / n


def _divided_by_sqrt_n(x):
    n = np.shape(x)[-1]
    return x @ _dft_matrix(n) / np.sqrt(n)


def _real_cast(x):
    x = np.asarray(x, dtype=np.float64)  # drops the imaginary part (with only a warning)
    return x @ _dft_matrix(x.shape[-1])


MISTAKES = {
    "inverse-sign": _plus_sign,
    "transposed-product": [_matrix_on_left, _matrix_on_left_transposed],
    "normalized": [_divided_by_n, _divided_by_sqrt_n],
    "drops-imaginary-part": _real_cast,
}
