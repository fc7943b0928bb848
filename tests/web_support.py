"""Helpers shared by the web tests."""

import re

from fastapi.testclient import TestClient

from byhand.web import ServeConfig, create_app

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    m = CSRF.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


# The door's request budgets (web/budget.py) count on the wall clock: a test's
# burst of requests on a fast machine would meet them now and then.  They are
# off here unless a test sets them; test_budget.py and test_shedding.py do.
NO_DOOR = dict(anonymous_requests=0, learner_requests=0, anonymous_total=0)


def make_client(tmp_path, grader, **kw):
    config = ServeConfig(data_dir=tmp_path, require_full_isolation=False, grader_workers=1, **{**NO_DOOR, **kw})
    return TestClient(create_app(config, grader=grader), follow_redirects=False)


def signup(client, username="ada", password="correct horse"):
    page = client.get("/signup")
    r = client.post("/signup", data={"username": username, "password": password, "csrf": csrf_of(page.text)})
    assert r.status_code == 303, r.text
    return r


def api_headers(client, username: str, password: str = "a-long-passphrase") -> dict:
    """Sign ``username`` up, then the API's bearer header for them (the
    client's cookies are cleared: the API goes by the token alone)."""
    client.cookies.clear()
    signup(client, username, password)
    client.cookies.clear()
    token = client.post("/api/token", json={"username": username, "password": password}).json()["token"]
    return {"Authorization": f"Bearer {token}"}


class PassingGrader:
    """A fake grading service that passes everything at once: for tests of
    the web's own rules, where the real graders would only add time (the
    integration tests use real grading processes)."""

    size, max_waiting = 2, 8

    def __init__(self):
        self.requests = []

    def saturated(self) -> bool:
        return False

    async def submit(self, request):
        from byhand.grading.result import GradeResult

        self.requests.append(request)
        return GradeResult(exercise_id=request.exercise_id, passed=True, status="passed", message="ok",
                           lang=request.lang, cases_passed=1, cases_total=1, seed=request.seed)

    def close(self) -> None:
        pass


def variant_of(html: str) -> str:
    """The drill variant a page issued (its hidden form field)."""
    m = re.search(r'name="variant" value="([^"]+)"', html)
    assert m, "no drill variant in the page"
    return m.group(1)
