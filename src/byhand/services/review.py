"""The review session, like Anki's: what comes next, how many are left, when
the next learning card is due, what each rating would give, giving up.

One rule for the web's /review, the JSON API and the terminal's `byhand
practice`:

* the session reviews what is due now, of every kind (a concept card, a drill
  as a fresh variant, an exercise re-implemented from memory), and new
  concept cards within the daily new limit, in today's plan's order
  (:func:`plan.plan`); new drills and exercises are met in Today's session
  (on the web) or in `byhand practice` (``new_kinds``), which has the
  learner's workspace to write them in;
* a card rated Again (or still in its learning steps) comes back the same
  day once due (``scheduling.LEARNING_STEPS``), among the items due then;
  until then it is counted as ``later`` and the session says when the next
  one is due;
* when nothing else is left, the learning card due first is ``ahead`` if it
  is due within :data:`LEARN_AHEAD` (Anki's learn-ahead limit): `byhand
  practice` shows it early, with a note, rather than make the learner wait
  a minute for it (the web page says when it is due and shows it then);
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

__all__ = ["LEARN_AHEAD", "ReviewQueue", "give_up", "interval_text", "queue"]

LEARNING_STATES = frozenset({1, 3})  # fsrs.State.Learning, fsrs.State.Relearning
LEARN_AHEAD = timedelta(minutes=20)  # Anki's default learn-ahead limit: longer than every learning step


@dataclass(frozen=True)
class ReviewQueue:
    items: tuple[Planned, ...]  # to review now, the next first
    later: tuple[datetime, ...]  # when each card in its learning steps, not yet due, will be (earliest first)
    ahead: Planned | None = None  # the learning card due first, if within LEARN_AHEAD

    @property
    def next(self) -> Planned | None:
        return self.items[0] if self.items else None

    @property
    def next_or_ahead(self) -> Planned | None:
        """What a session that learns ahead shows now: the next item due,
        else (nothing else left) the learning card due within the limit."""
        return self.next or self.ahead

    @property
    def left(self) -> int:
        return len(self.items)

    @property
    def next_due(self) -> datetime | None:
        return self.later[0] if self.later else None


def queue(store: Store, user_id: int, now: datetime | None = None, *, new_limit: int | None = None,
          new_kinds: frozenset[str] = SELF_RATED_KINDS, skip: frozenset[str] = frozenset()) -> ReviewQueue:
    """The session's queue at ``now``, and the learning cards due later.
    ``new_limit`` overrides the learner's daily limit (``byhand practice
    --new``), ``new_kinds`` are the kinds of new item the session meets, and
    the items in ``skip`` (skipped in this session) are left out."""
    now = now or datetime.now(timezone.utc)
    items = tuple(p for p in plan(store, user_id, now, new_limit=new_limit)
                  if (not p.new or p.kind in new_kinds) and p.item_id not in skip)
    known = _known_ids()
    learning = sorted((c for c in store.cards(user_id) if c.state in LEARNING_STATES and c.due > now
                       and c.item_id in known and c.item_id not in skip), key=lambda c: c.due)
    first = learning[0] if learning else None
    ahead = (Planned(first.item_id, first.item_kind, False)
             if first is not None and first.due - now <= LEARN_AHEAD else None)
    return ReviewQueue(items, tuple(c.due for c in learning), ahead)


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
