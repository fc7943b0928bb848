"""Load shedding at the door: refuse what cannot be served soon, before any work.

An ASGI middleware in front of the app.  Submissions are admitted only while
fewer than the graders' capacity (those grading plus those allowed to wait)
are anywhere in this process, from the door to the response; one more is
answered 503 + Retry-After before its body is read, its session looked up or
anything parsed.  The grading queue alone would not bound the wait: requests
that passed the door would queue for the database before reaching it.
Past ``max_in_flight`` requests of any kind, anything new is refused the
same way, so that a burst queues nowhere without bound.
"""

from __future__ import annotations

import re
from typing import Callable

from .refusal import client_lang, refuse

__all__ = ["LoadShedding"]

SUBMISSION = re.compile(r"^/(?:api/)?exercises/[^/]+(?:/attempts)?$")
RETRY_AFTER = 5  # seconds: about how long a full queue of gradings takes to drain


class LoadShedding:
    """``grading`` gives the grading service once the app has started (None before)."""

    def __init__(self, app, *, grading: Callable[[], object | None], max_in_flight: int = 512,
                 message: Callable[[str], str] = lambda lang: "busy, retry later"):
        self.app = app
        self.grading = grading
        self.max_in_flight = max_in_flight
        self.message = message
        self.in_flight = 0  # one event loop: counters need no lock
        self.submissions = 0

    def _admit_submission(self) -> bool:
        service = self.grading()
        if service is None:
            return True
        capacity = getattr(service, "size", 0) + getattr(service, "max_waiting", 0)
        saturated = getattr(service, "saturated", lambda: False)()
        return not saturated and (capacity <= 0 or self.submissions < capacity)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        submission = scope["method"] == "POST" and bool(SUBMISSION.match(scope["path"]))
        if self.in_flight >= self.max_in_flight or (submission and not self._admit_submission()):
            return await refuse(scope, send, 503, self.message(client_lang(scope)), RETRY_AFTER)
        self.in_flight += 1
        self.submissions += submission
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            self.submissions -= submission
