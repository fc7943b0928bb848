"""Load shedding at the door: refuse what cannot be served soon, before any work.

An ASGI middleware in front of the app.  A submission is admitted only while
fewer submissions than the graders can take (grading and waiting) are
anywhere in this process, from the door to the response; one more is
answered 503 + Retry-After before its body is read, its session looked up or
anything parsed.  The grading queue alone would not bound the wait: requests
that passed the door would queue for the database before reaching it.  Past
``max_in_flight`` requests of any kind, anything new is refused the same way.

Pages come first.  A submission costs this process about as much CPU as a
page (its session, the verdict's recording and rendering), so a flood of
them, each admitted because a grader was free, used to slow every page down
(a page p99 of 1.6-1.9 s under twice the submissions the graders sustain).
The door therefore times each page here, from the door to its first byte,
against what its route takes with no queue (:class:`PageCosts`); while even
the least delayed page of an interval came late (a standing queue in this
process: CoDel's signal, Nichols & Jacobson, "Controlling Queue Delay", ACM
Queue 10(5), 2012) it lets fewer submissions in (:class:`DelayLimit`), and
past a larger delay fewer pages too, so that what cannot be served soon is
told so at once instead of waiting out the queue.
"""

from __future__ import annotations

import math
import re
import time
from typing import Callable

from .refusal import client_lang, refuse

__all__ = ["DelayLimit", "LoadShedding", "PageCosts"]

SUBMISSION = re.compile(r"^/(?:api/)?exercises/[^/]+(?:/attempts)?$")
RETRY_AFTER = 5  # seconds: about how long a full queue of gradings takes to drain
INTERVAL = 0.1  # s: CoDel's interval
# Pages delayed past SUBMISSION_TARGET (beyond what each takes with no queue, PageCosts) all
# through an interval mean a standing queue here: submissions wait.  Measured (23 pages/s +
# 100 submissions/s for 25 s against `serve --workers 2`, two cores, three runs each): page
# p99 0.18-0.77 s with targets of 5-20 ms, against 1.9 s with no such limit; this machine's
# swings are wider than the differences between those targets.
SUBMISSION_TARGET = 0.01  # s
# Delayed past REQUEST_TARGET, pages themselves are too many: new ones are refused too (a
# page costs 13-32 ms of this process's CPU, so eight at once are answered within 0.25 s).
REQUEST_TARGET = 0.1  # s
REQUEST_FLOOR = 8
BASELINE_WINDOW = 30.0  # s: how long a page's quickest time is remembered


class PageCosts:
    """What each route's page takes here with no queue in front of it: the
    quickest it has been in the current or the last window (a windowed
    minimum, as TCP Vegas and BBR estimate the round trip without
    queueing).  A page's delay is how much longer than that it took, so a
    page that is slow by nature (a plot drawn, the whole catalog) is not
    taken for a queue.  Keys are the app's route templates: a bounded set,
    whatever paths clients send."""

    def __init__(self, window: float = BASELINE_WINDOW, clock: Callable[[], float] = time.monotonic):
        self.window, self.clock = window, clock
        self._start = clock()
        self._current: dict[str, float] = {}
        self._last: dict[str, float] = {}

    def delay(self, route: str, seconds: float) -> float:
        now = self.clock()
        if now - self._start >= self.window:
            self._last, self._current, self._start = self._current, {}, now
        quickest = self._current[route] = min(self._current.get(route, math.inf), seconds)
        return seconds - min(quickest, self._last.get(route, math.inf))


class DelayLimit:
    """How many requests of one kind may be in this process at once, learned
    from the pages' delay (additive increase, multiplicative decrease, as TCP
    does): after each interval in which even the least delayed page
    (:class:`PageCosts`) was delayed by more than ``target``, half of what
    was in at once (so a burst let in before the delay showed is cut at
    once, not over many intervals), one more after each interval without;
    never below ``floor``, never above ``ceiling`` (the caller keeps it
    current).  With ``stalls``, an interval in which more than ``floor`` were
    in and no page came back at all counts as late too: a sudden burst
    fills the process before its first page can show the delay."""

    def __init__(self, target: float, floor: float = 1.0, ceiling: float = math.inf,
                 interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic, stalls: bool = False):
        self.target, self.floor, self.ceiling, self.stalls = target, floor, ceiling, stalls
        self.interval, self.clock = interval, clock
        self.limit = math.inf  # nothing learned yet: the ceiling decides
        self._start = clock()
        self._least = math.inf  # this interval's least delay
        self._most_in = 0  # the most in at once this interval

    def page_answered(self, delay: float) -> None:
        """A page came ``delay`` seconds later than it does with no queue."""
        self._tick()  # first: this page belongs to the interval it ends in
        self._least = min(self._least, delay)

    def allows(self, in_flight: int) -> bool:
        """One more, with ``in_flight`` of this kind here now."""
        self._tick()
        allowed = in_flight < min(self.limit, self.ceiling)
        self._most_in = max(self._most_in, in_flight + allowed)
        return allowed

    def _tick(self) -> None:
        now = self.clock()
        if now - self._start < self.interval:
            return
        late = self._least > self.target and self._least != math.inf
        stalled = self.stalls and self._least == math.inf and self._most_in > self.floor
        if late or stalled:
            self.limit = max(self.floor, min(self.limit, self.ceiling, self._most_in or math.inf) / 2)
        elif self.limit != math.inf:
            self.limit = math.inf if self.limit + 1 >= self.ceiling else self.limit + 1
        self._start, self._least, self._most_in = now, math.inf, 0


class LoadShedding:
    """``grading`` gives the grading service once the app has started (None before);
    ``on_delay``: the limits learned from the pages' delay apply (else only the counts)."""

    def __init__(self, app, *, grading: Callable[[], object | None], max_in_flight: int = 512,
                 message: Callable[[str], str] = lambda lang: "graders busy, retry later",
                 busy: Callable[[str], str] = lambda lang: "busy, retry later", on_delay: bool = True):
        self.app = app
        self.grading = grading
        self.max_in_flight = max_in_flight
        self.message = message  # a submission refused
        self.busy = busy  # anything else refused
        self.submission_limit = DelayLimit(SUBMISSION_TARGET)
        self.request_limit = DelayLimit(REQUEST_TARGET, floor=REQUEST_FLOOR, ceiling=max_in_flight, stalls=True)
        self.costs = PageCosts()
        self.on_delay = on_delay
        self.in_flight = 0  # one event loop: counters need no lock
        self.submissions = 0
        self.requests = 0  # neither submissions nor /static

    @staticmethod
    def _capacity(service) -> float:
        """How many submissions ``service`` takes at once (grading and waiting)."""
        capacity = getattr(service, "size", 0) + getattr(service, "max_waiting", 0)
        return capacity if capacity > 0 else math.inf

    def _admits(self, submission: bool, paced: bool) -> bool:
        if self.in_flight >= self.max_in_flight:
            return False
        if paced:
            return not self.on_delay or self.request_limit.allows(self.requests)
        if not submission:
            return True
        service = self.grading()
        if service is None:
            return True
        if getattr(service, "saturated", lambda: False)():
            return False
        self.submission_limit.ceiling = self._capacity(service)  # workers come and go (the fleet)
        return self.submission_limit.allows(self.submissions)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        submission = scope["method"] == "POST" and bool(SUBMISSION.match(scope["path"]))
        paced = not submission and not scope["path"].startswith("/static/")
        if not self._admits(submission, paced):
            text = (self.message if submission else self.busy)(client_lang(scope))
            return await refuse(scope, send, 503, text, RETRY_AFTER)
        self.in_flight += 1
        self.submissions += submission
        self.requests += paced
        if paced and self.on_delay and scope["method"] == "GET":
            send = self._timed(scope, send, time.monotonic())
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            self.submissions -= submission
            self.requests -= paced

    def _timed(self, scope, send, started: float):
        async def timed_send(message):
            if message["type"] == "http.response.start":
                route = getattr(scope.get("route"), "path", None) or "(no route)"  # set by the router
                delay = self.costs.delay(route, time.monotonic() - started)
                self.submission_limit.ceiling = self._capacity(self.grading())  # what a halving starts from
                self.submission_limit.page_answered(delay)
                self.request_limit.page_answered(delay)
            await send(message)
        return timed_send
