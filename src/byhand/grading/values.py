"""Plain data in, plain data out: converting values without trusting them.

``plainify`` turns what a learner's function returned into base ``numpy.ndarray``
objects of a numeric dtype, looking only at exact types: it never calls a
method of an object the learner made (no ``__array__``, ``__float__``,
``__eq__``; no ndarray subclasses).  ``encode``/``decode`` carry values across a
process boundary as JSON with base64 array bytes: data only, never pickle.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any

import numpy as np

from ..content.model import Fn

NUMERIC_KINDS = "biufc"
_PY_SCALARS = (bool, int, float, complex)


class NotPlain(Exception):
    """The value is not plain numeric data; the message says what it was."""


def _describe(value: Any) -> str:
    t = type(value)
    if isinstance(value, np.ndarray):  # a subclass: name it without calling it
        return f"a subclass of numpy.ndarray ({t.__module__}.{t.__qualname__})"
    return f"an object of type {t.__module__}.{t.__qualname__}"


def _is_numpy_scalar(value: Any) -> bool:
    t = type(value)
    return issubclass(t, np.generic) and t.__module__ == "numpy" and t in np.sctypeDict.values()


def _check_leaves(value: Any, depth: int = 0) -> None:
    t = type(value)
    if t is np.ndarray:
        if value.dtype.kind not in NUMERIC_KINDS:
            raise NotPlain(f"an array of dtype {value.dtype} (numbers were expected)")
        return
    if t in _PY_SCALARS or _is_numpy_scalar(value):
        if _is_numpy_scalar(value) and value.dtype.kind not in NUMERIC_KINDS:
            raise NotPlain(f"a numpy scalar of dtype {value.dtype}")
        return
    if t in (list, tuple):
        if depth > 32:
            raise NotPlain("a list nested more than 32 levels deep")
        for item in value:
            _check_leaves(item, depth + 1)
        return
    raise NotPlain(_describe(value))


def plain_array(value: Any) -> np.ndarray:
    """One returned value as a base ndarray of a numeric dtype, or NotPlain."""
    _check_leaves(value)
    if type(value) is np.ndarray:
        return value.copy()
    try:
        arr = np.array(value)
    except (ValueError, OverflowError) as exc:  # ragged lists, ints too large
        raise NotPlain(f"a value numpy cannot turn into one array ({exc})") from None
    if arr.dtype.kind not in NUMERIC_KINDS:
        raise NotPlain(f"values that make an array of dtype {arr.dtype}")
    return arr


def plain_outputs(value: Any, n_outputs: int | None) -> tuple[np.ndarray, ...]:
    """Split a return value into outputs: a tuple of ``n_outputs`` when the
    reference returns a tuple (``n_outputs`` is its length), else one array."""
    if n_outputs is None:
        return (plain_array(value),)
    if type(value) not in (tuple, list):
        raise NotPlain(f"{_describe(value)}; a tuple of {n_outputs} values was expected")
    if len(value) != n_outputs:
        raise NotPlain(f"a tuple of {len(value)} values; {n_outputs} were expected")
    return tuple(plain_array(v) for v in value)


def reference_outputs(value: Any) -> tuple[tuple[np.ndarray, ...], int | None]:
    """The trusted reference's return value as arrays, and its tuple length."""
    if isinstance(value, tuple):
        return tuple(np.asarray(v) for v in value), len(value)
    return (np.asarray(value),), None


# --- the wire format -------------------------------------------------------

def _enc(value: Any) -> Any:
    t = type(value)
    if value is None or t in (bool, int, str):
        return value
    if t is float:
        return value if math.isfinite(value) else {"float": repr(value)}
    if t is np.ndarray or _is_numpy_scalar(value):
        arr = np.asarray(value, order="C")  # (ascontiguousarray would make 0-d arrays 1-d)
        if arr.dtype.kind not in NUMERIC_KINDS:
            raise NotPlain(f"cannot send an array of dtype {arr.dtype}")
        return {"nd": [arr.dtype.str, list(arr.shape), base64.b64encode(arr.tobytes()).decode()]}
    if t is list:
        return [_enc(v) for v in value]
    if t is tuple:
        return {"tuple": [_enc(v) for v in value]}
    if t is dict:
        return {"dict": {str(k): _enc(v) for k, v in value.items()}}
    if t is Fn:
        return {"fn": value.name}
    raise NotPlain(f"cannot send {_describe(value)}")


def _dec(value: Any) -> Any:
    if isinstance(value, list):
        return [_dec(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) != 1:
        raise ValueError("malformed wire value")
    (tag, body), = value.items()
    if tag == "nd":
        dtype_str, shape, data = body
        dtype = np.dtype(dtype_str)
        if dtype.kind not in NUMERIC_KINDS or dtype.hasobject:
            raise ValueError(f"refused dtype {dtype_str!r}")
        shape = tuple(int(s) for s in shape)
        if any(s < 0 for s in shape):
            raise ValueError("negative dimension")
        raw = base64.b64decode(data, validate=True)
        if len(raw) != dtype.itemsize * math.prod(shape):
            raise ValueError("array bytes do not match shape and dtype")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if tag == "float":
        return float(body)
    if tag == "tuple":
        return tuple(_dec(v) for v in body)
    if tag == "dict":
        return {k: _dec(v) for k, v in body.items()}
    if tag == "fn":
        return Fn(str(body))
    raise ValueError(f"unknown wire tag {tag!r}")


def encode(value: Any) -> str:
    return json.dumps(_enc(value), separators=(",", ":"))


def decode(text: str | bytes) -> Any:
    return _dec(json.loads(text))


# --- a case's outputs on the result channel ---------------------------------
#
# The only thing a child may send back for a case is a list of outputs, each
# ``[dtype, shape, base64]``; the trusted side checks every field (exact types,
# a dtype from a fixed set, a bounded shape, bytes that match it) before it
# allocates anything, so a forged line costs at most its own size to refuse.
# An output whose bytes exceed the case's budget travels as ``[dtype, shape,
# None]``: its shape can still be judged ("you returned shape (4000000,)")
# without the trusted side ever holding its data.

OUTPUT_DTYPES = frozenset(np.dtype(t).str for t in (
    "?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"))
MAX_NDIM = 32
MAX_DIM = 1 << 40  # a claimed dimension may be large (an omitted output), never absurd
MIN_OUTPUT_BUDGET = 64 * 1024


class Malformed(ValueError):
    """A child's message does not have the one shape the protocol allows."""


class Omitted:
    """An output too large to send back: only its dtype and shape crossed."""

    __slots__ = ("dtype", "shape")

    def __init__(self, dtype: np.dtype, shape: tuple[int, ...]):
        self.dtype, self.shape = dtype, shape

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def __repr__(self) -> str:
        return f"Omitted({self.dtype.str!r}, {self.shape})"


def output_budget(expected: tuple[np.ndarray, ...]) -> int:
    """The bytes a case's outputs may take on the wire: 16 per expected
    element (complex128, the widest accepted kind) or 64 KiB, whichever is
    more.  An answer of the expected shape always fits."""
    return max(MIN_OUTPUT_BUDGET, 16 * sum(int(np.size(e)) for e in expected))


def encode_outputs(values: tuple[np.ndarray, ...], budget: int) -> list:
    """The child's side: outputs as wire lists, data omitted past ``budget`` bytes."""
    send_data = sum(v.nbytes for v in values) <= budget
    out = []
    for v in values:
        arr = np.ascontiguousarray(v) if v.ndim else v
        dtype = arr.dtype.newbyteorder("=") if arr.dtype.byteorder not in "=|" else arr.dtype
        arr = arr.astype(dtype, copy=False)
        out.append([dtype.str, list(arr.shape),
                    base64.b64encode(arr.tobytes()).decode("ascii") if send_data else None])
    return out


def decode_outputs(wire: Any, n_outputs: int, budget: int) -> tuple:
    """The trusted side's decoder: exactly ``n_outputs`` outputs, each an
    ndarray (or :class:`Omitted`), their data at most ``budget`` bytes.
    Raises :class:`Malformed` and nothing else."""
    if type(wire) is not list or len(wire) != n_outputs:
        raise Malformed("wrong number of outputs")
    out: list = []
    spent = 0
    for item in wire:
        if type(item) is not list or len(item) != 3:
            raise Malformed("an output is not [dtype, shape, data]")
        dtype_str, shape, data = item
        if type(dtype_str) is not str or dtype_str not in OUTPUT_DTYPES:
            raise Malformed("unknown dtype")
        if type(shape) is not list or len(shape) > MAX_NDIM or \
                not all(type(s) is int and 0 <= s <= MAX_DIM for s in shape):
            raise Malformed("bad shape")
        dtype, dims = np.dtype(dtype_str), tuple(shape)
        if data is None:
            out.append(Omitted(dtype, dims))
            continue
        if type(data) is not str:
            raise Malformed("bad data")
        nbytes = dtype.itemsize * math.prod(dims)
        spent += nbytes
        if spent > budget or len(data) != 4 * ((nbytes + 2) // 3):
            raise Malformed("data does not match its shape or exceeds the budget")
        try:
            raw = base64.b64decode(data, validate=True)
        except ValueError:
            raise Malformed("bad base64") from None
        if len(raw) != nbytes:
            raise Malformed("data does not match its shape")
        out.append(np.frombuffer(raw, dtype=dtype).reshape(dims).copy())
    return tuple(out)
