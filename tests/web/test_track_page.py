"""The paper tracks' pages over plain HTTP (no browser): the list, each
track's equations in the paper's order beside the viewer's status and the
exercise that implements it, "you implemented the paper" once every step is
passed, both languages, no script of their own and the CSP of every page."""

import html
import re

import pytest

from byhand.content import loader
from web_support import PassingGrader, make_client, signup

TRACK = "attention-is-all-you-need"


@pytest.fixture()
def client(tmp_path):
    with make_client(tmp_path, PassingGrader()) as c:
        yield c


def record(client, username, item_id, passed):
    store = client.app.state.byhand.store
    store.record_attempt(store.user_by_name(username).id, item_id, "exercise", context="web", passed=passed,
                         status="passed" if passed else "failed")


def rows(html):
    """(equation number, exercise id, status class) of each step, in the page's order."""
    return re.findall(r'<tr class="step ?([a-z-]*)" data-exercise="([a-z_0-9]+)">\s*<th scope="row" class="ref">([^<]+)</th>',
                      html)


@pytest.mark.parametrize("lang, words", [("en", ("Paper tracks", "The paper's equations, in order")),
                                         ("ko", ("논문 트랙", "논문의 수식 (순서대로)"))])
def test_a_visitor_sees_the_equations_in_order_with_links_in_both_languages(client, lang, words):
    client.cookies.set("byhand_lang", lang)
    track = loader.load_item(TRACK)
    page = client.get(f"/tracks/{TRACK}")
    assert page.status_code == 200
    for w in (*words, track.t(lang).title):
        assert w in html.unescape(page.text)
    found = rows(page.text)
    assert [(ref, ex) for _, ex, ref in found] == [(s.ref, s.exercise) for s in track.steps]
    assert all(status == "" for status, _, _ in found)  # a visitor has no status
    for s in track.steps:
        assert f'href="/exercises/{s.exercise}"' in page.text
    assert "arxiv.org/abs/1706.03762" in page.text
    listing = client.get("/tracks")
    assert listing.status_code == 200 and f'href="/tracks/{TRACK}"' in listing.text and words[0] in listing.text


def test_a_learner_sees_their_status_beside_each_equation_then_the_implemented_state(client):
    signup(client, "ada")
    track = loader.load_item(TRACK)
    record(client, "ada", track.steps[0].exercise, False)
    record(client, "ada", track.steps[1].exercise, True)
    page = client.get(f"/tracks/{TRACK}").text
    statuses = [status for status, _, _ in rows(page)]
    assert statuses[:3] == ["attempted", "passed", "not-started"]
    assert "1 of 6 equations implemented" in page and "You implemented the paper." not in page
    assert f'href="/exercises/{track.steps[0].exercise}"' in page
    first = re.search(r'class="track-progress">(.*?)</p>', page, re.S).group(1)  # continue with its title
    title = loader.load_item(track.steps[0].exercise).t("en").title
    assert f'href="/exercises/{track.steps[0].exercise}">{title}<' in first
    for step in track.steps:
        record(client, "ada", step.exercise, True)
    page = client.get(f"/tracks/{TRACK}").text
    assert [status for status, _, _ in rows(page)] == ["passed"] * len(track.steps)
    assert "You implemented the paper." in page and f'id="implemented-{TRACK}"' in page
    assert "You implemented the paper." in client.get("/tracks").text
    store = client.app.state.byhand.store
    store.set_user_fields(store.user_by_name("ada").id, lang="ko")  # a learner's language is their setting
    assert "논문을 구현했습니다." in client.get(f"/tracks/{TRACK}").text


def test_the_pages_add_no_script_and_keep_the_csp_of_the_others(client):
    other = client.get("/items")
    for path in ("/tracks", f"/tracks/{TRACK}"):
        page = client.get(path)
        assert page.headers["content-security-policy"] == other.headers["content-security-policy"]
        assert set(re.findall(r"<script[^>]*>", page.text)) <= set(re.findall(r"<script[^>]*>", other.text))
        assert not re.search(r"<[^>]+\son[a-z]+=", page.text)  # no inline handlers


def test_tracks_are_listed_with_the_other_kinds_and_unknown_ids_are_404(client):
    catalog = client.get("/items?kind=track").text
    assert f'href="/tracks/{TRACK}"' in catalog
    assert 'href="/tracks"' in client.get("/items").text
    assert client.get("/tracks/no-such-track").status_code == 404
    assert client.get("/tracks/softmax").status_code == 404  # an exercise is not a track
    assert client.get(f"/items/{TRACK}").headers["location"] == f"/tracks/{TRACK}"
    api = client.get(f"/api/items/{TRACK}").json()
    assert api["kind"] == "track" and [s["ref"] for s in api["steps"]][:2] == ["§3.1 (LayerNorm)", "Eq. (1)"]
    assert any(r["id"] == TRACK for r in client.get("/api/items?kind=track").json())
