"""The door's submission limit learned from the pages' delay (web/shedding.py):
the rule on a clock of our own, then the middleware with pages that really
are slow."""

from __future__ import annotations

import asyncio
import math

from byhand.web.shedding import INTERVAL, TARGET, LoadShedding, SubmissionLimit


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_slow_pages_halve_the_limit_and_quick_ones_let_it_grow_back():
    clock = Clock()
    limit = SubmissionLimit(clock=clock)
    assert limit.allows(9, 10) and not limit.allows(10, 10)  # nothing learned: the graders' capacity
    for expected in (5, 2.5, 1.25, 1, 1):  # each interval whose quickest page was slow halves it, down to one
        limit.page_answered(TARGET * 3, 10)
        limit.page_answered(TARGET * 2, 10)
        clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
        limit.allows(0, 10)
        assert limit.limit == expected
    assert limit.allows(0, 10) and not limit.allows(1, 10)  # grading goes on, one at a time
    for expected in (2, 3, 4):  # each interval with a quick page adds one
        limit.page_answered(TARGET / 2, 10)
        clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
        limit.allows(0, 10)
        assert limit.limit == expected
    for _ in range(10):  # an interval with no page: nothing to protect, one more too
        clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
        limit.allows(0, 10)
    assert limit.limit == math.inf and limit.allows(9, 10)  # back to the graders' capacity alone


def test_one_quick_page_in_an_interval_means_no_standing_queue():
    clock = Clock()
    limit = SubmissionLimit(clock=clock)
    limit.allows(0, 8)
    for t in (TARGET * 10, TARGET * 0.9, TARGET * 10):
        limit.page_answered(t, 8)
    clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
    limit.allows(0, 8)
    assert limit.limit == math.inf


class SlowPages:
    """An app whose pages take ``delay`` seconds and whose submissions answer at once."""

    def __init__(self):
        self.delay = 0.0
        self.submissions = 0

    async def __call__(self, scope, receive, send):
        if scope["method"] == "GET":
            await asyncio.sleep(self.delay)
        else:
            self.submissions += 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


class Graders:
    size, max_waiting = 2, 8

    def saturated(self) -> bool:
        return False


async def _request(door, method: str, path: str) -> tuple[int, dict]:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": []}
    await door(scope, receive, send)
    return sent[0]["status"], dict(sent[0]["headers"])


def test_while_pages_are_slow_the_door_refuses_submissions_and_still_serves_pages():
    async def scenario():
        app = SlowPages()
        door = LoadShedding(app, grading=lambda: Graders())
        # ten submissions held in at once: more than the learned limit will allow
        app.delay = TARGET * 3
        for _ in range(6):  # slow pages, interval after interval
            assert (await _request(door, "GET", "/items"))[0] == 200
        door.submissions = 3  # three gradings under way
        status, headers = await _request(door, "POST", "/api/exercises/softmax/attempts")
        assert status == 503 and headers[b"retry-after"] == b"5"
        assert (await _request(door, "GET", "/concepts/vector"))[0] == 200  # pages still come
        app.delay = 0.0
        door.submissions = 0
        for _ in range(40):  # quick pages: the limit grows back
            await _request(door, "GET", "/items")
            await asyncio.sleep(INTERVAL / 4)
        door.submissions = 9
        assert (await _request(door, "POST", "/api/exercises/softmax/attempts"))[0] == 200
        assert app.submissions == 1

    asyncio.run(scenario())
