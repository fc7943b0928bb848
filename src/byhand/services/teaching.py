"""A teacher's view of a cohort and its daily rhythm.  One rule in one place
for the pages and the JSON API:

* the dashboard is its cohort's teachers' and the admins' only (a learner,
  a teacher of another cohort: :class:`Forbidden`); it shows, for the
  cohort's learners only (teachers are not counted):
  - a mastery heatmap, learners × areas (or × the concepts of one area),
    by the mastery rule of services/progress.py (the same functions as a
    learner's own progress);
  - per item: how many learners attempted it and passed it, the median
    attempts up to and including the first pass, and the median time from
    the first attempt to the first pass (over those who passed);
  - the named mistakes per item, the most frequent first, with how many
    learners made each and in how many attempts, and the feedback written
    on it;
  - who is stuck: a learner with at least ``failures`` failed attempts at
    an item they never passed, or with no attempt and no review for
    ``inactive_days`` days (since they joined, if never);
* feedback is written once per (cohort, exercise, named mistake) by one of
  the cohort's teachers (Markdown with $math$, shown through the
  curriculum's renderer, which sanitizes); writing it again replaces it;
  every member of the cohort whose verdict names that mistake at that
  exercise sees it under the verdict, with the cohort's name, from then on;
* the cohort's day is its creator's: their local date in their time zone
  (services/days.py; UTC once the creator is gone);
* a teacher pins items for the cohort's day (today unless told another);
  the cohort home shows today's pins, each with the learners who have
  finished it today (passed it, or reviewed it), and the peer session's
  agenda: the cohort's most frequent named mistakes of the last seven days.

How it stays fast for a large cohort: each learner's part (their mastery,
their attempts per item, their mistakes) is read for many learners at once,
a few statements over index ranges (storage/teaching.py), and kept in this
process while it holds: until the learner's latest attempt, review or
settings change, or the next instant their mastery changes by time alone
(FSRS counts whole days since a review).  A dashboard reads who is in the
cohort and when each last did something (one statement), computes again
only the learners whose part no longer holds, and adds the parts up.

Times come from the caller (``now``): the web's clock, replaced in tests.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import functools
import io
import itertools
import sys
import threading
import weakref
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable, NamedTuple
from zoneinfo import ZoneInfo

import fsrs

from ..content import loader, prose
from ..content.catalog import derived
from ..errors import UnknownItem
from ..i18n import section, t
from ..storage import Store
from ..storage.community import CommunityStore
from ..storage.records import CohortRecord
from ..storage.teaching import ItemSummary, LearnerVersion, TeachingStore
from . import progress
from .cohorts import Access, Forbidden, Invalid, NotFound, access, text
from .days import DEFAULT_ZONE, Day, learner_zone

__all__ = ["AGENDA_DAYS", "AGENDA_ROWS", "CSV_TABLES", "FAILURES", "FEEDBACK_MAX", "INACTIVE_DAYS", "PINNABLE_KINDS",
           "PINS_MAX", "Dashboard", "FeedbackView", "Today", "cohort_day", "csv_table", "dashboard", "delete_feedback",
           "feedback_by_mistake", "feedback_for", "pin", "today", "unpin", "write_feedback"]

INACTIVE_DAYS = (7, 1, 365)  # (default, lowest, highest)
FAILURES = (5, 1, 100)
FEEDBACK_MAX = 4000  # characters
PINS_MAX = 10  # items pinned for one day
AGENDA_DAYS = 7
AGENDA_ROWS = 5
CSV_TABLES = ("mastery", "items", "mistakes", "stuck")


# -- who may look ------------------------------------------------------------------------------------

def teacher_access(store: Store, user_id: int, cohort_id: int) -> Access:
    """A teacher of the cohort, or an admin (who need not be in it); else :class:`Forbidden`."""
    user = store.user(user_id)
    if user is not None and user.role == "admin":
        if not 0 < cohort_id <= 2**31 - 1 or CommunityStore(store).cohort(cohort_id) is None:
            raise NotFound.of("community.no-cohort", id=cohort_id)
        return Access(user_id, cohort_id, "teacher", moderator=True, master=True)
    a = access(store, user_id, cohort_id)
    if not a.teacher:
        raise Forbidden.of("community.not-a-teacher", id=cohort_id)
    return a


def _bounded(value: int | None, limits: tuple[int, int, int], key: str) -> int:
    default, low, high = limits
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Invalid.of(f"teaching.bad-{key}", low=low, high=high)
    return value


# -- the curriculum's words ------------------------------------------------------------------------------

@derived
def _rows() -> dict:
    return {r["id"]: r for r in loader.summaries()}


def title(item_id: str, lang: str) -> str:
    row = _rows().get(item_id)
    return (row["title"].get(lang) or row["title"]["en"]) if row else item_id


def kind(item_id: str) -> str | None:
    row = _rows().get(item_id)
    return row["kind"] if row else None


def area_titles(lang: str) -> list[tuple[str, str]]:
    """(area, its name in ``lang``) in the curriculum's order: the heatmap's columns."""
    names = section("web.areas", lang)
    return [(a, names.get(a, a)) for a in progress.concepts_per_area()]


# The kinds a teacher may pin, in the order the picker lists them.  A paper
# track is not one: "who finished it today" counts passes and reviews of the
# pinned id, and a track is never attempted itself (its exercises are).
PINNABLE_KINDS = ("exercise", "drill", "concept", "why")


def pickable_items(lang: str) -> list[tuple[str, str, str]]:
    """(id, title, kind) of every item a teacher may pin, by kind then title."""
    order = {k: n for n, k in enumerate(PINNABLE_KINDS)}
    rows = [(r["id"], title(r["id"], lang), r["kind"]) for r in _rows().values() if r["kind"] in order]
    return sorted(rows, key=lambda r: (order[r[2]], r[1].casefold()))


def mistake_message(item_id: str, mistake: str, lang: str) -> str:
    """What the grader says of a named mistake (Markdown with $math$), or "" if unknown."""
    if kind(item_id) != "exercise":
        return ""
    try:
        return loader.load_exercise(item_id).mistake(mistake).message[lang]
    except (KeyError, LookupError, UnknownItem):
        return ""


# -- the dashboard --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class HeatRow:
    username: str
    mastery: list[float]  # one per column, 0-1


@dataclass(frozen=True)
class ItemRow:
    item_id: str
    title: str
    kind: str | None
    attempted: int
    passed: int
    median_attempts: float | None
    median_seconds: float | None


@dataclass(frozen=True)
class MistakeRow:
    item_id: str
    title: str
    mistake: str
    message: str  # the grader's words for it (Markdown)
    learners: int
    attempts: int
    feedback: str | None  # the cohort's feedback on it, as written


@dataclass(frozen=True)
class StuckRow:
    username: str
    reason: str  # failing | inactive
    item_id: str | None
    title: str | None
    failures: int | None
    last_active: datetime | None


@dataclass(frozen=True)
class Learner:
    username: str
    last_active: datetime | None


@dataclass(frozen=True)
class Dashboard:
    cohort_id: int
    name: str
    now: datetime
    by: str  # area | concept
    area: str | None
    inactive_days: int
    failures: int
    learners: list[Learner]
    columns: list[Column]
    heatmap: list[HeatRow]
    items: list[ItemRow]
    mistakes: list[MistakeRow]
    stuck: list[StuckRow]


# -- each learner's statistics, kept while they hold ------------------------------------------------------

class Tried(NamedTuple):
    """One learner's attempts at one item, as the sums need them."""

    item_id: str
    failures: int
    last_at: datetime
    attempts_to_pass: int | None  # None: not passed
    seconds_to_pass: float | None  # from the first attempt to the first pass


@derived
def _concept_index() -> dict[str, int]:
    """Each concept's place in a learner's kept array of concept mastery."""
    return {c: i for i, c in enumerate(c for cs in progress.concepts_per_area().values() for c in cs)}


@dataclass(frozen=True)
class LearnerStats:
    """One learner's part of a dashboard, and what it was computed from:
    ``key`` (their latest attempt, review and settings) and the instant
    ``since``; their mastery stays the same until ``until`` (None: for ever)
    unless ``key`` changes (services/progress.py's steady_until).  Kept
    compact: arrays of mastery, tuples of tries."""

    key: tuple
    since: datetime
    until: datetime | None
    areas: array  # per area, in the curriculum's order
    concepts: array  # per concept, in _concept_index's order
    items: tuple[Tried, ...]
    mistakes: tuple[tuple[str, str, int], ...]  # (item, mistake, attempts)

    def holds(self, key: tuple, now: datetime) -> bool:
        return key == self.key and self.since <= now and (self.until is None or now < self.until)


_KEPT: "weakref.WeakKeyDictionary[Store, OrderedDict[int, LearnerStats]]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
KEPT_MAX = 3_000  # learners' parts kept per database (about 25 kB each; the least recently used go first)
BATCH = 500  # learners read in one statement


def _tried(s: ItemSummary) -> Tried:
    passed = s.passed_at is not None
    return Tried(sys.intern(s.item_id), s.failures, s.last_at, s.attempts_to_pass if passed else None,
                 (s.passed_at - s.first_at).total_seconds() if passed else None)


def _key(l: LearnerVersion) -> tuple:
    return (l.last_attempt, l.last_review, l.settings_at)


@functools.lru_cache(maxsize=64)
def _scheduler(parameters: tuple | None) -> fsrs.Scheduler:
    """A scheduler with these FSRS parameters (None: fsrs's own): its forgetting curve is the rule's."""
    return fsrs.Scheduler() if parameters is None else fsrs.Scheduler(parameters=parameters)


def _compute(store: Store, learners: list[LearnerVersion], now: datetime) -> dict[int, LearnerStats]:
    """The statistics of ``learners``, read in a few statements per :data:`BATCH` of them."""
    teaching = TeachingStore(store)
    out = {}
    for start in range(0, len(learners), BATCH):
        chunk = learners[start:start + BATCH]
        ids = [l.user_id for l in chunk]
        items: dict[int, list[ItemSummary]] = {uid: [] for uid in ids}
        for s in teaching.item_summaries(ids):
            items[s.user_id].append(s)
        mistakes: dict[int, list[tuple[str, str, int]]] = {uid: [] for uid in ids}
        for uid, item_id, mistake, n in teaching.mistake_counts(ids):
            mistakes[uid].append((sys.intern(item_id), sys.intern(mistake), int(n)))
        inputs = teaching.mastery_inputs(ids)
        for l in chunk:
            cards, last, passed, params = inputs[l.user_id]
            states = progress.item_states(cards, last, passed, _scheduler(tuple(params) if params else None), now)
            concepts, areas = progress.means({i: s.mastery for i, s in states.items()})
            index = _concept_index()
            by_index = array("d", bytes(8 * len(index)))
            for c, m in concepts.items():
                if c in index:
                    by_index[index[c]] = m
            out[l.user_id] = LearnerStats(_key(l), now, progress.steady_until(cards, last, now),
                                          array("d", (areas.get(a, 0.0) for a in progress.concepts_per_area())),
                                          by_index, tuple(_tried(i) for i in items[l.user_id]),
                                          tuple(mistakes[l.user_id]))
    return out


def learner_stats(store: Store, learners: list[LearnerVersion], now: datetime) -> list[LearnerStats]:
    """Each learner's statistics: those kept if they still hold, the others
    computed again (all of them in a few statements) and kept."""
    with _LOCK:
        kept = _KEPT.setdefault(store, OrderedDict())
        found = {l.user_id: kept.get(l.user_id) for l in learners}
    stale = [l for l in learners if found[l.user_id] is None or not found[l.user_id].holds(_key(l), now)]
    fresh = _compute(store, stale, now) if stale else {}
    with _LOCK:
        for uid, stats in fresh.items():
            kept[uid] = stats
        for l in learners:
            if l.user_id in kept:
                kept.move_to_end(l.user_id)
        while len(kept) > KEPT_MAX:
            kept.popitem(last=False)
    return [fresh.get(l.user_id) or found[l.user_id] for l in learners]


def _median(values: list[float]) -> float | None:
    """The median of sorted ``values`` (None for none)."""
    n = len(values)
    if not n:
        return None
    return float(values[n // 2]) if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


@dataclass(frozen=True, eq=False)
class Totals:
    """The cohort's sums of its learners' parts (words in no language yet)."""

    items: list[tuple[str, int, int, float | None, float | None]]  # item, attempted, passed, medians
    mistakes: list[tuple[str, str, int, int]]  # item, mistake, learners, attempts; the most frequent first
    unpassed: list[tuple[str, str, int, datetime]]  # learner, item never passed, failures, last attempt; most first

    def failing(self, at_least: int) -> list[tuple[str, str, int, datetime]]:
        """Who failed an item they never passed at least ``at_least`` times."""
        return list(itertools.takewhile(lambda r: r[2] >= at_least, self.unpassed))


class Sums:
    """The cohort's sums, kept up to date learner by learner: a learner's
    part that changed is taken out and its new one put in (counts added
    and subtracted, the values of the medians kept sorted), so that one
    learner's new attempt costs that learner, not the cohort."""

    def __init__(self):
        self.parts: dict[int, LearnerStats] = {}
        self.names: dict[int, str] = {}
        self.tried: dict[str, list[int]] = {}  # item -> [learners, passed]
        self.to_pass: dict[str, tuple[list[int], list[float]]] = {}  # item -> sorted (attempts, seconds)
        self.counts: dict[tuple[str, str], list[int]] = {}  # (item, mistake) -> [learners, attempts]
        self.unpassed: dict[int, list[tuple[str, int, datetime]]] = {}  # learner -> (item, failures, last)
        self.totals: Totals | None = None

    def _apply(self, s: LearnerStats, sign: int) -> None:
        for i in s.items:
            row = self.tried.setdefault(i.item_id, [0, 0])
            row[0] += sign
            if i.attempts_to_pass is not None:
                row[1] += sign
                for values, x in zip(self.to_pass.setdefault(i.item_id, ([], [])),
                                     (i.attempts_to_pass, i.seconds_to_pass)):
                    if sign > 0:
                        bisect.insort(values, x)
                    else:
                        del values[bisect.bisect_left(values, x)]
            if not row[0]:
                del self.tried[i.item_id]
                self.to_pass.pop(i.item_id, None)
        for item_id, mistake, n in s.mistakes:
            row = self.counts.setdefault((item_id, mistake), [0, 0])
            row[0] += sign
            row[1] += sign * n
            if not row[0]:
                del self.counts[(item_id, mistake)]

    def update(self, learners: list[LearnerVersion], stats: list[LearnerStats]) -> Totals:
        changed = False
        now_in = {l.user_id for l in learners}
        for uid in [u for u in self.parts if u not in now_in]:  # left the cohort
            self._apply(self.parts.pop(uid), -1)
            self.unpassed.pop(uid, None)
            changed = True
        for l, s in zip(learners, stats):
            old = self.parts.get(l.user_id)
            if old is not s:
                if old is not None:
                    self._apply(old, -1)
                self._apply(s, +1)
                self.parts[l.user_id] = s
                self.unpassed[l.user_id] = [(i.item_id, i.failures, i.last_at) for i in s.items
                                            if i.attempts_to_pass is None and i.failures]
                changed = True
            if self.names.get(l.user_id) != l.username:
                self.names[l.user_id] = l.username
                changed = True
        if changed or self.totals is None:
            self.totals = Totals(
                items=[(i, n, p, *map(_median, self.to_pass.get(i, ([], []))))
                       for i, (n, p) in sorted(self.tried.items())],
                mistakes=[(i, m, n, k) for (i, m), (n, k) in sorted(self.counts.items(),
                                                                     key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))],
                unpassed=sorted(((self.names[uid], *row) for uid, rows in self.unpassed.items() for row in rows),
                                key=lambda r: (-r[2], r[0], r[1])))
        return self.totals


_WORDED: "weakref.WeakKeyDictionary[Totals, dict]" = weakref.WeakKeyDictionary()


def _worded(totals: Totals, lang: str) -> tuple[list[ItemRow], list[MistakeRow]]:
    """The sums as rows with titles and messages in ``lang`` (kept with the sums they word)."""
    with _LOCK:
        found = _WORDED.get(totals, {}).get(lang)
    if found is not None:
        return found
    worded = ([ItemRow(i, title(i, lang), kind(i), n, p, k, secs) for i, n, p, k, secs in totals.items],
              [MistakeRow(i, title(i, lang), m, mistake_message(i, m, lang), n, k, None)
               for i, m, n, k in totals.mistakes])
    with _LOCK:
        _WORDED.setdefault(totals, {})[lang] = worded
    return worded


_SUMMED: "weakref.WeakKeyDictionary[Store, OrderedDict[int, Sums]]" = weakref.WeakKeyDictionary()
SUMS_MAX = 16  # cohorts whose sums are kept per database (the least recently used dropped)


def _totals(store: Store, cohort_id: int, learners: list[LearnerVersion], stats: list[LearnerStats]) -> Totals:
    """The cohort's sums (kept per cohort, updated by who changed)."""
    with _LOCK:
        kept = _SUMMED.setdefault(store, OrderedDict())
        sums = kept.get(cohort_id) or Sums()
        kept[cohort_id] = sums
        kept.move_to_end(cohort_id)
        while len(kept) > SUMS_MAX:
            kept.popitem(last=False)
        return sums.update(learners, stats)


def dashboard(store: Store, user_id: int, cohort_id: int, lang: str, now: datetime, *, area: str | None = None,
              inactive_days: int | None = None, failures: int | None = None) -> Dashboard:
    """The cohort as its teacher sees it (see the module's docstring)."""
    teacher_access(store, user_id, cohort_id)
    inactive_days = _bounded(inactive_days, INACTIVE_DAYS, "inactive-days")
    failures = _bounded(failures, FAILURES, "failures")
    per_area = progress.concepts_per_area()
    if area is not None and area not in per_area:
        raise Invalid.of("teaching.no-area", area=area, areas=", ".join(per_area))
    cohort = CommunityStore(store).cohort(cohort_id)
    teaching = TeachingStore(store)
    learners = teaching.learners(cohort_id)
    stats = learner_stats(store, learners, now)

    if area is None:
        columns = [Column(a, name) for a, name in area_titles(lang)]
        heat = [HeatRow(l.username, s.areas.tolist()) for l, s in zip(learners, stats)]
    else:
        concepts = sorted(per_area[area], key=lambda c: title(c, lang).casefold())
        columns = [Column(c, title(c, lang)) for c in concepts]
        index = [_concept_index()[c] for c in concepts]
        heat = [HeatRow(l.username, [s.concepts[i] for i in index]) for l, s in zip(learners, stats)]

    totals = _totals(store, cohort_id, learners, stats)
    items, worded = _worded(totals, lang)
    failing = [StuckRow(name, "failing", i, title(i, lang), n, at) for name, i, n, at in totals.failing(failures)]
    feedback = {(f.item_id, f.mistake): f.body for f in teaching.cohort_feedback(cohort_id)}
    mistakes = [dataclasses.replace(m, feedback=feedback[(m.item_id, m.mistake)])
                if (m.item_id, m.mistake) in feedback else m for m in worded]
    quiet_since = now - timedelta(days=inactive_days)
    inactive = [StuckRow(l.username, "inactive", None, None, None, l.last_active) for l in learners
                if (l.last_active or l.joined_at) < quiet_since]
    return Dashboard(
        cohort_id=cohort_id, name=cohort.name, now=now, by="area" if area is None else "concept", area=area,
        inactive_days=inactive_days, failures=failures,
        learners=[Learner(l.username, l.last_active) for l in learners], columns=columns, heatmap=heat,
        items=items, mistakes=mistakes, stuck=failing + inactive)


# -- the dashboard as CSV ---------------------------------------------------------------------------------

def _number(x: float | None, digits: int) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def _when(t: datetime | None) -> str:
    return "" if t is None else t.strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_table(d: Dashboard, table: str, lang: str) -> str:
    """One table of the dashboard as CSV (header in ``lang``), with a BOM
    so that spreadsheet programs read it as UTF-8; no text cell is read as a formula."""
    if table not in CSV_TABLES:
        raise Invalid.of("teaching.no-table", table=table, tables=", ".join(CSV_TABLES))
    h = section("web.teaching.csv", lang)
    if table == "mastery":
        rows = [[h["learner"], *[c.title for c in d.columns]]]
        rows += [[r.username, *[_number(m, 4) for m in r.mastery]] for r in d.heatmap]
    elif table == "items":
        rows = [[h["item_id"], h["title"], h["attempted"], h["passed"], h["median_attempts"], h["median_seconds"]]]
        rows += [[i.item_id, i.title, i.attempted, i.passed, _number(i.median_attempts, 1),
                  _number(i.median_seconds, 1)] for i in d.items]
    elif table == "mistakes":
        rows = [[h["item_id"], h["title"], h["mistake"], h["learners"], h["attempts"], h["feedback"]]]
        rows += [[m.item_id, m.title, m.mistake, m.learners, m.attempts, m.feedback or ""] for m in d.mistakes]
    else:
        rows = [[h["learner"], h["reason"], h["item_id"], h["title"], h["failures"], h["last_active"]]]
        rows += [[s.username, h[f"reason_{s.reason}"], s.item_id or "", s.title or "",
                  "" if s.failures is None else s.failures, _when(s.last_active)] for s in d.stuck]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([[_cell(x) for x in row] for row in rows])
    return "\ufeff" + out.getvalue()


def _cell(x):
    """A text a spreadsheet would run as a formula (=, +, -, @ first: a username "-A1", feedback
    beginning with a Markdown list) kept as text with a leading apostrophe (OWASP's CSV injection advice)."""
    return "'" + x if isinstance(x, str) and x[:1] in ("=", "+", "-", "@", "\t", "\r") else x


# -- feedback written once ---------------------------------------------------------------------------------

def _named_mistake(item_id: str, mistake: str) -> None:
    """The item is an exercise and names this mistake; else :class:`Invalid` (NotFound for no such item)."""
    k = kind(item_id)
    if k is None:
        raise NotFound.of("teaching.no-item", item=item_id)
    if k != "exercise" or mistake not in {m.id for m in loader.load_exercise(item_id).mistakes}:
        raise Invalid.of("teaching.no-mistake", item=item_id, mistake=mistake)


def write_feedback(store: Store, user_id: int, cohort_id: int, item_id: str, mistake: str, body: str,
                   now: datetime) -> None:
    """The cohort's feedback on a named mistake at an exercise (its teachers),
    replacing what was written before."""
    teacher_access(store, user_id, cohort_id)
    item_id, mistake = str(item_id or ""), str(mistake or "")
    _named_mistake(item_id, mistake)
    body = text(body)
    if not body:
        raise Invalid.of("teaching.empty-feedback")
    if len(body) > FEEDBACK_MAX:
        raise Invalid.of("teaching.feedback-too-long", n=len(body), max=FEEDBACK_MAX)
    TeachingStore(store).save_feedback(cohort_id, item_id, mistake, body, user_id, now)


def delete_feedback(store: Store, user_id: int, cohort_id: int, item_id: str, mistake: str) -> bool:
    teacher_access(store, user_id, cohort_id)
    return TeachingStore(store).delete_feedback(cohort_id, str(item_id or ""), str(mistake or ""))


@dataclass(frozen=True)
class FeedbackView:
    """Feedback under a verdict: which cohort's, on which mistake, as written and as HTML (sanitized)."""

    cohort_id: int
    cohort: str
    mistake: str
    body: str
    html: str


def feedback_for(store: Store, user_id: int, item_id: str, mistakes: Iterable[str | None]) -> list[FeedbackView]:
    """The feedback every cohort the user is in wrote on these mistakes at the item."""
    named = [m for m in mistakes if m]
    if not named:
        return []
    return [FeedbackView(f.cohort_id, f.cohort_name, f.mistake, f.body, prose.to_html(f.body))
            for f in TeachingStore(store).feedback_for(user_id, item_id, named)]


def feedback_by_mistake(store: Store, user_id: int, item_id: str,
                        mistakes: Iterable[str | None]) -> dict[str, list[FeedbackView]]:
    """:func:`feedback_for`, by mistake (what a page shows under each verdict naming one)."""
    out: dict[str, list[FeedbackView]] = {}
    for f in feedback_for(store, user_id, item_id, mistakes):
        out.setdefault(f.mistake, []).append(f)
    return out


# -- the cohort's day, pins and agenda -------------------------------------------------------------------------

def cohort_zone(store: Store, cohort: CohortRecord) -> ZoneInfo:
    """The cohort's time zone: its creator's (UTC once they are gone)."""
    if cohort.created_by is None or store.user(cohort.created_by) is None:
        return ZoneInfo(DEFAULT_ZONE)
    return learner_zone(store, cohort.created_by)


def cohort_day(store: Store, cohort: CohortRecord, now: datetime) -> Day:
    return Day(now, cohort_zone(store, cohort))


def _day(store: Store, cohort_id: int, now: datetime, day: date | str | None) -> date:
    """``day`` (a date, or YYYY-MM-DD as typed), or the cohort's today."""
    if isinstance(day, str) and day.strip():
        try:
            return date.fromisoformat(day.strip())
        except ValueError:
            raise Invalid.of("teaching.bad-day") from None
    if isinstance(day, date):
        return day
    return cohort_day(store, CommunityStore(store).cohort(cohort_id), now).date


def pin(store: Store, user_id: int, cohort_id: int, item_id: str, now: datetime,
        day: date | str | None = None) -> date:
    """Pin an item (of any kind) for the cohort's day (default: its today); returns the day."""
    teacher_access(store, user_id, cohort_id)
    item_id = str(item_id or "")
    if kind(item_id) is None:
        raise NotFound.of("teaching.no-item", item=item_id)
    if kind(item_id) not in PINNABLE_KINDS:
        raise Invalid.of("teaching.not-pinnable", item=item_id)
    day = _day(store, cohort_id, now, day)
    teaching = TeachingStore(store)
    pinned = teaching.pins(cohort_id, day)
    if item_id not in {p.item_id for p in pinned} and len(pinned) >= PINS_MAX:
        raise Invalid.of("teaching.too-many-pins", max=PINS_MAX)
    teaching.pin(cohort_id, day, item_id, user_id, now)
    return day


def unpin(store: Store, user_id: int, cohort_id: int, item_id: str, now: datetime,
          day: date | str | None = None) -> bool:
    teacher_access(store, user_id, cohort_id)
    return TeachingStore(store).unpin(cohort_id, _day(store, cohort_id, now, day), str(item_id or ""))


@dataclass(frozen=True)
class PinView:
    item_id: str
    title: str
    kind: str | None
    finished: list[str]  # usernames of the learners who finished it today


@dataclass(frozen=True)
class AgendaRow:
    item_id: str
    title: str
    mistake: str
    message: str
    learners: int
    attempts: int


@dataclass(frozen=True)
class Today:
    cohort_id: int
    day: date
    zone: str
    learners: int
    pins: list[PinView]
    agenda: list[AgendaRow]
    teacher: bool  # the viewer may pin and unpin


def today(store: Store, user_id: int, cohort_id: int, lang: str, now: datetime) -> Today:
    """The cohort home's daily rhythm, for any of its members: today's
    pinned items with who has finished them, and the week's agenda."""
    a = access(store, user_id, cohort_id)
    cohort = CommunityStore(store).cohort(cohort_id)
    day = cohort_day(store, cohort, now)
    teaching = TeachingStore(store)
    pins = teaching.pins(cohort_id, day.date)
    done = teaching.finished(cohort_id, [p.item_id for p in pins], day.start, day.end)
    week = teaching.mistakes_since(cohort_id, day.start - timedelta(days=AGENDA_DAYS - 1), AGENDA_ROWS)
    return Today(
        cohort_id=cohort_id, day=day.date, zone=day.zone.key, learners=CommunityStore(store).seats_taken(cohort_id),
        pins=[PinView(p.item_id, title(p.item_id, lang), kind(p.item_id), done.get(p.item_id, [])) for p in pins],
        agenda=[AgendaRow(m.item_id, title(m.item_id, lang), m.mistake, mistake_message(m.item_id, m.mistake, lang),
                          m.learners, m.attempts) for m in week],
        teacher=a.teacher)


def minutes(seconds: float | None, lang: str) -> str:
    """A median time to pass, said briefly ("3 min", "1 h 20 min", "2 d 3 h")."""
    if seconds is None:
        return "—"
    m = int(round(seconds / 60))
    if m < 60:
        return t("web.teaching.minutes", lang, m=m)
    if m < 24 * 60:
        return t("web.teaching.hours", lang, h=m // 60, m=m % 60)
    return t("web.teaching.days", lang, d=m // (24 * 60), h=(m // 60) % 24)
