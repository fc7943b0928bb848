"""Roles: every account starts as a learner; `byhand admin role` grants
teacher or admin on the server's database; the API tells a client its role."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from web_support import api_headers, make_client, signup


def _admin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "byhand", "admin", "role", *args], capture_output=True, text=True,
                          env={**os.environ, "BYHAND_LANG": "en"})


@pytest.mark.slow  # CLI processes: integration
def test_roles_are_granted_from_the_command_line(tmp_path, grader):
    with make_client(tmp_path, grader) as client:
        headers = api_headers(client, "mentor")
        assert client.get("/api/me", headers=headers).json() == {"username": "mentor", "role": "learner", "lang": "en"}
        r = _admin("mentor", "teacher", "--data", str(tmp_path))
        assert r.returncode == 0 and "mentor is now teacher" in r.stdout
        assert client.get("/api/me", headers=headers).json()["role"] == "teacher"
    nobody = _admin("nobody", "admin", "--data", str(tmp_path))
    assert nobody.returncode == 2 and nobody.stderr.count("\n") == 1 and "no user named 'nobody'" in nobody.stderr
    bad = _admin("mentor", "king", "--data", str(tmp_path))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_require_role_guards_a_page_and_an_api_route(tmp_path, grader):
    from fastapi import APIRouter, Depends
    from fastapi.responses import PlainTextResponse

    from byhand.web.deps import require_role

    teachers = require_role("teacher", "admin")
    router = APIRouter()

    @router.get("/teaching", dependencies=[Depends(teachers)])
    def page():
        return PlainTextResponse("class list")

    @router.get("/api/teaching")
    def api(user=Depends(teachers)):
        return {"username": user.username}

    client = make_client(tmp_path, grader)
    client.app.include_router(router)
    with client:
        assert client.get("/teaching").status_code == 403  # anonymous
        assert client.get("/api/teaching").status_code == 401  # no token
        signup(client, "mentor", "a-long-passphrase")  # signed in on the pages, and a token for the API
        token = client.post("/api/token", json={"username": "mentor", "password": "a-long-passphrase"}).json()
        headers = {"Authorization": f"Bearer {token['token']}"}
        assert client.get("/teaching").status_code == 403  # a learner
        assert client.get("/api/teaching", headers=headers).status_code == 403
        client.app.state.byhand.store.set_role("mentor", "teacher")
        assert client.get("/teaching").text == "class list"
        assert client.get("/api/teaching", headers=headers).json() == {"username": "mentor"}
