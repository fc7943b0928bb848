import pytest
from fastapi.testclient import TestClient

from byhand.web import ServeConfig, create_app

from web_support import csrf_of  # noqa: F401 - re-exported for the tests here


@pytest.fixture(scope="module")
def grader():
    """One real sandboxed pool for the module's apps (isolation as available here)."""
    from byhand.sandbox import Grader

    with Grader(workers=1, require_full_isolation=False) as g:
        yield g


def make_client(tmp_path, grader, **kw):
    config = ServeConfig(data_dir=tmp_path, require_full_isolation=False, grader_workers=1, **kw)
    return TestClient(create_app(config, grader=grader), follow_redirects=False)


def signup(client, username="ada", password="correct horse"):
    page = client.get("/signup")
    r = client.post("/signup", data={"username": username, "password": password, "csrf": csrf_of(page.text)})
    assert r.status_code == 303, r.text
    return r
