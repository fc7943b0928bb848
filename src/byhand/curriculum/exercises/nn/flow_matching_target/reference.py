"""The conditional optimal-transport path of flow matching and its target velocity (Lipman et al. 2023,
section 4): the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def flow_matching_target(x0, x1, t, sigma_min=0.0):
    """x_t = (1 - (1 - sigma_min) t) x0 + t x1 and u_t = x1 - (1 - sigma_min) x0, one t per example."""
    x0, x1 = np.asarray(x0, dtype=np.float64), np.asarray(x1, dtype=np.float64)
    tt = np.reshape(np.asarray(t, dtype=np.float64), (-1,) + (1,) * (x0.ndim - 1))
    return (1.0 - (1.0 - sigma_min) * tt) * x0 + tt * x1, x1 - (1.0 - sigma_min) * x0


def cases(rng):
    def pair(shape):
        return rng.normal(size=shape), rng.normal(size=shape) + 2.0
    a0, a1 = pair((4, 3))
    b0, b1 = pair((2, 3, 4, 4))
    c0, c1 = pair((3, 3))
    d0, d1 = pair((2, 5))
    e0, e1 = pair((3, 2))
    return [
        Case((a0, a1, rng.uniform(size=4)), name="vectors, random t"),
        Case((b0, b1, rng.uniform(size=2)), {"sigma_min": 1e-4}, name="images, sigma_min = 1e-4"),
        Case((c0, c1, np.array([0.1, 0.5, 0.8])), name="square batch (3, 3)"),
        Case((d0, d1, np.array([0.0, 1.0])), name="t = 0 and t = 1"),
        Case((e0, e1, rng.uniform(size=3)), {"sigma_min": 0.5}, name="large sigma_min = 0.5"),
    ]


def _col(t, x):
    return t.reshape((-1,) + (1,) * (x.ndim - 1))


def _target_reversed(x0, x1, t, sigma_min=0.0):
    tt = _col(t, x0)
    return (1 - (1 - sigma_min) * tt) * x0 + tt * x1, (1 - sigma_min) * x0 - x1


def _ends_swapped(x0, x1, t, sigma_min=0.0):
    tt = _col(t, x0)
    return tt * x0 + (1 - tt) * x1, x0 - x1


def _sigma_min_only_in_path(x0, x1, t, sigma_min=0.0):
    tt = _col(t, x0)
    return (1 - (1 - sigma_min) * tt) * x0 + tt * x1, x1 - x0


def _t_not_broadcast(x0, x1, t, sigma_min=0.0):
    return (1 - (1 - sigma_min) * t) * x0 + t * x1, x1 - (1 - sigma_min) * x0  # (N,) on the last axis, or fails


MISTAKES = {
    "target-reversed": _target_reversed,
    "ends-swapped": _ends_swapped,
    "sigma-min-only-in-path": _sigma_min_only_in_path,
    "t-not-broadcast": _t_not_broadcast,
}
