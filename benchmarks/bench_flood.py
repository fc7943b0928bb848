"""Anonymous flood benchmark: what unauthenticated clients can cost learners.

    python benchmarks/bench_flood.py [--seconds 20] [--flood-rate 300] [--learner-rate 10] [--addresses 1]

Starts `byhand serve` (multi-user, SQLite), measures signed-in learners'
page views and submission verdicts one at a time (idle), then again while an
open-loop flood of anonymous requests aimed at the expensive parts runs:
why-plots with fresh parameters, sign-ups and sign-ins (argon2, zxcvbn),
the curriculum list, unknown pages, and malformed API bodies.  Prints the
learners' p50/p99 idle and under the flood, and how the flood was answered.
Target: the learners' p99 under the flood within 2x of their idle p99.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent / "tests" / "web")]
from loadgen import GOOD, pct, seed_users  # noqa: E402
from server import running_server  # noqa: E402  (tests/web)

LEARNER_PAGES = ["/", "/exercises/softmax", "/concepts/vector", "/progress"]


def _flood_request(client, rng: random.Random, addresses: int):
    # behind the server's trusted proxy (this benchmark's own address), each
    # request claims one of ``addresses`` client addresses
    a = rng.randrange(addresses)
    h = {"X-Forwarded-For": f"10.{a >> 16 & 255}.{a >> 8 & 255}.{a & 255}"} if addresses > 1 else {}
    kind = rng.randrange(6)
    if kind == 0:
        return client.get(f"/why/why-softmax-subtracts-max/plot.svg?max_score={rng.randrange(101, 5000)}", headers=h)
    if kind == 1:
        return client.post("/signin", data={"username": f"x{rng.randrange(10**6)}", "password": "p" * 50}, headers=h)
    if kind == 2:
        return client.post("/api/token", json={"username": f"y{rng.randrange(10**6)}", "password": "q" * 60},
                           headers=h)
    if kind == 3:
        return client.get("/items", headers=h)
    if kind == 4:
        return client.get(f"/no/such/page/{rng.randrange(10**6)}", headers=h)
    return client.post("/api/exercises/softmax/attempts", data=b'{"source": NaN}',
                       headers={"content-type": "application/json", **h})


async def learners(url: str, users, seconds: float, rate: float) -> dict[str, list[float]]:
    import aiohttp

    out: dict[str, list[float]] = {"page": [], "verdict": [], "refused": []}
    rng = random.Random(1)
    async with aiohttp.ClientSession(url, cookie_jar=aiohttp.DummyCookieJar()) as client:
        async def one(i: int):
            web, api = users[i % len(users)]
            start = time.perf_counter()
            if i % 2:
                ctx = client.get(rng.choice(LEARNER_PAGES), headers={"Cookie": f"byhand_session={web}"})
                kind = "page"
            else:
                ctx = client.post("/api/exercises/softmax/attempts", json={"source": f"# {i}\n{GOOD}"},
                                  headers={"Authorization": f"Bearer {api}"})
                kind = "verdict"
            async with ctx as r:
                await r.read()
                out[kind if r.status == 200 else "refused"].append(time.perf_counter() - start)

        tasks, t0, i = [], time.perf_counter(), 0
        while (now := time.perf_counter() - t0) < seconds:
            await asyncio.sleep(max(0.0, i / rate - now))
            tasks.append(asyncio.create_task(one(i)))
            i += 1
        await asyncio.gather(*tasks)
    return out


async def flood(url: str, seconds: float, rate: float, addresses: int) -> dict[int, int]:
    import aiohttp

    statuses: dict[int, int] = {}
    rng = random.Random(2)
    async with aiohttp.ClientSession(url, connector=aiohttp.TCPConnector(limit=200),
                                     timeout=aiohttp.ClientTimeout(total=60)) as client:
        async def one():
            try:
                async with _flood_request(client, rng, addresses) as r:
                    await r.read()
                    statuses[r.status] = statuses.get(r.status, 0) + 1
            except (aiohttp.ClientError, asyncio.TimeoutError):
                statuses[0] = statuses.get(0, 0) + 1

        tasks, t0, i = [], time.perf_counter(), 0
        while (now := time.perf_counter() - t0) < seconds:
            await asyncio.sleep(max(0.0, i / rate - now))
            tasks.append(asyncio.create_task(one()))
            i += 1
        await asyncio.gather(*tasks)
    return statuses


def flood_elsewhere(url: str, seconds: float, rate: float, addresses: int) -> subprocess.Popen:
    """The flood from a process of its own: on the learners' event loop, its
    hundreds of requests a second would delay the learners' own requests
    client-side and be counted as the server's latency.  It starts flooding
    once it has started up (its imports are not the server's cost)."""
    proc = subprocess.Popen([sys.executable, __file__, "--flood-only", url, "--seconds", str(seconds),
                             "--flood-rate", str(rate), "--addresses", str(addresses)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return proc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--flood-rate", type=float, default=300, help="anonymous requests per second")
    ap.add_argument("--learner-rate", type=float, default=10, help="learners' requests per second (half submissions)")
    ap.add_argument("--addresses", type=int, default=1,
                    help="client addresses the flood comes from (more than 1: claimed through a trusted proxy)")
    ap.add_argument("--flood-only", metavar="URL", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.flood_only:
        import aiohttp  # noqa: F401  (imported before the signal: its import is not the server's cost)

        print("ready", flush=True)
        sys.stdin.readline()
        print(json.dumps(asyncio.run(flood(args.flood_only, args.seconds, args.flood_rate, args.addresses))))
        return
    data = Path(tempfile.mkdtemp(prefix="byhand-flood-"))
    users = seed_users(data, 50)
    proxy = ["--forwarded-allow-ips", "127.0.0.1"] if args.addresses > 1 else []
    with running_server(data, "--workers", "2", *proxy) as url:
        httpx.get(url + "/why/why-softmax-subtracts-max/plot.svg", timeout=60)  # the default drawing, once
        asyncio.run(learners(url, users, 3, args.learner_rate))  # warm-up: first sessions, first gradings
        idle = asyncio.run(learners(url, users, args.seconds, args.learner_rate))
        flooder = flood_elsewhere(url, args.seconds, args.flood_rate, args.addresses)
        flooded = asyncio.run(learners(url, users, args.seconds, args.learner_rate))
        statuses = {int(k): v for k, v in json.loads(flooder.communicate(timeout=300)[0]).items()}
    print(f"machine: {os.cpu_count()} cores; learners {args.learner_rate:.0f} req/s (half submissions); "
          f"anonymous flood {args.flood_rate:.0f} req/s from {args.addresses} address(es); {args.seconds:.0f} s each")
    print(f"{'':28}{'p50 ms':>10}{'p99 ms':>10}{'n':>8}")
    for kind in ("page", "verdict"):
        for label, got in (("idle", idle), ("under the flood", flooded)):
            v = got[kind]
            print(f"{kind + ' ' + label:28}{pct(v, 50) * 1e3:10.1f}{pct(v, 99) * 1e3:10.1f}{len(v):8d}")
        ratio = pct(flooded[kind], 99) / pct(idle[kind], 99)
        print(f"{kind + ' p99 ratio':28}{ratio:10.2f}   (target ≤ 2)")
    print(f"learners' requests not answered 200: {len(idle['refused'])} idle, {len(flooded['refused'])} under the flood")
    print("flood answered:", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())),
          "(from a process of its own, on the same two cores)")


if __name__ == "__main__":
    main()
