"""Recording what a learner did, and what it does to their schedule.

The rules (docs/practice.md), the same from every way in:

* every grading of an exercise and every answer to a drill is an attempt;
* an item is *scheduled* (has an FSRS card) if it is a concept, a drill or
  an exercise; why-questions are read and run, not scheduled;
* only a concept card is rated by the learner directly; a drill or an
  exercise is rated from what happened (``scheduling.rate_drill``,
  ``rate_exercise``): drill tries count the answers to the same variant
  (its seed), exercise gradings count today's gradings of it;
* a drill variant ends when answered right or wrong twice; it is rated
  then, once, and only then may its answer and solution be shown: an
  answer to a variant that has ended, however much later, is checked and
  recorded but gives no credit;
* a right answer or a pass reviews the item when it is new or due, never
  earlier (practising ahead does not push the schedule);
* a grading the graders could not take ("unavailable") is not an attempt;
* a failed grading shows the exercise's general hint only when asked or
  after repeated failures (``grading.hints``), counted from the attempts
  recorded before it: the diagnosed mistake comes first.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime, timezone

from ..grading.drills import DrillResult
from ..grading.hints import HINT_AFTER, failures_in_a_row, with_hint_policy
from ..grading.result import GradeResult
from ..storage import Store
from . import scheduling
from .days import day_of

__all__ = ["SCHEDULED_KINDS", "SELF_RATED_KINDS", "TRIES", "DrillStep", "record_and_show", "record_drill_answer",
           "record_grading", "review_if_due"]

SCHEDULED_KINDS = frozenset({"concept", "drill", "exercise"})
SELF_RATED_KINDS = frozenset({"concept"})


def _aware(t: datetime) -> datetime:
    """SQLite hands back naive UTC datetimes, PostgreSQL aware ones."""
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def review_if_due(store: Store, user_id: int, item_id: str, kind: str, rating: int,
                  now: datetime | None = None) -> scheduling.Reviewed | None:
    """Apply ``rating`` if the item is new or due; None if it is not yet due."""
    if kind not in SCHEDULED_KINDS:
        return None
    now = now or datetime.now(timezone.utc)
    card = store.card(user_id, item_id)
    if card is not None and _aware(card.due) > now:
        return None
    # applied only if nobody reviewed it since we looked (a double click reviews once)
    return scheduling.review(store, user_id, item_id, kind, rating, now=now, existing=card)


def _today(store: Store, user_id: int, item_id: str, now: datetime) -> list[tuple[datetime, bool, int | None]]:
    """(created_at, passed, seed) of today's attempts at the item (the learner's own day)."""
    midnight = day_of(store, user_id, now).start
    return [(_aware(t), passed, seed) for t, passed, seed in store.attempts_since(user_id, item_id, midnight)]


def record_and_show(store: Store, user_id: int, result: GradeResult, *, context: str, source: str | None,
                    started: float, asked_hint: bool = False, review: bool = True) -> tuple[GradeResult, int | None]:
    """Record a grading (:func:`record_grading`) and return it as the learner
    should see it, with the attempt's id: its general hint kept only if asked
    for or after repeated failures, counted from the attempts before this one."""
    earlier = store.recent_outcomes(user_id, result.exercise_id, HINT_AFTER)
    shown = with_hint_policy(result, failures_before=failures_in_a_row(earlier), asked=asked_hint)
    return shown, record_grading(store, user_id, result, context=context, source=source, started=started,
                                 review=review)


def record_grading(store: Store, user_id: int, result: GradeResult, *, context: str, source: str | None,
                   started: float, review: bool = True) -> int | None:
    """Record one grading of an exercise; a pass reviews it (rated from
    today's gradings of it) when new or due.  Returns the attempt id, or None
    for a grading that did not happen (graders unavailable)."""
    if result.status == "unavailable":
        return None
    failure = dataclasses.asdict(result.failure) if result.failure else None
    attempt = store.record_attempt(user_id, result.exercise_id, "exercise", context=context,
                                   passed=result.passed, status=result.status, message=result.message,
                                   mistake=result.mistake, failure=failure, source=source, seed=result.seed,
                                   duration_ms=int((time.monotonic() - started) * 1000))
    if result.passed and review:
        now = datetime.now(timezone.utc)
        todays = _today(store, user_id, result.exercise_id, now)
        first = min((t for t, _, _ in todays), default=now)
        rating = scheduling.rate_exercise(True, max(1, len(todays)), (now - first).total_seconds())
        review_if_due(store, user_id, result.exercise_id, "exercise", rating, now)
    return attempt


@dataclasses.dataclass(frozen=True)
class DrillStep:
    """Where a drill variant stands after an answer to it."""

    tries: int  # answers to the variant so far, this one included
    ended: bool  # right, or wrong twice: its answer and solution may be shown now
    rating: int | None  # the rating this answer earned (None: the variant goes on, or had ended before)


TRIES = 2  # answers to a variant before it ends wrong


def record_drill_answer(store: Store, user_id: int, drill_id: str, seed: int, answer: str, result: DrillResult,
                        *, context: str, seconds: float | None, review: bool = True) -> DrillStep:
    """Record an answer to a drill variant (the learner's answers to ``seed``,
    ever).  The answer that ends it rates it: Again after two wrong tries,
    Hard when right after a wrong one, Easy when right at once within 30 s,
    else Good (``seconds`` None, unknown, counts as more than 30 s).  Answers
    after the end are recorded but earn nothing.  With ``review`` False the
    caller applies the rating itself."""
    now = datetime.now(timezone.utc)
    earlier = store.answers_to_variant(user_id, drill_id, seed)
    store.record_attempt(user_id, drill_id, "drill", context=context, passed=result.correct,
                         status="passed" if result.correct else "failed",
                         message=result.expected, source=answer, seed=seed)
    tries = len(earlier) + 1
    if any(earlier) or len(earlier) >= TRIES:
        return DrillStep(tries, ended=True, rating=None)  # it ended before: no credit
    if not (result.correct or tries >= TRIES):
        return DrillStep(tries, ended=False, rating=None)
    rating = scheduling.rate_drill(result.correct, tries, 999.0 if seconds is None else seconds)
    if review:
        review_if_due(store, user_id, drill_id, "drill", rating, now)
    return DrillStep(tries, ended=True, rating=rating)
