"""Crafted input answers a clear 4xx, never a 500 and never silent
truncation: the attacker's request, and the answer expected."""

from __future__ import annotations

import pytest

from web_support import PassingGrader, api_headers, csrf_of, make_client, signup

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
JSON = {"content-type": "application/json"}


@pytest.fixture
def app(tmp_path):
    grader = PassingGrader()
    with make_client(tmp_path, grader) as client:
        headers = api_headers(client, "mallory")
        signup(client, "mallory2", "a-long-passphrase")
        yield client, {**headers, **JSON}, csrf_of(client.get("/exercises/softmax").text), grader


@pytest.mark.parametrize("path, body, field", [
    ("/api/exercises/softmax/attempts", b'{"source": "\\ud800"}', "source"),  # a lone surrogate
    ("/api/drills/eigenvalues-2x2/answers", b'{"variant": NaN, "answer": "1"}', "variant"),
    ("/api/reviews", b'{"item_id": "vector", "rating": Infinity}', "rating"),
    ("/api/reviews", b'{"item_id": "vector", "rating": 1e999}', "rating"),
])
def test_json_that_cannot_be_a_value_is_a_422_naming_the_field(app, path, body, field):
    client, headers, _, _ = app
    r = client.post(path, content=body, headers=headers)
    assert r.status_code == 422, r.text
    assert [e["loc"] for e in r.json()["detail"]] == [["body", field]]
    assert "ud800" not in r.text and "NaN" not in r.text  # what was wrong, not the input echoed


def test_invalid_utf8_in_json_is_a_4xx(app):
    client, headers, _, grader = app
    r = client.post("/api/exercises/softmax/attempts", content=b'{"source": "\xff\xfe"}', headers=headers)
    assert 400 <= r.status_code < 500 and not grader.requests


def test_a_form_field_sent_as_a_file_is_a_400(app):
    client, _, csrf, grader = app
    r = client.post("/exercises/softmax", data={"csrf": csrf}, files={"source": ("a.py", GOOD.encode())})
    assert r.status_code == 400 and not grader.requests
    r = client.post("/review", files={"csrf": ("x", b"y")})
    assert r.status_code == 400


def test_over_long_code_on_the_form_is_refused_whole_and_kept_in_the_editor(app):
    client, _, csrf, grader = app
    source = GOOD + "#" * (64 * 1024)
    r = client.post("/exercises/softmax", data={"source": source, "csrf": csrf})
    assert r.status_code == 413 and "64 KiB" in r.text and not grader.requests
    assert "#" * 1000 in r.text  # the learner's code comes back as sent, to shorten
    r = client.post("/api/exercises/softmax/attempts", json={"source": source}, headers=app[1])
    assert r.status_code == 422 and not grader.requests  # the API's own length limit


@pytest.mark.parametrize("query", ["lr=nan", "lr=inf", "lr=-inf", "lr=1e999", "n_examples=9" + "9" * 400, "epochs=2.5"])
def test_a_plot_parameter_that_is_not_a_finite_number_in_range_is_a_400(app, query):
    client = app[0]
    r = client.get(f"/why/why-minibatch-sgd/plot.svg?{query}")
    assert r.status_code == 400, (query, r.status_code)
    assert client.get("/why/why-minibatch-sgd").status_code == 200  # still serving


def test_an_over_long_sign_in_name_is_a_clear_400_with_no_work_done(app):
    client, _, csrf, _ = app
    client.cookies.clear()
    page = client.get("/signin")
    state = client.app.state.byhand
    before = state.signin_limit.limiter.get_window_stats(state.signin_limit.item, "ip:testclient").remaining
    r = client.post("/signin", data={"username": "a" * 100_000, "password": "x", "csrf": csrf_of(page.text)})
    assert r.status_code == 400 and "Wrong username or password" in r.text
    assert "a" * 100 not in r.text  # not echoed back
    after = state.signin_limit.limiter.get_window_stats(state.signin_limit.item, "ip:testclient").remaining
    assert after == before  # refused before the limiter, the lookup and the hash
