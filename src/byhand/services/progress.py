"""Mastery: what is learned, due and weak; the streak; the most frequent
mistakes; mastery per concept and per area (one rule for `byhand progress`,
the web's progress page and the concept map; drawn by ``byhand.render``).

Mastery comes from the learner's own outcomes and FSRS state:

* an item's mastery is FSRS's retrievability now (the predicted probability
  of recall); an item whose last review was Again has mastery 0, however
  fresh (it was just forgotten, not learned); an exercise passed with `byhand
  check` but never reviewed counts 0.3; an item never studied has none;
* a concept's mastery is the mean over what the learner has studied of it:
  its own card and the items that practise it (so a pass raises the concepts
  it practises); 0 while none is studied.  An area's is the mean over its
  concepts;
* the weakest are the studied items with the lowest predicted recall.

A cohort's heatmap (services/teaching.py) applies this same rule
(:func:`item_states`, :func:`means`) to every learner's rows, read for the
whole cohort at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterable

import fsrs

from ..content import loader
from ..content.catalog import derived, practised_by
from ..content.model import AREAS
from ..storage import CardState, Store
from . import scheduling
from .attempts import SCHEDULED_KINDS
from .days import streak

PASSED_ONLY = 0.3
AGAIN = 1  # fsrs.Rating.Again
WEAK = 0.7  # below this predicted recall (or mean of it, for a concept) is weak


@dataclass
class ItemState:
    item_id: str
    mastery: float
    label: str  # learned | due | weak | new | practised


@dataclass
class Report:
    items: dict[str, ItemState]  # only items seen (reviewed or passed); the rest are new
    concepts: dict[str, float]  # concept id -> mastery
    areas: dict[str, float]
    streak: int
    mistakes: list[tuple[str, str, int]]
    prerequisites: dict[str, list[str]] = field(default_factory=dict)
    concept_area: dict[str, str] = field(default_factory=dict)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def weakest(self, n: int) -> list[ItemState]:
        """The ``n`` studied items with the lowest mastery (ties: by id)."""
        return sorted(self.items.values(), key=lambda s: (s.mastery, s.item_id))[:n]

    def concept_label(self, concept_id: str) -> str:
        """new (nothing of it studied), due (something of it is due for
        review), weak (its mastery is below 0.7) or learned."""
        studied = [self.items[i] for i in _members(concept_id) if i in self.items]
        if not studied:
            return "new"
        if any(s.label == "due" for s in studied):
            return "due"
        return "weak" if self.concepts.get(concept_id, 0.0) < WEAK else "learned"

    def counts(self, area: str) -> dict[str, int]:
        """learned / due / weak / new items of an area."""
        static = _static()
        out = {"learned": 0, "due": 0, "weak": 0, "practised": 0}
        for s in self.items.values():
            if static.item_area.get(s.item_id) == area:
                out[s.label] += 1
        out["new"] = static.area_totals.get(area, 0) - sum(out.values())
        return out


@dataclass(frozen=True)
class _Static:
    """What progress needs of the curriculum, computed once per process."""

    concept_rows: tuple
    item_area: dict
    area_totals: dict
    prerequisites: dict
    concept_area: dict
    titles: dict


@derived
def _static() -> _Static:
    rows = list(loader.summaries())
    scheduled = [r for r in rows if r["kind"] in SCHEDULED_KINDS]
    totals: dict[str, int] = {}
    for r in scheduled:
        totals[r["area"]] = totals.get(r["area"], 0) + 1
    concept_rows = tuple(r for r in rows if r["kind"] == "concept")
    return _Static(
        concept_rows=concept_rows,
        item_area={r["id"]: r["area"] for r in scheduled},
        area_totals=totals,
        prerequisites={r["id"]: r.get("prerequisites", []) for r in concept_rows},
        concept_area={r["id"]: r["area"] for r in concept_rows},
        titles={r["id"]: r["title"] for r in rows},
    )


def compute(store: Store, user_id: int, now: datetime | None = None) -> Report:
    now = now or datetime.now(timezone.utc)
    static = _static()
    items = item_states(store.cards(user_id), store.last_ratings(user_id), store.passed_items(user_id),
                        scheduling.scheduler(store, user_id), now)
    concepts, areas = means({i: s.mastery for i, s in items.items()})
    return Report(
        items=items,
        concepts=concepts,
        areas=areas,
        streak=streak(store, user_id, now),
        mistakes=store.mistake_counts(user_id),
        prerequisites=static.prerequisites,
        concept_area=static.concept_area,
        titles=static.titles,
    )


def item_states(cards: Iterable[CardState], last_rating: dict[str, int], passed: Iterable[str],
                sched: fsrs.Scheduler, now: datetime) -> dict[str, ItemState]:
    """Each studied item's mastery and label (the rule above) from the
    learner's cards, each item's last rating, the items they passed and
    their scheduler (its parameters give the forgetting curve)."""
    static = _static()
    items: dict[str, ItemState] = {}
    for item_id in passed:
        if item_id in static.item_area:
            items[item_id] = ItemState(item_id, PASSED_ONLY, "practised")
    for card in cards:
        if card.item_id not in static.item_area:
            continue
        forgotten = last_rating.get(card.item_id) == AGAIN
        rec = 0.0 if forgotten else float(sched.get_card_retrievability(scheduling.to_card(card), now))
        if card.due <= now:
            label = "due"
        elif forgotten or rec < WEAK:
            label = "weak"
        else:
            label = "learned"
        items[card.item_id] = ItemState(card.item_id, rec, label)
    return items


def steady_until(cards: Iterable[CardState], last_rating: dict[str, int], now: datetime) -> datetime | None:
    """Until when, without a new review or attempt, every item's mastery
    stays what it is ``now`` (None: for ever): FSRS counts the time since a
    review in whole days, so a card's retrievability changes only when
    another day since its last review has passed."""
    ticks = []
    for card in cards:
        if card.last_review is None or card.stability is None or last_rating.get(card.item_id) == AGAIN:
            continue
        days = max(0, (now - card.last_review).days)
        ticks.append(card.last_review + timedelta(days=days + 1))
    return min(ticks, default=None)


def means(items: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """(each concept's mastery, each area's) from the studied items' mastery:
    a concept's is the mean over what of it is studied (0 if nothing), an
    area's the mean over its concepts, areas in the curriculum's order."""
    concepts = {}
    areas: dict[str, list[float]] = {}
    for r in _static().concept_rows:
        studied = [items[i] for i in _members(r["id"]) if i in items]
        m = sum(studied) / len(studied) if studied else 0.0
        concepts[r["id"]] = m
        areas.setdefault(r["area"], []).append(m)
    return concepts, {a: sum(v) / len(v) for a, v in sorted(areas.items(), key=lambda kv: area_rank(kv[0]))}


def concepts_per_area() -> dict[str, list[str]]:
    """Each area's concepts (in the curriculum's order of areas)."""
    out: dict[str, list[str]] = {}
    for r in _static().concept_rows:
        out.setdefault(r["area"], []).append(r["id"])
    return dict(sorted(out.items(), key=lambda kv: area_rank(kv[0])))


@derived
def _members(concept_id: str) -> tuple[str, ...]:
    """The concept's own card and the scheduled items that practise it."""
    scheduled = {r["id"] for r in loader.summaries() if r["kind"] in SCHEDULED_KINDS}
    return (concept_id, *[i for i in practised_by(concept_id) if i in scheduled])


def warm() -> None:
    _static()
    for r in loader.summaries():
        if r["kind"] == "concept":
            _members(r["id"])


def area_rank(area: str) -> int:
    """Where an area comes in the curriculum's order (unknown areas last)."""
    return AREAS.index(area) if area in AREAS else len(AREAS)
