"""Simulated learners for the web benchmarks (bench_web, bench_flood, bench_scale).

- ``seed_users``: learners' accounts and sessions written straight into a
  database (SQLite in a data folder, or a database URL);
- ``open_loop``: page views and code submissions started on schedule,
  whatever the latency (an open loop: a slow server does not slow the
  offered load down, as real learners would not);
- ``closed_loop``: ``clients`` learners each sending the next request as
  soon as the last is answered (the most the server sustains).

aiohttp is the client: it costs less CPU per request than httpx, and the
generator shares the machine with the servers.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
WRONG = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
CRASH = "def softmax(x, axis=-1):\n    return undefined_name\n"
SOURCES = [GOOD] * 5 + [WRONG] * 4 + [CRASH]
PAGES = ["/", "/exercises/softmax", "/concepts/vector", "/items", "/drills/eigenvalues-2x2?seed=3",
         "/exercises/layer_norm", "/concepts/eigenvalue"]
# the door's budgets (sign-ins, submissions, requests per learner) are other benchmarks' subject
NO_LIMITS = ["--submissions-per-minute", "100000", "--signins-per-minute", "100000", "--anonymous-requests", "0",
             "--learner-requests", "0", "--anonymous-per-second", "0"]


def seed_users(data_dir: Path, n: int, database: str | None = None) -> list[tuple[str, str]]:
    """(cookie token, API token) per learner, written straight into the
    database (``database``, or SQLite in ``data_dir``)."""
    from byhand.services.data import progress_database
    from byhand.storage import Store
    from byhand.web import auth

    store = Store(database or progress_database(data_dir))
    hashed = auth.hash_password("benchmark-password")
    out = []
    for i in range(n):
        uid = store.create_user(f"learner{i:04d}", hashed) or store.user_by_name(f"learner{i:04d}").id
        web, _ = auth.new_session(store, uid, "web", 1)
        api, _ = auth.new_session(store, uid, "api", 1)
        out.append((web, api))
    store.close()
    return out


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


@dataclass
class Load:
    """What one run of simulated learners saw (seconds)."""

    ok: dict[str, list[float]] = field(default_factory=lambda: {"page": [], "submit": []})
    refused: list[float] = field(default_factory=list)  # 503 "graders busy, retry": how long it took to come
    refused_with_retry_after: int = 0
    errors: dict[str, int] = field(default_factory=lambda: {"page": 0, "submit": 0})
    statuses: dict[str, int] = field(default_factory=dict)
    offered: dict[str, int] = field(default_factory=lambda: {"page": 0, "submit": 0})
    slowest: dict[str, float] = field(default_factory=lambda: {"page": 0.0, "submit": 0.0})  # any answer or error
    wall: float = 0.0


async def _one(client, load: Load, rng: random.Random, users, kind: str) -> None:
    import aiohttp

    web, api = users[rng.randrange(len(users))]
    start = time.perf_counter()
    retry_after = False
    try:
        if kind == "page":
            ctx = client.get(rng.choice(PAGES), headers={"Cookie": f"byhand_session={web}"})
        else:  # learners edit between tries: the same failing code resent would be refused (429)
            ctx = client.post("/api/exercises/softmax/attempts",
                              json={"source": f"# try {rng.random()}\n" + rng.choice(SOURCES)},
                              headers={"Authorization": f"Bearer {api}"})
        async with ctx as r:
            await r.read()
            status = r.status
            retry_after = "Retry-After" in r.headers
        load.statuses[f"{kind} {status}"] = load.statuses.get(f"{kind} {status}", 0) + 1
    except (aiohttp.ClientError, asyncio.TimeoutError) as e:
        status = 0
        load.statuses[f"{kind} {type(e).__name__}"] = load.statuses.get(f"{kind} {type(e).__name__}", 0) + 1
    elapsed = time.perf_counter() - start
    load.slowest[kind] = max(load.slowest[kind], elapsed)
    if status == 200:
        load.ok[kind].append(elapsed)
    elif kind == "submit" and status == 503:
        load.refused.append(elapsed)
        load.refused_with_retry_after += retry_after
    else:
        load.errors[kind] += 1


def _session(url: str, timeout: float):
    import aiohttp

    return aiohttp.ClientSession(url, connector=aiohttp.TCPConnector(limit=1000),
                                 timeout=aiohttp.ClientTimeout(total=timeout), cookie_jar=aiohttp.DummyCookieJar())


async def _stream(client, load: Load, rng, users, kind: str, rate: float, seconds: float) -> None:
    tasks, t0, i = [], time.perf_counter(), 0
    while (now := time.perf_counter() - t0) < seconds:
        # always yield: when behind schedule, the requests already due must get to run
        await asyncio.sleep(max(0.0, i / rate - now))
        tasks.append(asyncio.create_task(_one(client, load, rng, users, kind)))
        i += 1
    load.offered[kind] = i
    await asyncio.gather(*tasks)


async def open_loop(url: str, users, seconds: float, submit_rate: float, page_rate: float,
                    timeout: float = 60) -> Load:
    """Page views at ``page_rate``/s and submissions at ``submit_rate``/s for
    ``seconds``, each started on schedule; a request unanswered after
    ``timeout`` s counts as an error (the client gives up)."""
    load, rng = Load(), random.Random(0)
    async with _session(url, timeout) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*[_stream(client, load, rng, users, kind, rate, seconds)
                               for kind, rate in (("page", page_rate), ("submit", submit_rate)) if rate])
        load.wall = time.perf_counter() - t0
    return load


async def closed_loop(url: str, users, seconds: float, clients: int, kind: str = "submit",
                      timeout: float = 60) -> Load:
    """``clients`` learners each sending the next ``kind`` request ("submit"
    or "page") as soon as the last is answered, for ``seconds`` (after a 503,
    0.1 s later): the most the server sustains of that kind."""
    load, rng = Load(), random.Random(1)
    async with _session(url, timeout) as client:
        t0 = time.perf_counter()

        async def learner():
            while time.perf_counter() - t0 < seconds:
                before = len(load.ok[kind])
                load.offered[kind] += 1
                await _one(client, load, rng, users, kind)
                if len(load.ok[kind]) == before:
                    await asyncio.sleep(0.1)

        await asyncio.gather(*[learner() for _ in range(clients)])
        load.wall = time.perf_counter() - t0
    return load
