"""Named functions that exercises pass as inputs (``Fn("name")``).

They are public and hold no answers; a sandbox may import them.  Each maps a
1-D float array to a float, with a known gradient used by references; the
vector-valued ones (`softmax_vec` and those after it) map it to a 1-D float
array, for Jacobians.
"""

from __future__ import annotations

import copy

import numpy as np


def quadratic(x):
    """f(x) = Σ x_i²"""
    return float(np.sum(x * x))


def sin_sum(x):
    """f(x) = Σ sin(x_i)"""
    return float(np.sum(np.sin(x)))


def rosenbrock(x):
    """f(x) = Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)²"""
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))


def log_sum_exp(x):
    """f(x) = log Σ exp(x_i)"""
    m = np.max(x)
    return float(m + np.log(np.sum(np.exp(x - m))))


def cubic_mix(x):
    """f(x) = Σ x_i³ / 3 + x_0 x_{-1}"""
    return float(np.sum(x ** 3) / 3.0 + x[0] * x[-1])


def softmax_vec(x):
    """f(x) = softmax(x): Rⁿ → Rⁿ"""
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def polar_to_cartesian(x):
    """f(r, θ) = (r cos θ, r sin θ): R² → R²"""
    return np.array([x[0] * np.cos(x[1]), x[0] * np.sin(x[1])])


def neighbour_products(x):
    """f(x)_i = x_i x_{i+1}: Rⁿ → Rⁿ⁻¹"""
    return x[:-1] * x[1:]


def moments(x):
    """f(x) = (mean x, mean x², mean x³): Rⁿ → R³"""
    return np.array([np.mean(x), np.mean(x ** 2), np.mean(x ** 3)])


REGISTRY = {f.__name__: f for f in (quadratic, sin_sum, rosenbrock, log_sum_exp, cubic_mix,
                                    softmax_vec, polar_to_cartesian, neighbour_products, moments)}


_given: dict | None = None  # test functions handed over (the zygote's), instead of packs' lookup
_read: tuple = ((), {})  # (the installed packs, their test functions), read on need


def extend(registry: dict) -> None:
    """Add test functions (a pack's), and stop looking for packs' own: the
    sandbox's zygote is given its modules this way, having no entry points."""
    global _given
    _given = {**(_given or {}), **registry}


def _pack_functions() -> dict:
    global _read
    if _given is not None:
        return _given
    import importlib

    from ..content.packs import packs

    installed = packs()
    if _read[0] is not installed:  # read again after the packs were looked up again
        found: dict = {}
        for pack in installed:
            if pack.test_functions:
                found.update(importlib.import_module(pack.test_functions).REGISTRY)
        _read = (installed, found)
    return _read[1]


def resolve(value, copy_arrays: bool = False):
    """Replace every Fn marker inside args by the function it names; with
    ``copy_arrays``, on a copy (arrays copied, containers rebuilt, anything
    else deep-copied), so that a call cannot change the case for the next."""
    from ..content.model import Fn

    if type(value) is np.ndarray:
        return value.copy() if copy_arrays else value
    if isinstance(value, Fn):
        fn = REGISTRY.get(value.name) or _pack_functions().get(value.name)
        if fn is None:
            raise ValueError(f"unknown test function {value.name!r}")
        return fn
    if type(value) is tuple:
        return tuple(resolve(v, copy_arrays) for v in value)
    if type(value) is list:
        return [resolve(v, copy_arrays) for v in value]
    if type(value) is dict:
        return {k: resolve(v, copy_arrays) for k, v in value.items()}
    if copy_arrays and type(value) not in (int, float, complex, bool, str, bytes, type(None)):
        return copy.deepcopy(value)
    return value
