"""A learner's settings: what each may be, saving them, and the review
workload a desired retention would bring.

One rule for the web's settings page and the JSON API (``byhand practice
--new`` overrides the daily limit for one session):

* daily new items: a whole number from 0 to 100 (the daily limit of new
  items, counted over the learner's own day);
* desired retention: from 0.70 to 0.97, the probability of recall FSRS
  schedules each review for (higher: shorter intervals, more reviews);
* time zone: an IANA name this machine knows (``days``); their day, its
  new-item limit and their streak begin at its midnight;
* language: one of byhand's languages (stored with the user).

Every value is checked before any is saved: a form with one bad value saves
nothing and names each bad one in the learner's language.

The projected workload (:func:`project`) is an estimate, said as one on the
page: the learner's current cards and the new items their daily limit
would bring (the curriculum's next unseen items, in the order they would
meet them) are simulated :data:`HORIZON_DAYS` days ahead with their own
FSRS scheduler at the given retention, assuming every card is reviewed when
due and recalled with the probability FSRS predicts then (recalled: Good;
forgotten: Again).  The result is the expected number of reviews on each
day (learning steps and new items' first meetings included); its mean is
what the page shows.  Random draws are seeded per card, so the estimate is
reproducible and comparable between retentions.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

import fsrs

from ..errors import ByhandError
from ..i18n import LANGS
from ..storage import CardState, Store
from . import scheduling
from .days import Day, known_zone, learner_zone
from .plan import new_item_order

__all__ = ["FIELDS", "HORIZON_DAYS", "NEW_LIMIT", "RETENTION", "SettingsInvalid", "Workload", "check",
           "current", "parse_form", "project", "save"]

NEW_LIMIT = (0, 100)
RETENTION = (0.70, 0.97)
ZONE_CHARS = 64  # the longest IANA name is 32 characters
FIELD_CHARS = 64  # a form field longer than this is refused, not parsed
FIELDS = ("daily_new_limit", "desired_retention", "timezone", "lang")

_INTEGER = re.compile(r"-?[0-9]{1,6}")  # ASCII digits only
_DECIMAL = re.compile(r"-?(?:[0-9]{1,6}(?:[.,][0-9]{0,6})?|[.,][0-9]{1,6})")

HORIZON_DAYS = 30
PATHS = 48  # simulated lives of one new card of each kind, averaged


class SettingsInvalid(ByhandError):
    """One or more values out of bounds: ``problems`` maps each field to its
    error (a :class:`ByhandError` said in the learner's language)."""

    def __init__(self, problems: dict[str, ByhandError]):
        self.problems = problems
        first = next(iter(problems.values()))
        super().__init__(str(first))
        self.key, self.fields = first.key, first.fields


def _problem(field: str) -> ByhandError:
    low, high = {"daily_new_limit": NEW_LIMIT, "desired_retention": RETENTION}.get(field, (None, None))
    if field == "daily_new_limit":
        return ByhandError.of("settings-new-limit", low=low, high=high)
    if field == "desired_retention":
        return ByhandError.of("settings-retention", low=f"{low:.2f}", high=f"{high:.2f}")
    if field == "timezone":
        return ByhandError.of("settings-timezone")
    return ByhandError.of("settings-language", langs=", ".join(LANGS))


def check(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` (any of :data:`FIELDS`, typed) if every one is allowed, else
    :class:`SettingsInvalid` naming each that is not."""
    problems = {}
    for field, value in values.items():
        if field == "daily_new_limit":
            ok = type(value) is int and NEW_LIMIT[0] <= value <= NEW_LIMIT[1]
        elif field == "desired_retention":
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
                  and RETENTION[0] <= value <= RETENTION[1])  # NaN compares false: refused
        elif field == "timezone":
            ok = isinstance(value, str) and len(value) <= ZONE_CHARS and known_zone(value)
        elif field == "lang":
            ok = value in LANGS
        else:
            raise TypeError(f"no setting {field!r}")
        if not ok:
            problems[field] = _problem(field)
    if problems:
        raise SettingsInvalid(problems)
    return dict(values)


def parse_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The settings a form sends (text fields), typed and checked; a field
    that is missing keeps its value.  :class:`SettingsInvalid` for bad ones,
    including text too long to be a value (nothing of it is parsed)."""
    values: dict[str, Any] = {}
    problems = {}
    for field in FIELDS:
        if field not in form:
            continue
        text = str(form[field]).strip()
        if len(text) > FIELD_CHARS:
            problems[field] = _problem(field)
            continue
        if field == "daily_new_limit":
            values[field] = int(text) if _INTEGER.fullmatch(text) else None
        elif field == "desired_retention":  # a plain decimal (no exponent, inf or nan); 0,9 as some keyboards type it
            values[field] = round(float(text.replace(",", ".")), 2) if _DECIMAL.fullmatch(text) else None
        else:
            values[field] = text
    try:
        check(values)
    except SettingsInvalid as exc:
        problems.update(exc.problems)
    if problems:
        raise SettingsInvalid({f: problems[f] for f in FIELDS if f in problems})
    return values


def save(store: Store, user_id: int, values: Mapping[str, Any]) -> None:
    """Check and store the given settings (the language with the user)."""
    values = check(values)
    stored = {k: v for k, v in values.items() if k != "lang"}
    if stored:
        store.save_settings(user_id, **stored)
    if "lang" in values:
        store.set_user_fields(user_id, lang=values["lang"])


def current(store: Store, user_id: int) -> dict[str, Any]:
    """The learner's settings as plain data (time zone None: not chosen, UTC used)."""
    s = store.settings(user_id)
    return {"daily_new_limit": s.daily_new_limit, "desired_retention": s.desired_retention,
            "timezone": s.timezone, "lang": store.user(user_id).lang}


# -- the projected workload -------------------------------------------------------------

@dataclass(frozen=True)
class Workload:
    retention: float
    new_per_day: int
    per_day: tuple[float, ...]  # expected reviews on each of the next HORIZON_DAYS days (today first)
    by_kind: dict[str, float]  # mean reviews a day of each kind (concept, drill, exercise)
    new_items: int  # the new items the projection introduces (no more than the curriculum has left)

    @property
    def mean(self) -> float:
        return sum(self.per_day) / len(self.per_day)

    @property
    def peak(self) -> float:
        return max(self.per_day)

    def as_dict(self) -> dict:
        return {"retention": self.retention, "new_per_day": self.new_per_day, "days": len(self.per_day),
                "mean": round(self.mean, 1), "peak": round(self.peak, 1),
                "per_day": [round(x, 2) for x in self.per_day],
                "by_kind": {k: round(v, 1) for k, v in self.by_kind.items()}, "new_items": self.new_items}


def _scheduler(store: Store, user_id: int, kind: str, retention: float) -> fsrs.Scheduler:
    """The learner's own scheduler for ``kind`` (parameters, learning steps),
    at ``retention`` instead of their setting."""
    base = scheduling.scheduler(store, user_id, kind)
    return fsrs.Scheduler.from_dict({**base.to_dict(), "desired_retention": retention})


def _walk(sched: fsrs.Scheduler, card: fsrs.Card, start: datetime, day0: datetime, counts: list[float],
          weight: float, rng: random.Random) -> None:
    """Review ``card`` each time it falls due from ``start`` until the
    horizon, adding ``weight`` to the count of each review's day."""
    end = day0 + timedelta(days=len(counts))
    t = start
    for _ in range(200):  # a card is reviewed a bounded number of times (learning steps included)
        t = max(card.due, t)
        if t >= end:
            return
        counts[int((t - day0) / timedelta(days=1))] += weight
        first = card.last_review is None
        recalled = first or rng.random() < sched.get_card_retrievability(card, t)
        card = sched.review_card(card, fsrs.Rating.Good if recalled else fsrs.Rating.Again, review_datetime=t)[0]


@functools.lru_cache(maxsize=64)
def _new_card_lives(parameters: tuple, kind_steps: tuple, retention: float) -> tuple[float, ...]:
    """Expected reviews of one new card on each day after it is met (day 0:
    the day it is met), from :data:`PATHS` seeded lives (cached: the same for
    every learner with these parameters)."""
    params, learning, relearning = parameters, kind_steps[0], kind_steps[1]
    sched = fsrs.Scheduler(parameters=params, desired_retention=retention, learning_steps=learning,
                           relearning_steps=relearning, enable_fuzzing=False)
    day0 = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
    counts = [0.0] * HORIZON_DAYS
    for i in range(PATHS):
        _walk(sched, fsrs.Card(card_id=i + 1, due=day0), day0, day0, counts, 1 / PATHS, random.Random(f"new:{i}"))
    return tuple(counts)


def project(store: Store, user_id: int, retention: float, new_per_day: int,
            now: datetime | None = None) -> Workload:
    """The expected reviews a day over the next :data:`HORIZON_DAYS` days
    at ``retention`` with ``new_per_day`` new items a day (see the module's
    text for what is assumed).  Bounded work: each current card is walked
    once, and a new card's life is simulated :data:`PATHS` times per kind
    (shared by every new card of that kind)."""
    check({"desired_retention": retention, "daily_new_limit": new_per_day})
    now = now or datetime.now(timezone.utc)
    day = Day(now, learner_zone(store, user_id))
    counts = {k: [0.0] * HORIZON_DAYS for k in ("concept", "drill", "exercise")}
    schedulers = {k: _scheduler(store, user_id, k, retention) for k in counts}
    cards: list[CardState] = store.cards(user_id)
    for c in cards:
        if c.item_kind in counts:
            sched = schedulers[c.item_kind]
            _walk(sched, scheduling.to_card(c), now, now, counts[c.item_kind], 1.0, random.Random(c.item_id))
    # the new items the daily limit brings, in the order the learner would meet them
    seen = {c.item_id for c in cards}
    unseen = [p for p in new_item_order() if p.item_id not in seen]
    met_today = len(store.first_reviewed_since(user_id, day.start))
    introduced = 0
    for d in range(HORIZON_DAYS):
        room = new_per_day - met_today if d == 0 else new_per_day
        for p in unseen[introduced:introduced + max(0, room)]:
            s = schedulers[p.kind]
            lives = _new_card_lives(tuple(s.parameters), (tuple(s.learning_steps), tuple(s.relearning_steps)),
                                    retention)
            for k in range(HORIZON_DAYS - d):
                counts[p.kind][d + k] += lives[k]
        introduced = min(len(unseen), introduced + max(0, room))
    per_day = tuple(sum(counts[k][d] for k in counts) for d in range(HORIZON_DAYS))
    by_kind = {k: sum(v) / HORIZON_DAYS for k, v in counts.items()}
    return Workload(retention, new_per_day, per_day, by_kind, introduced)
