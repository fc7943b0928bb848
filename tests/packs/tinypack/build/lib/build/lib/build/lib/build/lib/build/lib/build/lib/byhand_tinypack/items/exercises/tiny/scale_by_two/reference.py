"""Scale by two: the reference, its cases and its known mistake."""

import numpy as np

from byhand import Case


def scale_by_two(x):
    """y = 2x."""
    return 2.0 * np.asarray(x, dtype=np.float64)


def cases(rng):
    return [
        Case((rng.normal(size=3),), name="random"),
        Case((rng.normal(size=(2, 3)),), name="a matrix"),
        Case((np.array([1.0, -2.0, 0.5]),), name="small numbers"),
    ]


MISTAKES = {
    "added-two": lambda x: np.asarray(x, dtype=np.float64) + 2.0,
    "halved": lambda x: np.asarray(x, dtype=np.float64) / 2.0,
}
