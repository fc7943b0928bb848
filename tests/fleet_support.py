"""The grading fleet's real parts for tests and benchmarks: a `redis-server`
process on a free loopback port (Debian's redis-server; CI installs and
requires it: BYHAND_REQUIRE_FLEET=1 makes its absence a failure, not a
skip) and `byhand worker` processes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator

import pytest

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
REDELIVERY = "65"  # seconds: just above the longest grading (jobs/broker.py GRADING_BOUND), to keep the tests short


def require_redis() -> None:
    if not os.path.exists(REDIS):
        if os.environ.get("BYHAND_REQUIRE_FLEET") == "1":
            pytest.fail("redis-server is required for the fleet tests in CI (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    from importlib.util import find_spec

    if find_spec("celery") is None or find_spec("redis") is None:
        if os.environ.get("BYHAND_REQUIRE_FLEET") == "1":
            pytest.fail("celery and redis are required for the fleet tests in CI (pip install -e '.[test]')")
        pytest.skip("pip install 'byhand[fleet]' for the fleet tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server process (no persistence) that a test may stop and start again on the same port."""

    def __init__(self):
        self.port = _free_port()
        self.dir = tempfile.mkdtemp(prefix="byhand-redis-")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen([REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
                                      "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=1).ping()
                return
            except redis.RedisError:
                assert time.monotonic() < deadline and self.proc.poll() is None, "redis-server did not start"
                time.sleep(0.1)

    def stop(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(20)


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    require_redis()
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.dir, ignore_errors=True)


class Worker:
    """A `byhand worker` process."""

    def __init__(self, broker: str, name: str, *extra: str):
        self.name = name
        self.log = tempfile.NamedTemporaryFile(prefix=f"byhand-{name}-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([sys.executable, "-m", "byhand", "worker", "--broker", broker, "--hostname",
                                      name, "--concurrency", "1", "--redelivery-after", REDELIVERY,
                                      "--allow-partial-isolation", *extra],  # as available here, as the web tests
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL to the worker and everything it started (its sandbox pool): a machine lost mid-work."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(20)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()


@contextmanager
def workers(broker: str, *names: str) -> Iterator[list[Worker]]:
    """``byhand worker`` processes, each live in the fleet (its heartbeat seen) before this yields."""
    import redis

    from byhand.jobs.broker import heartbeat_key

    started = [Worker(broker, name) for name in names]
    try:
        client = redis.Redis.from_url(broker)
        deadline = time.monotonic() + 120
        for w in started:
            while not client.exists(heartbeat_key(w.name)):
                assert w.proc.poll() is None, f"{w.name} exited: {w.output()[-2000:]}"
                assert time.monotonic() < deadline, f"{w.name} did not start: {w.output()[-2000:]}"
                time.sleep(0.2)
        client.close()
        yield started
    finally:
        for w in started:
            w.stop()
