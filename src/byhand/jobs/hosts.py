"""The grading service a server uses: gradings done in grading processes.

:class:`GradingHosts` starts ``hosts`` processes (``python -m
byhand.jobs.host``), each holding the curriculum and a :class:`Grader` (the
judge and its sandbox pool), and sends each :class:`GradeRequest` to the
least busy one as a JSON line.  The calling process (the web) keeps only the
bookkeeping: cases, expected outputs, diagnosis and rendering all happen in
the hosts, and a request is plain data both ways, as it will be to a fleet
on other machines.

Backpressure is decided here, before anything is sent: when every host's
workers are grading and ``max_waiting`` requests wait, ``submit`` answers
``unavailable`` at once (the web's 503 + Retry-After).  A host that dies or
stops answering is killed and started again; the requests it held are
answered ``unavailable`` (nothing is recorded against the learner) rather
than left waiting.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import select
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from typing import Any

from ..errors import ByhandError
from ..grading.result import GradeResult
from ..sandbox.pool import SandboxUnavailable
from .grading import GradeRequest, unavailable

__all__ = ["GradingHosts"]

STARTUP_TIMEOUT = 120.0  # importing NumPy/SciPy and starting zygotes on a slow, loaded machine
# No grading takes this long (the sandbox stops each case at its time
# limit); a host that has not answered by then is stuck and is replaced.
ANSWER_TIMEOUT = 300.0
MAX_ANSWER = 16 * 1024 * 1024  # results are small (values are rendered at most 2,000 characters)
HOST_NICE = 5


class _Host:
    """One grading process and the requests it holds."""

    def __init__(self, config: dict):
        self.config = config
        self.pending: dict[int, tuple[Future, float]] = {}  # id -> (future, deadline)
        self.lock = threading.Lock()
        self.ready: dict | None = None
        self.proc = self._spawn()
        self._buffer = b""

    def _spawn(self) -> subprocess.Popen:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        return subprocess.Popen([sys.executable, "-m", "byhand.jobs.host", json.dumps(self.config)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)

    def read_ready(self, timeout: float) -> dict:
        line = self._read_line(time.monotonic() + timeout)
        if line is None:
            raise ByhandError("a grading process did not start in time")
        message = json.loads(line)
        if "error" in message:
            raise SandboxUnavailable(message["error"])
        self.ready = message
        return message

    def _read_line(self, deadline: float) -> bytes | None:
        """The next line from the host, or None at EOF or past ``deadline``."""
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or len(self._buffer) > MAX_ANSWER:
                return None
            readable, _, _ = select.select([fd], [], [], min(remaining, 0.5))
            if readable:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def poll_lines(self, timeout: float) -> list[bytes] | None:
        """Lines available within ``timeout``; None when the host has gone."""
        fd = self.proc.stdout.fileno()
        readable, _, _ = select.select([fd], [], [], timeout)
        if not readable:
            return []
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return None
        self._buffer += chunk
        if len(self._buffer) > MAX_ANSWER and b"\n" not in self._buffer:
            return None
        *lines, self._buffer = self._buffer.split(b"\n")
        return lines

    def send(self, job_id: int, request: GradeRequest, future: Future, deadline: float) -> bool:
        line = (json.dumps({"id": job_id, "request": request.to_dict()}) + "\n").encode()
        with self.lock:
            self.pending[job_id] = (future, deadline)
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            with self.lock:
                self.pending.pop(job_id, None)
            return False

    def take(self, job_id: int) -> Future | None:
        with self.lock:
            entry = self.pending.pop(job_id, None)
        return entry[0] if entry else None

    def overdue(self) -> bool:
        now = time.monotonic()
        with self.lock:
            return any(deadline < now for _, deadline in self.pending.values())

    def drain(self) -> list[Future]:
        with self.lock:
            futures = [f for f, _ in self.pending.values()]
            self.pending.clear()
        return futures

    def load(self) -> int:
        with self.lock:
            return len(self.pending)

    def kill(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass


class GradingHosts:
    """A :class:`~byhand.jobs.GradingService` over grading processes.

    ``hosts`` processes each run ``Grader(workers, scipy_workers, ...)``
    (keyword arguments are passed on), so ``size = hosts × (workers +
    scipy_workers)`` gradings run at once and ``max_waiting`` more may wait.
    """

    def __init__(self, hosts: int = 1, *, workers: int = 2, scipy_workers: int = 1,
                 max_waiting: int | None = None, nice: int = HOST_NICE, **grader_options: Any):
        if hosts < 1:
            raise ValueError("hosts must be at least 1")
        self._config = dict(workers=workers, scipy_workers=scipy_workers, nice=nice, **grader_options)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False
        self.restarted = 0  # hosts lost and started again so far
        self._hosts = [_Host(self._config) for _ in range(hosts)]  # all start in parallel
        try:
            readies = [h.read_ready(STARTUP_TIMEOUT) for h in self._hosts]
        except BaseException:
            for h in self._hosts:
                h.kill()
            raise
        first = readies[0]
        self.size = sum(r["size"] for r in readies)
        self.max_waiting = 4 * self.size if max_waiting is None else max_waiting
        self.protections: tuple[str, ...] = tuple(first["protections"])
        self.missing: dict[str, str] = dict(first["missing"])
        self._readers = [threading.Thread(target=self._read, args=(i,), name=f"byhand-host-{i}", daemon=True)
                         for i in range(hosts)]
        for t in self._readers:
            t.start()

    # -- facts ----------------------------------------------------------------------

    def missing_protections(self) -> tuple[str, ...]:
        from ..sandbox import isolation

        return tuple(p for p in isolation.FULL if p not in self.protections)

    def pids(self) -> list[int]:
        """The grading processes' pids (they change when a host is replaced)."""
        with self._lock:
            return [h.proc.pid for h in self._hosts]

    def alive(self) -> int:
        """Hosts running and answering (a lost one leaves the count until replaced)."""
        with self._lock:
            return sum(h.proc.poll() is None and h.ready is not None for h in self._hosts)

    def in_flight(self) -> int:
        with self._lock:
            return sum(h.load() for h in self._hosts)

    def saturated(self) -> bool:
        return self.in_flight() >= self.size + self.max_waiting

    # -- the service ----------------------------------------------------------------

    async def submit(self, request: GradeRequest) -> GradeResult:
        """The :class:`GradingService` interface: never raises for a learner's code."""
        return await asyncio.wrap_future(self.send(request))

    def grade(self, request: GradeRequest) -> GradeResult:
        """:meth:`submit` for a caller without an event loop (blocking)."""
        return self.send(request).result()

    def send(self, request: GradeRequest) -> Future:
        future: Future = Future()
        future.request = request  # what an unavailable answer needs, should the host be lost
        with self._lock:
            if self._closed or sum(h.load() for h in self._hosts) >= self.size + self.max_waiting:
                future.set_result(unavailable(request))
                return future
            host = min((h for h in self._hosts if h.ready is not None), key=_Host.load, default=None)
            if host is None:  # every host is being replaced
                future.set_result(unavailable(request))
                return future
            job_id = next(self._ids)
            sent = host.send(job_id, request, future, time.monotonic() + ANSWER_TIMEOUT)
        if not sent:  # the host died just now: its reader replaces it
            future.set_result(unavailable(request))
        return future

    # -- the readers ----------------------------------------------------------------

    def _read(self, index: int) -> None:
        while not self._closed:
            host = self._hosts[index]
            try:
                lines = host.poll_lines(0.5)
            except (OSError, ValueError):  # closed under us
                lines = None
            if lines is None or host.proc.poll() is not None or host.overdue():
                if self._closed:
                    return
                self._replace(index, host)
                continue
            for line in lines:
                self._answer(host, line)

    def _answer(self, host: _Host, line: bytes) -> None:
        try:
            message = json.loads(line)
            future = host.take(message["id"])
        except (ValueError, KeyError, TypeError):
            return
        if future is None:
            return
        try:
            future.set_result(GradeResult.from_dict(message["result"]))
        except (KeyError, TypeError, ValueError):  # the host could not grade it
            future.set_result(unavailable(future.request))

    def _replace(self, index: int, host: _Host) -> None:
        host.kill()
        for future in host.drain():
            future.set_result(unavailable(future.request))
        fresh = _Host(self._config)
        with self._lock:
            self._hosts[index] = fresh  # not used until ready (send skips it)
            self.restarted += 1
        try:
            fresh.read_ready(STARTUP_TIMEOUT)
        except Exception:  # noqa: BLE001 - retried by the next turn of the loop
            time.sleep(1.0)

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            hosts = list(self._hosts)
        for h in hosts:
            for future in h.drain():
                future.set_result(unavailable(future.request))
            h.kill()

    def __enter__(self) -> "GradingHosts":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
