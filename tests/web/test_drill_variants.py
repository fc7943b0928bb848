"""Drill credit comes only from variants the server issued, and nothing is
credited once a variant's answer has been shown (issue 11): the answer and
solution come back only when the variant ends (right, or wrong twice); an
answer after that, a made-up or another learner's variant, earns nothing."""

from __future__ import annotations

import time

from byhand.content import loader
from byhand.grading.drills import variant
from web_support import PassingGrader, api_headers, make_client

DRILL = "eigenvalues-2x2"


def _right(token: str) -> str:
    v = variant(loader.load_item(DRILL), int(token.split(".")[0]))
    return ", ".join(repr(float(x)) for x in v.answer.ravel())


def _answer(client, headers, token, text):
    return client.post(f"/api/drills/{DRILL}/answers", json={"variant": token, "answer": text}, headers=headers)


def _reviews(client, username):
    store = client.app.state.byhand.store
    return [r.rating for r in store.review_logs(store.user_by_name(username).id)]


def test_a_wrong_first_try_gives_nothing_away_and_the_second_try_ends_the_variant(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        headers = api_headers(client, "ada")
        token = client.get(f"/api/drills/{DRILL}/variant", headers=headers).json()["variant"]
        first = _answer(client, headers, token, "0, 0").json()
        assert first == {"correct": False, "ended": False, "tries": 1, "credited": False, "got": first["got"], "why": None,
                         "expected": None, "solution": None}
        second = _answer(client, headers, token, _right(token)).json()
        assert second["correct"] and second["ended"] and second["credited"] and "tr(A)" in second["solution"]
        assert _reviews(client, "ada") == [2]  # Hard: right after a wrong try


def test_an_ended_variant_earns_nothing_however_it_is_answered_again(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        headers = api_headers(client, "ada")
        token = client.get(f"/api/drills/{DRILL}/variant", headers=headers).json()["variant"]
        _answer(client, headers, token, "0, 0")
        revealed = _answer(client, headers, token, "1, 1").json()  # wrong twice: the answer is shown now
        assert revealed["ended"] and revealed["expected"] and _reviews(client, "ada") == [1]
        replay = _answer(client, headers, token, _right(token)).json()  # the answer it was just shown
        assert replay["correct"] and replay["ended"] and not replay["credited"]
        assert _reviews(client, "ada") == [1]  # still only the Again
        store = client.app.state.byhand.store
        assert len(store.attempts(store.user_by_name("ada").id, DRILL)) == 3  # every answer is recorded


def test_variants_are_the_servers_and_one_learners(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        ada, bob = api_headers(client, "ada"), api_headers(client, "bob")
        adas = client.get(f"/api/drills/{DRILL}/variant", headers=ada).json()["variant"]
        seeds = {client.get(f"/api/drills/{DRILL}/variant", headers=ada).json()["seed"] for _ in range(5)}
        assert len(seeds) == 5  # fresh each time: a learner cannot pick one another has seen solved
        another_drills = client.get("/api/drills/adam-first-step/variant", headers=ada).json()["variant"]
        for headers, token, problem in [
            (bob, adas, "not issued to you"),  # ada's variant, answered by bob
            (ada, another_drills, "not issued to you for this drill"),
            (ada, adas.split(".")[0], "not a variant"),  # a bare seed, as the API once took
            (ada, "7." + adas.split(".", 1)[1], "not issued to you"),  # another seed under ada's signature
        ]:
            r = _answer(client, headers, token, "1, 1")
            assert r.status_code == 422 and problem in r.json()["detail"], r.text
        seed, at, mac = adas.split(".")
        services, uid = client.app.state.byhand.services, client.app.state.byhand.store.user_by_name("ada").id
        old = services._sign(uid, DRILL, int(seed), int((time.time() - 2 * 86_400) * 1000))
        r = _answer(client, ada, old, "1, 1")
        assert r.status_code == 422 and "more than a day ago" in r.json()["detail"]
        assert _answer(client, ada, adas, "1, 1").status_code == 200  # the real one still works
        for name in ("ada", "bob"):
            store = client.app.state.byhand.store
            assert len(store.attempts(store.user_by_name(name).id, DRILL)) == (1 if name == "ada" else 0)


def test_a_variant_needs_a_signed_in_learner_and_unknown_fields_are_refused(tmp_path):
    with make_client(tmp_path, PassingGrader()) as client:
        assert client.get(f"/api/drills/{DRILL}/variant").status_code == 401
        headers = api_headers(client, "ada")
        token = client.get(f"/api/drills/{DRILL}/variant", headers=headers).json()["variant"]
        r = client.post(f"/api/drills/{DRILL}/answers", json={"variant": token, "answer": "1, 1", "seed": 5},
                        headers=headers)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "seed"]


def test_the_page_asks_again_before_showing_the_answer(tmp_path):
    from web_support import csrf_of, signup, variant_of

    with make_client(tmp_path, PassingGrader()) as client:
        signup(client, "ada", "correct horse battery")
        page = client.get(f"/drills/{DRILL}")
        token = variant_of(page.text)
        form = {"variant": token, "csrf": csrf_of(page.text)}
        first = client.post(f"/drills/{DRILL}", data={**form, "answer": "0, 0"})
        assert 'id="try-again"' in first.text and 'class="solution"' not in first.text
        assert variant_of(first.text) == token  # the same variant, asked once more
        second = client.post(f"/drills/{DRILL}", data={**form, "answer": "0, 0"})
        assert 'class="solution"' in second.text and 'id="not-counted"' not in second.text
        third = client.post(f"/drills/{DRILL}", data={**form, "answer": _right(token)})
        assert 'id="not-counted"' in third.text
