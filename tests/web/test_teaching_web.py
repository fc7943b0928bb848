"""A teacher's view of a cohort and its day through the JSON API and the
pages, on SQLite and PostgreSQL: who may open the dashboard, feedback and
pins (403 for everyone but the cohort's teachers); the dashboard's numbers
exactly on seeded attempts, in JSON, in its CSV tables and in its HTML;
feedback written once and shown under a later verdict of a cohort member
with that mistake (through the real graders), and to nobody outside the
cohort; pins and the week's agenda on the cohort home."""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager
from datetime import timedelta

from test_community_api import NO_SHIFT, SHIFTED, T0, database, site  # noqa: F401 - database: the fixture
from web_support import csrf_of

S = timedelta(seconds=1)


def seed_attempts(s, x: dict) -> None:
    """Known attempts at softmax and matmul for cohort X's learners ann, bob
    and cat (eve never does anything), and for dan outside it."""
    store = s.client.app.state.byhand.store
    ids = {n: store.user_by_name(n).id for n in ("ann", "bob", "cat", "dan", "tess")}

    def attempt(who, item, at, passed=False, mistake=None):
        store.record_attempt(ids[who], item, "exercise", context="web", passed=passed,
                             status="passed" if passed else "failed", mistake=mistake, source="x", at=at)

    attempt("ann", "softmax", T0, mistake="no-max-shift")
    attempt("ann", "softmax", T0 + 60 * S, mistake="no-max-shift")
    attempt("ann", "softmax", T0 + 120 * S, mistake="wrong-axis")
    attempt("ann", "softmax", T0 + 300 * S, passed=True)
    attempt("ann", "matmul", T0 + 400 * S, passed=True)
    attempt("bob", "softmax", T0 + 10 * S, mistake="no-max-shift")
    attempt("bob", "softmax", T0 + 70 * S, passed=True)
    for i in range(5):
        attempt("cat", "softmax", T0 + (20 + i) * S, mistake="no-max-shift")
    attempt("dan", "softmax", T0, mistake="no-max-shift")  # cohort Y
    attempt("tess", "softmax", T0, mistake="no-max-shift")  # X's teacher: not a learner


@contextmanager
def seeded(tmp_path, database):
    """A site with cohorts X and Y, their seeded attempts, an hour later: (site, X)."""
    with site(tmp_path, database) as s:
        x, _ = two_cohorts(s)
        seed_attempts(s, x)
        s.at(T0 + timedelta(hours=1))
        yield s, x


def two_cohorts(s) -> tuple[dict, dict]:
    s.people("ann", "bob", "cat", "dan", "eve", "ada", teachers=("tess", "tom"))
    s.client.app.state.byhand.store.set_role("ada", "admin")
    x = s.cohort("tess", "X", "ann", "bob", "cat", "eve")
    y = s.cohort("tom", "Y", "dan")
    return x, y


# -- who may use what -------------------------------------------------------------------------------

def test_only_the_cohorts_teachers_see_its_dashboard_and_write_its_feedback_and_pins(tmp_path, database):
    with site(tmp_path, database) as s:
        x, y = two_cohorts(s)
        xid = x["id"]
        feedback = {"item_id": "softmax", "mistake": "no-max-shift", "body": "Subtract the max."}
        teachers_only = [("GET", f"/api/cohorts/{xid}/dashboard", None),
                         ("GET", f"/api/cohorts/{xid}/dashboard.csv?table=items", None),
                         ("POST", f"/api/cohorts/{xid}/feedback", feedback),
                         ("DELETE", f"/api/cohorts/{xid}/feedback?item_id=softmax&mistake=no-max-shift", None),
                         ("POST", f"/api/cohorts/{xid}/pins", {"item_id": "softmax"}),
                         ("DELETE", f"/api/cohorts/{xid}/pins/softmax", None)]
        for method, path, body in teachers_only:
            for who in ("ann", "dan", "tom"):  # X's learner, Y's learner, Y's teacher
                r = s.call(method, path, who, body, 403)
                assert "cohort" in r.json()["detail"], (method, path, who)
            s.call(method, path, None, body, 401)
        members_only = [("GET", f"/api/cohorts/{xid}/today", None)]
        for method, path, body in members_only:
            for who in ("dan", "tom"):
                s.call(method, path, who, body, 403)
            s.call(method, path, None, body, 401)
            s.call(method, path, "ann", body, 200)
        # X's teacher and an admin may; Y's teacher sees Y's only
        s.get(f"/api/cohorts/{xid}/dashboard", "tess")
        s.get(f"/api/cohorts/{xid}/dashboard", "ada")
        s.get(f"/api/cohorts/{y['id']}/dashboard", "tom")
        s.call("GET", "/api/cohorts/999999/dashboard", "tess", status=404)
        s.call("GET", f"/api/cohorts/{xid}/dashboard?inactive_days=0", "tess", status=422)
        s.call("GET", f"/api/cohorts/{xid}/dashboard?area=astrology", "tess", status=422)
        s.call("GET", f"/api/cohorts/{xid}/dashboard.csv?table=passwords", "tess", status=422)
        s.post(f"/api/cohorts/{xid}/feedback", "tess", feedback)
        s.call("POST", f"/api/cohorts/{xid}/feedback", "tess", {**feedback, "mistake": "made-up"}, 422)
        s.call("POST", f"/api/cohorts/{xid}/feedback", "tess", {**feedback, "item_id": "nothing"}, 404)
        s.call("POST", f"/api/cohorts/{xid}/pins", "tess", {"item_id": "softmax", "day": "tomorrow"}, 422)
        s.call("POST", f"/api/cohorts/{xid}/pins", "tess", {"item_id": "nothing"}, 404)
        r = s.call("POST", f"/api/cohorts/{xid}/pins", "tess", {"item_id": "attention-is-all-you-need"}, 422)
        assert "paper track" in r.json()["detail"]
        s.call("DELETE", f"/api/cohorts/{xid}/pins/vector", "tess", status=404)  # not pinned
        schema = s.client.get("/openapi.json").json()["paths"]
        assert {"/api/cohorts/{cohort_id}/dashboard", "/api/cohorts/{cohort_id}/feedback",
                "/api/cohorts/{cohort_id}/pins", "/api/cohorts/{cohort_id}/today"} <= set(schema)


# -- the numbers ---------------------------------------------------------------------------------------

def test_the_dashboard_counts_seeded_attempts_exactly_in_json_and_csv(tmp_path, database):
    with seeded(tmp_path, database) as (s, x):
        d = s.get(f"/api/cohorts/{x['id']}/dashboard", "tess")
        assert d["mistakes"] == [
            {"item_id": "softmax", "title": "Softmax", "mistake": "no-max-shift", "learners": 3, "attempts": 8,
             "message": d["mistakes"][0]["message"], "feedback": None},
            {"item_id": "softmax", "title": "Softmax", "mistake": "wrong-axis", "learners": 1, "attempts": 1,
             "message": d["mistakes"][1]["message"], "feedback": None}]
        assert [{k: i[k] for k in ("item_id", "attempted", "passed", "median_attempts", "median_seconds")}
                for i in d["items"]] == [
            {"item_id": "matmul", "attempted": 1, "passed": 1, "median_attempts": 1.0, "median_seconds": 0.0},
            {"item_id": "softmax", "attempted": 3, "passed": 2, "median_attempts": 3.0, "median_seconds": 180.0}]
        assert [(x["username"], x["reason"], x["item_id"], x["failures"]) for x in d["stuck"]] == [
            ("cat", "failing", "softmax", 5)]  # eve joined today: not yet quiet for 7 days
        assert [r["username"] for r in d["heatmap"]] == ["ann", "bob", "cat", "eve"]
        assert len(d["columns"]) == len(d["heatmap"][0]["mastery"]) and d["by"] == "area"
        s.at(T0 + timedelta(days=8))  # a week on: eve never came, and nobody else since
        quiet = s.get(f"/api/cohorts/{x['id']}/dashboard?failures=6", "tess")["stuck"]
        assert [(q["username"], q["reason"]) for q in quiet] == [
            ("ann", "inactive"), ("bob", "inactive"), ("cat", "inactive"), ("eve", "inactive")]
        # the CSV tables are the JSON's numbers
        s.at(T0 + timedelta(hours=1))
        for table, key in (("mistakes", "mistakes"), ("items", "items"), ("stuck", "stuck"), ("mastery", "heatmap")):
            r = s.call("GET", f"/api/cohorts/{x['id']}/dashboard.csv?table={table}", "tess", status=200)
            assert r.headers["content-type"] == "text/csv; charset=utf-8"
            assert r.headers["content-disposition"] == f'attachment; filename="cohort-{x["id"]}-{table}.csv"'
            assert r.content.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
            assert len(rows) == 1 + len(d[key]), table
        mistakes = list(csv.reader(io.StringIO(s.call("GET", f"/api/cohorts/{x['id']}/dashboard.csv", "tess",
                                                       status=200).content.decode("utf-8-sig"))))
        assert [[m[0], m[2], int(m[3]), int(m[4])] for m in mistakes[1:]] == [
            [m["item_id"], m["mistake"], m["learners"], m["attempts"]] for m in d["mistakes"]]
        items = list(csv.reader(io.StringIO(s.call("GET", f"/api/cohorts/{x['id']}/dashboard.csv?table=items",
                                                    "tess", status=200).content.decode("utf-8-sig"))))
        assert [[i[0], int(i[2]), int(i[3]), float(i[4]), float(i[5])] for i in items[1:]] == [
            [i["item_id"], i["attempted"], i["passed"], i["median_attempts"], i["median_seconds"]] for i in d["items"]]
        heat = list(csv.reader(io.StringIO(s.call("GET", f"/api/cohorts/{x['id']}/dashboard.csv?table=mastery",
                                                   "tess", status=200).content.decode("utf-8-sig"))))
        assert heat[0][1:] == [c["title"] for c in d["columns"]]
        assert [[r[0], *map(float, r[1:])] for r in heat[1:]] == [
            [h["username"], *[round(m, 4) for m in h["mastery"]]] for h in d["heatmap"]]


def test_the_csv_is_in_the_teachers_language_in_utf8_with_a_bom(tmp_path, database):
    with seeded(tmp_path, database) as (s, x):
        s.client.app.state.byhand.store.set_user_fields(s.client.app.state.byhand.store.user_by_name("tess").id,
                                                        lang="ko")
        r = s.call("GET", f"/api/cohorts/{x['id']}/dashboard.csv?table=mistakes", "tess", status=200)
        assert r.content.startswith("\ufeff항목,제목,실수".encode("utf-8"))
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert rows[1] == ["softmax", "소프트맥스", "no-max-shift", "3", "8", ""]


# -- feedback written once, under later verdicts ---------------------------------------------------------

def signed_in(s, name: str, password: str = "a-long-passphrase"):
    """A browser of ``name`` (an account made by ``s.people``) on the same app, signed in."""
    from fastapi.testclient import TestClient

    c = TestClient(s.client.app, follow_redirects=False)
    token = csrf_of(c.get("/signin").text)
    r = c.post("/signin", data={"username": name, "password": password, "csrf": token, "next": "/"})
    assert r.status_code == 303, r.text[:300]
    return c


def no_shift(n: int) -> str:
    """A softmax without the max shift, written a little differently each time
    (the same failing code three times in an hour is refused as probing)."""
    return NO_SHIFT + f"# try {n}\n"


def feedback_boxes(html: str) -> list[str]:
    return re.findall(r'<aside class="teacher-feedback".*?</aside>', html, re.S)


def test_feedback_written_once_is_under_every_later_verdict_of_its_cohorts_members(tmp_path, grader):
    """Through the real graders: a softmax without the max shift is
    diagnosed no-max-shift; once X's teacher has written feedback on it,
    every X member's verdict naming it carries it (the API's JSON, the
    exercise page as a whole page and checked in place, the review, and
    under the earlier attempt of a learner who made it before), each with
    its cohort's name; a learner outside X never sees it."""
    with site(tmp_path, None, grader) as s:
        x, y = two_cohorts(s)
        s.people("zed")  # in no cohort
        s.post("/api/cohorts/join", "ann", {"invite_code": y["invite_code"]})  # ann: in X and in Y
        before = s.attempt("ann", NO_SHIFT)
        assert before["mistake"] == "no-max-shift" and before["feedback"] == []
        body = "Subtract $\\max_j x_j$ first: **it cancels**. <script>alert(1)</script>"
        written = s.post(f"/api/cohorts/{x['id']}/feedback", "tess",
                         {"item_id": "softmax", "mistake": "no-max-shift", "body": body})
        assert [(f["cohort"], f["body"]) for f in written] == [("X", body)]
        s.post(f"/api/cohorts/{y['id']}/feedback", "tom",
               {"item_id": "softmax", "mistake": "no-max-shift", "body": "Y's note: see the why-question."})

        later = s.attempt("bob", NO_SHIFT)
        assert later["mistake"] == "no-max-shift" and [(f["cohort"], f["body"]) for f in later["feedback"]] == [
            ("X", body)]
        html = later["feedback"][0]["html"]
        assert '<span class="math inline">' in html and "<strong>it cancels</strong>" in html
        assert "<script" not in html and "alert(1)" not in html.replace("&lt;script&gt;alert(1)", "")
        both = s.attempt("ann", no_shift(1))["feedback"]
        assert [f["cohort"] for f in both] == ["X", "Y"]
        for outsider in ("zed", "dan"):
            got = s.attempt(outsider, NO_SHIFT)
            assert got["mistake"] == "no-max-shift" and [f["cohort"] for f in got["feedback"]] == (
                ["Y"] if outsider == "dan" else [])
        passed = s.attempt("bob", SHIFTED)
        assert passed["passed"] and passed["feedback"] == []
        history = s.get("/api/exercises/softmax/attempts?limit=3", "bob")  # newest first, each with its feedback
        assert [(a["passed"], [f["cohort"] for f in a["feedback"]]) for a in history] == [(True, []), (False, ["X"])]
        assert history[1]["feedback"][0]["html"] == html
        # ann made it before the feedback was written too: her earlier attempt carries it as well
        assert [a["feedback"] for a in s.get("/api/exercises/softmax/attempts", "ann")] == [both, both]

        # the pages: bob checks in place, then as a plain form; the review; cat's earlier attempt
        bob = signed_in(s, "bob")
        page = bob.get("/exercises/softmax").text
        fragment = bob.post("/exercises/softmax", data={"source": no_shift(1), "csrf": csrf_of(page)},
                            headers={"byhand-fragment": "verdict"})
        verdict = fragment.text[fragment.text.index('id="verdict"'):fragment.text.index('<div id="history">')]
        boxes = feedback_boxes(verdict)
        assert len(boxes) == 1 and "Your teacher&#39;s feedback (X)" in boxes[0]
        assert '<span class="math inline">' in boxes[0] and "<script" not in boxes[0]
        whole = bob.post("/exercises/softmax", data={"source": no_shift(2), "csrf": csrf_of(page)}).text
        assert len(feedback_boxes(whole)) == 1  # under the verdict, not again under the same attempt below
        review = bob.post("/review/exercise", data={"item_id": "softmax", "source": no_shift(3),
                                                    "csrf": csrf_of(bob.get("/review").text), "action": "check"}).text
        assert "no-max-shift" in review and len(feedback_boxes(review)) == 1
        cat = signed_in(s, "cat")
        s.attempt("cat", NO_SHIFT)  # through the API: her page shows it under that earlier attempt
        mine = cat.get("/exercises/softmax").text
        assert len(feedback_boxes(mine)) == 1 and 'id="attempt-' in mine  # under her earlier attempt
        zed = signed_in(s, "zed")
        assert feedback_boxes(zed.get("/exercises/softmax").text) == []
        ko = signed_in(s, "ann")
        s.client.app.state.byhand.store.set_user_fields(s.client.app.state.byhand.store.user_by_name("ann").id,
                                                        lang="ko")
        boxes = feedback_boxes(ko.get("/exercises/softmax").text)
        assert [("(X)" in b, "(Y)" in b, "선생님의 피드백" in b) for b in boxes] == [(True, False, True),
                                                                                  (False, True, True)]


# -- the pages -------------------------------------------------------------------------------------------

def _cells(html: str, row_id: str) -> dict[str, str]:
    """The text of each classed cell of the table row ``row_id``."""
    row = re.search(rf'<tr id="{re.escape(row_id)}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return {c: re.sub(r"<[^>]+>", "", text).strip()
            for c, text in re.findall(r'<td class="([\w-]+)"[^>]*>(.*?)</td>', row, re.S)}


def test_the_dashboard_page_shows_the_numbers_and_takes_feedback_from_a_mistake_row(tmp_path, database):
    with seeded(tmp_path, database) as (s, x):
        path = f"/cohorts/{x['id']}/dashboard"
        for who in ("ann", "tom", "dan"):
            assert signed_in(s, who).get(path).status_code == 403
        assert s.client.get(path).headers["location"].startswith("/signin")  # no session: sign in first
        tess = signed_in(s, "tess")
        html = tess.get(path).text
        mistake = _cells(html, "m-softmax-no-max-shift")
        assert (mistake["title"], mistake["learners"], mistake["attempts"]) == ("Softmax", "3", "8")
        assert (_cells(html, "m-softmax-wrong-axis")["learners"], _cells(html, "m-softmax-wrong-axis")["attempts"]) == (
            "1", "1")
        soft = _cells(html, "i-softmax")
        assert (soft["attempted"], soft["passed"], soft["median-attempts"], soft["median-time"]) == (
            "3", "2", "3", "3 min")
        assert '<data value="180.0">3 min</data>' in html and '<data value="3.0">3</data>' in html
        assert re.search(r'<tr><th scope="row">cat</th>(<td class="heat-\d+">\d+%</td>){10}</tr>', html)
        assert "<strong>cat</strong>: 5 failed attempts at" in html
        for table in ("mastery", "items", "mistakes", "stuck"):
            assert f'href="/cohorts/{x["id"]}/dashboard.csv?table={table}"' in html
        download = tess.get(f"/cohorts/{x['id']}/dashboard.csv?table=mistakes")
        assert download.status_code == 200 and download.content.startswith(b"\xef\xbb\xbf")
        assert "attachment" in download.headers["content-disposition"]
        assert signed_in(s, "ann").get(f"/cohorts/{x['id']}/dashboard.csv").status_code == 403

        # the teacher writes feedback from the no-max-shift row; a learner cannot
        form = {"item_id": "softmax", "mistake": "no-max-shift", "body": "Subtract **the max** first.",
                "csrf": csrf_of(html)}
        r = tess.post(f"/cohorts/{x['id']}/feedback", data=form)
        assert r.status_code == 303 and r.headers["location"].endswith("/dashboard#m-softmax-no-max-shift")
        ann = signed_in(s, "ann")
        refused = ann.post(f"/cohorts/{x['id']}/feedback", data={**form, "csrf": csrf_of(ann.get("/").text)})
        assert refused.status_code == 403
        after = tess.get(path).text
        row = re.search(r'<tr id="m-softmax-no-max-shift"[^>]*>(.*?)</tr>', after, re.S).group(1)
        assert "<strong>the max</strong>" in row and "Subtract **the max** first.</textarea>" in row
        empty = tess.post(f"/cohorts/{x['id']}/feedback", data={**form, "body": "  "})
        assert empty.status_code == 422 and "empty" in empty.text
        s.call("POST", f"/api/cohorts/{x['id']}/feedback", "tess", {**form, "csrf": None}, 422)  # unknown field
        deleted = tess.post(f"/cohorts/{x['id']}/feedback", data={**form, "delete": "1"})
        assert deleted.status_code == 303 and "<strong>the max</strong>" not in tess.get(path).text

        # the concepts of one area, in Korean
        s.client.app.state.byhand.store.set_user_fields(s.client.app.state.byhand.store.user_by_name("tess").id,
                                                        lang="ko")
        linalg = tess.get(f"{path}?area=linalg").text
        assert "숙련도: 선형대수" in linalg and 'href="/concepts/vector"' in linalg and "대시보드" in linalg


def test_the_cohort_home_shows_todays_pins_who_finished_and_the_weeks_agenda(tmp_path, database):
    with seeded(tmp_path, database) as (s, x):
        home = f"/cohorts/{x['id']}"
        tess, ann = signed_in(s, "tess"), signed_in(s, "ann")
        page = tess.get(home).text
        assert 'id="pin-item"' in page and 'id="dashboard-link"' in page and "No item pinned for today." in page
        for item in ("softmax", "matmul"):
            r = tess.post(f"/cohorts/{x['id']}/pins", data={"item_id": item, "csrf": csrf_of(page)})
            assert r.status_code == 303 and r.headers["location"] == f"/cohorts/{x['id']}#today"
        store = s.client.app.state.byhand.store
        store.record_attempt(store.user_by_name("bob").id, "matmul", "exercise", context="web", passed=True,
                             status="passed", source="x", at=T0 + timedelta(minutes=30))
        mine = ann.get(home).text
        assert 'id="pin-item"' not in mine and 'id="dashboard-link"' not in mine  # a learner's view
        pins = re.search(r'<ul class="pins">(.*?)</ul>', mine, re.S).group(1)
        soft = re.search(r'<li id="pin-softmax">(.*?)</li>', pins, re.S).group(1)
        mat = re.search(r'<li id="pin-matmul">(.*?)</li>', pins, re.S).group(1)
        assert "2 of 4 finished: ann, bob" in " ".join(soft.split())  # their passes today (T0 is today)
        assert "2 of 4 finished: ann, bob" in " ".join(mat.split())
        agenda = re.search(r'<ol class="agenda"[^>]*>(.*?)</ol>', mine, re.S).group(1)
        assert re.findall(r'<code class="mistake">([\w-]+)</code>', agenda) == ["no-max-shift", "wrong-axis"]
        assert "3 learners, 8 attempts" in agenda and "You exponentiate the raw scores" in agenda
        refused = ann.post(f"/cohorts/{x['id']}/pins", data={"item_id": "vector", "csrf": csrf_of(mine)})
        assert refused.status_code == 403
        assert signed_in(s, "dan").get(home).status_code == 403
        gone = tess.post(f"/cohorts/{x['id']}/pins", data={"item_id": "matmul", "remove": "1",
                                                            "csrf": csrf_of(page)})
        assert gone.status_code == 303 and 'id="pin-matmul"' not in ann.get(home).text
        unknown = tess.post(f"/cohorts/{x['id']}/pins", data={"item_id": "nothing", "csrf": csrf_of(page)})
        assert unknown.status_code == 404
        assert "attention-is-all-you-need" not in page  # a paper track is not offered as a pin
        track = tess.post(f"/cohorts/{x['id']}/pins", data={"item_id": "attention-is-all-you-need",
                                                             "csrf": csrf_of(page)})
        assert track.status_code == 422 and "paper track" in track.text
        assert [p["item_id"] for p in s.get(f"/api/cohorts/{x['id']}/today", "ann")["pins"]] == ["softmax"]
        s.client.app.state.byhand.store.set_user_fields(store.user_by_name("ann").id, lang="ko")
        ko = ann.get(home).text
        assert "오늘" in ko and "4명 중 2명 완료" in ko and "함께 풀기" in ko and "점수에 바로 exp" in ko
