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

from .content.loader import BUILTIN_ROOT, exercise_ids, load_exercise, load_folder
from .content.model import LANGS, Exercise
from .errors import ByhandError
from .grading.grader import grade_exercise
from .grading.runner import Submission

DEFAULT_SEEDS = (0, 1, 2)


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


def validate_exercise(ex: Exercise, seeds=DEFAULT_SEEDS) -> Report:
    report = Report(ex.id)
    report.problems += _static_problems(ex)
    source = ex.source_file.read_text(encoding="utf-8")
    for seed in seeds:
        sub = Submission(function=ex.function, source=source, filename=str(ex.source_file))
        result = grade_exercise(ex, sub, lang="en", seed=seed)
        if not result.passed:
            report.problems.append(f"seed {seed}: the reference fails its own cases: {result.message}")
        for mistake in ex.mistakes:
            for n, impl in enumerate(mistake.implementations):
                res = grade_exercise(ex, Submission(function=ex.function, fn=impl), lang="en", seed=seed)
                label = f"mistake {mistake.id!r}" + (f" (variant {n + 1})" if len(mistake.implementations) > 1 else "")
                if res.passed:
                    report.problems.append(f"seed {seed}: {label} passes; the cases do not catch it")
                elif res.mistake != mistake.id:
                    report.problems.append(
                        f"seed {seed}: {label} is diagnosed as {res.mistake!r}: {res.message[:200]}")
    return report


def validate(path: str | Path | None = None, seeds=DEFAULT_SEEDS) -> list[Report]:
    """Validate one exercise folder, a folder of them, or the built-in curriculum."""
    if path is None:
        return [validate_exercise(load_exercise(i), seeds) for i in exercise_ids()]
    path = Path(path)
    if (path / "item.toml").is_file():
        return [validate_exercise(load_folder(path), seeds)]
    folders = sorted(p.parent for p in path.rglob("item.toml"))
    if not folders:
        raise ByhandError(f"{path}: no item.toml found (pass an exercise folder or a folder of them)")
    return [validate_exercise(load_folder(f), seeds) for f in folders]


__all__ = ["validate", "validate_exercise", "Report", "BUILTIN_ROOT"]
