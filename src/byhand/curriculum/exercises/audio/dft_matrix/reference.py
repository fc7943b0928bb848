"""The DFT matrix: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def dft_matrix(n):
    """F[k, t] = exp(-2*pi*i*k*t/n), k, t = 0..n-1, complex128."""
    k = np.arange(n)
    kt = np.outer(k, k) % n  # exact integers: exp is periodic, and small angles keep precision
    return np.exp(-2j * np.pi * kt / n)


def cases(rng):
    return [
        Case((1,), name="n = 1"),
        Case((2,), name="n = 2"),
        Case((3,), name="n = 3"),
        Case((4,), name="n = 4"),
        Case((8,), name="n = 8"),
        Case((int(rng.integers(5, 16)),), name="random small n"),
        Case((int(rng.integers(17, 64)),), name="random n"),
        Case((256,), name="n = 256"),
    ]


# --- known mistakes ----------------------------------------------------------

def _plus_sign(n):
    k = np.arange(n)
    return np.exp(2j * np.pi * np.outer(k, k) / n)


def _inverse_matrix(n):
    k = np.arange(n)
    return np.exp(2j * np.pi * np.outer(k, k) / n) / n


def _divided_by_n(n):
    k = np.arange(n)
    return np.exp(-2j * np.pi * np.outer(k, k) / n) / n


def _divided_by_sqrt_n(n):
    k = np.arange(n)
    return np.exp(-2j * np.pi * np.outer(k, k) / n) / np.sqrt(n)


MISTAKES = {
    "inverse-sign": [_plus_sign, _inverse_matrix],
    "divided-by-n": _divided_by_n,
    "divided-by-sqrt-n": _divided_by_sqrt_n,
}
