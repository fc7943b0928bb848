"""Today's session as a sequence the learner walks with Next: what today's
plan (:func:`plan.plan`) holds, together with what was already done today,
in one order that does not shift as items are done.

- The due reviews: those done today (in the order they were first reviewed
  today), then those still due (by due time); the new items: those met for
  the first time today and those still planned, in the curriculum's order
  (:func:`plan.new_item_order`).  Two reviews, then one new item, as the plan.
- :func:`order`: a concept is followed by its exercise, then its drill, when
  the sequence holds them (an exercise by the drills on its concepts), never
  before another of their concepts that comes later.
- An item is *done* when it was reviewed today and is not due again (a card
  rated Again comes back in its learning step: it is pending again).

One rule for the web's Today page and the Next on each item's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Sequence

from ..content import loader
from ..content.catalog import derived
from ..storage import Store
from .days import Day, setting_zone
from .plan import Planned, interleave, new_item_order, plan

__all__ = ["Step", "Today", "order", "today"]

_KIND_RANK = {"concept": 0, "exercise": 1, "drill": 2}


@dataclass(frozen=True)
class Step:
    item_id: str
    kind: str
    new: bool  # met for the first time today (else a due review)
    done: bool


@dataclass(frozen=True)
class Today:
    steps: tuple[Step, ...]

    def position(self, item_id: str) -> int | None:
        """1-based place of the item in today's sequence, None if not in it."""
        return next((n for n, s in enumerate(self.steps, 1) if s.item_id == item_id), None)

    @property
    def done(self) -> int:
        return sum(s.done for s in self.steps)

    @property
    def current(self) -> Step | None:
        """The first item not done yet."""
        return next((s for s in self.steps if not s.done), None)

    def next_after(self, item_id: str) -> Step | None:
        """The first item after ``item_id`` not done yet; else the first one
        before it (one skipped earlier); None when nothing else is left."""
        at = self.position(item_id)
        if at is None:
            return self.current
        later = [s for s in self.steps[at:] if not s.done]
        earlier = [s for s in self.steps[:at - 1] if not s.done]
        return (later or earlier or [None])[0]


@derived
def _concepts_of() -> dict[str, tuple[str, ...]]:
    return {r["id"]: tuple(r.get("concepts") or ()) for r in loader.summaries()}


def order(items: Sequence[Planned]) -> list[Planned]:
    """The items with each concept followed by its exercises, then its drills
    (an exercise by the drills that share one of its concepts), when those
    come later in ``items`` and none of their other concepts in ``items``
    comes later still; everything else keeps its place."""
    concepts = _concepts_of()
    present = {p.item_id for p in items}
    placed: set[str] = set()
    out: list[Planned] = []

    def ready(q: Planned) -> bool:  # each of its concepts in the sequence is already placed
        return all(c in placed or c not in present for c in concepts.get(q.item_id, ()))

    def followers(p: Planned) -> list[Planned]:
        if p.kind == "concept":
            mine = [q for q in items if q.kind in ("exercise", "drill") and p.item_id in concepts.get(q.item_id, ())]
        elif p.kind == "exercise":
            own = set(concepts.get(p.item_id, ()))
            mine = [q for q in items if q.kind == "drill" and own & set(concepts.get(q.item_id, ()))]
        else:
            return []
        return sorted((q for q in mine if q.item_id not in placed), key=lambda q: _KIND_RANK[q.kind])

    def place(p: Planned) -> None:
        placed.add(p.item_id)
        out.append(p)
        for q in followers(p):
            if q.item_id not in placed and ready(q):
                place(q)

    for p in items:
        if p.item_id not in placed:
            place(p)
    return out


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def today(store: Store, user_id: int, now: datetime | None = None, new_limit: int | None = None) -> Today:
    """Today's sequence for the learner: done and pending items in one order."""
    now = now or datetime.now(timezone.utc)
    settings = store.settings(user_id)  # read once: the day's start and the plan's limit come from it
    start = Day(now, setting_zone(settings.timezone)).start
    met_today = store.first_reviewed_since(user_id, start)
    planned = plan(store, user_id, now, new_limit, settings=settings, met_today=met_today)
    reviewed = store.reviews_since(user_id, start)  # (item, first review today), earliest first
    kinds = {p.item_id: p.kind for p in new_item_order()}
    new_ids = {i for i in met_today if i in kinds} | {p.item_id for p in planned if p.new}
    due_ids = _unique([i for i, _ in reviewed if i in kinds] + [p.item_id for p in planned if not p.new])
    due = [Planned(i, kinds[i], False) for i in due_ids if i not in new_ids]
    new = [p for p in new_item_order() if p.item_id in new_ids]
    sequence = order(interleave(due, new))
    due_again = {p.item_id for p in planned}
    done_today = {i for i, _ in reviewed}
    return Today(tuple(Step(p.item_id, p.kind, p.new, p.item_id in done_today and p.item_id not in due_again)
                       for p in sequence))
