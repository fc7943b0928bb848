"""Value at: call a function the case passes (a pack's test function)."""

import numpy as np

from byhand import Case, Fn


def value_at(f, x):
    """y = f(x)."""
    return np.float64(f(np.asarray(x, dtype=np.float64)))


def cases(rng):
    return [
        Case((Fn("tiny_cube"), rng.normal(size=3)), name="random"),
        Case((Fn("tiny_cube"), np.array([1.0, 2.0])), name="small numbers"),
    ]


MISTAKES = {
    "squared": lambda f, x: np.float64(f(np.asarray(x, dtype=np.float64)) ** 2),
    "negated": lambda f, x: np.float64(-f(np.asarray(x, dtype=np.float64))),
}
