"""Studying together through the JSON API, on SQLite and PostgreSQL:
cohorts (create, join by code, capacity, leave), threads (questions, stuck
posts with the poster's own attempt, answers, votes, accepting), anonymity
for peers, code hidden until your own pass, asking the master on a clock
the test moves, notifications, moderation and reports, limits and the
posting rate limit, sanitized bodies, and who may call every route."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from byhand.grading.result import GradeResult
from pg_support import fresh_postgres_database
from web_support import PassingGrader, api_headers, make_client

T0 = datetime(2030, 3, 2, 9, 0, tzinfo=timezone.utc)
NO_SHIFT = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
SHIFTED = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
           "    return e / e.sum(axis=axis, keepdims=True)\n")


class MistakeGrader(PassingGrader):
    """Fails a softmax without the max shift with its named mistake, passes the rest."""

    async def submit(self, request):
        if "x.max" not in request.source:
            self.requests.append(request)
            return GradeResult(exercise_id=request.exercise_id, passed=False, status="failed", lang=request.lang,
                               message="overflow on large inputs", mistake="no-max-shift", cases_passed=3,
                               cases_total=11, seed=request.seed)
        return await super().submit(request)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def database(request):
    """None (SQLite in the test's folder) or a PostgreSQL database of the test's own."""
    if request.param == "sqlite":
        yield None
    else:
        with fresh_postgres_database() as url:
            yield url


class Site:
    """A client, its people's bearer headers by name, and the app's clock."""

    def __init__(self, client):
        self.client, self.h = client, {}
        self.at(T0)

    def at(self, when: datetime) -> None:
        self.client.app.state.byhand.services.now = lambda: when

    def people(self, *names: str, teachers: tuple[str, ...] = ()) -> None:
        for name in (*teachers, *names):
            self.h[name] = api_headers(self.client, name)
        for name in teachers:
            self.client.app.state.byhand.store.set_role(name, "teacher")

    def call(self, method: str, path: str, who: str | None, body=None, status: int | None = None):
        r = self.client.request(method, path, headers=self.h.get(who, {}), json=body)
        if status is not None:
            assert r.status_code == status, (method, path, who, r.status_code, r.text[:300])
        return r

    def get(self, path, who, status=200):
        return self.call("GET", path, who, status=status).json()

    def post(self, path, who, body=None, status=200):
        r = self.call("POST", path, who, body, status)
        return r.json() if r.content else None

    def cohort(self, teacher: str, name: str, *learners: str, **settings) -> dict:
        c = self.post("/api/cohorts", teacher, {"name": name, **settings}, 201)
        for who in learners:
            self.post("/api/cohorts/join", who, {"invite_code": c["invite_code"]})
        return c

    def attempt(self, who: str, source: str, item: str = "softmax") -> dict:
        return self.post(f"/api/exercises/{item}/attempts", who, {"source": source})

    def ask(self, who: str, cohort_id: int | None, body: str = "Why subtract the max?", item: str = "softmax",
            **more) -> dict:
        return self.post(f"/api/items/{item}/posts", who,
                         {"kind": "question", "body": body, "cohort_id": cohort_id, **more}, 201)

    def answer(self, who: str, question: dict, body: str = "Because exp overflows.", **more) -> dict:
        return self.post(f"/api/items/{question['item_id']}/posts", who,
                         {"kind": "answer", "body": body, "cohort_id": question["cohort_id"],
                          "parent_id": question["id"], **more}, 201)

    def thread(self, who: str, cohort_id: int | None, item: str = "softmax") -> list[dict]:
        q = "" if cohort_id is None else f"?cohort_id={cohort_id}"
        return self.get(f"/api/items/{item}/posts{q}", who)["posts"]

    def notes(self, who: str) -> dict:
        return self.get("/api/notifications", who)


@contextmanager
def site(tmp_path, database, grader=None, **config):
    config.setdefault("signin_per_minute", 1000)
    config.setdefault("posts_per_minute", 1000)
    with make_client(tmp_path, grader or MistakeGrader(), database_url=database, **config) as client:
        yield Site(client)


def _detail(r) -> str:
    return r.json()["detail"]


# -- cohorts ------------------------------------------------------------------------------------

def test_cohorts_are_created_by_teachers_joined_by_code_within_capacity_and_left(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("ann", "bob", "cat", "dan", teachers=("tess", "theo"))
        r = s.call("POST", "/api/cohorts", "ann", {"name": "Mine"}, 403)
        assert "only teachers" in _detail(r)
        c = s.post("/api/cohorts", "tess", {"name": "  Monday  ", "capacity": 2}, 201)
        assert set(c) >= {"id", "name", "invite_code"} and c["name"] == "Monday" and len(c["invite_code"]) == 10
        code = c["invite_code"]
        typed = f"{code[:5].lower()}-{code[5:].lower()} "  # as a learner might type it
        assert s.post("/api/cohorts/join", "ann", {"invite_code": typed}) == {"id": c["id"], "name": "Monday",
                                                                               "role": "learner"}
        assert s.post("/api/cohorts/join", "ann", {"invite_code": code})["role"] == "learner"  # again: fine
        s.post("/api/cohorts/join", "bob", {"invite_code": code})
        full = s.call("POST", "/api/cohorts/join", "cat", {"invite_code": code}, 409)
        assert "Monday is full" in _detail(full)
        assert s.post("/api/cohorts/join", "theo", {"invite_code": code})["role"] == "teacher"  # no seat taken
        unknown = s.call("POST", "/api/cohorts/join", "cat", {"invite_code": "NOSUCHCODE"}, 404)
        assert "no cohort has this invite code" in _detail(unknown)

        # a learner may be in several cohorts
        other = s.cohort("theo", "Evening", "ann", "cat")
        assert {(x["name"], x["role"]) for x in s.get("/api/cohorts", "ann")["cohorts"]} == {
            ("Monday", "learner"), ("Evening", "learner")}
        seen_by_learner = s.get(f"/api/cohorts/{c['id']}", "ann")
        assert seen_by_learner["invite_code"] is None and seen_by_learner["learners"] == 2
        assert s.get(f"/api/cohorts/{c['id']}", "tess")["invite_code"] == code
        s.call("GET", f"/api/cohorts/{c['id']}", "cat", status=403)
        s.call("GET", "/api/cohorts/999999", "cat", status=404)

        bad = s.call("PATCH", f"/api/cohorts/{c['id']}", "tess", {"capacity": 0}, 422)
        assert "from 1 to 1000" in _detail(bad)
        assert s.call("PATCH", f"/api/cohorts/{c['id']}", "tess", {"capacity": 3}, 200).json()["capacity"] == 3
        s.call("PATCH", f"/api/cohorts/{c['id']}", "ann", {"capacity": 30}, 403)
        s.post("/api/cohorts/join", "cat", {"invite_code": code})  # a seat now

        s.call("POST", f"/api/cohorts/{c['id']}/leave", "ann", status=204)
        assert [x["name"] for x in s.get("/api/cohorts", "ann")["cohorts"]] == ["Evening"]
        s.call("GET", f"/api/items/softmax/posts?cohort_id={c['id']}", "ann", status=403)  # out now
        s.call("POST", f"/api/cohorts/{other['id']}/leave", "theo", status=409)  # its last teacher, with learners
        s.call("POST", f"/api/cohorts/{c['id']}/leave", "theo", status=204)  # tess still teaches it
        long = s.call("POST", "/api/cohorts", "tess", {"name": "x" * 101}, 422)
        assert "101 characters" in _detail(long)


# -- who may call what ------------------------------------------------------------------------------

def test_every_route_refuses_who_may_not_use_it(tmp_path, database):
    """X and Y are two cohorts: a learner of Y, a learner in no cohort and a
    learner of X where a teacher is needed are refused on every route;
    without a token, every route is 401."""
    with site(tmp_path, database) as s:
        s.people("xena", "xavi", "yuri", "olga", teachers=("tex", "tey"))
        x = s.cohort("tex", "X", "xena", "xavi")
        s.cohort("tey", "Y", "yuri")
        q = s.ask("xena", x["id"])
        a = s.answer("xavi", q)
        xid, qid, aid = x["id"], q["id"], a["id"]
        post_body = {"kind": "question", "body": "hello", "cohort_id": xid}
        member_routes = [  # (method, path, body) that X's members may use and no one else
            ("GET", f"/api/items/softmax/posts?cohort_id={xid}", None),
            ("POST", "/api/items/softmax/posts", post_body),
            ("POST", "/api/items/softmax/posts", {**post_body, "kind": "answer", "parent_id": qid}),
            ("GET", f"/api/cohorts/{xid}", None),
            ("GET", f"/api/cohorts/{xid}/board", None),
            ("POST", f"/api/cohorts/{xid}/leave", None),
            ("POST", f"/api/posts/{qid}/votes", {"value": 1}),
            ("DELETE", f"/api/posts/{qid}/votes", None),
            ("POST", f"/api/posts/{qid}/reports", {"reason": "spam"}),
            ("POST", f"/api/posts/{aid}/accept", None),
            ("DELETE", f"/api/posts/{aid}/accept", None),
            ("POST", f"/api/posts/{qid}/escalate", None),
            ("PATCH", f"/api/posts/{qid}", {"body": "edited"}),
            ("DELETE", f"/api/posts/{aid}", None),
        ]
        teacher_routes = [  # X's teachers only
            ("GET", f"/api/cohorts/{xid}/members", None),
            ("PATCH", f"/api/cohorts/{xid}", {"capacity": 50}),
            ("GET", f"/api/reports?cohort_id={xid}", None),
            ("POST", f"/api/posts/{aid}/hide", None),
            ("DELETE", f"/api/posts/{aid}/hide", None),
        ]
        for method, path, body in member_routes + teacher_routes:
            for outsider in ("yuri", "olga", "tey"):
                r = s.call(method, path, outsider, body, 403)
                assert "not a member of cohort" in _detail(r), (method, path, outsider)
        for method, path, body in teacher_routes:
            s.call(method, path, "xavi", body, 403)
        s.call("GET", "/api/reports", "tex", status=403)  # public threads' reports: admins
        s.call("POST", "/api/cohorts", "olga", {"name": "Z"}, 403)
        # X's own people: the refusals that are about the post, not the cohort
        assert "not yours" in _detail(s.call("PATCH", f"/api/posts/{qid}", "xavi", {"body": "mine now"}, 403))
        s.call("DELETE", f"/api/posts/{qid}", "xavi", status=403)
        assert "only the person who asked" in _detail(s.call("POST", f"/api/posts/{aid}/accept", "xavi", None, 403))
        s.call("POST", f"/api/posts/{qid}/escalate", "xavi", status=403)
        s.call("POST", f"/api/posts/{qid}/votes", "xena", {"value": 1}, 403)  # one's own post
        # and every route wants a token
        every = member_routes + teacher_routes + [
            ("POST", "/api/cohorts", {"name": "Z"}), ("GET", "/api/cohorts", None),
            ("POST", "/api/cohorts/join", {"invite_code": x["invite_code"]}), ("GET", "/api/reports", None),
            ("GET", "/api/notifications", None), ("POST", "/api/notifications/read", {}),
            ("GET", "/api/items/softmax/posts", None)]
        for method, path, body in every:
            s.call(method, path, None, body, 401)
        s.call("GET", "/api/items/no-such-item/posts", "xena", status=404)
        s.call("POST", "/api/items/no-such-item/posts", "xena", {"kind": "question", "body": "?"}, 404)
        for missing in ("/api/posts/999999/votes", "/api/posts/999999/accept", "/api/posts/999999/escalate"):
            s.call("POST", missing, "xena", {"value": 1} if "votes" in missing else None, 404)
        s.call("GET", "/api/cohorts/999999/board", "xena", status=404)
        # nothing above changed X's thread
        assert [p["id"] for p in s.thread("xena", xid)] == [qid, aid]


def test_a_learner_in_no_cohort_reads_and_posts_public_threads_only(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("olga", "xena", teachers=("tex",))
        x = s.cohort("tex", "X", "xena")
        s.ask("xena", x["id"], "cohort only")
        public = s.ask("olga", None, "Public question")
        assert public["cohort_id"] is None
        s.answer("xena", public, "public answer")
        assert [p["body"] for p in s.thread("olga", None)] == ["Public question", "public answer"]
        assert [p["body"] for p in s.thread("xena", x["id"])] == ["cohort only"]  # threads do not mix
        s.call("POST", "/api/items/softmax/posts", "olga", {"kind": "question", "body": "in X", "cohort_id": x["id"]},
               403)
        # a question of another thread cannot be answered here
        wrong = s.call("POST", "/api/items/softmax/posts", "xena",
                       {"kind": "answer", "body": "b", "cohort_id": x["id"], "parent_id": public["id"]}, 422)
        assert "not a question of this item's thread" in _detail(wrong)
        s.call("POST", f"/api/posts/{public['id']}/escalate", "olga", status=409)  # no master in public threads


# -- anonymity ------------------------------------------------------------------------------------------

def test_an_anonymous_author_is_shown_to_nobody_but_themselves_and_the_teachers(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("quietmouse", "peer", teachers=("tess",))
        x = s.cohort("tess", "X", "quietmouse", "peer")
        q = s.ask("quietmouse", x["id"], "A shy question", anonymous=True, title="Shy")
        s.answer("quietmouse", s.ask("peer", x["id"], "Peer's question"), "An anonymous answer", anonymous=True)
        s.post(f"/api/posts/{q['id']}/votes", "peer", {"value": 1})
        answer = s.answer("peer", q)
        s.post(f"/api/posts/{answer['id']}/accept", "quietmouse")
        s.at(T0 + timedelta(days=2))

        peer_views = [
            s.call("GET", f"/api/items/softmax/posts?cohort_id={x['id']}", "peer", status=200),
            s.call("GET", f"/api/cohorts/{x['id']}/board", "peer", status=200),
            s.call("GET", "/api/notifications", "peer", status=200),
        ]
        for r in peer_views:
            assert "quietmouse" not in r.text, r.text[:500]
        mine = {p["body"]: p for p in s.thread("peer", x["id"])}
        assert mine["A shy question"]["author"] is None and mine["A shy question"]["anonymous"] is True
        assert mine["An anonymous answer"]["author"] is None and not mine["An anonymous answer"]["mine"]
        assert mine["Peer's question"]["author"] == "peer"
        by_teacher = {p["body"]: p["author"] for p in s.thread("tess", x["id"])}
        assert by_teacher["A shy question"] == by_teacher["An anonymous answer"] == "quietmouse"
        own = {p["body"]: p for p in s.thread("quietmouse", x["id"])}
        assert own["A shy question"]["author"] == "quietmouse" and own["A shy question"]["mine"]


# -- stuck posts and code before your own pass ------------------------------------------------------------

def test_a_stuck_post_attaches_your_own_attempt_at_this_item_and_what_you_tried(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("ann", "bob", teachers=("tess",))
        x = s.cohort("tess", "X", "ann", "bob")
        failed = s.attempt("ann", NO_SHIFT)
        assert failed["mistake"] == "no-max-shift" and not failed["passed"]
        bobs = s.attempt("bob", NO_SHIFT)["attempt_id"]
        other_item = s.attempt("ann", "def cross_entropy(p, q):\n    return 0\n", item="cross_entropy")["attempt_id"]
        stuck = {"kind": "stuck", "body": "I exponentiate then normalise; large inputs give nan.",
                 "cohort_id": x["id"]}
        r = s.call("POST", "/api/items/softmax/posts", "ann", stuck, 422)
        assert "attaches one of your attempts" in _detail(r)
        assert "not one of your attempts" in _detail(
            s.call("POST", "/api/items/softmax/posts", "ann", {**stuck, "attempt_id": bobs}, 403))
        s.call("POST", "/api/items/softmax/posts", "ann", {**stuck, "attempt_id": 10**9}, 403)
        assert "attempt at cross_entropy" in _detail(
            s.call("POST", "/api/items/softmax/posts", "ann", {**stuck, "attempt_id": other_item}, 422))
        empty = s.call("POST", "/api/items/softmax/posts", "ann",
                       {**stuck, "body": "   ", "attempt_id": failed["attempt_id"]}, 422)
        assert "Say what you tried" in _detail(empty)
        post = s.post("/api/items/softmax/posts", "ann", {**stuck, "attempt_id": failed["attempt_id"]}, 201)
        seen = s.thread("bob", x["id"])[0]
        assert seen["id"] == post["id"] and seen["kind"] == "stuck"
        assert seen["attempt"]["mistake"] == "no-max-shift" and seen["attempt"]["code"] == NO_SHIFT
        assert seen["attempt"]["message"] == "overflow on large inputs" and not seen["locked"]
        korean = s.call("POST", "/api/items/softmax/posts", "ann", {**stuck, "body": ""}, 422)
        assert korean.status_code == 422  # the same refusal; in Korean for a Korean learner:
        s.client.app.state.byhand.store.set_user_fields(s.client.app.state.byhand.store.user_by_name("ann").id,
                                                         lang="ko")
        assert "막힌 곳" in _detail(s.call("POST", "/api/items/softmax/posts", "ann", {**stuck, "body": ""}, 422))


def test_code_that_passes_is_hidden_until_your_own_pass(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("ann", "bob", teachers=("tess",))
        x = s.cohort("tess", "X", "ann", "bob")
        failing = s.attempt("bob", NO_SHIFT)["attempt_id"]
        q = s.post("/api/items/softmax/posts", "bob", {"kind": "stuck", "body": "nan for big x",
                                                        "cohort_id": x["id"], "attempt_id": failing}, 201)
        passing = s.attempt("ann", SHIFTED)
        assert passing["passed"]
        body = f"Shift first:\n\n```python\n{SHIFTED}```\n\nThen `np.exp` never overflows."
        ans = s.answer("ann", q, body, attempt_id=passing["attempt_id"])
        assert ans["attempt"]["code"] == SHIFTED and "x.max" in ans["body"]  # its author sees it all

        before = {p["id"]: p for p in s.thread("bob", x["id"])}
        hidden = before[ans["id"]]
        assert hidden["locked"] and hidden["attempt"]["code"] is None and hidden["attempt"]["passed"]
        assert "x.max" not in json.dumps(hidden) and "Then `np.exp` never overflows." in hidden["body"]
        assert "shown once you pass it yourself" in hidden["body"]
        assert before[q["id"]]["attempt"]["code"] == NO_SHIFT  # failing code is never hidden
        assert s.thread("tess", x["id"])[1]["attempt"]["code"] == SHIFTED  # the teacher sees it

        assert s.attempt("bob", SHIFTED)["passed"]  # bob's own pass unlocks it
        after = {p["id"]: p for p in s.thread("bob", x["id"])}[ans["id"]]
        assert not after["locked"] and after["attempt"]["code"] == SHIFTED and "x.max" in after["body"]


# -- bodies -----------------------------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{background:url(//evil.example)}</style>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="javascript:alert(1)">x</a>',
    "<object data=x.swf></object><embed src=x.swf>",
    '<form action="https://evil.example"><input name=p></form>',
    "[x](vbscript:msgbox(1))",
    '<div style="x:expression(alert(1))" onclick="alert(1)">hi</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "$<img src=x onerror=alert(1)>$ and $$</span><script>alert(1)</script>$$",
    "<a href='https://evil.example' target=_blank>x</a>",
]
SAFE_TAGS = {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "hr", "span", "div"}


class _Elements(HTMLParser):
    """Every element and attribute of a piece of HTML, as a browser would read them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def unsafe(html: str) -> list[str]:
    """What in ``html`` could run or load something: an element outside the
    renderer's few, an event handler, a style, a link to anything but http(s)."""
    problems = []
    for tag, attrs in _Elements(html).found:
        if tag not in SAFE_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "src", "srcdoc", "action", "formaction", "target"):
                problems.append(f"{tag}[{name}]")
            if name == "href" and not re.match(r"^(https?:|mailto:|/)", (value or "").strip(), re.I):
                problems.append(f"href={value!r}")
            if name == "class" and not set((value or "").split()) <= {"math", "inline", "display", "no-math"}:
                problems.append(f"class={value!r}")
    return problems


def test_bodies_are_markdown_rendered_and_sanitized(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("mallory", "victim")
        for payload in XSS:
            post = s.ask("mallory", None, f"Look: {payload}")
            assert unsafe(post["html"]) == [], (payload, post["html"])
            assert post["body"] == f"Look: {payload}"  # the source as written, for an editor
        seen = s.thread("victim", None)
        assert len(seen) == len(XSS) and all(unsafe(p["html"]) == [] for p in seen)
        assert set(unsafe('<a href="javascript:x" onclick="y">z</a><img src=x>')) == {  # the check finds them
            "a[onclick]", "href='javascript:x'", "<img>", "img[src]"}
        nice = s.ask("mallory", None, "**Why** is $e^{x_i}$ big?\n\n```\nx - x.max()\n```\n\n[docs](https://numpy.org)")
        assert "<strong>Why</strong>" in nice["html"] and '<span class="math inline">$e^{x_i}$</span>' in nice["html"]
        assert "<pre><code>x - x.max()" in nice["html"] and 'href="https://numpy.org"' in nice["html"]


def test_length_limits_and_the_posting_rate_limit_say_what_is_wrong(tmp_path, database):
    with site(tmp_path, database, posts_per_minute=4) as s:
        s.people("ann")
        long_body = s.call("POST", "/api/items/softmax/posts", "ann", {"kind": "question", "body": "x" * 10_001}, 422)
        assert "10001 characters long; at most 10000" in _detail(long_body)
        long_title = s.call("POST", "/api/items/softmax/posts", "ann",
                            {"kind": "question", "body": "ok", "title": "t" * 201}, 422)
        assert "201 characters long; at most 200" in _detail(long_title)
        s.call("POST", "/api/items/softmax/posts", "ann", {"kind": "question", "body": " \n "}, 422)
        s.call("POST", "/api/items/softmax/posts", "ann", {"kind": "rant", "body": "x"}, 422)
        s.call("POST", "/api/items/softmax/posts", "ann", {"kind": "question", "body": "x", "colour": "red"}, 422)
        # four posts a minute: the three refused by a rule count, those refused as malformed (422 before any
        # work) do not
        s.ask("ann", None, "fourth")
        r = s.call("POST", "/api/items/softmax/posts", "ann", {"kind": "question", "body": "fifth"}, 429)
        assert "Too many posts" in _detail(r) and 1 <= int(r.headers["Retry-After"]) <= 61
        assert [p["body"] for p in s.thread("ann", None)] == ["fourth"]


# -- votes, accepted answers, notifications ------------------------------------------------------------------------

def test_votes_accepting_and_notifications(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("ann", "bob", "cat", teachers=("tess",))
        x = s.cohort("tess", "X", "ann", "bob", "cat")
        q = s.ask("ann", x["id"], title="Max shift?")
        b, c = s.answer("bob", q, "bob's answer"), s.answer("cat", q, "cat's answer")
        assert s.post(f"/api/posts/{b['id']}/votes", "ann", {"value": 1}) == {"post_id": b["id"], "votes": 1,
                                                                              "my_vote": 1}
        s.post(f"/api/posts/{b['id']}/votes", "cat", {"value": 1})
        assert s.post(f"/api/posts/{b['id']}/votes", "cat", {"value": -1})["votes"] == 0  # replaced, not added
        s.call("POST", f"/api/posts/{b['id']}/votes", "cat", {"value": 2}, 422)
        s.call("POST", f"/api/posts/{b['id']}/votes", "cat", {"value": True}, 422)
        assert s.call("DELETE", f"/api/posts/{b['id']}/votes", "cat", status=200).json()["votes"] == 1

        assert s.notes("ann")["unread"] == 2 and {n["kind"] for n in s.notes("ann")["notifications"]} == {"answer"}
        s.post(f"/api/posts/{c['id']}/accept", "ann")
        s.post(f"/api/posts/{b['id']}/accept", "ann")  # moves the acceptance
        thread = {p["id"]: p for p in s.thread("bob", x["id"])}
        assert thread[b["id"]]["accepted"] and not thread[c["id"]]["accepted"]
        assert [p["id"] for p in s.thread("bob", x["id"])] == [q["id"], b["id"], c["id"]]  # accepted first
        assert thread[q["id"]]["answers"] == 2 and thread[b["id"]]["votes"] == 1 and thread[q["id"]]["title"] == "Max shift?"
        s.call("POST", f"/api/posts/{q['id']}/accept", "ann", status=422)  # a question is not an answer

        bob = s.notes("bob")
        assert bob["unread"] == 1 and bob["notifications"][0]["kind"] == "accepted"
        assert bob["notifications"][0]["post_id"] == b["id"] and bob["notifications"][0]["item_id"] == "softmax"
        notes = s.notes("ann")["notifications"]
        assert s.post("/api/notifications/read", "ann", {"ids": [notes[0]["id"]]}) == {"marked": 1, "unread": 1}
        assert s.post("/api/notifications/read", "bob", {"ids": [notes[1]["id"]]})["marked"] == 0  # not bob's
        assert [n["read"] for n in s.get("/api/notifications", "ann")["notifications"]] == [True, False]
        assert s.get("/api/notifications?unread=true", "ann")["notifications"][0]["id"] == notes[1]["id"]
        assert s.post("/api/notifications/read", "ann", {}) == {"marked": 1, "unread": 0}

        edited = s.call("PATCH", f"/api/posts/{b['id']}", "bob", {"body": "bob's better answer"}, 200).json()
        assert edited["body"] == "bob's better answer" and edited["edited_at"] is not None
        s.call("PATCH", f"/api/posts/{b['id']}", "bob", {"title": "a title"}, 422)  # answers have none
        s.call("DELETE", f"/api/posts/{c['id']}", "cat", status=204)
        assert [p["id"] for p in s.thread("ann", x["id"])] == [q["id"], b["id"]]
        s.call("POST", f"/api/posts/{c['id']}/votes", "ann", {"value": 1}, 404)  # deleted


# -- ask the master -------------------------------------------------------------------------------------------------

def test_asking_the_master_waits_n_hours_allows_k_open_and_a_teachers_answer_closes_it(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("ann", "bob", teachers=("tess",))
        x = s.cohort("tess", "X", "ann", "bob", escalate_after_hours=3, max_open_escalations=1)
        first, second = s.ask("ann", x["id"], "first"), s.ask("ann", x["id"], "second")
        answered = s.ask("ann", x["id"], "answered")
        s.answer("bob", answered)

        s.at(T0 + timedelta(hours=2, minutes=30))
        early = s.call("POST", f"/api/posts/{first['id']}/escalate", "ann", status=409)
        assert "Give the others 3 hours" in _detail(early) and "in 0 h 30 min" in _detail(early)
        s.at(T0 + timedelta(hours=3))
        assert s.post(f"/api/posts/{first['id']}/escalate", "ann")["post_id"] == first["id"]
        s.call("POST", f"/api/posts/{first['id']}/escalate", "ann", status=409)  # already
        assert "already have 1 questions" in _detail(s.call("POST", f"/api/posts/{second['id']}/escalate", "ann",
                                                           status=409))
        assert "answered this question already" in _detail(
            s.call("POST", f"/api/posts/{answered['id']}/escalate", "ann", status=409))

        tess = s.notes("tess")
        assert tess["unread"] == 1 and tess["notifications"][0]["kind"] == "escalation"
        waiting = s.get(f"/api/cohorts/{x['id']}/board?escalated=true", "tess")["posts"]
        assert [p["id"] for p in waiting] == [first["id"]] and waiting[0]["escalation"] == "open"

        s.at(T0 + timedelta(hours=5))
        reply = s.answer("tess", first, "Subtract the max: softmax is shift-invariant.")
        assert reply["master"] is True
        assert s.get(f"/api/cohorts/{x['id']}/board?escalated=true", "tess")["posts"] == []
        resolved = {p["id"]: p for p in s.thread("ann", x["id"])}
        assert resolved[first["id"]]["escalation"] == "resolved" and resolved[reply["id"]]["master"]
        assert [n["kind"] for n in s.notes("ann")["notifications"]][:1] == ["master-answer"]
        assert s.post(f"/api/posts/{second['id']}/escalate", "ann")["post_id"] == second["id"]  # a place again

        board = s.get(f"/api/cohorts/{x['id']}/board", "bob")["posts"]
        assert {p["id"] for p in board} == {first["id"], second["id"], answered["id"]}
        s.post(f"/api/posts/{second['id']}/votes", "bob", {"value": 1})
        assert s.get(f"/api/cohorts/{x['id']}/board", "bob")["posts"][0]["id"] == second["id"]  # most voted first


# -- moderation -----------------------------------------------------------------------------------------------------

def test_teachers_hide_and_delete_posts_and_read_the_reports(tmp_path, database):
    with site(tmp_path, database) as s:
        s.people("ann", "bob", teachers=("tess",))
        x = s.cohort("tess", "X", "ann", "bob")
        q = s.ask("ann", x["id"], "a fine question")
        rude = s.answer("bob", q, "a rude answer")
        s.call("POST", f"/api/posts/{rude['id']}/reports", "ann", {"reason": "rude"}, 204)
        s.call("POST", f"/api/posts/{rude['id']}/reports", "ann", {"reason": "very rude"}, 409)
        s.call("POST", f"/api/posts/{rude['id']}/reports", "ann", {"reason": "r" * 1001}, 422)
        reports = s.get(f"/api/reports?cohort_id={x['id']}", "tess")["reports"]
        assert [(r["post_id"], r["reporter"], r["reason"]) for r in reports] == [(rude["id"], "ann", "rude")]
        assert s.notes("tess")["notifications"][0]["kind"] == "report"

        s.call("POST", f"/api/posts/{rude['id']}/hide", "tess", status=204)
        assert [p["id"] for p in s.thread("ann", x["id"])] == [q["id"]]
        assert {p["id"]: p["hidden"] for p in s.thread("bob", x["id"])} == {q["id"]: False, rude["id"]: True}
        assert {p["id"]: p["hidden"] for p in s.thread("tess", x["id"])}[rude["id"]] is True
        s.call("PATCH", f"/api/posts/{rude['id']}", "bob", {"body": "sorry"}, 409)
        s.call("POST", f"/api/posts/{rude['id']}/votes", "ann", {"value": -1}, 404)  # hidden from her
        s.call("DELETE", f"/api/posts/{rude['id']}/hide", "tess", status=204)
        assert len(s.thread("ann", x["id"])) == 2

        s.call("DELETE", f"/api/posts/{q['id']}", "tess", status=204)  # a teacher deletes anyone's
        tomb = s.thread("bob", x["id"])
        assert tomb[0]["deleted"] and tomb[0]["body"] == "" and tomb[0]["author"] is None  # kept for its answer
        s.call("DELETE", f"/api/posts/{rude['id']}", "tess", status=204)
        assert s.thread("bob", x["id"]) == []  # nothing left to show


# -- with the real graders --------------------------------------------------------------------------------------------

def test_a_real_no_max_shift_verdict_becomes_a_stuck_post_and_the_master_answers(tmp_path, grader):
    """The issue's story through real grading processes: a learner's softmax
    without the shift is diagnosed no-max-shift; posted as stuck, a peer sees
    its code and named mistake; unanswered for a day, it goes to the teacher,
    whose answer closes it and tells the learner."""
    with site(tmp_path, None, grader) as s:
        s.people("ann", "bob", teachers=("tess",))
        x = s.cohort("tess", "X", "ann", "bob", escalate_after_hours=24)
        verdict = s.attempt("ann", NO_SHIFT)
        assert not verdict["passed"] and verdict["mistake"] == "no-max-shift"
        stuck = s.post("/api/items/softmax/posts", "ann", {
            "kind": "stuck", "cohort_id": x["id"], "attempt_id": verdict["attempt_id"],
            "body": "I exponentiate and normalise; with $x_i$ near 1000 I get `nan`."}, 201)
        seen = s.thread("bob", x["id"])[0]
        assert seen["attempt"]["code"] == NO_SHIFT and seen["attempt"]["mistake"] == "no-max-shift"
        assert seen["attempt"]["message"] == verdict["message"] and '<span class="math inline">' in seen["html"]
        s.at(T0 + timedelta(hours=24))
        s.post(f"/api/posts/{stuck['id']}/escalate", "ann")
        s.answer("tess", stuck, "Subtract `x.max()` first: softmax does not change.")
        note = s.notes("ann")
        assert note["unread"] == 1 and note["notifications"][0]["kind"] == "master-answer"
        assert s.thread("ann", x["id"])[0]["escalation"] == "resolved"
