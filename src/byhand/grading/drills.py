"""Numeric drills: a fresh variant from a seed, a typed answer, a verdict and
the worked solution.

A learner types a number (``0.25``, ``1/4``, ``-3e-2``), a vector
(``1, 2.5`` or ``[1, 2.5]``), a shape (``(2, 3, 4)``) or, for a choice
drill, the letter of an option (``b``); nothing typed is ever evaluated as
code.  A choice drill's options follow its prompt, lettered; ``solve``'s
``answer`` is the right letter, and a wrong letter's verdict says why that
option is wrong (the drill's ``wrong`` text for it, like an exercise's
named mistake).  An answer the prompt asks to be rounded (the
drill's ``decimals`` or ``significant``) is expected and shown rounded.

Templates are str.format over the parameters and worked values.  Every
number is printed by ``byhand.content.authoring.num`` (the minus sign −,
fractions reduced with their sign in front); ``{x:()}`` or ``{x:(.3f)}``
puts a negative value in parentheses, for a number after an operator or
under a power: ``{a}·{b:()}`` → ``4·(−4)``.  A Korean particle is a
placeholder after the word it follows, ``{d}{로}`` → ``−9로``
(``byhand.i18n.particles``).
"""

from __future__ import annotations

import numbers
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..content.authoring import num
from ..content.model import Drill
from ..errors import ByhandError
from ..i18n.particles import ParticleFormatter
from .compare import compare_one

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class BadAnswer(ByhandError):
    """The typed answer cannot be read; the message (``in_lang``) says what form is expected."""


def parse_number(text: str) -> float:
    t = text.strip().replace("−", "-").replace(" ", "")
    if "/" in t:
        num, _, den = t.partition("/")
        if _NUMBER.match(num) and _NUMBER.match(den):
            if float(den) == 0:
                raise BadAnswer.of("answer.division-by-zero", text=text)
            return float(Fraction(num) / Fraction(den))
    if _NUMBER.match(t):
        return float(t)
    raise BadAnswer.of("answer.not-a-number", text=text)


def parse_answer(kind: str, text: str) -> np.ndarray:
    text = text.strip()
    if not text:
        raise BadAnswer.of("answer.empty")
    if kind == "number":
        return np.asarray(parse_number(text))
    inner = text.strip("()[] ")
    parts = [p for p in re.split(r"[,\s]+", inner) if p]
    if kind == "shape":
        if not all(p.isdigit() for p in parts):
            raise BadAnswer.of("answer.not-a-shape", text=text)
        return np.asarray([int(p) for p in parts], dtype=np.int64)
    if kind == "vector":
        if not parts:
            raise BadAnswer.of("answer.empty-vector")
        return np.asarray([parse_number(p) for p in parts])
    raise ValueError(kind)


def expected_answer(kind: str, answer: Any) -> np.ndarray:
    if kind == "shape":
        return np.asarray(tuple(answer), dtype=np.int64)
    if kind == "choice":
        return np.asarray(str(answer))
    return np.asarray(answer, dtype=np.float64)


@dataclass(frozen=True)
class Variant:
    """One drawn instance of a drill: its parameters and worked values."""

    drill: Drill
    seed: int
    params: dict
    worked: dict

    def prompt(self, lang: str) -> str:
        text = render(self.drill.t(lang).prompt, {**self.params})
        if self.drill.answer_kind == "choice":
            text += "\n\n" + "\n".join(f"{letter}) {option}" for letter, option in self.options(lang))
        return text

    def options(self, lang: str) -> list[tuple[str, str]]:
        """A choice drill's options, (letter, text) in order; none for other drills."""
        return [(letter, render(option, {**self.params})) for letter, option in self.drill.t(lang).options.items()]

    def why_wrong(self, letter: str, lang: str) -> str:
        """Why the option ``letter`` of a choice drill is wrong ("" if it is the right one)."""
        if letter == self.expected:
            return ""
        return render(self.drill.t(lang).wrong.get(letter, ""), {**self.params, **self.worked})

    def solution(self, lang: str) -> str:
        return render(self.drill.t(lang).solution, {**self.params, **self.worked})

    @property
    def answer(self) -> np.ndarray:
        """The expected answer, rounded as the prompt asks."""
        exact = expected_answer(self.drill.answer_kind, self.worked["answer"])
        if exact.dtype.kind != "f":  # a shape, or a choice's letter
            return exact
        specs = _answer_specs(self.drill, exact.size)
        rounded = [float(format(x, spec)) if spec else x for x, spec in zip(exact.ravel().tolist(), specs)]
        return np.asarray(rounded, dtype=np.float64).reshape(exact.shape)

    @property
    def expected(self) -> str:
        """The expected answer as the learner is shown it (and may type it)."""
        if self.drill.answer_kind == "choice":
            return str(self.answer)
        return _fmt(self.answer, _answer_specs(self.drill, self.answer.size))


@dataclass(frozen=True)
class DrillResult:
    correct: bool
    expected: str
    got: str
    solution: str
    why: str = ""  # a choice drill answered wrong: why the chosen option is wrong


def variant(drill: Drill, seed: int) -> Variant:
    params = drill.generate(np.random.default_rng(seed))
    worked = drill.solve(params)
    if "answer" not in worked:
        raise ValueError(f"{drill.id}: solve() must return a dict with 'answer'")
    return Variant(drill, seed, params, worked)


def check_answer(v: Variant, text: str, lang: str) -> DrillResult:
    if v.drill.answer_kind == "choice":
        # NFKC: a Korean IME's full-width "ｂ" or "（ｂ）" reads as "b"
        letter = unicodedata.normalize("NFKC", text).strip().strip("().").strip().lower()
        letters = [option for option, _ in v.options(lang)]
        if letter not in letters:
            raise BadAnswer.of("answer.not-an-option", text=text.strip()[:20], letters=", ".join(letters))
        return DrillResult(letter == v.expected, v.expected, letter, v.solution(lang), v.why_wrong(letter, lang))
    got = parse_answer(v.drill.answer_kind, text)
    exp = v.answer
    ok = got.shape == exp.shape and compare_one(exp, got, v.drill.compare) is None
    return DrillResult(ok, v.expected, _fmt(got), v.solution(lang))


def _answer_specs(drill: Drill, n: int) -> list[str]:
    """Per entry of the answer, the format spec of the precision the prompt asks
    for ("" for an exact answer)."""
    if drill.significant is not None:
        return [f".{drill.significant}g"] * n
    if drill.decimals is None:
        return [""] * n
    decimals = drill.decimals if isinstance(drill.decimals, tuple) else (drill.decimals,) * n
    if len(decimals) != n:
        raise ValueError(f"{drill.id}: decimals has {len(decimals)} entries for an answer of {n}")
    return [f".{d}f" for d in decimals]


def _fmt(a: np.ndarray, specs: list[str] | None = None) -> str:
    if a.dtype.kind in "iu":
        return "(" + ", ".join(str(int(x)) for x in a.ravel()) + ")" if a.ndim else str(int(a))
    specs = specs or [""] * a.size  # "": an exact value, without float noise (0.1 + 0.2 is 0.3)
    return ", ".join(num(float(x), spec) if spec else num(round(float(x), 10), ".10g")
                     for x, spec in zip(a.ravel(), specs))


def _is_number(value) -> bool:
    return isinstance(value, (numbers.Real, Fraction)) and not isinstance(value, (bool, np.bool_))


class _Fields(ParticleFormatter):
    """str.format that prints numbers by one rule (``num``), ``{x:()}`` in
    parentheses when negative, and Korean particles that fit."""

    def format_field(self, value, format_spec):
        paren = format_spec.startswith("(") and format_spec.endswith(")")
        spec = format_spec[1:-1] if paren else format_spec
        if _is_number(value):
            return num(value, spec, paren)
        if isinstance(value, np.ndarray) and not spec:
            return np.array2string(value, precision=4, suppress_small=True, separator=", ",
                                   formatter={"int": num, "float_kind": num})
        if isinstance(value, (list, tuple)) and not spec:
            return "(" + ", ".join(self.format_field(v, "") for v in value) + (",)" if len(value) == 1 else ")")
        return super().format_field(value, format_spec)


def render(template: str, fields: dict) -> str:
    return _Fields().format(template, **fields)
