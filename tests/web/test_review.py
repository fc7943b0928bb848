"""The review session through the real stack (ASGI, SQLite, the sandboxed
grader): learning cards come back the same day, due drills and exercises are
in the flow, each rating button shows what fsrs computes for that rating."""

import re
from datetime import datetime, timedelta, timezone

import fsrs
import pytest

from byhand.content import loader
from byhand.grading.drills import variant
from byhand.services import scheduling
from clock_support import midday
from web_support import api_headers, csrf_of, make_client, signup, variant_of

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n")
FRAGMENT = {"X-Byhand-Fragment": "1"}


@pytest.fixture
def client(tmp_path, grader):
    with make_client(tmp_path, grader) as c:
        yield c


def _user(client, name, new_limit=None):
    signup(client, name)
    store = client.app.state.byhand.store
    uid = store.user_by_name(name).id
    if new_limit is not None:
        store.save_settings(uid, daily_new_limit=new_limit)
    return store, uid


def _item(html):
    m = re.search(r'data-item="([^"]+)"', html)
    return m.group(1) if m else None


def _left(html):
    return int(re.search(r'id="left" data-left="(\d+)"', html).group(1))


def _seen(html):
    return re.search(r'name="seen" value="([^"]*)"', html).group(1)


def _labels(html):
    return {r: re.search(rf'id="interval-{r}">([^<]+)<', html).group(1) for r in (1, 2, 3, 4)}


def _rate(client, html, rating, fragment=True):
    return client.post("/review", data={"item_id": _item(html), "rating": str(rating), "seen": _seen(html),
                                        "csrf": csrf_of(html)}, headers=FRAGMENT if fragment else {})


def _reviewed_long_ago(store, uid, item_id, kind, days=40):
    """The learner reviewed ``item_id`` ``days`` ago (rated Easy): due now."""
    scheduling.review(store, uid, item_id, kind, 4, now=datetime.now(timezone.utc) - timedelta(days=days))
    assert store.card(uid, item_id).due < datetime.now(timezone.utc)


def test_a_card_rated_again_comes_back_the_same_day(client):
    store, uid = _user(client, "ana", new_limit=1)
    services = client.app.state.byhand.services
    t0 = midday()
    services.now = lambda: t0
    page = client.get("/review").text
    item = _item(page)
    assert loader.kind_of(item) == "concept" and _left(page) == 1

    r = _rate(client, page, 1)  # Again: back in a minute (the first learning step)
    assert r.status_code == 200 and r.headers["X-Byhand-Fragment"] == "1"
    assert _item(r.text) is None and _left(r.text) == 0
    assert "1 more later today" in r.text and "Next card in 1 min" in r.text
    assert [log.rating for log in store.review_logs(uid)] == [1]
    assert 'data-seconds="60"' in r.text

    services.now = lambda: t0 + timedelta(seconds=61)  # a minute later, in the same session
    again = client.get("/review").text
    assert _item(again) == item and _left(again) == 1 and "later today" not in again
    r = _rate(client, again, 3)  # Good: the next step, 10 minutes
    assert _item(r.text) is None and "Next card in 10 min" in r.text

    services.now = lambda: t0 + timedelta(minutes=12)
    page = client.get("/review").text
    assert _item(page) == item
    r = _rate(client, page, 3)  # Good at the last step: it graduates to days
    assert _item(r.text) is None and "later today" not in r.text and "Done for now" in r.text
    card = store.card(uid, item)
    assert card.due - (t0 + timedelta(minutes=12)) >= timedelta(days=1)
    assert [log.rating for log in store.review_logs(uid)] == [1, 3, 3]


def test_the_days_queue_counts_learning_cards_and_the_count_goes_down(client):
    store, uid = _user(client, "bob", new_limit=3)
    # done days ago: the drill the order puts third (issue 16), so that today's three new items are cards
    scheduling.review(store, uid, "linear-combination-of-vectors", "drill", 4,
                      now=datetime.now(timezone.utc) - timedelta(days=3))
    page = client.get("/review").text
    assert _left(page) == 3
    r = _rate(client, page, 3)
    assert _left(r.text) == 2 and "1 more later today" in r.text and _item(r.text) != _item(page)
    r = _rate(client, r.text, 1)
    assert _left(r.text) == 1 and "2 more later today" in r.text


def test_interval_labels_are_what_fsrs_computes_for_each_rating(client):
    store, uid = _user(client, "cyd", new_limit=1)
    services = client.app.state.byhand.services
    now = datetime(2030, 5, 1, 12, 0, tzinfo=timezone.utc)
    services.now = lambda: now
    page = client.get("/review").text
    item = _item(page)
    # fsrs itself, configured as documented: learning steps 1 and 10 min, no fuzz, retention 0.9
    reference = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    new = fsrs.Card(due=now)
    expected = {r: reference.review_card(new, fsrs.Rating(r), review_datetime=now)[0].due - now for r in (1, 2, 3, 4)}
    assert expected[1] == timedelta(minutes=1) and expected[3] == timedelta(minutes=10)
    easy_days = expected[4] / timedelta(days=1)
    assert easy_days == int(easy_days) >= 1
    assert _labels(page) == {1: "1 min", 2: "6 min", 3: "10 min", 4: f"{int(easy_days)} d"}

    # a card in days, reviewed again when due: every button in days, as fsrs says
    scheduling.review(store, uid, item, "concept", 4, now=now - timedelta(days=30))
    card = store.card(uid, item)
    page = client.get("/review").text
    assert _item(page) == item
    as_fsrs = fsrs.Card(card_id=card.card_id, state=fsrs.State(card.state), step=card.step,
                        stability=card.stability, difficulty=card.difficulty, due=card.due,
                        last_review=card.last_review)
    for r, label in _labels(page).items():
        delta = reference.review_card(as_fsrs, fsrs.Rating(r), review_datetime=now)[0].due - now
        if r == 1:  # a lapse: the relearning step
            assert delta == timedelta(minutes=10) and label == "10 min"
        else:
            days = delta / timedelta(days=1)
            assert days == int(days)
            want = f"{int(days)} d" if days < 30 else f"{round(days / 30, 1):g} mo"
            assert label == want, (r, label, delta)
    # and in Korean
    client.post("/lang", data={"lang": "ko", "next": "/review", "csrf": csrf_of(page)})
    ko = client.get("/review").text
    assert _labels(ko)[1] == "10분" and all(v.endswith(("일", "개월")) for r, v in _labels(ko).items() if r > 1)
    assert "2개 남음" in ko  # the due card and one new card (none was new today)


def test_a_due_drill_is_a_fresh_variant_rated_by_its_answer(client):
    store, uid = _user(client, "dia", new_limit=0)
    _reviewed_long_ago(store, uid, "eigenvalues-2x2", "drill")
    page = client.get("/review").text
    assert _item(page) == "eigenvalues-2x2" and 'action="/review/drill"' in page and _left(page) == 1
    token = variant_of(page)
    assert variant_of(client.get("/review").text) != token  # a fresh variant each time it is shown
    v = variant(loader.load_item("eigenvalues-2x2"), int(token.split(".")[0]))
    form = {"item_id": "eigenvalues-2x2", "variant": token, "csrf": csrf_of(page)}
    wrong = ", ".join(f"{x + 5:.3f}" for x in v.answer)
    r = client.post("/review/drill", data={**form, "answer": wrong}, headers=FRAGMENT)
    assert r.status_code == 200 and 'id="try-again"' in r.text and "tr(A)" not in r.text  # no answer yet
    assert len(store.review_logs(uid)) == 1  # not rated before the variant ends
    r = client.post("/review/drill", data={**form, "answer": ", ".join(f"{x:.3f}" for x in v.answer)})
    assert r.status_code == 200 and "Correct" in r.text and "tr(A)" in r.text and 'id="next-card"' in r.text
    assert "Rated Hard" in r.text  # right at the second try
    assert [log.rating for log in store.review_logs(uid)][-1] == 2
    assert _left(r.text) == 0
    # the same variant again: recorded, no second rating
    client.post("/review/drill", data={**form, "answer": ", ".join(f"{x:.3f}" for x in v.answer)})
    assert len(store.review_logs(uid)) == 2


def test_a_due_exercise_is_implemented_from_memory_and_rated_by_its_grading(client):
    store, uid = _user(client, "eddy", new_limit=0)
    long_ago = datetime.now(timezone.utc) - timedelta(days=40)
    store.record_attempt(uid, "softmax", "exercise", context="web", passed=True, status="passed",
                         source=GOOD + "# my old code\n", at=long_ago)
    _reviewed_long_ago(store, uid, "softmax", "exercise")
    logs_before = len(store.review_logs(uid))
    page = client.get("/review").text
    assert _item(page) == "softmax" and 'action="/review/exercise"' in page
    assert "my old code" not in page and "def softmax" in page  # a fresh start
    r = client.post("/review/exercise", data={"item_id": "softmax", "source": GOOD, "action": "check",
                                              "csrf": csrf_of(page)}, headers=FRAGMENT)
    assert r.status_code == 200 and 'class="verdict pass"' in r.text and 'id="next-card"' in r.text
    assert "Next review in" in r.text
    logs = store.review_logs(uid)
    assert len(logs) == logs_before + 1 and logs[-1].item_id == "softmax"
    assert logs[-1].rating == 4  # passed at the first grading today, within 3 minutes: Easy
    assert store.card(uid, "softmax").due > datetime.now(timezone.utc) + timedelta(days=1)
    assert store.attempts(uid, "softmax", limit=1)[0].source == GOOD


def test_giving_up_on_an_exercise_brings_it_back_in_ten_minutes(client):
    store, uid = _user(client, "fay", new_limit=0)
    scheduling.review(store, uid, "cross_entropy", "exercise", 3)  # passed just now: due in days
    page = client.get("/review").text
    # not due: giving up changes nothing (it cannot pull the schedule in)
    r = client.post("/review/exercise", data={"item_id": "cross_entropy", "action": "give-up",
                                              "csrf": csrf_of(page)})
    assert r.status_code == 200 and len(store.review_logs(uid)) == 1
    assert store.card(uid, "cross_entropy").due > datetime.now(timezone.utc) + timedelta(days=1)
    _reviewed_long_ago(store, uid, "softmax", "exercise")
    page = client.get("/review").text
    assert _item(page) == "softmax"
    before = datetime.now(timezone.utc)
    r = client.post("/review/exercise", data={"item_id": "softmax", "action": "give-up", "csrf": csrf_of(page)},
                    headers=FRAGMENT)
    assert "Rated Again: it comes back in 10 min" in r.text and "1 more later today" in r.text
    card = store.card(uid, "softmax")
    assert store.review_logs(uid)[-1].rating == 1 and card.state == fsrs.State.Relearning
    assert timedelta(minutes=9) < card.due - before <= timedelta(minutes=10, seconds=5)


def test_without_javascript_ratings_redirect_and_a_stale_page_rates_once(client):
    store, uid = _user(client, "gus", new_limit=2)
    page = client.get("/review").text
    revealed = client.get(f"/review?reveal=1&item={_item(page)}").text
    assert 'id="back" hidden' not in revealed and 'id="reveal-form" hidden' in revealed
    assert 'id="back" hidden' in page
    r = _rate(client, revealed, 3, fragment=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"
    r = _rate(client, revealed, 1, fragment=False)  # the same page again (a second tab, a double click)
    assert r.status_code == 303
    assert [log.rating for log in store.review_logs(uid)] == [3]


def test_hostile_review_forms_are_4xx(client):
    store, uid = _user(client, "hal", new_limit=1)
    page = client.get("/review").text
    csrf = csrf_of(page)
    item = _item(page)
    bad = [("/review", {"item_id": item, "rating": "5"}),
           ("/review", {"item_id": "softmax", "rating": "3"}),  # not self-rated
           ("/review", {"item_id": "x" * 10_000, "rating": "3"}),
           ("/review", {"item_id": item, "rating": "3", "seen": "y" * 1000}),
           ("/review/drill", {"item_id": item, "variant": "1.2.3", "answer": "1"}),
           ("/review/drill", {"item_id": "eigenvalues-2x2", "variant": "1.2.abc", "answer": "1"}),
           ("/review/exercise", {"item_id": "eigenvalues-2x2", "source": "x"}),
           ("/review/exercise", {"item_id": "../../etc/passwd", "action": "give-up"})]
    for url, form in bad:
        r = client.post(url, data={**form, "csrf": csrf}, headers=FRAGMENT)
        assert 400 <= r.status_code < 500, (url, form, r.status_code)
        assert "X-Byhand-Fragment" not in r.headers  # review.js falls back to a page load
    assert client.post("/review", data={"item_id": item, "rating": "3"}).status_code == 403  # no CSRF token
    assert store.review_logs(uid) == []
    assert client.get("/review?item=../../x&reveal=1").status_code == 200


def test_the_api_walks_the_same_session(client):
    """GET /api/reviews/next gives what /review shows: a concept card with
    the due time of each rating (what fsrs computes), a card rated Again
    returns a minute later, a due drill comes with a variant, a due exercise
    can be given up; a stale `seen` is refused."""
    headers = api_headers(client, "ivy")
    store = client.app.state.byhand.store
    uid = store.user_by_name("ivy").id
    store.save_settings(uid, daily_new_limit=1)
    services = client.app.state.byhand.services
    t0 = midday()
    services.now = lambda: t0
    step = client.get("/api/reviews/next", headers=headers).json()
    card = step["card"]
    assert card["kind"] == "concept" and card["new"] and step["left"] == 1 and step["seen"] == "new"
    assert card["title"] == loader.load_item(card["id"]).t("en").term
    due = {int(r): datetime.fromisoformat(t) - t0 for r, t in step["intervals"].items()}
    assert due[1] == timedelta(minutes=1) and due[3] == timedelta(minutes=10) and due[4] >= timedelta(days=1)
    ko = client.get("/api/reviews/next?lang=ko", headers=headers).json()
    assert ko["card"]["title"] == loader.load_item(card["id"]).t("ko").term

    r = client.post("/api/reviews", json={"item_id": card["id"], "rating": 1, "seen": step["seen"]}, headers=headers)
    assert r.status_code == 200 and datetime.fromisoformat(r.json()["due"]) - t0 == timedelta(minutes=1)
    again = client.post("/api/reviews", json={"item_id": card["id"], "rating": 3, "seen": "new"}, headers=headers)
    assert again.status_code == 409  # the page it came from is older than the rating just made
    after = client.get("/api/reviews/next", headers=headers).json()
    assert after["card"] is None and after["left"] == 0 and after["later"] == 1
    assert datetime.fromisoformat(after["next_due"]) - t0 == timedelta(minutes=1)
    services.now = lambda: t0 + timedelta(seconds=61)
    back = client.get("/api/reviews/next", headers=headers).json()
    assert back["card"]["id"] == card["id"] and back["later"] == 0

    # a due drill: a fresh variant, answered where every drill is
    store.save_settings(uid, daily_new_limit=0)
    scheduling.review(store, uid, card["id"], "concept", 4, now=t0)
    scheduling.review(store, uid, "eigenvalues-2x2", "drill", 4, now=t0 - timedelta(days=40))
    step = client.get("/api/reviews/next", headers=headers).json()
    assert step["card"]["id"] == "eigenvalues-2x2" and step["intervals"] is None
    token = step["variant"]["variant"]
    v = variant(loader.load_item("eigenvalues-2x2"), int(token.split(".")[0]))
    r = client.post("/api/drills/eigenvalues-2x2/answers", headers=headers,
                    json={"variant": token, "answer": ", ".join(f"{x:.3f}" for x in v.answer)})
    assert r.status_code == 200 and r.json()["correct"] and r.json()["credited"]

    # a due exercise: give up → Again, back in ten minutes; not an exercise → 404
    scheduling.review(store, uid, "softmax", "exercise", 4, now=t0 - timedelta(days=40))
    assert client.get("/api/reviews/next", headers=headers).json()["card"]["id"] == "softmax"
    r = client.post("/api/reviews/give-up", json={"item_id": "softmax"}, headers=headers)
    assert r.status_code == 200 and datetime.fromisoformat(r.json()["due"]) - services.now() == timedelta(minutes=10)
    again = client.post("/api/reviews/give-up", json={"item_id": "softmax"}, headers=headers)
    assert again.status_code == 200 and again.json()["due"] is None  # no longer due: nothing changed
    assert client.post("/api/reviews/give-up", json={"item_id": "eigenvalues-2x2"}, headers=headers).status_code == 404
    assert client.get("/api/reviews/next").status_code == 401


def test_the_api_names_the_wrong_entries_of_a_failed_case(client):
    headers = api_headers(client, "joan")
    wrong = GOOD.replace("return e / e.sum(axis=axis, keepdims=True)", "return e / e.sum()")
    r = client.post("/api/exercises/softmax/attempts", json={"source": wrong}, headers=headers)
    body = r.json()
    assert r.status_code == 200 and not body["passed"]
    f = body["failure"]
    assert f["got_marks"] and len(f["got_marks"]) == len(f["expected_marks"])
    for (gs, ge), (es, ee) in zip(f["got_marks"], f["expected_marks"]):
        assert f["got"][gs:ge] != f["expected"][es:ee]  # each mark spans an entry that differs
    assert {"hint", "stdout"} <= set(body)
