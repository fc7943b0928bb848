"""The web app through its real stack (ASGI, SQLite, the sandboxed grader)."""

import html
import re

import pytest

from byhand.content import loader
from byhand.content.prose import to_html
from byhand.grading.drills import variant
from web_support import csrf_of, make_client, signup, variant_of

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n")
BAD = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"


@pytest.fixture
def client(tmp_path, grader):
    with make_client(tmp_path, grader) as c:
        yield c


def test_pages_need_sign_in_and_sign_up_signs_in(client):
    r = client.get("/exercises/softmax")
    assert r.status_code == 303 and r.headers["location"].startswith("/signin")
    r = signup(client)
    cookie = r.headers["set-cookie"]
    assert "byhand_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/exercises/softmax").status_code == 200


def test_forms_without_csrf_token_are_refused(client):
    client.get("/signup")
    r = client.post("/signup", data={"username": "bob", "password": "long enough tea kettle"})
    assert r.status_code == 403
    signup(client, "carol")
    r = client.post("/exercises/softmax", data={"source": GOOD, "csrf": "forged"})
    assert r.status_code == 403


def test_signup_validation_and_taken_names(client):
    page = client.get("/signup")
    r = client.post("/signup", data={"username": "x", "password": "long enough tea kettle", "csrf": csrf_of(page.text)})
    assert r.status_code == 400 and "3–32" in r.text
    r = client.post("/signup", data={"username": "dora", "password": "short", "csrf": csrf_of(page.text)})
    assert r.status_code == 400 and "8 characters" in r.text
    signup(client, "dora")
    client.cookies.clear()
    page = client.get("/signup")
    r = client.post("/signup", data={"username": "dora", "password": "long enough tea kettle", "csrf": csrf_of(page.text)})
    assert r.status_code == 400 and "taken" in r.text


def test_sign_in_out_and_rate_limit(client):
    signup(client, "erin", "s3cret-pass-tuba")
    page = client.get("/exercises/softmax")
    assert client.post("/signout", data={"csrf": csrf_of(page.text)}).status_code == 303
    assert client.get("/exercises/softmax").status_code == 303  # the session is gone
    page = client.get("/signin")
    token = csrf_of(page.text)
    r = client.post("/signin", data={"username": "erin", "password": "wrong", "csrf": token})
    assert r.status_code == 400 and "Wrong username or password" in r.text
    r = client.post("/signin", data={"username": "erin", "password": "s3cret-pass-tuba", "csrf": token,
                                     "next": "/progress"})
    assert r.status_code == 303 and r.headers["location"] == "/progress"
    client.cookies.clear()
    token = csrf_of(client.get("/signin").text)
    codes = [client.post("/signin", data={"username": "erin", "password": "bad", "csrf": token}).status_code
             for _ in range(12)]
    assert 429 in codes


def test_submit_wrong_then_right_and_see_attempts(client):
    signup(client, "frank")
    page = client.get("/exercises/softmax")
    assert "def softmax(x, axis=-1):" in page.text and "$$" in page.text  # the equation, for KaTeX
    r = client.post("/exercises/softmax", data={"source": BAD, "csrf": csrf_of(page.text)})
    assert r.status_code == 200
    assert "no-max-shift" in r.text and "huge values" in r.text
    r = client.post("/exercises/softmax", data={"source": GOOD, "csrf": csrf_of(r.text)})
    assert 'class="verdict pass"' in r.text
    history = r.text.split('<ol class="attempts">')[1]
    assert history.count('<span class="ok">') == 1 and history.count('<span class="bad">') == 1


def test_a_failure_shows_the_mistake_first_and_the_hint_on_request_then_after_three(client):
    """Issue 12: the page's hint is a "show the hint" the learner opens, until
    the third failure in a row, when it is shown; an API client sees the same rule."""
    signup(client, "hilda")
    page = client.get("/exercises/softmax")
    shown = []
    for n in range(3):  # three different wrong files (the same one thrice would be a probe)
        page = client.post("/exercises/softmax", data={"source": BAD + f"# try {n}\n", "csrf": csrf_of(page.text)})
        assert "no-max-shift" in page.text
        shown.append(('<p class="hint">' in page.text, '<details class="hint">' in page.text))
    assert shown == [(False, True), (False, True), (True, False)]
    assert re.search(r'<code class="seed">\d+</code>', page.text)  # the seed, as in every rendering
    assert "keepdims" in page.text.split('<p class="hint">')[1].split("</p>")[0]


def test_accepted_blocks_are_used_by_later_exercises(client):
    signup(client, "grace")
    page = client.get("/exercises/softmax")
    client.post("/exercises/softmax", data={"source": GOOD, "csrf": csrf_of(page.text)})
    attention = ("import numpy as np\ndef scaled_dot_product_attention(q, k, v, mask=None):\n"
                 "    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])\n"
                 "    if mask is not None:\n        s = np.where(mask, s, -np.inf)\n"
                 "    return softmax(s, axis=-1) @ v\n")
    r = client.post("/exercises/scaled_dot_product_attention", data={"source": attention, "csrf": csrf_of(page.text)})
    assert 'class="verdict pass"' in r.text, re.findall(r'<p class="message">(.*?)</p>', r.text, re.S)


def test_numeric_drill_with_worked_solution(client):
    signup(client, "heidi")
    page = client.get("/drills/eigenvalues-2x2?seed=5")  # a chosen seed is ignored on a multi-user server
    assert "Find both eigenvalues" in page.text
    token = variant_of(page.text)
    v = variant(loader.load_item("eigenvalues-2x2"), int(token.split(".")[0]))
    answer = ", ".join(f"{x:.4f}" for x in v.answer)
    form = {"variant": token, "csrf": csrf_of(page.text)}
    r = client.post("/drills/eigenvalues-2x2", data={**form, "answer": "banana"})
    assert r.status_code == 400 and "is not a number" in r.text  # not an answer: no try spent
    client.post("/lang", data={"lang": "ko", "csrf": csrf_of(page.text)})
    r = client.post("/drills/eigenvalues-2x2", data={**form, "answer": "banana"})
    assert r.status_code == 400 and "'banana'는 숫자가 아닙니다" in html.unescape(r.text)  # in the learner's language
    client.post("/lang", data={"lang": "en", "csrf": csrf_of(page.text)})
    r = client.post("/drills/eigenvalues-2x2", data={**form, "answer": answer})
    assert "Correct" in r.text and "tr(A)" in r.text and 'id="not-counted"' not in r.text
    for forged in ("5", "-1.0.abc", "x" * 500, token.replace(".", ".1", 1)):  # made up: 400, never a 500
        r = client.post("/drills/eigenvalues-2x2", data={**form, "variant": forged, "answer": "1"})
        assert r.status_code == 400 and "Open the drill again" in r.text


def test_card_review_records_an_fsrs_review(client):
    signup(client, "ivan")
    page = client.get("/review")
    term = re.search(r'<h2 id="term">(.*?)</h2>', page.text).group(1)
    item = re.search(r'name="item" value="([^"]+)"', page.text).group(1)
    revealed = client.get(f"/review?reveal=1&item={item}")
    assert to_html(loader.load_item(item).t("en").definition) in revealed.text  # the definition, as prose
    r = client.post("/review", data={"item_id": item, "rating": "3", "csrf": csrf_of(revealed.text)})
    assert r.status_code == 303
    store = client.app.state.byhand.store
    uid = store.user_by_name("ivan").id
    assert store.card(uid, item) is not None and [l.rating for l in store.review_logs(uid)] == [3]
    assert term


def test_language_switch_is_remembered_for_the_user(client):
    signup(client, "judy")
    page = client.get("/")
    r = client.post("/lang", data={"lang": "ko", "next": "/", "csrf": csrf_of(page.text)})
    assert r.status_code == 303
    client.cookies.pop("byhand_lang", None)  # the user's setting, not the cookie, decides
    home = client.get("/")
    assert "오늘의 학습" in home.text and '<html lang="ko">' in home.text


def test_why_page_and_its_plot(client):
    page = client.get("/why/why-softmax-subtracts-max?max_score=1500")
    assert page.status_code == 200 and "plot.svg?max_score=1500" in page.text
    assert "Sign in to redraw" in page.text
    default = client.get("/why/why-softmax-subtracts-max/plot.svg")  # drawn once, for everyone
    assert default.status_code == 200 and b"<svg" in default.content[:500]
    # other parameters cost seconds of CPU: not for anyone who is not signed in
    assert client.get("/why/why-softmax-subtracts-max/plot.svg?max_score=1500").status_code == 401
    signup(client, "plotter")
    svg = client.get("/why/why-softmax-subtracts-max/plot.svg?max_score=1500")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content[:500]
    assert client.get("/why/why-softmax-subtracts-max?max_score=abc").status_code == 400


def test_new_drawings_are_limited_per_learner(tmp_path):
    from web_support import PassingGrader

    with make_client(tmp_path, PassingGrader(), plots_per_minute=2) as c:
        signup(c, "greedy")
        statuses = [c.get(f"/why/why-softmax-subtracts-max/plot.svg?max_score={v}").status_code
                    for v in (1100, 1200, 1300)]
        assert statuses == [200, 200, 429]
        assert c.get("/why/why-softmax-subtracts-max/plot.svg?max_score=1100").status_code == 200  # kept: free


def test_unknown_pages_are_404_not_errors(client):
    assert client.get("/exercises/nope").status_code == 404
    assert client.get("/concepts/softmax").status_code == 404  # an exercise, not a concept
    assert client.get("/items/nope").status_code == 404


def test_local_mode_needs_no_sign_in(tmp_path, grader):
    with make_client(tmp_path, grader, local=True) as c:
        assert c.get("/exercises/softmax").status_code == 200
        assert c.get("/api/reviews/due").status_code == 200


def test_api_token_attempt_due_and_review(client):
    signup(client, "ken", "kens own passphrase")
    assert client.get("/api/reviews/due").status_code == 401
    r = client.post("/api/token", json={"username": "ken", "password": "kens own passphrase"})
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    r = client.post("/api/exercises/softmax/attempts", json={"source": BAD}, headers=headers)
    assert r.status_code == 200 and r.json()["mistake"] == "no-max-shift"
    due = client.get("/api/reviews/due", headers=headers).json()
    assert due and all({"id", "kind", "new", "title"} <= set(d) for d in due)
    r = client.post("/api/reviews", json={"item_id": due[0]["id"], "rating": 4}, headers=headers)
    assert r.status_code == 200 and r.json()["rating"] == 4
    items = client.get("/api/items?kind=exercise").json()
    assert {"softmax", "layer_norm"} <= {i["id"] for i in items}
    detail = client.get("/api/items/softmax").json()
    assert "reference" not in str(detail) and detail["signature"] == "softmax(x, axis=-1)"
    assert client.post("/api/token", json={"username": "ken", "password": "nope"}).status_code == 401


@pytest.mark.parametrize("password", ["password", "12345678", " " * 8, "dora2024!", "qwertyuiop", "Password1!",
                                      "iloveyou123"])
def test_guessable_passwords_are_refused(client, password):
    page = client.get("/signup")
    r = client.post("/signup", data={"username": "dora", "password": password, "csrf": csrf_of(page.text)})
    assert r.status_code == 400 and "too easy to guess" in r.text, password
    assert client.app.state.byhand.store.user_by_name("dora") is None


def test_progress_page_names_items_by_title_and_links_them(client):
    """Issue 13: mistakes listed by title with a link, not by id; the weakest are studied items."""
    signup(client, "ivy")
    page = client.get("/exercises/softmax")
    client.post("/exercises/softmax", data={"source": BAD, "csrf": csrf_of(page.text)})
    client.post("/exercises/softmax", data={"source": GOOD, "csrf": csrf_of(page.text)})
    text = client.get("/progress").text
    mistakes = text.split('<ul class="mistakes">')[1].split("</ul>")[0]
    assert '<a href="/items/softmax">Softmax</a>: <code>no-max-shift</code>' in mistakes
    weakest = text.split('<ul class="weakest">')[1].split("</ul>")[0]
    assert '<a href="/items/softmax">Softmax</a>' in weakest


def test_exercise_page_parts_for_checking_in_place(client):
    """Issue 13, part 1: what app.js asks for.  The same form, CSRF token
    included, with ``Byhand-Fragment: verdict`` gets only the verdict and the
    history; ``?code=`` puts one of the learner's own attempts (or the
    starter) in the editor, as a page or, asked for so, as the code alone."""
    signup(client, "ivan")
    page = client.get("/exercises/softmax")
    starter = re.search(r'<textarea id="source"[^>]*>(.*?)</textarea>', page.text, re.S).group(1)
    assert "raise NotImplementedError" in starter and len(starter.splitlines()) <= 6  # the statement is beside it
    fragment = {"Byhand-Fragment": "verdict"}
    r = client.post("/exercises/softmax", data={"source": GOOD, "csrf": "forged"}, headers=fragment)
    assert r.status_code == 403 and "byhand-fragment" not in r.headers  # the CSRF rule holds for fetch too
    r = client.post("/exercises/softmax", data={"source": BAD, "csrf": csrf_of(page.text)}, headers=fragment)
    assert r.status_code == 200 and r.headers["byhand-fragment"] == "verdict"
    assert "<html" not in r.text and 'id="verdict-area"' in r.text and 'id="history"' in r.text
    assert re.fullmatch(r"app;dur=\d+\.\d", r.headers["server-timing"])
    assert '<td id="cases-passed">9/11</td>' in r.text and "<mark>nan</mark>" in r.text
    client.post("/exercises/softmax", data={"source": GOOD, "csrf": csrf_of(page.text)})
    r = client.post("/exercises/softmax", data={"source": BAD + "# again\n", "csrf": csrf_of(page.text)},
                    headers=fragment)
    assert r.text.count('<li id="attempt-') == 3 and r.text.count('<details class="diff">') == 2
    assert '<span class="add">+# again</span>' in r.text
    # a new visit shows the last passing code, not the latest (broken) attempt
    page = client.get("/exercises/softmax")
    assert "x.max(axis=axis" in page.text.split('id="source"')[1].split("</textarea>")[0]
    ids = re.findall(r'data-code="(\d+)"', page.text)
    assert len(ids) == 3
    r = client.get(f"/exercises/softmax?code={ids[-1]}", headers={"Byhand-Fragment": "source"})
    assert r.text == BAD and r.headers["content-type"].startswith("text/plain")
    r = client.get(f"/exercises/softmax?code={ids[-1]}")
    assert "e = np.exp(x)\n" in r.text and "UTC</time>" in r.text
    assert client.get("/exercises/softmax?code=starter", headers={"Byhand-Fragment": "source"}).text == starter.replace(
        "&#34;", '"')
    assert client.get("/exercises/softmax?code=999999").status_code == 404
    assert client.get("/exercises/softmax?code=" + "9" * 30).status_code == 422
    client.cookies.clear()
    signup(client, "judy")
    assert client.get(f"/exercises/softmax?code={ids[0]}").status_code == 404  # not hers


def test_line_diff_is_bounded():
    from byhand.web.routers.exercises import DIFF_LINES, line_diff

    assert line_diff("a\nb\n", "a\nb\n") == "same"
    assert line_diff("a\nb\nc\n", "a\nB\nc\n") == [("@", "@@ -1,3 +1,3 @@"), (" ", "a"), ("-", "b"), ("+", "B"),
                                                   (" ", "c")]
    assert line_diff("x\n" * (DIFF_LINES + 1), "y\n") == "long"


def test_switching_language_or_signing_in_keeps_the_page_and_its_query(client):
    page = client.get("/items?q=soft&kind=exercise")
    assert 'name="next" value="/items?q=soft&amp;kind=exercise"' in page.text
    r = client.post("/lang", data={"lang": "ko", "next": "/items?q=soft&kind=exercise", "csrf": csrf_of(page.text)})
    assert r.status_code == 303 and r.headers["location"] == "/items?q=soft&kind=exercise"
    r = client.get("/exercises/softmax?code=starter")  # signed out: sign in, then back here
    assert r.status_code == 303 and r.headers["location"] == "/signin?next=/exercises/softmax%3Fcode%3Dstarter"
    # never another site: each is sent back home
    for target in ("//evil.example/", "/\\evil.example", "/\\/evil.example", "https://evil.example", "/\t/evil.example",
                   "/%0a", "/" + "a" * 3000, ""):
        r = client.post("/lang", data={"lang": "en", "next": target, "csrf": csrf_of(page.text)})
        assert r.status_code == 303 and r.headers["location"] in ("/", target), target
        assert r.headers["location"] == "/" or target == "/%0a", target
