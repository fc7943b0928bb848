"""Studying together as pages, without JavaScript (plain forms with their
CSRF token): a teacher creates a cohort, a learner joins by its invite link,
posts a stuck post with an attempt, a peer answers anonymously, votes,
accepting, asking the teacher on a moved clock, notifications; who may open
which page; anonymity and sanitization in the HTML; every word in both
languages."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from byhand import i18n
from test_community_api import NO_SHIFT, T0, XSS, MistakeGrader, unsafe
from web_support import csrf_of, make_client, signup

TEMPLATES = Path(i18n.__file__).resolve().parent.parent / "web" / "templates"
PROSE = re.compile(r'<div class="prose">(.*?)</div>\n', re.S)


class Browser:
    """One person's cookies on the same app (a client of their own)."""

    def __init__(self, app, name: str, password: str = "a-long-passphrase"):
        from fastapi.testclient import TestClient

        self.c = TestClient(app, follow_redirects=False)
        self.name = name
        signup(self.c, name, password)

    def page(self, path: str, status: int = 200) -> str:
        r = self.c.get(path)
        assert r.status_code == status, (path, r.status_code, r.text[:300])
        return r.text

    def form(self, page_path: str, action: str, status: int = 303, **fields) -> str:
        """Post a form from ``page_path`` (its CSRF token); returns where it went, or the page sent back."""
        token = csrf_of(self.c.get(page_path).text)
        r = self.c.post(action, data={"csrf": token, **{k: str(v) for k, v in fields.items()}})
        assert r.status_code == status, (action, r.status_code, r.text[:500])
        return r.headers.get("location") or r.text


@pytest.fixture
def app(tmp_path):
    with make_client(tmp_path, MistakeGrader(), signin_per_minute=1000, posts_per_minute=1000) as client:
        client.app.state.byhand.services.now = lambda: T0
        yield client.app


def _thread(html: str) -> str:
    return html[html.index('<section id="thread">'):html.index("</section>")]


def test_a_cohort_studies_together_without_javascript(app):
    tess, ann, bob = Browser(app, "tess"), Browser(app, "ann"), Browser(app, "shybob")
    app.state.byhand.store.set_role("tess", "teacher")
    cohort_path = tess.form("/cohorts", "/cohorts", name="Monday", capacity=5)
    teacher_page = tess.page(cohort_path)
    link = re.search(r'id="invite-link">([^<]+)<', teacher_page).group(1)
    code = re.search(r'id="invite-code">([^<]+)<', teacher_page).group(1)
    invited = ann.page(link[link.index("/cohorts"):])  # the invite link fills the form
    assert f'value="{code}"' in invited
    assert ann.form("/cohorts", "/cohorts/join", invite_code=code) == cohort_path
    bob.form("/cohorts", "/cohorts/join", invite_code=code.lower())
    assert "invite-code" not in ann.page(cohort_path)  # the code is the teachers'
    cid = int(cohort_path.rsplit("/", 1)[1])
    thread = f"/items/softmax/discuss?cohort={cid}"

    assert "no-max-shift" in ann.form("/exercises/softmax", "/exercises/softmax", 200, source=NO_SHIFT)
    store = app.state.byhand.store
    attempt = store.attempts(store.user_by_name("ann").id, "softmax")[0]
    assert f'<option value="{attempt.id}">' in ann.page(thread)  # offered to attach
    went = ann.form(thread, "/items/softmax/discuss", cohort=cid, kind="stuck", title="nan for large x",
                    body="I exponentiate and normalise.", attempt=attempt.id)
    stuck_id = int(went.rsplit("post-", 1)[1])
    refused = ann.form(thread, "/items/softmax/discuss", 422, cohort=cid, kind="stuck", body="no attempt")
    assert "attaches one of your attempts" in refused

    seen = _thread(bob.page(thread))
    assert "nan for large x" in seen and "no-max-shift" in seen and "np.exp(x)" in seen
    bob.form(thread, "/items/softmax/discuss", cohort=cid, kind="answer", parent=stuck_id, anonymous=1,
             body="Subtract the max first.")
    answer_id = max(int(i) for i in re.findall(r'id="post-(\d+)"', bob.page(thread)))
    for who in (ann, bob):  # the anonymous author's name: only in bob's own page and the teacher's
        body = _thread(who.page(thread))
        assert ("shybob" in body) == (who is bob)
    assert "shybob" in _thread(tess.page(thread)) and "shybob" not in ann.page(cohort_path)

    ann.form(thread, f"/posts/{answer_id}/vote", value=1)
    ann.form(thread, f"/posts/{answer_id}/accept")
    after = _thread(bob.page(thread))
    assert re.search(rf'id="post-{answer_id}".*?class="votes">1<.*?accepted', after, re.S)

    question = ann.form(thread, "/items/softmax/discuss", cohort=cid, kind="question", body="A second one")
    qid = int(question.rsplit("post-", 1)[1])
    early = ann.form(thread, f"/posts/{qid}/escalate", 409)
    assert "Give the others 24 hours" in early
    app.state.byhand.services.now = lambda: T0 + timedelta(hours=25)
    ann.form(thread, f"/posts/{qid}/escalate")
    assert "A second one" in re.search(r'<ol class="board" id="waiting">(.*?)</ol>', tess.page(cohort_path),
                                       re.S).group(1)
    tess.form(thread, "/items/softmax/discuss", cohort=cid, kind="answer", parent=qid, body="Shift-invariance.")
    notes = ann.page("/notifications")
    assert 'id="unread">2<' in notes and "A teacher answered your question" in notes
    badge = re.compile(r'<a href="/notifications" id="nav-unread">Notifications <span class="badge">(\d+)</span>')
    assert [badge.findall(who.page("/items")) for who in (ann, bob, tess)] == [["2"], ["1"], ["1"]]  # answers; accepted; escalated
    ann.form("/notifications", "/notifications/read")
    assert 'id="unread">0<' in ann.page("/notifications") and "nav-unread" not in ann.page("/items")


@pytest.mark.parametrize("path", ["/exercises/softmax", "/concepts/softmax-function", "/drills/softmax-of-three",
                                  "/why/why-softmax-subtracts-max"])
def test_every_kind_of_item_page_links_to_its_thread(app, path):
    ann = Browser(app, "ann")
    item_id = path.rsplit("/", 1)[1]
    link = re.search(r'<a href="([^"]+)" class="discuss-link" id="discuss-link">Discussion</a>', ann.page(path))
    assert link and link.group(1) == f"/items/{item_id}/discuss"
    assert "<h1>Discussion: <a href=\"" + path + "\">" in ann.page(link.group(1))


def test_pages_refuse_who_may_not_see_them(app):
    tess, tom, ann, yuri = Browser(app, "tess"), Browser(app, "tom"), Browser(app, "ann"), Browser(app, "yuri")
    for name in ("tess", "tom"):
        app.state.byhand.store.set_role(name, "teacher")
    x = tess.form("/cohorts", "/cohorts", name="X")
    y = tom.form("/cohorts", "/cohorts", name="Y")
    ann.form("/cohorts", "/cohorts/join", invite_code=re.search(r'id="invite-code">([^<]+)<', tess.page(x)).group(1))
    yuri.form("/cohorts", "/cohorts/join", invite_code=re.search(r'id="invite-code">([^<]+)<', tom.page(y)).group(1))
    xid = int(x.rsplit("/", 1)[1])
    ann.form(f"/items/softmax/discuss?cohort={xid}", "/items/softmax/discuss", cohort=xid, kind="question",
             body="in X")
    assert "not a member of cohort" in yuri.page(x, 403)
    yuri.page(f"/items/softmax/discuss?cohort={xid}", 403)
    assert "not a member" in yuri.form("/cohorts", "/items/softmax/discuss", 403, cohort=xid, kind="question",
                                       body="into X")
    yuri.form("/cohorts", "/posts/1/vote", 403, value=1)
    ann.form(f"/items/softmax/discuss?cohort={xid}", "/posts/1/hide", 403)  # a learner does not moderate
    assert "only teachers" in ann.form("/cohorts", "/cohorts", 403, name="Mine")
    assert 'id="create-form"' not in ann.page("/cohorts") and 'id="create-form"' in tess.page("/cohorts")
    ann.page("/items/no-such-item/discuss", 404)
    ann.page("/cohorts/999999", 404)

    stranger = Browser(app, "nobody")
    stranger.c.cookies.clear()  # signed out
    for path in ("/cohorts", x, f"/items/softmax/discuss?cohort={xid}", "/notifications"):
        r = stranger.c.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/signin"), path
    r = ann.c.post("/items/softmax/discuss", data={"csrf": "forged", "cohort": xid, "kind": "question", "body": "x"})
    assert r.status_code == 403  # no valid CSRF token: nothing posted
    assert _thread(tess.page(f"/items/softmax/discuss?cohort={xid}")).count('class="post ') == 1


def test_posts_in_the_html_are_sanitized(app):
    mallory, victim = Browser(app, "mallory"), Browser(app, "victim")
    for payload in XSS:
        mallory.form("/items/softmax/discuss", "/items/softmax/discuss", kind="question", body=payload,
                     title=f"<b>{payload[:20]}</b>")
    html = victim.page("/items/softmax/discuss")
    bodies = PROSE.findall(html)
    assert len(bodies) == len(XSS)
    for body in bodies:
        assert unsafe(body) == [], body
    assert "<b>" not in _thread(html) and "<script" not in _thread(html)  # titles are text


def test_every_word_the_pages_use_exists_in_both_languages():
    used = set()
    for name in ("cohorts.html", "cohort.html", "discuss.html", "notifications.html"):
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        used |= set(re.findall(r"\bc\.([a-z_]+)", text))
        used |= {f"role_{r}" for r in ("learner", "teacher")} | {f"kind_{k}" for k in ("question", "stuck")}
        used |= {f"note_{k}" for k in ("answer", "master-answer", "accepted", "escalation", "report")}
    for lang in i18n.LANGS:
        assert used <= set(i18n.section("web.community", lang)), (lang, used - set(i18n.section("web.community", lang)))
