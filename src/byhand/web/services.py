"""What the web pages and the JSON API do, in one place (both call these).

Grading goes to the sandboxed grader's worker processes, never runs in the
web process.  The learner's accepted functions (their latest passing code
per exercise) are their blocks: a submission that calls one gets it
appended, as in a workspace.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from starlette.concurrency import run_in_threadpool

from ..content import loader
from ..content.catalog import dependents, practised_by
from ..content.model import Exercise
from ..grading.drills import BadAnswer, check_answer, variant
from ..grading.result import GradeResult
from ..jobs import GradeRequest
from ..services import review, scheduling
from ..services.attempts import SELF_RATED_KINDS, record_and_show, record_drill_answer
from ..services.days import streak
from ..services.plan import Planned, next_due, plan
from ..services.progress import compute as compute_progress
from ..storage import Store

MAX_SOURCE = 64 * 1024
# Every grading draws a fresh 32-bit seed: a failure message shows the
# smallest failing case's expected values, and a server that reused a small
# set of variants would let a learner collect them into a lookup table that
# passes without implementing anything.
SEED_BITS = 32
# The same failing code, resubmitted, only probes for expected values: after
# this many identical failures in the window it is refused until changed.
IDENTICAL_FAILURES = 3
IDENTICAL_WINDOW = timedelta(hours=1)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DEFINED = re.compile(r"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.M)


VARIANT_SECONDS = 86_400  # a drill variant can be answered for a day


class BadVariant(Exception):
    """A drill answer whose variant this server did not issue to this
    learner for this drill (made up, another's, another drill's) or issued
    more than a day ago."""


class JustReviewed(Exception):
    """The card was reviewed by another request while this one was rating it."""


class NotSelfRated(Exception):
    """Only concept cards are rated by the learner; ``kind`` was given."""


class SubmissionRefused(Exception):
    """Not graded: ``status`` is the HTTP status, ``key`` the UI message."""

    def __init__(self, status: int, key: str, retry_after: int):
        super().__init__(key)
        self.status, self.key, self.retry_after = status, key, retry_after


def names_in(source: str) -> tuple[set[str], set[str]]:
    """(names the source mentions, functions and classes it defines), by a
    linear scan of the text: the web process never parses a learner's code
    (a source built to make parsing slow would stall it).  A name in a
    comment or a string counts too, which at worst appends an accepted block
    the code does not call."""
    return set(_NAME.findall(source)), set(_DEFINED.findall(source))


@dataclass
class Services:
    store: Store
    grader: Any  # a byhand.jobs.GradingService (byhand.jobs.Grader in one process)
    secret: str = ""  # signs the drill variants this server issues (a random one per process if empty)
    now: Callable[[], datetime] = field(default=lambda: datetime.now(timezone.utc))  # the review session's clock

    def __post_init__(self):
        self.secret = self.secret or secrets.token_hex(32)

    # -- drill variants: issued by the server, signed for one learner ---------------------

    def _sign(self, user_id: int, drill_id: str, seed: int, at_ms: int) -> str:
        mac = hmac.new(self.secret.encode(), f"{user_id}:{drill_id}:{seed}:{at_ms}".encode(), hashlib.sha256)
        return f"{seed}.{at_ms}.{mac.hexdigest()[:32]}"

    def issue_variant(self, user_id: int, drill_id: str, seed: int | None = None) -> str:
        """A variant of a drill for one learner: a fresh random seed (or
        ``seed``, which only the local mode lets a learner choose, as
        `byhand drill --seed` does) and when it was shown, signed so that its
        answer counts for this learner and this drill only."""
        seed = secrets.randbits(31) if seed is None else seed
        return self._sign(user_id, drill_id, seed, int(time.time() * 1000))

    def open_variant(self, user_id: int, drill_id: str, token: str) -> tuple[int, float]:
        """(seed, seconds since it was shown) of a variant this server issued
        to this learner for this drill within a day; else BadVariant."""
        parts = token.split(".") if isinstance(token, str) and len(token) <= 80 else []
        if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
            raise BadVariant("malformed")
        seed, at_ms = int(parts[0]), int(parts[1])
        if seed >= 2**32 or not hmac.compare_digest(token, self._sign(user_id, drill_id, seed, at_ms)):
            raise BadVariant("not-ours")
        seconds = time.time() - at_ms / 1000
        if not -60 <= seconds <= VARIANT_SECONDS:
            raise BadVariant("expired")
        return seed, max(0.0, seconds)

    # -- the catalog --------------------------------------------------------------

    def items(self, lang: str, kind: str | None = None, area: str | None = None,
              concept: str | None = None) -> list[dict]:
        rows = list(loader.summaries())
        if kind:
            rows = [r for r in rows if r["kind"] == kind]
        if area:
            rows = [r for r in rows if r["area"] == area]
        if concept:
            rows = [r for r in rows if r["id"] == concept or concept in r["concepts"]]
        return [{"id": r["id"], "kind": r["kind"], "area": r["area"], "title": r["title"][lang],
                 "concepts": r["concepts"]} for r in rows]

    def item(self, item_id: str, lang: str) -> dict:
        """Everything a page or a client shows about an item (no references, no cases)."""
        item = loader.load_item(item_id)
        t = item.t(lang)
        base = {"id": item.id, "kind": item.kind, "area": item.area}
        if item.kind == "concept":
            return {**base, "title": t.term, "definition": t.definition, "where_used": t.where_used,
                    "prerequisites": list(item.prerequisites), "builds_toward": dependents(item.id),
                    "practised_by": practised_by(item.id)}
        if item.kind == "exercise":
            from ..grading.grader import tolerance_text

            return {**base, "title": t.title, "equation": t.equation, "explanation": t.explanation,
                    "where_used": t.where_used, "hint": t.hint, "function": item.function,
                    "signature": f"{item.function}{item.signature}", "tolerance": tolerance_text(item, lang),
                    "mistakes": [m.id for m in item.mistakes], "concepts": list(item.concepts),
                    "uses": list(item.uses), "cite": item.cite, "time_limit": item.time_limit}
        if item.kind == "drill":
            return {**base, "title": t.title, "answer_kind": item.answer_kind, "concepts": list(item.concepts)}
        if item.kind == "track":
            p = item.paper
            return {**base, "title": t.title, "introduction": t.introduction, "final": item.final,
                    "paper": {"authors": p.authors, "year": p.year, "title": p.title, "venue": p.venue,
                              "arxiv": p.arxiv},
                    "steps": [{"ref": s.ref, "latex": s.latex, "exercise": s.exercise} for s in item.steps]}
        return {**base, "title": t.title, "answer": t.answer, "derivation": t.derivation,
                "concepts": list(item.concepts),
                "params": [{"name": p.name, "default": p.default, "type": p.type, "min": p.low, "max": p.high,
                            "choices": list(p.choices), "help": p.help.get(lang, "")} for p in item.params]}

    # -- code ---------------------------------------------------------------------

    def with_blocks(self, user_id: int, ex: Exercise, source: str) -> tuple[tuple[str, ...], list[str]]:
        """The learner's accepted blocks that the submission calls and does
        not define itself, to be appended to it (so line numbers stay), and
        their exercise ids."""
        called, defined = names_in(source)
        by_function = loader.function_index()
        added, blocks = [], []
        frontier = sorted(called)
        while frontier:
            name = frontier.pop(0)
            item_id = by_function.get(name)
            if not item_id or name in defined or item_id == ex.id or item_id in added:
                continue
            block = self.store.accepted_source(user_id, item_id)
            if not block:
                continue
            added.append(item_id)
            blocks.append(f"\n\n# --- your accepted block: {item_id} ---\n{block}")
            defined.add(name)
            frontier += sorted(names_in(block)[0])
        return tuple(blocks), added

    def _refuse_repeated_probe(self, user_id: int, item_id: str, source: str) -> None:
        since = datetime.now(timezone.utc) - IDENTICAL_WINDOW
        if self.store.failures_with_source(user_id, item_id, source, since) >= IDENTICAL_FAILURES:
            raise SubmissionRefused(429, "repeated-probe", int(IDENTICAL_WINDOW.total_seconds()))

    async def submit(self, user_id: int, exercise_id: str, source: str, lang: str) -> tuple[GradeResult, int]:
        """Grade and record: (the verdict, the recorded attempt's id).  The
        attempt is committed before this returns, so a client that got the id
        back can count on it."""
        if getattr(self.grader, "saturated", lambda: False)():  # first, before any other work
            raise SubmissionRefused(503, "grader-busy", 5)
        ex = loader.load_exercise(exercise_id)
        if len(source) > MAX_SOURCE:  # refused whole: a truncated source would be graded as if written so
            raise SubmissionRefused(413, "source-too-long", 0)
        await run_in_threadpool(self._refuse_repeated_probe, user_id, ex.id, source)
        blocks, _ids = await run_in_threadpool(self.with_blocks, user_id, ex, source)
        started = time.monotonic()
        result = await self.grader.submit(GradeRequest(ex.id, source, seed=secrets.randbits(SEED_BITS), lang=lang,
                                                       blocks=blocks))
        if result.status == "unavailable":  # the graders are busy: nothing to record
            raise SubmissionRefused(503, "grader-busy", 5)
        return await run_in_threadpool(record_and_show, self.store, user_id, result, context="web",
                                       source=source, started=started)

    def attempts(self, user_id: int, item_id: str, limit: int = 10) -> list[dict]:
        return [{"id": a.id, "passed": a.passed, "status": a.status, "mistake": a.mistake, "message": a.message,
                 "created_at": a.created_at.isoformat(), "source": a.source}
                for a in self.store.attempts(user_id, item_id, limit=limit)]

    # -- drills and cards -----------------------------------------------------------

    def drill(self, drill_id: str, token: str, seed: int, lang: str) -> dict:
        """A variant's page: its prompt, and the token to answer it with."""
        d = loader.load_item(drill_id)
        if d.kind != "drill":
            raise LookupError(drill_id)
        v = variant(d, seed)
        return {"id": d.id, "title": d.t(lang).title, "seed": seed, "prompt": v.prompt(lang),
                "answer_kind": d.answer_kind, "letters": [letter for letter, _ in v.options(lang)],
                "variant": token}

    def new_drill(self, user_id: int, drill_id: str, lang: str, seed: int | None = None) -> dict:
        token = self.issue_variant(user_id, drill_id, seed)
        return self.drill(drill_id, token, int(token.split(".")[0]), lang)

    def answer_drill(self, user_id: int, drill_id: str, token: str, answer: str, lang: str) -> dict:
        """Check an answer to a variant this server issued.  The expected
        answer and the solution come back only once the variant has ended
        (right, or wrong twice): before that, a wrong answer is told only
        that it is wrong and may try again."""
        seed, seconds = self.open_variant(user_id, drill_id, token)
        d = loader.load_item(drill_id)
        v = variant(d, seed)
        result = check_answer(v, answer, lang)  # BadAnswer propagates: the caller says what is wrong
        step = record_drill_answer(self.store, user_id, drill_id, seed, answer, result, context="web",
                                   seconds=seconds)
        return {"correct": result.correct, "ended": step.ended, "tries": step.tries,
                "credited": step.rating is not None, "rating": step.rating, "got": result.got,
                "why": result.why or None,
                "expected": result.expected if step.ended else None,
                "solution": result.solution if step.ended else None}

    def review_step(self, user_id: int, lang: str, item: str | None = None) -> dict:
        """What the review session shows now (``services.review``): the next
        item of the queue (or ``item``, a concept card the learner chose), how
        many are left, the learning cards due later; for a concept card the
        interval each rating would give and the state it was shown in
        (``seen``, for :meth:`rate`), for a drill a fresh signed variant."""
        now = self.now()
        q = review.queue(self.store, user_id, now)
        planned = q.next
        if item is not None and loader.kind_of(item) == "concept":
            planned = next((p for p in q.items if p.item_id == item), None) or Planned(item, "concept", False)
        step = {"left": q.left, "later": len(q.later), "next_due": q.next_due, "now": now, "card": None,
                "kind": None, "new": False, "next_review": None}
        if planned is None:
            step["next_review"] = next_due(self.store, user_id, now)
            return step
        card = self.store.card(user_id, planned.item_id)
        step.update(card=self.item(planned.item_id, lang), kind=planned.kind, new=card is None)
        if planned.kind == "concept":
            step["intervals"] = scheduling.preview(self.store, user_id, "concept", card, now)
            step["seen"] = card.last_review.isoformat() if card and card.last_review else "new"
        elif planned.kind == "drill":
            step["drill"] = self.new_drill(user_id, planned.item_id, lang)
        return step

    def rate(self, user_id: int, item_id: str, rating: int, seen: str | None = None) -> dict:
        """A learner's own rating of a card: concepts only (a drill or an
        exercise is rated from what happened when it was answered).  With
        ``seen`` (the card's last review as the page showed it, "new" for
        none), a rating from a page older than the card's last review (a
        second tab, a double click) is refused with JustReviewed."""
        kind = loader.kind_of(item_id)
        if kind not in SELF_RATED_KINDS:
            raise NotSelfRated(kind)
        card = self.store.card(user_id, item_id)
        if seen is not None:
            last = card.last_review.isoformat() if card and card.last_review else "new"
            if last != seen:
                raise JustReviewed(item_id)
        # applied only if nobody reviewed the card since we read it: a double click rates once
        reviewed = scheduling.review(self.store, user_id, item_id, kind, rating, now=self.now(), existing=card)
        if reviewed is None:
            raise JustReviewed(item_id)
        c = reviewed.card
        return {"item_id": item_id, "rating": rating, "due": c.due.isoformat(), "state": c.state,
                "stability": c.stability, "difficulty": c.difficulty}

    def give_up(self, user_id: int, item_id: str) -> datetime | None:
        """Give up re-implementing a due exercise (rated Again): when it is
        due again, or None if it was not due (nothing changed)."""
        reviewed = review.give_up(self.store, user_id, item_id, loader.kind_of(item_id), self.now())
        return reviewed.card.due if reviewed else None

    def due_at(self, user_id: int, item_id: str) -> datetime | None:
        card = self.store.card(user_id, item_id)
        return card.due if card else None

    # -- home and progress ------------------------------------------------------------

    def due(self, user_id: int, lang: str) -> list[dict]:
        rows = {r["id"]: r for r in loader.summaries()}
        return [{"id": p.item_id, "kind": p.kind, "new": p.new, "title": rows[p.item_id]["title"][lang]}
                for p in plan(self.store, user_id)]

    def home(self, user_id: int, lang: str) -> dict:
        report = compute_progress(self.store, user_id)
        return {"queue": self.due(user_id, lang), "streak": report.streak, "areas": report.areas}

    def progress(self, user_id: int):
        return compute_progress(self.store, user_id)

    def streak(self, user_id: int) -> int:
        return streak(self.store, user_id)


__all__ = ["BadAnswer", "BadVariant", "JustReviewed", "NotSelfRated", "Services"]

