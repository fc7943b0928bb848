"""The grading service a web process uses when grading happens on a fleet
of workers (``byhand serve --broker redis://HOST:PORT/N``).

:class:`GradingFleet` sends each :class:`~byhand.jobs.GradeRequest` to the
``byhand.grade`` Celery task and awaits its result without holding a
thread: before sending, it subscribes (one asyncio Redis connection per
event loop) to the channel on which Celery's Redis result backend
publishes the task's result, and the answer arrives on the event loop.
Sending is one short call to the broker, off the loop.

Backpressure is decided here, before anything is sent, from what a
watcher thread reads every :data:`WATCH_EVERY` seconds: the live workers
(their heartbeats, broker.py) and their capacity, and the queue's depth.
With no live worker, or with as many requests queued as ``max_waiting``
(four per grading slot of the live workers), ``submit`` answers
``unavailable`` at once (the web's 503 + Retry-After), as it does when the
broker cannot be reached or a grading does not come back in time; nothing
is recorded against the learner then.  When Redis or the workers come
back, so does grading: every connection is made again on demand.

A grading is bounded: it waits in the queue at most
``redelivery_after + GRADING_BOUND`` seconds (then the message expires
unread) and is answered within twice that (a worker that died holding it
gives it to another after ``redelivery_after``).
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..grading.result import GradeResult
from .broker import DEFAULT_REDELIVERY, GRADING_BOUND, HEARTBEAT_PATTERN, QUEUE, TASK, fleet_app
from .grading import GradeRequest, unavailable

__all__ = ["FleetStatus", "GradingFleet", "fleet_status"]

WATCH_EVERY = 0.5  # seconds between the watcher's looks at the fleet


@dataclass
class FleetStatus:
    """What the broker says of the fleet now."""

    reachable: bool
    workers: list[dict] = field(default_factory=list)  # each live worker's heartbeat
    queued: int = 0  # requests waiting for a worker
    dead_letters: int = 0
    error: str = ""

    @property
    def size(self) -> int:
        return sum(int(w.get("size", 0)) for w in self.workers)


def fleet_status(client) -> FleetStatus:
    """Read the fleet's state from Redis (``client``: a redis.Redis)."""
    import redis

    from .broker import DEAD_LETTER

    try:
        keys = list(client.scan_iter(match=HEARTBEAT_PATTERN, count=1000))
        beats = client.mget(keys) if keys else []
        workers = []
        for raw in beats:
            try:
                workers.append(json.loads(raw))
            except (TypeError, ValueError):
                continue  # expired between the scan and the read, or not ours
        return FleetStatus(True, sorted(workers, key=lambda w: str(w.get("hostname"))), int(client.llen(QUEUE)),
                           int(client.llen(DEAD_LETTER)))
    except redis.RedisError as exc:
        return FleetStatus(False, error=f"{type(exc).__name__}: {exc}")


class _Results:
    """The results awaited on one event loop: one subscribed connection,
    one reader task handing each result to its waiter."""

    def __init__(self, url: str):
        import redis.asyncio as aioredis

        self.client = aioredis.Redis.from_url(url, socket_connect_timeout=2)
        self.pubsub = self.client.pubsub()
        self.waiters: dict[str, asyncio.Future] = {}
        self.reader: asyncio.Task | None = None
        self.broken = False
        # one (un)subscription at a time: two first subscriptions at once would each open a
        # connection, and the results published to the second would never be read
        self.lock = asyncio.Lock()

    async def expect(self, channel: str) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiters[channel] = future
        async with self.lock:
            await self.pubsub.subscribe(channel)
        if self.reader is None or self.reader.done():
            self.reader = asyncio.ensure_future(self._read())
        return future

    async def forget(self, channel: str) -> None:
        self.waiters.pop(channel, None)
        if not self.broken:
            try:
                async with self.lock:
                    await self.pubsub.unsubscribe(channel)
            except Exception:  # noqa: BLE001 - the connection has gone: _read marks it broken
                self.broken = True

    async def _read(self) -> None:
        try:
            while self.waiters:
                message = await self.pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                channel = message["channel"]
                channel = channel.decode() if isinstance(channel, bytes) else channel
                future = self.waiters.get(channel)
                if future is not None and not future.done():
                    future.set_result(message["data"])
        except Exception as exc:  # noqa: BLE001 - Redis went away: every waiter learns it now
            self.broken = True
            for future in self.waiters.values():
                if not future.done():
                    future.set_exception(ConnectionError(str(exc)))

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        try:
            await self.pubsub.aclose()
            await self.client.aclose()
        except Exception:  # noqa: BLE001 - closing a connection that has gone
            pass


class GradingFleet:
    """A :class:`~byhand.jobs.GradingService` over Celery workers (``byhand worker``)."""

    def __init__(self, broker: str, *, max_waiting: int | None = None,
                 redelivery_after: float = DEFAULT_REDELIVERY):
        import redis

        self.broker = broker
        self.app = fleet_app(broker, redelivery_after=redelivery_after)
        self.redelivery_after = redelivery_after
        self._max_waiting = max_waiting
        self._redis = redis.Redis.from_url(broker, socket_timeout=2, socket_connect_timeout=2)
        self._status = fleet_status(self._redis)
        self._results: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Results]" = weakref.WeakKeyDictionary()
        self._closed = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="byhand-fleet-watch", daemon=True)
        self._watcher.start()

    # -- the fleet's facts (from the watcher's last look) ------------------------------

    @property
    def status(self) -> FleetStatus:
        return self._status

    @property
    def size(self) -> int:
        return self._status.size

    @property
    def max_waiting(self) -> int:
        return 4 * self.size if self._max_waiting is None else self._max_waiting

    @property
    def protections(self) -> tuple[str, ...]:
        """The protections every live worker has (what a verdict can promise)."""
        workers = self._status.workers
        if not workers:
            return ()
        common = set(workers[0].get("protections", []))
        for w in workers[1:]:
            common &= set(w.get("protections", []))
        return tuple(p for p in workers[0].get("protections", []) if p in common)

    def alive(self) -> int:
        return len(self._status.workers)

    def saturated(self) -> bool:
        s = self._status
        return not s.reachable or not s.workers or s.queued >= self.max_waiting

    def _watch(self) -> None:
        while not self._closed.wait(WATCH_EVERY):
            self._status = fleet_status(self._redis)

    # -- the service ----------------------------------------------------------------

    @property
    def wait_bound(self) -> float:
        """The longest a request waits for its answer."""
        return 2 * (self.redelivery_after + GRADING_BOUND)

    async def submit(self, request: GradeRequest) -> GradeResult:
        """The :class:`GradingService` interface: never raises for a learner's code."""
        if self.saturated():
            return unavailable(request)
        task_id = uuid.uuid4().hex
        channel = self.app.backend.get_key_for_task(task_id).decode()
        results = self._results_here()
        try:
            future = await results.expect(channel)
        except Exception:  # noqa: BLE001 - Redis unreachable
            self._drop(results)
            return unavailable(request)
        try:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self._send, task_id, request)
            payload = await asyncio.wait_for(future, self.wait_bound)
            return self._decode(payload, request)
        except Exception:  # noqa: BLE001 - the broker, the connection or the time: not graded, try again
            if results.broken:
                self._drop(results)
            return unavailable(request)
        finally:
            await results.forget(channel)

    def _send(self, task_id: str, request: GradeRequest) -> None:
        self.app.send_task(TASK, args=[request.to_dict()], task_id=task_id, queue=QUEUE,
                           expires=self.redelivery_after + GRADING_BOUND, retry=False)

    def _decode(self, payload: Any, request: GradeRequest) -> GradeResult:
        meta = self.app.backend.decode_result(payload)
        if meta.get("status") != "SUCCESS" or not isinstance(meta.get("result"), dict):
            return unavailable(request)
        result = meta["result"]
        if "error" in result:
            return unavailable(request)
        return GradeResult.from_dict(result)

    def _results_here(self) -> _Results:
        key = asyncio.get_running_loop()
        results = self._results.get(key)
        if results is None or results.broken:
            results = self._results[key] = _Results(self.broker)
        return results

    def _drop(self, results: _Results) -> None:
        for key, r in list(self._results.items()):
            if r is results:
                del self._results[key]
        asyncio.ensure_future(results.close())

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        self._closed.set()
        try:
            self._redis.close()
        except Exception:  # noqa: BLE001
            pass

    def __enter__(self) -> "GradingFleet":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
