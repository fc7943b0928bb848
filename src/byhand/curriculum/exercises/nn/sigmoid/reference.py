"""Sigmoid: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def sigmoid(x):
    """sigma(x) = 1 / (1 + exp(-x)), computed from exp(-|x|) so that exp never overflows."""
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))  # in (0, 1]
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def cases(rng):
    return [
        Case((rng.normal(size=5) * 3,),  name="random vector"),
        Case((rng.normal(size=(3, 4)) * 10,), name="random matrix"),
        Case((np.array(rng.normal()),), name="scalar (0-d array)"),
        Case((np.zeros(3),), name="zeros"),
        Case((np.array([1000.0, 710.0, 50.0]),), name="huge positive values"),
        Case((np.array([-1000.0, -710.0, -50.0]),), name="very negative values"),
        Case((np.array([-1000.0, -30.0, -1e-10, 0.0, 1e-10, 30.0, 1000.0]),), name="both signs, all scales"),
    ]


def _naive_exp(x):
    e = np.exp(x)
    return e / (1 + e)


def _sign_flip(x):
    return 1 / (1 + np.exp(x))


def _forgot_one_minus(x):
    # "stable" trick: use exp(-|x|) so it never overflows ...
    # ... but for x < 0 this is sigma(-x) = sigma(|x|); it should be 1 - sigma(|x|)
    return 1 / (1 + np.exp(-np.abs(x)))


MISTAKES = {
    "naive-exp": _naive_exp,
    "sign-flip": _sign_flip,
    "forgot-one-minus": _forgot_one_minus,
}
