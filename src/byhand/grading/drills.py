"""Numeric drills: a fresh variant from a seed, a typed answer, a verdict and
the worked solution.

A learner types a number (``0.25``, ``1/4``, ``-3e-2``), a vector
(``1, 2.5`` or ``[1, 2.5]``) or a shape (``(2, 3, 4)``); nothing typed is
ever evaluated as code.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..content.model import Drill
from ..errors import ByhandError
from .compare import compare_one

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class BadAnswer(ByhandError):
    """The typed answer cannot be read; the message says what form is expected."""


def parse_number(text: str) -> float:
    t = text.strip().replace("−", "-").replace(" ", "")
    if "/" in t:
        num, _, den = t.partition("/")
        if _NUMBER.match(num) and _NUMBER.match(den):
            if float(den) == 0:
                raise BadAnswer(f"{text!r}: division by zero")
            return float(Fraction(num) / Fraction(den))
    if _NUMBER.match(t):
        return float(t)
    raise BadAnswer(f"{text!r} is not a number; type e.g. 0.25, 1/4 or -3e-2")


def parse_answer(kind: str, text: str) -> np.ndarray:
    text = text.strip()
    if not text:
        raise BadAnswer("empty answer")
    if kind == "number":
        return np.asarray(parse_number(text))
    inner = text.strip("()[] ")
    parts = [p for p in re.split(r"[,\s]+", inner) if p]
    if kind == "shape":
        if not all(p.isdigit() for p in parts):
            raise BadAnswer(f"{text!r} is not a shape; type e.g. (2, 3, 4)")
        return np.asarray([int(p) for p in parts], dtype=np.int64)
    if kind == "vector":
        if not parts:
            raise BadAnswer("empty vector; type numbers separated by commas, e.g. 1, 2.5")
        return np.asarray([parse_number(p) for p in parts])
    raise ValueError(kind)


def expected_answer(kind: str, answer: Any) -> np.ndarray:
    if kind == "shape":
        return np.asarray(tuple(answer), dtype=np.int64)
    return np.asarray(answer, dtype=np.float64)


@dataclass(frozen=True)
class Variant:
    """One drawn instance of a drill: its parameters and worked values."""

    drill: Drill
    seed: int
    params: dict
    worked: dict

    def prompt(self, lang: str) -> str:
        return render(self.drill.t(lang).prompt, {**self.params})

    def solution(self, lang: str) -> str:
        return render(self.drill.t(lang).solution, {**self.params, **self.worked})

    @property
    def answer(self) -> np.ndarray:
        return expected_answer(self.drill.answer_kind, self.worked["answer"])


@dataclass(frozen=True)
class DrillResult:
    correct: bool
    expected: str
    got: str
    solution: str


def variant(drill: Drill, seed: int) -> Variant:
    params = drill.generate(np.random.default_rng(seed))
    worked = drill.solve(params)
    if "answer" not in worked:
        raise ValueError(f"{drill.id}: solve() must return a dict with 'answer'")
    return Variant(drill, seed, params, worked)


def check_answer(v: Variant, text: str, lang: str) -> DrillResult:
    got = parse_answer(v.drill.answer_kind, text)
    exp = v.answer
    ok = got.shape == exp.shape and compare_one(exp, got, v.drill.compare) is None
    return DrillResult(ok, _fmt(exp), _fmt(got), v.solution(lang))


def _fmt(a: np.ndarray) -> str:
    if a.dtype.kind in "iu":
        return "(" + ", ".join(str(int(x)) for x in a.ravel()) + ")" if a.ndim else str(int(a))
    if a.ndim == 0:
        return f"{float(a):.6g}"
    return ", ".join(f"{float(x):.6g}" for x in a.ravel())


class _Fields(string.Formatter):
    """str.format that shows arrays and floats readably by default."""

    def format_field(self, value, format_spec):
        if isinstance(value, np.ndarray) and not format_spec:
            return np.array2string(value, precision=4, suppress_small=True, separator=", ")
        if isinstance(value, (float, np.floating)) and not format_spec:
            return f"{float(value):.4g}"
        if isinstance(value, (list, tuple)) and not format_spec:
            return "(" + ", ".join(self.format_field(v, "") for v in value) + (",)" if len(value) == 1 else ")")
        return super().format_field(value, format_spec)


def render(template: str, fields: dict) -> str:
    return _Fields().format(template, **fields)
