"""Nothing slow runs on the event loop: password hashing and database calls
of the async pages happen in worker threads (a sign-up once stalled an
unrelated static file for ~0.7 s)."""

from __future__ import annotations

import threading

from byhand.storage import Store
from byhand.web import auth
from web_support import csrf_of, make_client


def test_hashing_and_database_calls_run_off_the_loop(tmp_path, grader, monkeypatch):
    threads: dict[str, set[str]] = {}

    def spy(name, fn):
        def wrapper(*a, **k):
            threads.setdefault(name, set()).add(threading.current_thread().name)
            return fn(*a, **k)
        return wrapper

    monkeypatch.setattr(auth, "hash_password", spy("hash_password", auth.hash_password))
    for method in ("session_user", "create_user", "create_session", "delete_session", "set_user_fields"):
        monkeypatch.setattr(Store, method, spy(method, getattr(Store, method)))
    with make_client(tmp_path, grader) as client:
        page = client.get("/signup")
        client.post("/signup", data={"username": "loop", "password": "a-long-passphrase",
                                     "csrf": csrf_of(page.text)})
        page = client.get("/")
        client.post("/lang", data={"lang": "ko", "csrf": csrf_of(page.text)})
        page = client.get("/")
        client.post("/signout", data={"csrf": csrf_of(page.text)})
    assert {"hash_password", "session_user", "create_user", "create_session", "delete_session",
            "set_user_fields"} <= set(threads)
    loop_threads = {name for names in threads.values() for name in names if not name.startswith("AnyIO worker")}
    assert loop_threads == set(), threads
