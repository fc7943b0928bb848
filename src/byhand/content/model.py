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
# the order a learner meets the areas in (lists, workspaces, "next exercise")
AREAS = ("linalg", "calculus", "prob", "stats", "optim", "algo", "ml", "nn", "audio", "translation")
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
    ``undefined``: the result is undefined here and the reference returns
    NaN on purpose (a correlation of a constant); only NaN matches it.
    Anywhere else a NaN from the reference is a bug ``byhand validate`` reports.
    """

    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    name: str = "random"
    undefined: bool = False


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
    """A known wrong implementation and what to tell the learner about it.

    Usually the mistake is recognised because one of its ``implementations``
    reproduces the learner's outputs.  For exercises with random outputs
    (dropout), ``detect(case, got) -> bool`` recognises it from a property of
    the outputs instead.
    """

    id: str
    message: Mapping[str, str]  # lang -> text
    implementations: tuple[Callable[..., Any], ...]
    detect: Callable[..., bool] | None = None


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
    # for random outputs: accept(case, got_outputs) -> (ok, detail) replaces the
    # comparison with the reference's outputs (which are still shown as an example)
    accept: Callable[..., tuple[bool, str]] | None = None
    cite: str = ""  # the paper an equation comes from
    # lang -> {a case's name as written in reference.py (English) -> its name in lang}
    case_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    kind: str = "exercise"

    def t(self, lang: str) -> Text:
        return self.text.get(lang) or self.text["en"]

    def case_name(self, name: str, lang: str) -> str:
        """A case's name in ``lang`` (item.toml's ``[ko.cases]``; English is the name itself)."""
        return self.case_names.get(lang, {}).get(name, name)

    def mistake(self, mistake_id: str) -> Mistake | None:
        return next((m for m in self.mistakes if m.id == mistake_id), None)


@dataclass(frozen=True)
class ConceptText:
    term: str
    definition: str  # one or two sentences, to memorize
    where_used: str  # a concrete use in ML


@dataclass(frozen=True)
class Concept:
    """A definition to memorize, where ML uses it, and what it builds on.

    Which exercises, drills and why-questions practise it is not stored here:
    those items name their concepts, and the catalog indexes them.
    """

    id: str
    area: str
    path: Path
    text: Mapping[str, ConceptText]
    prerequisites: tuple[str, ...] = ()
    kind: str = "concept"

    def t(self, lang: str) -> ConceptText:
        return self.text.get(lang) or self.text["en"]


@dataclass(frozen=True)
class DrillText:
    title: str
    prompt: str  # a str.format template over the drill's parameters
    solution: str  # a str.format template over parameters and worked values
    # a choice drill: each option's text by its letter ("a", "b", ...), and for each option
    # that can be wrong, why it is wrong (templates like the prompt's)
    options: Mapping[str, str] = field(default_factory=dict)
    wrong: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drill:
    """A by-hand numeric problem with randomized parameters.

    ``generate(rng) -> dict`` draws the parameters; ``solve(params) -> dict``
    returns the worked values, among them ``answer``.
    """

    id: str
    area: str
    path: Path
    text: Mapping[str, DrillText]
    answer_kind: str  # number | vector | shape | choice (a letter)
    compare: Compare
    generate: Callable[[Any], dict]
    solve: Callable[[dict], dict]
    concepts: tuple[str, ...] = ()
    kind: str = "drill"
    # the precision the prompt asks for, if the answer is to be rounded: decimals (one for
    # every entry, or one per entry) or significant digits; the answer is expected and shown so
    decimals: int | tuple[int, ...] | None = None
    significant: int | None = None

    def t(self, lang: str) -> DrillText:
        return self.text.get(lang) or self.text["en"]


@dataclass(frozen=True)
class WhyText:
    title: str  # the question
    answer: str  # the short answer
    derivation: str  # Markdown with $LaTeX$
    plot: Mapping[str, str] = field(default_factory=dict)  # the plot's words ([ko.plot]), str.format templates


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    type: str  # int | float | choice
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    help: Mapping[str, str] = field(default_factory=dict)  # a sentence: what it sets
    label: Mapping[str, str] = field(default_factory=dict)  # a few words: the control's name on a page
    choice_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # each choice's name, in order

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.name

    def choice_label(self, choice: str, lang: str) -> str:
        names = self.choice_labels.get(lang) or self.choice_labels.get("en") or ()
        return names[self.choices.index(choice)] if choice in self.choices and names else str(choice)


@dataclass(frozen=True)
class Why:
    """A "why" question answered by a runnable experiment that draws a plot.

    ``run(fig, words, **params) -> dict`` draws on a matplotlib figure (its
    words from ``words(key, **fields)``, the ``[en.plot]``/``[ko.plot]`` text of
    the learner's language) and returns the findings (numbers);
    ``check(findings) -> list[str]`` says what in the findings would
    contradict the answer, so the experiment proves itself.
    """

    id: str
    area: str
    path: Path
    text: Mapping[str, WhyText]
    params: tuple[Param, ...]
    run: Callable[..., dict]
    check: Callable[[dict], list]
    concepts: tuple[str, ...] = ()
    kind: str = "why"

    def t(self, lang: str) -> WhyText:
        return self.text.get(lang) or self.text["en"]


@dataclass(frozen=True)
class Paper:
    """The paper a track works through."""

    authors: str
    year: int
    title: str
    venue: str
    arxiv: str = ""  # the arXiv id, e.g. "1706.03762"

    def cite(self) -> str:
        first = self.authors.split(",")[0].strip()
        more = " et al." if "," in self.authors else ""
        return f"{first}{more} {self.year}, {self.title}"


@dataclass(frozen=True)
class TrackStep:
    """One of the paper's method equations and the exercise that implements it."""

    ref: str  # the paper's equation number or section, as the paper prints it: "Eq. (1)", "§3.2.2"
    latex: str  # the equation, LaTeX without $ signs
    exercise: str  # the id of the exercise that implements it


@dataclass(frozen=True)
class TrackText:
    title: str
    introduction: str  # Markdown with $LaTeX$: what the paper does and what the learner will build


@dataclass(frozen=True)
class Track:
    """A paper worked through end to end: its method equations in the
    paper's order, each linked to an exercise; the last exercise (``final``)
    composes the learner's own blocks into the paper's module, checked
    against the authors' or PyTorch's implementation."""

    id: str
    area: str
    path: Path
    paper: Paper
    text: Mapping[str, TrackText]
    steps: tuple[TrackStep, ...]
    final: str
    kind: str = "track"
    concepts: tuple[str, ...] = ()  # a track practises nothing itself: its exercises do

    def t(self, lang: str) -> TrackText:
        return self.text.get(lang) or self.text["en"]

    @property
    def exercises(self) -> tuple[str, ...]:
        return tuple(s.exercise for s in self.steps)
