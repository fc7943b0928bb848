"""The curriculum's data model: plain, immutable descriptions of items.

An exercise is authored as a folder ``curriculum/exercises/<area>/<id>/`` with
``item.toml`` (texts in both languages, signature, comparison rule, mistake
messages) and ``reference.py`` (the trusted implementation, the case generator
and the known-mistake implementations).  This module only describes; loading
lives in :mod:`byhand.content.loader`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

LANGS = ("en", "ko")


@dataclass(frozen=True)
class Fn:
    """A named test function passed as an input (e.g. ``f`` of numerical_gradient).

    Only the name crosses process boundaries; both sides resolve it from
    :mod:`byhand.grading.testfns`, which is public, non-secret code.
    """

    name: str


@dataclass(frozen=True)
class Case:
    """One input to an exercise function: positional args, keyword args, a name.

    ``name`` tells the learner what kind of case failed ("huge values",
    "batch of 3", ...); random cases are simply called "random".
    """

    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    name: str = "random"


@dataclass(frozen=True)
class Text:
    """The learner-facing text of an item in one language."""

    title: str
    equation: str  # LaTeX, without surrounding $ signs
    explanation: str
    where_used: str
    hint: str = ""


@dataclass(frozen=True)
class Compare:
    """How the learner's output is compared with the reference.

    Every output must have the reference's exact shape and a compatible dtype
    kind; then ``|got - expected| <= atol + rtol * |expected|`` elementwise.
    ``sign`` maps an output index to a sign equivalence: ``"whole"`` (the
    output may be negated as a whole, e.g. an eigenvector) or ``"rows"``
    (each row may be negated independently, e.g. principal directions).
    """

    rtol: float = 1e-6
    atol: float = 1e-9
    sign: Mapping[int, str] = field(default_factory=dict)

    def describe(self) -> str:
        return f"|got − expected| ≤ {self.atol:g} + {self.rtol:g}·|expected|"


@dataclass(frozen=True)
class Mistake:
    """A known wrong implementation and what to tell the learner about it."""

    id: str
    message: Mapping[str, str]  # lang -> text
    implementations: tuple[Callable[..., Any], ...]


@dataclass(frozen=True)
class Exercise:
    id: str
    area: str
    path: Path
    function: str  # the name the learner must define
    signature: str  # e.g. "(x, axis=-1)"
    text: Mapping[str, Text]  # lang -> Text
    compare: Compare
    mistakes: tuple[Mistake, ...]
    reference: Callable[..., Any]
    make_cases: Callable[[Any], list[Case]]
    concepts: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()  # ids of exercises whose functions this one builds on
    time_limit: float = 2.0
    source_file: Path | None = None  # reference.py, graded like a submission by `validate`
    kind: str = "exercise"

    def t(self, lang: str) -> Text:
        return self.text.get(lang) or self.text["en"]

    def mistake(self, mistake_id: str) -> Mistake | None:
        return next((m for m in self.mistakes if m.id == mistake_id), None)
