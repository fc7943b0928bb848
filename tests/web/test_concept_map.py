"""The concept map's data (/progress/map.json) and the progress page that
draws it: every concept once, with its title in the learner's language, its
area, mastery and label; prerequisite edges; a pass raises the concepts it
practises; the list by area for readers without JavaScript."""

import pytest

from byhand.content import loader
from web_support import PassingGrader, csrf_of, make_client, signup

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n")


@pytest.fixture
def client(tmp_path):
    with make_client(tmp_path, PassingGrader()) as c:
        yield c


def _concepts():
    return {r["id"]: r for r in loader.summaries() if r["kind"] == "concept"}


def test_map_json_shape_titles_and_mastery(client):
    assert client.get("/progress/map.json").status_code == 401  # JSON, not a sign-in page
    signup(client)
    r = client.get("/progress/map.json")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["cache-control"] == "no-store"
    data = r.json()
    concepts = _concepts()
    assert data["lang"] == "en"
    assert [n["id"] for n in data["nodes"]].count("softmax-function") == 1
    assert {n["id"] for n in data["nodes"]} == set(concepts) and len(data["nodes"]) == len(concepts)
    assert {a["id"] for a in data["areas"]} == {r["area"] for r in concepts.values()}
    assert data["areas"][0] == {"id": "linalg", "title": "linear algebra", "mastery": 0.0}
    for n in data["nodes"]:
        assert set(n) == {"id", "title", "area", "mastery", "label", "url"}
        assert n["title"] == concepts[n["id"]]["title"]["en"] and n["area"] == concepts[n["id"]]["area"]
        assert n["mastery"] == 0.0 and n["label"] == "new" and n["url"] == f"/concepts/{n['id']}"
    edges = {(e["source"], e["target"]) for e in data["edges"]}
    assert edges == {(p, c) for c, r in concepts.items() for p in r.get("prerequisites", []) if p in concepts}
    assert len(edges) > 100

    page = client.get("/exercises/softmax")
    assert client.post("/exercises/softmax", data={"source": GOOD, "csrf": csrf_of(page.text)}).status_code == 200
    nodes = {n["id"]: n for n in client.get("/progress/map.json").json()["nodes"]}
    assert nodes["softmax-function"]["mastery"] > 0 and nodes["softmax-function"]["label"] != "new"
    assert nodes["eigenvalue"]["mastery"] == 0.0 and nodes["eigenvalue"]["label"] == "new"

    page = client.get("/progress")
    client.post("/lang", data={"lang": "ko", "next": "/", "csrf": csrf_of(page.text)})
    data = client.get("/progress/map.json").json()
    assert data["lang"] == "ko" and data["areas"][0]["title"] == "선형대수"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["softmax-function"]["title"] == concepts["softmax-function"]["title"]["ko"] != \
        concepts["softmax-function"]["title"]["en"]
    assert nodes["softmax-function"]["mastery"] > 0


def test_progress_page_has_the_map_and_the_list(client):
    signup(client, "bea")
    html = client.get("/progress").text
    assert 'data-byhand-concept-map data-src="/progress/map.json"' in html
    assert '<script defer src="/static/vendor/conceptmap.js"></script>' in html
    assert '<details class="concept-list" id="concept-list" open>' in html  # the map without JavaScript
    for cid, r in _concepts().items():
        assert f'<a href="/concepts/{cid}">' in html, cid
    assert client.get("/static/vendor/conceptmap.js").status_code == 200
    assert client.get("/static/conceptmap.css").status_code == 200
