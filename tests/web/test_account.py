"""Your account: change the password (every other session and token ends
with it), see where you are signed in and end any of it; revoke an API token."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web_support import PassingGrader, csrf_of, make_client, signup

OLD, NEW = "correct horse battery", "staple lantern orbit moss"


def _token(client, password=OLD):
    r = client.post("/api/token", json={"username": "ada", "password": password})
    return r.json().get("token"), r.status_code


def test_password_change_ends_every_other_session_and_token(tmp_path):
    with make_client(tmp_path, PassingGrader()) as browser:
        signup(browser, "ada", OLD)
        other = TestClient(browser.app, follow_redirects=False)  # a second browser, signed in too
        page = other.get("/signin")
        assert other.post("/signin", data={"username": "ada", "password": OLD,
                                           "csrf": csrf_of(page.text)}).status_code == 303
        token, _ = _token(browser)
        bearer = {"Authorization": f"Bearer {token}"}
        assert browser.get("/api/me", headers=bearer).status_code == 200
        page = browser.get("/account")
        assert page.status_code == 200 and page.text.count("<tr>") == 1 + 3  # header + 2 browsers + 1 token

        csrf = csrf_of(page.text)
        r = browser.post("/account/password", data={"current": "wrong guess", "new": NEW, "csrf": csrf})
        assert r.status_code == 400 and "not your current password" in r.text
        r = browser.post("/account/password", data={"current": OLD, "new": "password1", "csrf": csrf})
        assert r.status_code == 400 and "too easy to guess" in r.text
        r = browser.post("/account/password", data={"current": OLD, "new": NEW, "csrf": csrf})
        assert r.status_code == 200 and "password is changed" in r.text

        assert browser.get("/progress").status_code == 200  # this browser stays signed in
        assert other.get("/progress").status_code == 303  # the other one was signed out
        assert browser.get("/api/me", headers=bearer).status_code == 401  # the token ended too
        assert _token(browser, OLD)[1] == 401 and _token(browser, NEW)[1] == 200


def test_end_one_session_or_all_and_revoke_a_token(tmp_path):
    with make_client(tmp_path, PassingGrader()) as browser:
        signup(browser, "ada", OLD)
        token, _ = _token(browser)
        bearer = {"Authorization": f"Bearer {token}"}
        store = browser.app.state.byhand.store
        uid = store.user_by_name("ada").id
        api_session = next(s for s in store.sessions_of(uid) if s.kind == "api")
        r = browser.post("/account/sessions/end", data={"id": api_session.id, "csrf": csrf_of(browser.get("/account").text)})
        assert r.status_code == 303 and r.headers["location"] == "/account"
        assert browser.get("/api/me", headers=bearer).status_code == 401
        assert browser.get("/progress").status_code == 200

        token, _ = _token(browser)
        bearer = {"Authorization": f"Bearer {token}"}
        assert browser.delete("/api/token", headers=bearer).status_code == 204  # sign out of the API
        assert browser.get("/api/me", headers=bearer).status_code == 401

        # someone else's session id, or garbage, ends nothing
        signup(TestClient(browser.app, follow_redirects=False), "bob", "bob's own long passphrase")
        bob = store.sessions_of(store.user_by_name("bob").id)
        csrf = csrf_of(browser.get("/account").text)
        for forged in (bob[0].id, "x" * 5000, ""):
            browser.post("/account/sessions/end", data={"id": forged, "csrf": csrf})
        assert len(store.sessions_of(store.user_by_name("bob").id)) == 1
        assert browser.get("/progress").status_code == 200

        r = browser.post("/account/sessions/end", data={"id": "all", "csrf": csrf})
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert browser.get("/progress").status_code == 303 and store.sessions_of(uid) == []


def test_the_account_page_in_korean_and_for_nobody(tmp_path):
    with make_client(tmp_path, PassingGrader()) as browser:
        assert browser.get("/account").status_code == 303  # sign in first
        signup(browser, "ada", OLD)
        browser.post("/lang", data={"lang": "ko", "csrf": csrf_of(browser.get("/").text)})
        page = browser.get("/account")
        assert "비밀번호 바꾸기" in page.text and "이 브라우저" in page.text


def test_a_session_or_token_unused_for_a_week_has_ended(tmp_path):
    """ASVS V7.3: an idle timeout (7 days, docs/security.md), on top of the
    30 days from sign-in; a session's last use is kept to the hour."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import update

    from byhand.storage.schema import WebSession
    from web_support import PassingGrader, api_headers, make_client

    with make_client(tmp_path, PassingGrader()) as client:
        headers = api_headers(client, "idle")
        signup(client, "idle2", "a-long-passphrase")
        store = client.app.state.byhand.store
        assert client.get("/api/me", headers=headers).status_code == 200
        assert "idle2" in client.get("/").text

        def last_used(days_ago):
            with store.write() as s:
                s.execute(update(WebSession).values(seen_at=datetime.now(timezone.utc) - timedelta(days=days_ago)))

        last_used(6)  # within the week: still signed in, and its use is written down
        assert client.get("/api/me", headers=headers).status_code == 200 and "idle2" in client.get("/").text
        with store.session() as s:
            seen = sorted(row.seen_at for row in s.query(WebSession))
        recent = [t for t in seen if datetime.now(timezone.utc) - t < timedelta(minutes=5)]
        assert len(recent) == 2 and len(seen) == 3  # the token and idle2's browser; idle's first browser unused
        last_used(8)
        assert client.get("/api/me", headers=headers).status_code == 401
        assert "idle2" not in client.get("/").text


def test_security_events_are_logged_one_line_each_without_secrets(tmp_path, caplog):
    import logging

    from web_support import api_headers

    caplog.set_level(logging.INFO, logger="byhand.security")
    with make_client(tmp_path, PassingGrader()) as client:
        api_headers(client, "logged", "a-long-passphrase")
        forged = "eve\nsignin {\"username\": \"admin\"}"  # a made-up line inside a username
        r = client.post("/api/token", json={"username": forged, "password": "hunter2-hunter2"})
        assert r.status_code == 401
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "byhand.security"]
    assert [line.split(" ", 1)[0] for line in lines] == ["signup", "token", "token-failed"]
    assert all("\n" not in line for line in lines) and '"username": "eve\\nsignin' in lines[-1]
    assert not any("passphrase" in line or "hunter2" in line for line in lines)
    assert '"address": "testclient"' in lines[0]
