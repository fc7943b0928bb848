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
    assert threads["hash_password"] == {"byhand-hashing_0"}  # its own thread, at low priority (web/hashing.py)
    loop_threads = {name for names in threads.values() for name in names
                    if not name.startswith(("AnyIO worker", "byhand-hashing"))}
    assert loop_threads == set(), threads


def test_the_hashing_thread_runs_at_low_priority_and_bounds_its_queue():
    import asyncio
    import os

    import pytest

    from byhand.web.hashing import NICE, HashingBusy, PasswordHashing

    hashing = PasswordHashing(queue=2, per_10_seconds=1000)

    async def go():
        nice = await hashing.run(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        gate = threading.Event()
        first = asyncio.ensure_future(hashing.run(gate.wait))
        second = asyncio.ensure_future(hashing.run(lambda: "second"))
        await asyncio.sleep(0.05)
        with pytest.raises(HashingBusy):
            await hashing.run(lambda: "third")
        gate.set()
        return nice, await first, await second

    try:
        nice, first, second = asyncio.run(go())
    finally:
        hashing.close()
    assert nice == os.getpriority(os.PRIO_PROCESS, 0) + NICE or nice == 19
    assert (first, second) == (True, "second")
    slow = PasswordHashing(per_10_seconds=3)

    async def many():
        return [await slow.run(lambda: "ok") for _ in range(3)], slow

    try:
        done, _ = asyncio.run(many())
        with pytest.raises(HashingBusy):  # the fourth in the same ten seconds
            asyncio.run(slow.run(lambda: "ok"))
    finally:
        slow.close()
    assert done == ["ok"] * 3
