"""`byhand validate`: every item proves itself.

For each exercise: it loads (both languages, mistakes declared in both
places); the reference's signature matches the declared one; LaTeX braces
balance; the reference file, graded exactly like a learner's submission,
passes its own cases; and every known mistake fails and is diagnosed as
itself.  Several seeds are tried, because cases are random.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .content import loader
from .content.loader import BUILTIN_ROOT, load_folder
from .content.model import LANGS, Concept, Drill, Exercise, Track, Why
from .errors import ByhandError
from .grading.grader import forget, grade_exercise, prepared, trusted_verdict
from .grading.runner import Submission, run_cases
from .grading.trusted import run_in_process

DEFAULT_SEEDS = tuple(range(50))  # cases are random: every mistake must be caught on each of these
MAX_SEEDS = 100_000  # what one `--seeds` may ask for


def parse_seeds(text: str) -> tuple[int, ...]:
    """Seeds from "0,1,2", "0-49" or a mix ("0-9,100"): each in [0, 2**32),
    at most :data:`MAX_SEEDS` of them; anything else raises ValueError."""
    seeds: list[int] = []
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        lo, hi = int(first), int(last) if dash else int(first)
        if not 0 <= lo <= hi < 2 ** 32 or len(seeds) + hi - lo + 1 > MAX_SEEDS:
            raise ValueError(part)
        seeds.extend(range(lo, hi + 1))
    return tuple(dict.fromkeys(seeds))


@dataclass
class Report:
    item_id: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def braces_balanced(tex: str) -> bool:
    depth = 0
    i = 0
    while i < len(tex):
        ch = tex[i]
        if ch == "\\":  # \{ and \} are literal braces
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


def _static_problems(ex: Exercise) -> list[str]:
    problems = []
    actual = str(inspect.signature(ex.reference))
    if actual != ex.signature:
        problems.append(f"signature in item.toml {ex.signature!r} differs from the reference's {actual!r}")
    for lang in LANGS:
        text = ex.text[lang]
        if not braces_balanced(text.equation):
            problems.append(f"[{lang}] equation has unbalanced braces")
        if not text.hint.strip():
            problems.append(f"[{lang}] has no hint")
    if len(ex.mistakes) < 2:
        problems.append(f"only {len(ex.mistakes)} known mistake(s); at least 2 are expected")
    for m in ex.mistakes:
        for lang in LANGS:
            if not m.message.get(lang, "").strip():
                problems.append(f"mistake {m.id!r} has no {lang} message")
    return problems


def _case_name_problems(ex: Exercise, seeds) -> list[str]:
    """Every case has its own name, in every language, and no translation is
    left over from a case that is gone (case names do not depend on the seed)."""
    problems = []
    names = set()
    for seed in seeds:
        listed = [c.name for c in ex.make_cases(np.random.default_rng(seed))]
        twice = sorted({n for n in listed if listed.count(n) > 1})
        if twice and not problems:  # a learner could not tell which of them failed
            problems.append(f"two cases share a name: {', '.join(map(repr, twice))}")
        names.update(listed)
    for lang in LANGS[1:]:  # English names are written in reference.py
        table = ex.case_names.get(lang, {})
        missing = sorted(n for n in names if n not in table)
        if missing:
            problems.append(f"[{lang}.cases] lacks {len(missing)} case name(s): {', '.join(map(repr, missing[:5]))}")
        stale = sorted(set(table) - names)
        if stale:
            problems.append(f"[{lang}.cases] names cases that do not exist: {', '.join(map(repr, stale[:5]))}")
    return problems


def _unmarked_nan(ex: Exercise, seed: int) -> list[str]:
    """A NaN from the reference on a case not marked ``undefined``: a bug (NaN
    matches NaN, so the reference would pass against itself)."""
    return [f"seed {seed}: the reference fails its own cases: it returns nan on case {e.case.name!r} "
            "(if the result is undefined there, mark the case: Case(..., undefined=True))"
            for e in prepared(ex, seed)
            if not e.case.undefined and any(o.dtype.kind in "fc" and np.isnan(o).any() for o in e.outputs)]


def validate_exercise(ex: Exercise, seeds=DEFAULT_SEEDS) -> Report:
    """The reference passes and every known mistake (each variant) is caught
    and named, on every seed.  The reference is graded as a learner's file is
    (in a forked child) on the first seed and in this process on the others
    (:mod:`byhand.grading.trusted`); mistakes, our own code too, are judged by
    :func:`~byhand.grading.grader.trusted_verdict`, so hundreds of seeds cost
    seconds."""
    report = Report(ex.id)
    report.problems += _static_problems(ex)
    try:
        _check_on_seeds(ex, seeds, report)
    except Exception as exc:  # noqa: BLE001 - an author's folder is input: one line, not a traceback
        report.problems.append(f"its cases cannot be built or graded: {type(exc).__name__}: {exc}")
    return report


def _check_on_seeds(ex: Exercise, seeds, report: Report) -> None:
    report.problems += _case_name_problems(ex, seeds)
    source = ex.source_file.read_text(encoding="utf-8")
    as_file = Submission(function=ex.function, source=source, filename=str(ex.source_file))
    loaded = Submission(function=ex.function, fn=ex.reference)  # the same file, loaded once
    for n, seed in enumerate(seeds):
        result = grade_exercise(ex, as_file if n == 0 else loaded, lang="en", seed=seed,
                                runner=run_cases if n == 0 else run_in_process)
        if not result.passed:
            report.problems.append(f"seed {seed}: the reference fails its own cases: {result.message}")
        report.problems += _unmarked_nan(ex, seed)
        for mistake in ex.mistakes:
            for k, impl in enumerate(mistake.implementations):
                passed, diagnosed = trusted_verdict(ex, impl, seed)
                label = f"mistake {mistake.id!r}" + (f" (variant {k + 1})" if len(mistake.implementations) > 1 else "")
                if passed:
                    report.problems.append(f"seed {seed}: {label} passes; the cases do not catch it")
                elif diagnosed != mistake.id:
                    message = grade_exercise(ex, Submission(function=ex.function, fn=impl), lang="en", seed=seed,
                                             runner=run_in_process).message
                    report.problems.append(f"seed {seed}: {label} is diagnosed as {diagnosed!r}: {message[:200]}")
        forget(ex, seed)


def validate_concept(c: Concept, concepts: set[str]) -> Report:
    report = Report(c.id)
    for p in c.prerequisites:
        if p == c.id:
            report.problems.append("lists itself as a prerequisite")
        elif p not in concepts:
            report.problems.append(f"prerequisite {p!r} is not a concept")
    for lang in LANGS:
        if not braces_balanced(c.text[lang].definition):
            report.problems.append(f"[{lang}] definition has unbalanced braces")
    return report


def validate_drill(d: Drill, seeds=range(10)) -> Report:
    from .grading.drills import check_answer, variant

    report = Report(d.id)
    titles_checked = False
    for seed in seeds:
        try:
            v = variant(d, seed)
            texts = [(lang, v.prompt(lang), v.solution(lang)) for lang in LANGS]
        except Exception as exc:  # noqa: BLE001 - report any authoring bug
            report.problems.append(f"seed {seed}: {type(exc).__name__}: {exc}")
            continue
        if not titles_checked:  # a title is shown as written (in lists, before any variant)
            titles_checked = True
            for lang in LANGS:
                named = sorted(name for name in v.params if "{" + name in d.t(lang).title)
                if named:
                    report.problems.append(f"[{lang}] title names parameters {named}: titles are not templates")
        for lang, prompt, solution in texts:
            if not prompt.strip() or not solution.strip():
                report.problems.append(f"seed {seed}: [{lang}] empty prompt or solution")
        if d.answer_kind == "choice":
            try:
                report.problems.extend(f"seed {seed}: {p}" for p in _choice_problems(v))
            except Exception as exc:  # noqa: BLE001 - an option or explanation that does not render
                report.problems.append(f"seed {seed}: {type(exc).__name__}: {exc}")
            continue
        answer = v.answer
        if answer.dtype.kind == "f" and not np.all(np.isfinite(answer)):
            report.problems.append(f"seed {seed}: answer is not finite: {answer}")
            continue
        typed = _typed(answer)
        if not check_answer(v, typed, "en").correct:
            report.problems.append(f"seed {seed}: the answer typed as {typed!r} is not accepted")
        wrong = _typed(answer + 1 + np.abs(answer))
        if check_answer(v, wrong, "en").correct:
            report.problems.append(f"seed {seed}: a wrong answer {wrong!r} is accepted")
    return report


def _choice_problems(v) -> list[str]:
    """A choice drill's variant: exactly one right letter, and every other option explained
    (in every language) as wrong."""
    from .grading.drills import check_answer

    letters = [letter for letter, _ in v.options("en")]
    if v.expected not in letters:
        return [f"the answer {v.expected!r} is not one of the options {letters}"]
    problems = []
    for lang in LANGS:
        for letter, option in v.options(lang):
            result = check_answer(v, letter, lang)
            if result.correct != (letter == v.expected):
                problems.append(f"[{lang}] option {letter}) is judged {'right' if result.correct else 'wrong'}")
            if not option.strip():
                problems.append(f"[{lang}] option {letter}) is empty")
            if letter != v.expected and not result.why.strip():
                problems.append(f"[{lang}] option {letter}) is wrong here but [{lang}.wrong] does not say why")
    return problems


def _typed(answer: np.ndarray) -> str:
    if answer.ndim == 0:
        return repr(float(answer))
    if answer.dtype.kind in "iu":
        return "(" + ", ".join(str(int(x)) for x in answer) + ")"
    return ", ".join(repr(float(x)) for x in answer)


def validate_why(w: Why) -> Report:
    from .experiments import run_why

    report = Report(w.id)
    for lang in LANGS:
        if not braces_balanced(w.text[lang].derivation):
            report.problems.append(f"[{lang}] derivation has unbalanced braces")
    for p in w.params:
        if not all(p.help.get(lang) for lang in LANGS):
            report.problems.append(f"parameter {p.name} lacks help in both languages")
        if not all(p.label.get(lang) for lang in LANGS):
            report.problems.append(f"parameter {p.name} lacks a label (label_en, label_ko) in both languages")
        if p.choices and not all(lang in p.choice_labels for lang in LANGS):
            report.problems.append(f"parameter {p.name} lacks choice labels (choice_labels_en, choice_labels_ko)")
    try:
        run = run_why(w)
    except Exception as exc:  # noqa: BLE001
        report.problems.append(f"the experiment fails: {type(exc).__name__}: {exc}")
        return report
    report.problems += [f"the experiment contradicts the answer: {p}" for p in run.problems]
    return report


def validate_catalog(root: Path = BUILTIN_ROOT) -> Report:
    """Cross-item rules: concepts named by items exist; prerequisites form no cycle."""
    report = Report("(catalog)")
    rows = loader.summaries(root)
    concepts = {r["id"]: r.get("prerequisites", []) for r in rows if r["kind"] == "concept"}
    if concepts:
        for r in rows:
            for c in r["concepts"]:
                if c not in concepts:
                    report.problems.append(f"{r['id']}: concept {c!r} does not exist")
    cycle = find_cycle(concepts)
    if cycle:
        report.problems.append("prerequisite cycle: " + " -> ".join(cycle))
    return report


def find_cycle(graph: dict[str, list[str]]) -> list[str]:
    """One cycle in a directed graph as a list of nodes, or []."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt in graph and not state.get(nxt):
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in graph:
        if not state.get(node):
            found = visit(node)
            if found:
                return found
    return []


def validate_track(tr: Track) -> Report:
    """A track's equations have balanced braces (its exercises exist: the catalog checked that on loading)."""
    report = Report(tr.id)
    for step in tr.steps:
        if not braces_balanced(step.latex):
            report.problems.append(f"step {step.ref}: unbalanced braces in its LaTeX")
    return report


def validate_item(item, seeds=DEFAULT_SEEDS, concepts: set[str] | None = None) -> Report:
    if isinstance(item, Track):
        return validate_track(item)
    if isinstance(item, Exercise):
        return validate_exercise(item, seeds)
    if isinstance(item, Concept):
        return validate_concept(item, concepts if concepts is not None else set(loader.ids_of("concept")))
    if isinstance(item, Drill):
        return validate_drill(item, seeds)
    return validate_why(item)


def validate(path: str | Path | None = None, seeds=DEFAULT_SEEDS) -> list[Report]:
    """Validate the whole built-in curriculum, one item by id, or the
    exercise folders under a path (an author's work in progress)."""
    concepts = set(loader.ids_of("concept"))
    if path is None:
        reports = [validate_item(loader.load_item(r["id"]), seeds, concepts) for r in loader.summaries()]
        return reports + [validate_catalog()]
    is_exercise_folder = (Path(path) / "reference.py").is_file()
    if not is_exercise_folder and str(path) in {r["id"] for r in loader.summaries()}:
        return [validate_item(loader.load_item(str(path)), seeds, concepts)]
    path = Path(path)
    if not is_exercise_folder:  # a drill's or a why's folder in an installed pack?
        folder = path.resolve()
        for item_id, (_, where) in loader.catalog().index().items():
            if where.resolve() == folder:
                return [validate_item(loader.load_item(item_id), seeds, concepts)]
    if (path / "item.toml").is_file():
        return [validate_exercise(load_folder(path), seeds)]
    folders = sorted(p.parent for p in path.rglob("item.toml") if (p.parent / "reference.py").is_file())
    if not folders:
        raise ByhandError.of("not-an-item-or-folder", path=path)
    return [validate_exercise(load_folder(f), seeds) for f in folders]


__all__ = ["validate", "validate_item", "validate_track", "parse_seeds", "DEFAULT_SEEDS", "validate_catalog", "Report", "find_cycle"]
