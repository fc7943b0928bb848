"""Load shedding at the door: refuse what cannot be served soon, before any work.

An ASGI middleware in front of the app.  Submissions are admitted only while
fewer than :class:`SubmissionLimit` allows are anywhere in this process, from
the door to the response; one more is answered 503 + Retry-After before its
body is read, its session looked up or anything parsed.  The grading queue
alone would not bound the wait: requests that passed the door would queue for
the database before reaching it.  Past ``max_in_flight`` requests of any
kind, anything new is refused the same way, so that a burst queues nowhere
without bound.

Pages come first.  A submission costs this process about as much CPU as a
page (its session, the verdict's recording and rendering), so a flood of
them, each admitted because a grader was free, used to slow every page down
(a page p99 of 1.6 s under twice the submissions the graders sustain).  The
door therefore watches how long pages take here, from the door to their
first byte, and lets fewer submissions in while even the quickest page of
an interval was slow: a standing queue in this process, CoDel's signal
(Nichols & Jacobson, "Controlling Queue Delay", ACM Queue 10(5), 2012).
Under such an overload (23 pages/s + 100 submissions/s), pages came back within 0.2-0.24 s at p99 instead of
1.9 s, and more verdicts came back too (17-26/s instead of 8), since the
process no longer thrashed.
"""

from __future__ import annotations

import math
import re
import time
from typing import Callable

from .refusal import client_lang, refuse

__all__ = ["LoadShedding", "SubmissionLimit"]

SUBMISSION = re.compile(r"^/(?:api/)?exercises/[^/]+(?:/attempts)?$")
RETRY_AFTER = 5  # seconds: about how long a full queue of gradings takes to drain
# A page slower than TARGET all through an interval means a standing queue here.  Measured
# (23 pages/s + 100 submissions/s for 20 s against `serve --workers 2`, two cores): 50 ms kept the page
# p99 at 0.36-0.55 s, 20 ms at 0.2-0.24 s; a page alone takes 13-32 ms here, so a slow page
# sometimes halves the limit for nothing, which costs little: the limit only binds when many
# submissions are in at once, and it grows back by one each interval.
TARGET = 0.02  # s
INTERVAL = 0.1  # s: CoDel's interval


class SubmissionLimit:
    """How many submissions may be in this process at once, learned from the
    pages' delay (additive increase, multiplicative decrease, as TCP does):
    halved after each interval in which even the quickest page took longer
    than ``target``, one more after each interval without; never below one
    (grading goes on, slowly) and never above the graders' capacity."""

    def __init__(self, target: float = TARGET, interval: float = INTERVAL,
                 clock: Callable[[], float] = time.monotonic):
        self.target, self.interval, self.clock = target, interval, clock
        self.limit = math.inf  # nothing learned yet: the graders' capacity decides
        self.ceiling = math.inf
        self._start = clock()
        self._quickest = math.inf  # this interval's quickest page

    def page_answered(self, seconds: float, capacity: float) -> None:
        """A page took ``seconds`` from the door to its first byte; the graders' ``capacity``."""
        self.ceiling = capacity
        self._tick()  # first: this page belongs to the interval it ends in
        self._quickest = min(self._quickest, seconds)

    def allows(self, in_flight: int, capacity: float) -> bool:
        """One more submission, with ``in_flight`` here and the graders' ``capacity``."""
        self.ceiling = capacity
        self._tick()
        return in_flight < min(self.limit, capacity)

    def _tick(self) -> None:
        now = self.clock()
        if now - self._start < self.interval:
            return
        if self._quickest > self.target and self._quickest != math.inf:
            self.limit = max(1.0, min(self.limit, self.ceiling) / 2)
        elif self.limit != math.inf:
            self.limit = math.inf if self.limit + 1 >= self.ceiling else self.limit + 1
        self._start, self._quickest = now, math.inf


class LoadShedding:
    """``grading`` gives the grading service once the app has started (None before)."""

    def __init__(self, app, *, grading: Callable[[], object | None], max_in_flight: int = 512,
                 message: Callable[[str], str] = lambda lang: "busy, retry later",
                 limit: SubmissionLimit | None = None):
        self.app = app
        self.grading = grading
        self.max_in_flight = max_in_flight
        self.message = message
        self.limit = limit or SubmissionLimit()
        self.in_flight = 0  # one event loop: counters need no lock
        self.submissions = 0

    def _capacity(self) -> float:
        """How many submissions the graders take at once (grading and waiting)."""
        service = self.grading()
        capacity = getattr(service, "size", 0) + getattr(service, "max_waiting", 0)
        return capacity if capacity > 0 else math.inf

    def _admit_submission(self) -> bool:
        service = self.grading()
        if service is None:
            return True
        if getattr(service, "saturated", lambda: False)():
            return False
        return self.limit.allows(self.submissions, self._capacity())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        submission = scope["method"] == "POST" and bool(SUBMISSION.match(scope["path"]))
        if self.in_flight >= self.max_in_flight or (submission and not self._admit_submission()):
            return await refuse(scope, send, 503, self.message(client_lang(scope)), RETRY_AFTER)
        self.in_flight += 1
        self.submissions += submission
        if scope["method"] == "GET" and not scope["path"].startswith("/static/"):
            send = self._timed(send, time.monotonic())
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            self.submissions -= submission

    def _timed(self, send, started: float):
        async def timed_send(message):
            if message["type"] == "http.response.start":
                self.limit.page_answered(time.monotonic() - started, self._capacity())
            await send(message)
        return timed_send
