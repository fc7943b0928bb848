"""The review session, like Anki's: what comes next, how many are left, when
the next learning card is due, what each rating would give, giving up.

One rule for the web's /review and the JSON API (the terminal's `byhand
practice` walks the same plan):

* the session reviews what is due now, of every kind (a concept card, a drill
  as a fresh variant, an exercise re-implemented from memory), and new
  concept cards within the daily new limit, in today's plan's order
  (:func:`plan.plan`); new drills and exercises are met in Today's session;
* a card rated Again (or still in its learning steps) comes back the same
  day once due (``scheduling.LEARNING_STEPS``); until then it is counted as
  ``later`` and the session says when the next one is due;
* only a concept card is rated by the learner; a drill is rated by its
  answers and an exercise by its gradings (``attempts``), or Again when the
  learner gives up on it (:func:`give_up`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .. import i18n
from ..storage import Store
from . import scheduling
from .attempts import SELF_RATED_KINDS, review_if_due
from .plan import Planned, _known_ids, plan

__all__ = ["ReviewQueue", "give_up", "interval_text", "queue"]

LEARNING_STATES = frozenset({1, 3})  # fsrs.State.Learning, fsrs.State.Relearning


@dataclass(frozen=True)
class ReviewQueue:
    items: tuple[Planned, ...]  # to review now, the next first
    later: tuple[datetime, ...]  # when each card in its learning steps, not yet due, will be (earliest first)

    @property
    def next(self) -> Planned | None:
        return self.items[0] if self.items else None

    @property
    def left(self) -> int:
        return len(self.items)

    @property
    def next_due(self) -> datetime | None:
        return self.later[0] if self.later else None


def queue(store: Store, user_id: int, now: datetime | None = None) -> ReviewQueue:
    """The session's queue at ``now``, and the learning cards due later."""
    now = now or datetime.now(timezone.utc)
    items = tuple(p for p in plan(store, user_id, now) if not p.new or p.kind in SELF_RATED_KINDS)
    known = _known_ids()
    later = sorted(c.due for c in store.cards(user_id)
                   if c.state in LEARNING_STATES and c.due > now and c.item_id in known)
    return ReviewQueue(items, tuple(later))


def give_up(store: Store, user_id: int, item_id: str, kind: str,
            now: datetime | None = None) -> scheduling.Reviewed | None:
    """The learner could not implement an exercise: Again (back in its
    learning or relearning step), as `byhand practice`'s give-up.  Only an
    exercise, only when new or due (as any rating from what happened); None
    otherwise, or if another request reviewed it first."""
    if kind != "exercise":
        return None
    return review_if_due(store, user_id, item_id, kind, scheduling.rate_exercise(False, 0, 0.0), now)


def interval_text(delta: timedelta, lang: str) -> str:
    """An interval as Anki writes it on a button: "1 min", "10 min", "3 h",
    "4 d", "1.5 mo", "2 y" (in ``lang``); minutes and hours rounded half up,
    at least 1 min."""
    seconds = delta.total_seconds()
    days = seconds / 86_400
    if seconds < 3_600:
        unit, n = "min", max(1, int(seconds / 60 + 0.5))
    elif seconds < 86_400:
        unit, n = "h", int(seconds / 3_600 + 0.5)
    elif days < 30:
        unit, n = "d", int(days + 0.5)
    elif days < 365:
        unit, n = "mo", round(days / 30, 1)
    else:
        unit, n = "y", round(days / 365, 1)
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return i18n.t(f"interval.{unit}", lang, n=n)
