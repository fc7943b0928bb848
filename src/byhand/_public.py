"""The public functions ``byhand.check`` and ``byhand.grade``: where the
judge (grading), the learner's workspace (practice) and the sandbox meet.
Kept out of the grading package, which must import neither."""

from __future__ import annotations

from typing import Any, Callable

from ._lang import resolve_lang
from .content.loader import load_exercise
from .errors import ByhandError
from .grading.grader import grade_exercise
from .grading.hints import with_hint_policy
from .grading.report import Submission
from .grading.result import GradeResult

__all__ = ["check", "grade"]

# failures in a row per exercise in this Python session (a notebook has no
# progress database): the general hint waits for repeated failures
_failures: dict[str, int] = {}


def _shown(result: GradeResult, asked: bool) -> GradeResult:
    shown = with_hint_policy(result, failures_before=_failures.get(result.exercise_id, 0), asked=asked)
    _failures[result.exercise_id] = 0 if result.passed else _failures.get(result.exercise_id, 0) + 1
    return shown


def check(exercise_id: str, fn: Callable[..., Any] | None = None, *, lang: str | None = None,
          seed: int | None = None, hint: bool = False) -> GradeResult:
    """Grade a callable against exercise ``exercise_id``.  A failure names a
    known mistake when it finds one; the exercise's general hint comes with
    it if ``hint=True`` or after three failures in a row.

    >>> import byhand, numpy as np
    >>> def softmax(x, axis=-1):
    ...     e = np.exp(x - x.max(axis=axis, keepdims=True))
    ...     return e / e.sum(axis=axis, keepdims=True)
    >>> byhand.check("softmax", softmax).passed
    True
    """
    ex = load_exercise(exercise_id)
    if fn is None:  # a workspace's own block, with the learner's other blocks in place
        from .practice.checking import check_workspace_exercise
        from .practice.workspace import find_workspace

        ws = find_workspace()
        if ws is None:
            raise ByhandError(f"pass your function, byhand.check({exercise_id!r}, {ex.function}), "
                              "or run inside a workspace (byhand init DIR)")
        return check_workspace_exercise(ws, exercise_id, lang=resolve_lang(lang), seed=seed, hint=hint)
    if not callable(fn):
        raise ByhandError(f"byhand.check({exercise_id!r}, fn): fn must be a function, got {type(fn).__name__}")
    return _shown(grade_exercise(ex, Submission(function=ex.function, fn=fn), lang=lang, seed=seed), hint)


def grade(exercise_id: str, source: str, *, lang: str | None = None, seed: int | None = None,
          filename: str = "<submission>", sandbox: bool = False, hint: bool = False) -> GradeResult:
    """Grade Python source text that defines the exercise's function (the
    hint as in :func:`check`).

    ``sandbox=True`` runs it in the process-wide warm pool of
    :mod:`byhand.sandbox` (for untrusted code); ``protections`` on the result
    then names what was in force."""
    ex = load_exercise(exercise_id)
    lang = resolve_lang(lang)
    if not isinstance(source, str):
        raise ByhandError(f"byhand.grade({exercise_id!r}, source): source must be a str of Python code")
    # no compile() here: the runner's child compiles (and reports a syntax
    # error), so a compile bomb stalls no thread of the calling process
    if sandbox:
        from .jobs import default_grader

        return _shown(default_grader().grade_exercise(
            ex, Submission(function=ex.function, source=source, filename=filename), lang=lang, seed=seed), hint)
    return _shown(grade_exercise(ex, Submission(function=ex.function, source=source, filename=filename),
                                 lang=lang, seed=seed), hint)
