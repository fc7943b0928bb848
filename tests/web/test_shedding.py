"""The door's limits learned from the pages' delay (web/shedding.py):
the rule on a clock of our own, then the middleware with pages that really
are slow."""

from __future__ import annotations

import asyncio
import math

from byhand.web.shedding import (BASELINE_WINDOW, INTERVAL, REQUEST_FLOOR, REQUEST_TARGET, SUBMISSION_TARGET as TARGET,
                                 DelayLimit, LoadShedding, PageCosts)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_slow_pages_halve_the_limit_and_quick_ones_let_it_grow_back():
    clock = Clock()
    limit = DelayLimit(TARGET, clock=clock, ceiling=10)
    assert limit.allows(9) and not limit.allows(10)  # nothing learned: the graders' capacity
    # each interval whose least delayed page was late halves what was in at once, down to one
    for in_flight, expected in ((9, 5), (4, 2.5), (2, 1.25), (1, 1), (0, 1)):
        assert limit.allows(in_flight)
        limit.page_answered(TARGET * 3)
        limit.page_answered(TARGET * 2)
        clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
        limit.allows(0)
        assert limit.limit == expected
    assert limit.allows(0) and not limit.allows(1)  # grading goes on, one at a time
    for expected in (2, 3, 4):  # each interval with a quick page adds one
        limit.page_answered(TARGET / 2)
        clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
        limit.allows(0)
        assert limit.limit == expected
    for _ in range(10):  # an interval with no page: nothing to protect, one more too
        clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
        limit.allows(0)
    assert limit.limit == math.inf and limit.allows(9)  # back to the graders' capacity alone


def test_one_quick_page_in_an_interval_means_no_standing_queue():
    clock = Clock()
    limit = DelayLimit(TARGET, clock=clock, ceiling=8)
    for t in (TARGET * 10, TARGET * 0.9, TARGET * 10):
        limit.page_answered(t)
    clock.now += INTERVAL * 1.5  # past the interval, whatever the rounding
    limit.allows(0)
    assert limit.limit == math.inf


def test_a_burst_let_in_before_the_delay_showed_is_cut_to_half_of_it_at_once():
    clock = Clock()
    limit = DelayLimit(TARGET, floor=8, ceiling=512, clock=clock)
    for in_flight in range(40):  # a burst: all let in, nothing learned yet
        assert limit.allows(in_flight)
    limit.page_answered(TARGET * 5)
    clock.now += INTERVAL * 1.5
    assert not limit.allows(20) and limit.limit == 20  # not 256: half of the 40 that were in


def test_a_burst_in_which_no_page_came_back_is_cut_when_stalls_count():
    clock = Clock()
    stalling, patient = (DelayLimit(TARGET, floor=8, ceiling=512, clock=clock, stalls=s) for s in (True, False))
    for limit in (stalling, patient):
        for in_flight in range(100):
            assert limit.allows(in_flight)
    clock.now += INTERVAL * 1.5  # no page came back
    assert not stalling.allows(60) and stalling.limit == 50
    clock.now += INTERVAL * 1.5
    assert patient.allows(60) and patient.limit == math.inf  # no delay measured: nothing learned
    stalling.allows(6)  # this interval still had the 60 in: halved again
    assert stalling.limit == 25
    for expected in (26, 27):  # seven in at once, no page back: not more than the floor, not a stall
        clock.now += INTERVAL * 1.5
        stalling.allows(6)
        assert stalling.limit == expected


def test_a_page_is_delayed_by_what_it_takes_beyond_its_own_quickest_lately():
    clock = Clock()
    costs = PageCosts(clock=clock)
    assert costs.delay("/items", 0.030) == 0  # the catalog is slow by nature: no delay
    assert costs.delay("/concepts/{item_id}", 0.010) == 0  # each route its own
    assert round(costs.delay("/items", 0.050), 3) == 0.020
    assert costs.delay("/items", 0.025) == 0  # quicker: the new measure of no queue
    clock.now += BASELINE_WINDOW * 1.5
    assert round(costs.delay("/items", 0.040), 3) == 0.015  # the last window is still remembered
    clock.now += BASELINE_WINDOW * 1.5
    assert costs.delay("/items", 0.040) == 0  # two windows on, it is forgotten: pages grew slower


class SlowPages:
    """An app whose pages take ``delay`` seconds and whose submissions answer at once."""

    def __init__(self):
        self.delay = 0.0
        self.submissions = 0
        self.held = None  # an asyncio.Event that pages wait for, when set up

    async def __call__(self, scope, receive, send):
        if scope["method"] == "GET":
            await asyncio.sleep(self.delay)
            if self.held is not None and not scope["path"].startswith("/static/"):
                await self.held.wait()
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
        await _request(door, "GET", "/items")  # what a page takes with no queue
        app.delay = TARGET * 3
        for _ in range(40):  # slow pages, interval after interval
            assert (await _request(door, "GET", "/items"))[0] == 200
            if door.submission_limit.limit < 3:
                break
        assert door.submission_limit.limit < 3
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


def test_while_pages_are_very_slow_new_pages_are_refused_past_a_few_and_static_files_still_come():
    async def scenario():
        app = SlowPages()
        door = LoadShedding(app, grading=lambda: None)
        await _request(door, "GET", "/items")  # what a page takes with no queue
        app.delay = REQUEST_TARGET * 2
        for _ in range(12):  # slow pages, interval after interval: the limit falls to its floor
            assert (await _request(door, "GET", "/items"))[0] == 200
        assert door.request_limit.limit == REQUEST_FLOOR
        app.delay, app.held = 0.0, asyncio.Event()
        pages = [asyncio.ensure_future(_request(door, "GET", f"/concepts/c{i}")) for i in range(REQUEST_FLOOR + 3)]
        await asyncio.sleep(0.05)
        assert door.requests == REQUEST_FLOOR  # three were refused at once; these wait inside
        assert (await _request(door, "GET", "/static/style.css"))[0] == 200
        app.held.set()
        statuses = sorted(status for status, _ in await asyncio.gather(*pages))
        assert statuses == [200] * REQUEST_FLOOR + [503] * 3

    asyncio.run(scenario())


def test_with_the_delay_limits_off_only_the_counts_refuse():
    async def scenario():
        app = SlowPages()
        door = LoadShedding(app, grading=lambda: Graders(), on_delay=False)
        await _request(door, "GET", "/items")
        app.delay = REQUEST_TARGET * 2
        for _ in range(6):
            assert (await _request(door, "GET", "/items"))[0] == 200
        door.submissions = 9
        assert (await _request(door, "POST", "/api/exercises/softmax/attempts"))[0] == 200
        door.submissions = 10  # the graders' capacity: still refused
        assert (await _request(door, "POST", "/api/exercises/softmax/attempts"))[0] == 503
        app.held = asyncio.Event()  # many pages in at once, none back for a while: no stall counted either
        pages = [asyncio.ensure_future(_request(door, "GET", f"/concepts/c{i}")) for i in range(REQUEST_FLOOR * 3)]
        await asyncio.sleep(INTERVAL * 3)
        more = [asyncio.ensure_future(_request(door, "GET", f"/items?{i}")) for i in range(REQUEST_FLOOR)]
        await asyncio.sleep(0.05)
        app.held.set()
        assert [status for status, _ in await asyncio.gather(*pages, *more)] == [200] * REQUEST_FLOOR * 4

    asyncio.run(scenario())
