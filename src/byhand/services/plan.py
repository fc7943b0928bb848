"""Today's plan: the due reviews, interleaved with new items chosen along the
prerequisite graph, within a daily limit of new items counted over the
learner's own day (``days``).

One rule for `byhand practice`, the web's today page and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sized

from ..content import loader
from ..content.catalog import derived
from ..storage import Store
from ..storage.records import SettingsRecord
from .days import day_of


@dataclass(frozen=True)
class Planned:
    item_id: str
    kind: str  # concept | drill | exercise (why-questions are read, not scheduled)
    new: bool


SCHEDULED_KINDS = ("concept", "drill", "exercise")


@derived
def topological_concepts() -> tuple[str, ...]:
    """Concepts with every prerequisite before it (in curriculum order otherwise)."""
    rows = [r for r in loader.summaries() if r["kind"] == "concept"]
    prereqs = {r["id"]: [p for p in r.get("prerequisites", []) if p] for r in rows}
    order: list[str] = []
    done: set[str] = set()

    def visit(c: str, trail: tuple = ()) -> None:
        if c in done or c in trail or c not in prereqs:
            return
        for p in prereqs[c]:
            visit(p, trail + (c,))
        done.add(c)
        order.append(c)

    for r in rows:
        visit(r["id"])
    return tuple(order)


@derived  # the curriculum does not change while a process runs
def new_item_order() -> tuple[Planned, ...]:
    """Every schedulable item in the order a learner should meet it: a concept
    after its prerequisites, and a drill or exercise right after the last of
    its concepts has been introduced.  Items naming no concept come last."""
    rows = {r["id"]: r for r in loader.summaries() if r["kind"] in SCHEDULED_KINDS}
    practice = [r for r in rows.values() if r["kind"] != "concept"]
    order: list[Planned] = []
    introduced: set[str] = set()
    placed: set[str] = set()
    for concept in topological_concepts():
        order.append(Planned(concept, "concept", True))
        introduced.add(concept)
        for r in practice:
            if r["id"] not in placed and r["concepts"] and set(r["concepts"]) <= introduced:
                order.append(Planned(r["id"], r["kind"], True))
                placed.add(r["id"])
    order += [Planned(r["id"], r["kind"], True) for r in practice if r["id"] not in placed]
    return tuple(order)


def plan(store: Store, user_id: int, now: datetime | None = None, new_limit: int | None = None,
         review_limit: int = 200, *, settings: SettingsRecord | None = None,
         met_today: Sized | None = None) -> list[Planned]:
    """Today's queue: two due reviews, then one new item, and so on; new
    items within the daily limit, counted since the learner's local midnight.
    A caller that has read them already passes the learner's ``settings`` and
    the items first met today (``store.first_reviewed_since`` their midnight)."""
    now = now or datetime.now(timezone.utc)
    known = _known_ids()
    cards = store.cards(user_id)
    due = sorted((c for c in cards if c.due <= now and c.item_id in known), key=lambda c: c.due)
    due = [Planned(c.item_id, c.item_kind, False) for c in due][:review_limit]
    if new_limit is None:
        new_limit = (settings or store.settings(user_id)).daily_new_limit
    seen = {c.item_id for c in cards}
    if met_today is None:
        met_today = store.first_reviewed_since(user_id, day_of(store, user_id, now).start)
    budget = max(0, new_limit - len(met_today))
    new = []
    for p in new_item_order():
        if len(new) >= budget:
            break
        if p.item_id not in seen:
            new.append(p)
    return interleave(due, new)


def interleave(due: list[Planned], new: list[Planned]) -> list[Planned]:
    """Two due reviews, then one new item, and so on."""
    queue: list[Planned] = []
    while due or new:
        queue += due[:2]
        due = due[2:]
        if new:
            queue.append(new.pop(0))
    return queue


@derived
def _known_ids() -> frozenset[str]:
    return frozenset(r["id"] for r in loader.summaries())


def next_due(store: Store, user_id: int, now: datetime | None = None) -> datetime | None:
    now = now or datetime.now(timezone.utc)
    future = [c.due for c in store.cards(user_id) if c.due > now]
    return min(future) if future else None
