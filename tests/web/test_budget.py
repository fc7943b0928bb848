"""The door's request budget (web/budget.py): a flood from one address is
refused before any work, while signed-in learners sharing that address are
charged to themselves; made-up credentials buy nothing more than none."""

from __future__ import annotations

import time
import types

import limits.storage.memory
import limits.strategies
import pytest
from fastapi.testclient import TestClient

from byhand.web import ServeConfig, budget, create_app
from byhand.web.budget import KnownCredentials, address_key
from web_support import PassingGrader, api_headers, csrf_of, signup


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    """The budgets' clock (the limits library's) stands at the start of a
    window: each test counts requests within one window, and a slow machine
    crossing a window's edge mid-test would give back part of the budget
    (the sliding window's estimate falls), which is the library's arithmetic,
    not what these tests are about."""
    still = 1_800_000_000.0  # a multiple of every window
    clock = types.SimpleNamespace(time=lambda: still, monotonic=time.monotonic)
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    monkeypatch.setattr(limits.strategies, "time", clock)
    monkeypatch.setattr(budget, "time", clock)  # and the door's Retry-After, reckoned on the same clock


def _client(tmp_path, address="203.0.113.7", **kw) -> TestClient:
    config = ServeConfig(data_dir=tmp_path, require_full_isolation=False, grader_workers=1, **kw)
    return TestClient(create_app(config, grader=PassingGrader()), follow_redirects=False,
                      client=(address, 40000))


def test_anonymous_requests_past_the_budget_get_429_before_any_work(tmp_path):
    with _client(tmp_path, anonymous_requests=5) as c:
        assert [c.get("/items").status_code for _ in range(5)] == [200] * 5
        r = c.post("/signin", data={"username": "ada", "password": "x" * 20})
        assert r.status_code == 429
        assert 1 <= int(r.headers["retry-after"]) <= 10
        # answered at the door: not the sign-in page, and its own limiter never counted it
        assert r.headers["content-type"].startswith("text/plain")
        assert "Too many requests" in r.text
        assert c.app.state.byhand.signin_limit.limiter.get_window_stats(
            c.app.state.byhand.signin_limit.item, "ip:203.0.113.7").remaining == 10
        api = c.post("/api/token", json={"username": "ada", "password": "x" * 20})
        assert api.status_code == 429 and "Too many requests" in api.json()["detail"]
        assert "nosniff" in api.headers["x-content-type-options"]  # refusals still carry the headers


def test_refusals_speak_the_language_of_the_cookie(tmp_path):
    with _client(tmp_path, anonymous_requests=1) as c:
        c.get("/")
        c.cookies.set("byhand_lang", "ko")
        r = c.get("/")
        assert r.status_code == 429 and "요청이 너무 많습니다" in r.text


def test_a_signed_in_learner_keeps_their_own_budget_while_their_address_is_flooded(tmp_path):
    with _client(tmp_path, anonymous_requests=30, learner_requests=50) as c:
        headers = api_headers(c, "ada")  # sign-up and sign-in spend part of the address's budget
        c.get("/api/me", headers=headers)  # verified once: from now on charged to ada
        flood = TestClient(c.app, client=("203.0.113.7", 40001))  # another client, the same address
        statuses = [flood.get(f"/no/such/page/{i}").status_code for i in range(40)]
        forged = [flood.get("/api/me", headers={"Authorization": f"Bearer forged{i}"}).status_code
                  for i in range(40)]
        assert statuses.count(429) >= 10 and forged.count(429) >= 10 and flood.get("/items").status_code == 429
        assert [c.get("/api/me", headers=headers).status_code for _ in range(45)] == [200] * 45


def test_made_up_credentials_buy_no_more_than_none(tmp_path):
    with _client(tmp_path, anonymous_requests=5) as c:
        forged = [c.get("/api/me", headers={"Authorization": f"Bearer forged{i}"}).status_code
                  for i in range(8)]
        assert forged == [401] * 5 + [429] * 3
        cookies = [c.get("/", headers={"Cookie": f"byhand_session=forged{i}"}).status_code for i in range(3)]
        assert cookies == [429] * 3  # the same budget as bearer tokens: per address, for any unknown credential


def test_a_learner_past_their_own_budget_is_refused_and_others_are_not(tmp_path):
    with _client(tmp_path, anonymous_requests=100, learner_requests=10) as c:
        ada = api_headers(c, "ada")
        bob = api_headers(c, "bob")
        ada_statuses = [c.get("/api/me", headers=ada).status_code for _ in range(14)]
        assert ada_statuses == [200] * 10 + [429] * 4  # ada's own budget, from her first request on
        assert c.get("/api/me", headers=bob).status_code == 200


def test_signing_out_forgets_the_session_for_the_budget(tmp_path):
    with _client(tmp_path) as c:
        signup(c, "ada", "correct horse battery")
        page = c.get("/")
        known = c.app.state.byhand.known
        assert len(known._seen) == 1
        hashed = next(iter(known._seen))
        assert known.user(hashed) is not None
        c.post("/signout", data={"csrf": csrf_of(page.text)})
        assert known.user(hashed) is None


def test_known_credentials_are_bounded_in_number_and_time():
    known = KnownCredentials(size=3, ttl=60)
    for i in range(5):
        known.remember(f"h{i}", i)
    assert [known.user(f"h{i}") for i in range(5)] == [None, None, 2, 3, 4]
    stale = KnownCredentials(size=3, ttl=-1)
    stale.remember("h", 1)
    assert stale.user("h") is None


def test_addresses_are_kept_by_ipv4_and_by_ipv6_prefix():
    assert address_key("198.51.100.4") == "198.51.100.4"
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:198.51.100.4") == "198.51.100.4"
    assert address_key(None) == "?"
    assert address_key("x" * 500) == "x" * 64  # not an address (a test client's name): bounded all the same


def test_anonymous_requests_take_turns_and_learners_do_not_wait_for_them(monkeypatch):
    """The middleware alone, around an app that holds each request until
    released: at most ANONYMOUS_AT_ONCE anonymous requests are inside, a
    known learner goes straight in, and past ANONYMOUS_WAITING the door
    answers 503."""
    import asyncio

    from byhand.web import budget

    monkeypatch.setattr(budget, "ANONYMOUS_WAITING", 2)
    inside, release = [], asyncio.Event()

    async def app(scope, receive, send):
        inside.append(scope["path"])
        if scope["path"] != "/learner":
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    known = KnownCredentials()
    known.remember(budget.auth.token_hash("ada-token"), 1)
    door = budget.RequestBudget(app, known=known, anonymous=1000, learner=1000)

    async def call(path, headers=()):
        statuses = []

        async def send(message):
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        scope = {"type": "http", "path": path, "method": "GET", "headers": list(headers),
                 "client": ("198.51.100.9", 1)}
        await door(scope, None, send)
        return statuses[0]

    async def go():
        anonymous = [asyncio.ensure_future(call(f"/a{i}")) for i in range(budget.ANONYMOUS_AT_ONCE + 2)]
        await asyncio.sleep(0.05)
        assert len(inside) == budget.ANONYMOUS_AT_ONCE  # two wait at the door
        assert await call("/one-too-many") == 503
        learner = await asyncio.wait_for(call("/learner", [(b"authorization", b"Bearer ada-token")]), 1)
        release.set()
        return learner, await asyncio.gather(*anonymous)

    learner, anonymous = asyncio.run(go())
    assert learner == 200 and anonymous == [200] * (budget.ANONYMOUS_AT_ONCE + 2)
    assert len(inside) == budget.ANONYMOUS_AT_ONCE + 3


def test_an_anonymous_burst_is_cut_within_the_second_a_first_page_view_is_not(tmp_path):
    from byhand.web.budget import FIRST_PAGE

    with _client(tmp_path, anonymous_requests=100) as c:  # a quarter, 25, in any one second
        statuses = [c.get(f"/static/style.css?{i}").status_code for i in range(40)]
    assert statuses[:FIRST_PAGE] == [200] * FIRST_PAGE
    assert 429 in statuses and statuses.count(200) < 40


def test_a_learner_this_process_has_not_seen_gets_in_while_their_address_is_flooded(tmp_path):
    """After a restart (or on another web process) nobody's credential is
    known yet: a learner's first request is looked up at the door and
    charged to them, not refused with their classroom's address."""
    with _client(tmp_path, anonymous_requests=10) as c:
        headers = api_headers(c, "ada")
        c.app.state.byhand.known._seen.clear()  # as if the server had just started
        while c.get("/items").status_code != 429:
            pass
        assert c.get("/api/me", headers=headers).status_code == 200
        assert c.get("/items").status_code == 429  # the address is still over its budget
        forged = c.get("/api/me", headers={"Authorization": "Bearer made-up"})
        assert forged.status_code == 429  # not a live token: the address pays, and it is spent


def test_credential_lookups_at_the_door_are_bounded_and_remembered():
    """The middleware alone: a lookup that blocks holds its place; past
    LOOKUPS_AT_ONCE in flight, a request is charged to its address without
    one; a credential found not live is not looked up again."""
    import asyncio
    import threading

    from byhand.web import budget

    looked_up, gate = [], threading.Event()

    def verify(hashed, kind):
        looked_up.append(hashed)
        gate.wait(5)
        return None

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    door = budget.RequestBudget(app, known=KnownCredentials(), anonymous=1000, learner=1000, verify=verify)

    async def call(token):
        scope = {"type": "http", "path": "/api/me", "method": "GET", "client": ("198.51.100.9", 1),
                 "headers": [(b"authorization", f"Bearer {token}".encode())]}

        async def send(message):
            pass

        await door(scope, None, send)

    async def go():
        waiting = [asyncio.ensure_future(call(f"forged{i}")) for i in range(budget.LOOKUPS_AT_ONCE)]
        await asyncio.sleep(0.2)
        await asyncio.wait_for(call("one-more"), 1)  # no lookup: charged to the address at once
        gate.set()
        await asyncio.gather(*waiting)
        await call("forged0")  # known not live: no second lookup

    asyncio.run(go())
    assert len(looked_up) == budget.LOOKUPS_AT_ONCE and len(set(looked_up)) == budget.LOOKUPS_AT_ONCE
