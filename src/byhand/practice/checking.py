"""Grading inside a workspace: the learner's own blocks in place, and a bug
in a block reported as the block's, not as the exercise's."""

from __future__ import annotations

import ast
import dataclasses
import time
from pathlib import Path

from .. import i18n
from ..content import loader
from ..content.model import Exercise
from ..grading.grader import grade_exercise
from ..services.attempts import record_and_show
from ..grading.result import GradeResult
from ..grading.runner import Submission
from ..storage import Store
from .workspace import PACKAGE, Workspace, defined_functions, status



def workspace_submission(ws: Workspace, ex: Exercise) -> Submission:
    return Submission(function=ex.function, module=f"{PACKAGE}.{ex.area}", search_path=str(ws.root),
                      filename=str(ws.module_path(ex.area)))


def file_submission(ws: Workspace, ex: Exercise, path: Path) -> Submission:
    """A scratch file (a review from memory) that may import the learner's blocks."""
    return Submission(function=ex.function, source=path.read_text(encoding="utf-8"), filename=str(path),
                      search_path=str(ws.root))


def called_blocks(ws: Workspace, ex: Exercise) -> list[Exercise]:
    """The learner's own blocks that their ``ex`` function actually calls,
    nearest first, transitively (read from their code, not assumed from the
    exercise's declared ``uses``: they may build it from other blocks)."""
    by_function = loader.function_index()
    found: dict[str, Exercise] = {}
    frontier = [ex]
    while frontier:
        current = frontier.pop(0)
        fn = defined_functions(ws.module_path(current.area)).get(current.function)
        if fn is None:
            continue
        names = [n.id for n in ast.walk(fn) if isinstance(n, ast.Name)]
        names += [n.attr for n in ast.walk(fn) if isinstance(n, ast.Attribute)]
        for name in names:
            item_id = by_function.get(name)
            if item_id and item_id != ex.id and item_id not in found:
                found[item_id] = loader.load_exercise(item_id)
                frontier.append(found[item_id])
    return list(found.values())


def grade_in_workspace(ws: Workspace, ex: Exercise, *, lang: str, seed: int | None = None,
                       submission: Submission | None = None) -> GradeResult:
    result = grade_exercise(ex, submission or workspace_submission(ws, ex), lang=lang, seed=seed)
    if result.passed:
        return result
    implemented = status(ws)
    # the deepest failing block first: a broken logsumexp also breaks the
    # log_softmax built on it, and the root cause is what to fix
    for block in reversed(called_blocks(ws, ex)):
        if implemented.get(block.id) != "implemented":
            continue
        verdict = grade_exercise(block, workspace_submission(ws, block), lang=lang, seed=seed)
        if not verdict.passed:
            text = i18n.t("workspace.block-is-wrong", lang, block=block.function, block_id=block.id,
                          function=ex.function, message=verdict.message)
            # the block's evidence: its failing case, tolerance and hint
            return dataclasses.replace(result, message=text, block=block.id, mistake=verdict.mistake,
                                       failure=verdict.failure or result.failure,
                                       tolerance=verdict.tolerance, hint=verdict.hint)
    return result


def check_workspace_exercise(ws: Workspace, exercise_id: str, *, lang: str, seed: int | None = None,
                             store: Store | None = None, hint: bool = False) -> GradeResult:
    """Grade the workspace's function for ``exercise_id`` and record the
    attempt; the general hint shows if ``hint`` or after repeated failures."""
    ex = loader.load_exercise(exercise_id)
    started = time.monotonic()
    result = grade_in_workspace(ws, ex, lang=lang, seed=seed)
    own = store is None
    store = store or Store(ws.database)
    try:
        source = ws.module_path(ex.area).read_text(encoding="utf-8")
        result, _ = record_and_show(store, store.user_id(), result, context="check", source=source,
                                    started=started, asked_hint=hint)
    finally:
        if own:
            store.close()
    return result


def not_implemented_message(ex: Exercise, lang: str) -> str:
    return i18n.t("workspace.still-a-stub", lang, function=ex.function, area=ex.area)


__all__ = ["called_blocks", "check_workspace_exercise", "grade_in_workspace"]
