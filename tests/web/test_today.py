"""The guided day through the real stack (ASGI, SQLite, the sandboxed
grader): today's sequence in one order (a concept, its exercise, its drill),
Next on each item's page once it is done, "3 of 12"; the concept page's
Review now; the catalog's search, filters and the learner's marks, and a
search too long refused with 400."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from byhand.content import loader
from byhand.grading.drills import variant
from byhand.services import scheduling
from byhand.services.plan import Planned
from byhand.services.today import order, today
from clock_support import midday
from web_support import csrf_of, make_client, signup, variant_of

# the concepts met before matrix multiplication: known long ago, not due today
KNOWN = ("vector", "span", "linear-independence", "basis", "matrix", "dot-product")
# drills written after these tests (issue 16), done days ago too, so that today's three new items
# stay the ones the tests walk through: two practise only the concepts above, one matrix multiplication
KNOWN_DRILLS = ("linear-combination-of-vectors", "span-coefficients", "matrix-product-entry")
MATMUL = ("import numpy as np\n\n\ndef matmul(A, B):\n"
          "    return (A[..., :, :, None] * B[..., None, :, :]).sum(axis=-2)\n")
SOFTMAX = ("import numpy as np\n\n\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
           "    return e / e.sum(axis=axis, keepdims=True)\n")


@pytest.fixture
def client(tmp_path, grader):
    with make_client(tmp_path, grader) as c:
        yield c


def _user(client, name, new_limit=3, known=KNOWN):
    signup(client, name)
    store = client.app.state.byhand.store
    uid = store.user_by_name(name).id
    store.save_settings(uid, daily_new_limit=new_limit)
    for item in known:  # rated Easy 3 days ago: due in a week or more
        scheduling.review(store, uid, item, "concept", 4, now=datetime.now(timezone.utc) - timedelta(days=3))
        assert store.card(uid, item).due > datetime.now(timezone.utc)
    for item in KNOWN_DRILLS if known else ():
        scheduling.review(store, uid, item, "drill", 4, now=datetime.now(timezone.utc) - timedelta(days=3))
    return store, uid


def _steps(html):
    return re.findall(r'<a href="/(?:concepts|exercises|drills)/([^"?]+)(?:\?review=1)?">', html.split('class="queue"')[1])


def _next_href(html):
    m = re.search(r'id="today-next" rel="next" href="([^"]+)"', html)
    return m and m.group(1)


def _position(html):
    m = re.search(r'id="today-position">([^<]+)<', html)
    return m and m.group(1)


# -- the rule -------------------------------------------------------------------------------

def P(item_id, new=True):
    return Planned(item_id, loader.kind_of(item_id), new)


def test_a_concept_is_followed_by_its_exercise_then_its_drill():
    plan = [P("bayes-theorem"), P("vector", False), P("span", False), P("bayes_posterior"),
            P("basis", False), P("bayes-test-posterior")]
    assert [p.item_id for p in order(plan)] == ["bayes-theorem", "bayes_posterior", "bayes-test-posterior",
                                                 "vector", "span", "basis"]
    # an exercise on two concepts waits for the second one; its drill waits with it
    plan = [P("binomial-coefficient"), P("vector", False), P("binomial-distribution"), P("span", False),
            P("binomial-probability"), P("binomial_pmf")]
    assert [p.item_id for p in order(plan)] == ["binomial-coefficient", "vector", "binomial-distribution",
                                                 "binomial_pmf", "binomial-probability", "span"]
    # nothing is lost or repeated, whatever the plan
    assert sorted(p.item_id for p in order(plan)) == sorted(p.item_id for p in plan)


def test_the_sequence_keeps_its_order_as_items_are_done(client):
    noon = midday()
    store, uid = _user(client, "ana", new_limit=3)
    for item in ("vector", "span"):  # due now: two reviews come first
        scheduling.review(store, uid, item, "concept", 4, now=noon - timedelta(days=60))
    before = [s.item_id for s in today(store, uid, now=noon).steps]
    assert before == ["vector", "span", "matrix-multiplication", "matmul", "matrix-vector-product"]
    t = today(store, uid, now=noon)
    assert t.position("matmul") == 4 and t.next_after("matrix-multiplication").item_id == "matmul"
    scheduling.review(store, uid, "vector", "concept", 3, now=noon)
    scheduling.review(store, uid, "matrix-multiplication", "concept", 3, now=noon)  # Good: learning, back in 10 min
    after = today(store, uid, now=noon + timedelta(seconds=1))
    assert [s.item_id for s in after.steps] == before  # done in order (span skipped): nothing moves
    assert [s.done for s in after.steps] == [True, False, True, False, False]
    assert after.next_after("matrix-multiplication").item_id == "matmul"
    assert after.next_after("matrix-vector-product").item_id == "span"  # the one skipped earlier
    scheduling.review(store, uid, "span", "concept", 1, now=noon + timedelta(seconds=2))  # Again: due in 10 minutes
    assert [s.done for s in today(store, uid, now=noon + timedelta(seconds=3)).steps] == [True, True, True, False, False]
    later = today(store, uid, now=noon + timedelta(minutes=11))  # both steps due again, the same day
    assert [s.item_id for s in later.steps] == before
    assert [s.done for s in later.steps] == [True, False, False, False, False] and later.position("span") == 2


# -- the pages ------------------------------------------------------------------------------

def test_today_then_next_through_a_concept_an_exercise_and_a_drill(client):
    store, uid = _user(client, "bob", new_limit=3)
    home = client.get("/").text
    assert _steps(home) == ["matrix-multiplication", "matmul", "matrix-vector-product"]
    assert "0 of 3 done" in home and 'id="today-start" href="/concepts/matrix-multiplication?review=1"' in home

    # 1. the concept: recalled, revealed, rated here; then Next
    card = client.get("/concepts/matrix-multiplication?review=1").text
    assert 'id="reveal"' in card and 'id="interval-3">10 min<' in card and _position(card) == "1 of 3"
    assert _next_href(card) is None and 'id="today-skip" href="/exercises/matmul"' in card  # not done yet
    r = client.post("/concepts/matrix-multiplication/review",
                    data={"rating": "3", "seen": "new", "csrf": csrf_of(card)})
    assert r.status_code == 303 and r.headers["location"] == "/concepts/matrix-multiplication?rated=3#card"
    page = client.get("/concepts/matrix-multiplication?rated=3").text
    assert "Rated Good: back in 10 min" in page and _next_href(page) == "/exercises/matmul"
    assert [log.rating for log in store.review_logs(uid) if log.item_id == "matrix-multiplication"] == [3]
    # the same form again (a double click, an older tab): rated once
    client.post("/concepts/matrix-multiplication/review", data={"rating": "4", "seen": "new", "csrf": csrf_of(card)})
    assert [log.rating for log in store.review_logs(uid) if log.item_id == "matrix-multiplication"] == [3]

    # 2. the exercise: no Next before a pass, Next after it
    ex = client.get("/exercises/matmul").text
    assert _position(ex) == "2 of 3" and _next_href(ex) is None
    r = client.post("/exercises/matmul", data={"source": MATMUL, "csrf": csrf_of(ex)})
    assert 'class="verdict pass"' in r.text, r.text
    assert _position(r.text) == "2 of 3" and _next_href(r.text) == "/drills/matrix-vector-product"
    frag = client.post("/exercises/matmul", data={"source": MATMUL, "csrf": csrf_of(ex)},
                       headers={"Byhand-Fragment": "verdict"})
    assert _next_href(frag.text) == "/drills/matrix-vector-product"  # in the verdict put in place by fetch

    # 3. the drill: a wrong answer is told to try again (same variant, no solution), then right: Next
    page = client.get("/drills/matrix-vector-product").text
    token = variant_of(page)
    v = variant(loader.load_item("matrix-vector-product"), int(token.split(".")[0]))
    right = ", ".join(f"{x:g}" for x in v.answer)
    r = client.post("/drills/matrix-vector-product", data={"variant": token, "answer": "12345, 0",
                                                           "csrf": csrf_of(page)})
    assert 'id="try-again"' in r.text and 'class="solution"' not in r.text and _next_href(r.text) is None
    assert f'value="{token}"' in r.text
    r = client.post("/drills/matrix-vector-product", data={"variant": token, "answer": right, "csrf": csrf_of(page)})
    assert 'class="verdict pass"' in r.text and 'class="solution"' in r.text
    assert _position(r.text) == "3 of 3" and _next_href(r.text) is None and 'id="today-last"' in r.text

    home = client.get("/").text
    assert "3 of 3 done" in home and 'id="today-finished"' in home


def test_an_item_outside_today_has_no_bar_and_signed_out_pages_none(client):
    _user(client, "cyd", new_limit=1)
    assert 'id="today-bar"' not in client.get("/exercises/softmax").text
    assert 'id="today-bar"' in client.get("/concepts/matrix-multiplication?review=1").text
    client.cookies.clear()
    page = client.get("/concepts/softmax-function")
    assert page.status_code == 200 and 'id="today-bar"' not in page.text and 'id="review-now"' not in page.text
    assert client.get("/concepts/softmax-function?review=1").status_code == 200  # the page, nothing to rate


def test_review_now_from_the_concept_page(client):
    store, uid = _user(client, "dee", new_limit=0, known=())
    page = client.get("/concepts/softmax-function").text
    assert 'id="review-now" href="/concepts/softmax-function?review=1"' in page
    assert 'href="/exercises/softmax"' in page.split('id="card"')[1].split("</section>")[0]  # Practise
    card = client.get("/concepts/softmax-function?review=1").text
    assert [re.search(rf'id="interval-{r}">([^<]+)<', card).group(1) for r in (1, 2, 3)] == ["1 min", "6 min", "10 min"]
    r = client.post("/concepts/softmax-function/review", data={"rating": "4", "seen": "new", "csrf": csrf_of(card)})
    assert r.status_code == 303
    assert store.card(uid, "softmax-function").due > datetime.now(timezone.utc) + timedelta(days=1)
    for bad in ({"rating": "5", "seen": "new"}, {"rating": "", "seen": "new"}, {"rating": "3", "seen": "x" * 65}):
        assert client.post("/concepts/softmax-function/review", data={**bad, "csrf": csrf_of(card)}).status_code == 400
    assert client.post("/concepts/softmax-function/review", data={"rating": "3"}).status_code in (400, 403)
    assert client.post("/concepts/no-such-thing/review", data={"rating": "3", "csrf": csrf_of(card)}).status_code == 404


# -- the catalog ----------------------------------------------------------------------------

def _catalog_ids(html):
    return re.findall(r'<a href="/(?:concepts|exercises|drills|why|tracks)/([^"?]+)(?:\?review=1)?">',
                      html.split('id="catalog-count"')[1])


def test_the_catalog_searches_titles_and_ids_in_both_languages(client):
    _user(client, "eve", known=())
    everything = client.get("/items").text
    assert len(_catalog_ids(everything)) == len(loader.summaries())
    assert "<details class=\"area-group\" id=\"area-linalg\"" in everything and " open>" not in everything
    assert re.search(r'<h2>linear algebra</h2> <span class="count">\d+</span>', everything)
    assert re.findall(r'id="area-([a-z]+)"', everything)[:3] == ["linalg", "calculus", "prob"]  # as on Today
    assert 'id="clear-filters">Clear</a>' in client.get("/items?q=soft").text
    for q, item in (("softmax", "softmax"), ("SOFTMAX", "softmax"), ("소프트맥스", "softmax"),
                    ("  Log  SUM ", "log-sum-exp"), ("log_sum_exp", "log-sum-exp"), ("cosine_sim", "cosine_similarity")):
        found = _catalog_ids(client.get("/items", params={"q": q}).text)
        assert item in found and len(found) < 20, (q, found)
    assert set(_catalog_ids(client.get("/items", params={"q": "소프트맥스", "kind": "exercise"}).text)) >= {"softmax"}
    assert all(loader.kind_of(i) == "drill" for i in _catalog_ids(client.get("/items?kind=drill&area=prob").text))
    nothing = client.get("/items", params={"q": "zzzz-no-such"}).text
    assert 'id="catalog-empty"' in nothing and "0 item(s)" in nothing


def test_a_search_too_long_is_refused(client):
    assert client.get("/items", params={"q": "a" * 100}).status_code == 200
    r = client.get("/items", params={"q": "a" * 101})
    assert r.status_code == 400 and "at most 100 characters" in r.text
    assert client.get("/items", params={"kind": "x" * 41}).status_code == 400
    assert client.get("/items?kind=nonsense&area=nowhere&show=what").status_code == 200  # ignored, as before


def test_solved_and_due_marks(client):
    store, uid = _user(client, "fay", known=())
    page = client.get("/exercises/softmax").text
    assert 'class="verdict pass"' in client.post("/exercises/softmax", data={"source": SOFTMAX,
                                                                              "csrf": csrf_of(page)}).text
    scheduling.review(store, uid, "vector", "concept", 4, now=datetime.now(timezone.utc) - timedelta(days=60))
    html = client.get("/items", params={"q": "softmax", "kind": "exercise"}).text
    row = re.search(r'<li data-kind="exercise" class="solved">.*?</li>', html, re.S).group(0)
    assert 'href="/exercises/softmax"' in row and "✓" in row
    assert client.get("/items?show=solved").text.count('class="solved"') == 2  # softmax, and vector (studied)
    due = client.get("/items?show=due").text
    assert _catalog_ids(due) == ["vector"] and '<span class="mark due">due</span>' in due
    assert "softmax" not in _catalog_ids(client.get("/items?show=todo&kind=exercise").text)
    client.cookies.clear()  # signed out: no marks, no status filter
    assert "✓" not in client.get("/items?show=solved").text


def test_an_implemented_track_is_marked_solved(client):
    store, uid = _user(client, "ida", known=())
    track = loader.load_item("adam-a-method-for-stochastic-optimization")
    *first, last = [s.exercise for s in track.steps]
    for exercise in first:
        store.record_attempt(uid, exercise, "exercise", context="web", passed=True, status="passed")
    store.record_attempt(uid, last, "exercise", context="web", passed=False, status="failed")
    assert track.id not in _catalog_ids(client.get("/items?show=solved&kind=track").text)  # one step left
    assert track.id in _catalog_ids(client.get("/items?show=todo&kind=track").text)
    store.record_attempt(uid, last, "exercise", context="web", passed=True, status="passed")
    html = client.get("/items", params={"kind": "track", "show": "solved"}).text
    assert _catalog_ids(html) == [track.id] and 'data-kind="track" class="solved"' in html
    assert track.id not in _catalog_ids(client.get("/items?show=todo&kind=track").text)


def test_a_due_exercise_opens_for_review_from_memory(client):
    """Today and the catalog open a due exercise as a review: the editor on
    the starter code, not the learner's old passing code (which stays in the
    history), and checking it there rates the review."""
    store, uid = _user(client, "gil", new_limit=0)
    long_ago = datetime.now(timezone.utc) - timedelta(days=40)
    store.record_attempt(uid, "softmax", "exercise", context="web", passed=True, status="passed",
                         source=SOFTMAX + "# my old code\n", at=long_ago)
    scheduling.review(store, uid, "softmax", "exercise", 4, now=long_ago)
    home = client.get("/").text
    assert 'href="/exercises/softmax?review=1"' in home
    assert 'href="/exercises/softmax?review=1"' in client.get("/items?show=due").text
    assert "my old code" in client.get("/exercises/softmax").text  # the plain page: their passing code
    page = client.get("/exercises/softmax?review=1").text
    editor = re.search(r'<textarea id="source"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert "my old code" not in editor and "def softmax(x, axis=-1):" in editor
    assert "implement it from memory" in page, re.search(r"id=.loaded.*?</p>", page, re.S).group(0)
    old = store.attempts(uid, "softmax", limit=1)[0].id
    assert f'href="/exercises/softmax?code={old}#source"' in page  # their old code, one click away
    logs = len(store.review_logs(uid))
    r = client.post("/exercises/softmax", data={"source": SOFTMAX, "csrf": csrf_of(page)})
    assert 'class="verdict pass"' in r.text and len(store.review_logs(uid)) == logs + 1
    assert store.card(uid, "softmax").due > datetime.now(timezone.utc) + timedelta(days=1)
    client.post("/lang", data={"lang": "ko", "next": "/exercises/softmax?review=1", "csrf": csrf_of(page)})
    assert "기억만으로 다시 구현해 보세요" in client.get("/exercises/softmax?review=1").text
    assert client.get("/exercises/softmax?review=yes").status_code == 422  # bounded like every query
