"""GET /api/exercises/{id}/attempts: the caller's own recent attempts at an
exercise, newest first; nobody else's, and nothing without a token."""

from web_support import api_headers, make_client

URL = "/api/exercises/softmax/attempts"
GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n")
BAD = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"



def test_lists_only_the_callers_own_attempts_newest_first(tmp_path, grader):
    with make_client(tmp_path, grader) as client:
        ada, bob = api_headers(client, "ada"), api_headers(client, "bob")
        for source in (BAD, GOOD):
            assert client.post(URL, json={"source": source}, headers=ada).status_code == 200
        bobs = BAD + "# bob's\n"
        assert client.post(URL, json={"source": bobs}, headers=bob).status_code == 200

        mine = client.get(URL, headers=ada).json()
        assert [(a["passed"], a["source"]) for a in mine] == [(True, GOOD), (False, BAD)]
        assert mine[1]["mistake"] == "no-max-shift" and mine[0]["created_at"] >= mine[1]["created_at"]
        theirs = client.get(URL, headers=bob).json()
        assert [a["source"] for a in theirs] == [bobs]
        assert not {a["id"] for a in mine} & {a["id"] for a in theirs}
        assert client.get(URL, params={"limit": 1}, headers=ada).json() == mine[:1]
        assert client.get("/api/exercises/cosine_similarity/attempts", headers=ada).json() == []


def test_needs_a_token_and_an_exercise(tmp_path, grader):
    with make_client(tmp_path, grader) as client:
        r = client.get(URL)
        assert r.status_code == 401 and r.headers["content-type"].startswith("application/json")
        assert client.get(URL, headers={"Authorization": "Bearer forged"}).status_code == 401
        ada = api_headers(client, "ada")
        assert client.get("/api/exercises/basis/attempts", headers=ada).status_code == 404  # a concept
        assert client.get("/api/exercises/no-such-item/attempts", headers=ada).status_code == 404
        assert client.get(URL, params={"limit": 0}, headers=ada).status_code == 422
