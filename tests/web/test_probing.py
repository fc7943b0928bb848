"""A learner cannot collect expected values into a lookup table: every
grading draws a fresh seed, and resubmitting the same failing code is
refused after a few tries (429 + Retry-After)."""

from __future__ import annotations

from web_support import api_headers, make_client

WRONG = "import numpy as np\ndef softmax(x, axis=-1):\n    return np.zeros_like(x)\n"


def test_fresh_seeds_and_identical_probes_refused(tmp_path, grader):
    with make_client(tmp_path, grader, submissions_per_minute=100) as client:
        headers = api_headers(client, "probe")
        seeds, shown = [], set()
        for i in range(16):  # each probe slightly different, as a table-builder would send
            r = client.post("/api/exercises/softmax/attempts", json={"source": f"# probe {i}\n" + WRONG},
                            headers=headers)
            assert r.status_code == 200 and not r.json()["passed"]
            seeds.append(r.json()["seed"])
            shown.add(r.json()["failure"]["inputs"])
        assert len(set(seeds)) == len(seeds)  # no variant comes back to be looked up
        codes = [client.post("/api/exercises/softmax/attempts", json={"source": WRONG}, headers=headers)
                 for _ in range(4)]
        assert [c.status_code for c in codes] == [200, 200, 200, 429]
        assert "exact code" in codes[-1].json()["detail"] and int(codes[-1].headers["Retry-After"]) > 0
        fixed = WRONG.replace("np.zeros_like(x)", "np.exp(x - x.max(axis=axis, keepdims=True)) / "
                                                  "np.exp(x - x.max(axis=axis, keepdims=True)).sum(axis=axis, keepdims=True)")
        r = client.post("/api/exercises/softmax/attempts", json={"source": fixed}, headers=headers)
        assert r.status_code == 200 and r.json()["passed"]  # changed code is graded at once
