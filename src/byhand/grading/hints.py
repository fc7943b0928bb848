"""When a failure shows the exercise's general hint: one rule for every way in.

The general hint often gives the whole method away, so it is not the first
thing a learner sees.  A diagnosed mistake's message comes first (it is the
result's message); the general hint is added when the learner asks for it,
or after :data:`HINT_AFTER` failures of the same exercise in a row.  The
grader never puts a hint on a syntax error, a missing function or a timeout:
the mathematics is not what went wrong there.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from .result import GradeResult

__all__ = ["HINT_AFTER", "failures_in_a_row", "with_hint_policy"]

HINT_AFTER = 3  # this failure and the two before it


def failures_in_a_row(passed_newest_first: Iterable[bool]) -> int:
    """How many attempts, newest first, failed before the last pass."""
    n = 0
    for passed in passed_newest_first:
        if passed:
            break
        n += 1
    return n


def with_hint_policy(result: GradeResult, *, failures_before: int, asked: bool = False) -> GradeResult:
    """``result`` with its general hint kept only if the learner asked for it
    or this is at least the :data:`HINT_AFTER`-th failure in a row
    (``failures_before`` earlier failures of this exercise, since its last pass)."""
    if result.passed or not result.hint or asked or failures_before + 1 >= HINT_AFTER:
        return result
    return dataclasses.replace(result, hint="")
