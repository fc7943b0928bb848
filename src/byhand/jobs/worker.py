"""A grading worker of the fleet: ``byhand worker --broker redis://HOST:PORT/N``.

It holds the curriculum and one :class:`~byhand.jobs.Grader` (the judge and
a warm sandbox pool of ``concurrency`` NumPy workers and one SciPy worker)
and no database credentials: what it knows of a learner is the request in
hand.  It takes ``byhand.grade`` tasks from the broker (Celery's thread
pool: one thread per sandbox worker, each running a grading the sandbox
bounds), and returns each result as the task's result (broker.py says how
a message survives a worker's death).

Beside Celery, in Redis:

* a heartbeat every :data:`~byhand.jobs.broker.HEARTBEAT_EVERY` seconds,
  ``byhand:fleet:worker:<hostname>`` = its size, protections, pid and
  redelivery time, expiring after three missed beats: the web counts live
  workers and their capacity from these, and ``byhand doctor --broker``
  lists them;
* how many times each task has been delivered, and to whom last
  (``byhand:fleet:deliveries:<task id>``): a request whose workers
  died :data:`~byhand.jobs.broker.MAX_DELIVERIES` times is not graded again
  but set aside in the dead-letter list, and its answer says so.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from datetime import datetime, timezone
from typing import Any

from .broker import (DEAD_LETTER, DEAD_LETTER_KEPT, DEFAULT_REDELIVERY, HEARTBEAT_EVERY, MAX_DELIVERIES, QUEUE,
                     TASK, deliveries_key, fleet_app, heartbeat_key)

__all__ = ["run_worker"]


def grade_task(grader, redis_client, task_id: str, data: Any, hostname: str = "") -> dict:
    """One delivery of a grading task: the result as a dict (never raises
    for a request: a malformed one, or one past its deliveries, is answered
    as such)."""
    from ..grading.result import GradeResult
    from .grading import GradeRequest, dead_letter, unavailable

    try:
        request = GradeRequest.from_dict(data)
    except ValueError:
        return {"error": "malformed grade request"}
    key = deliveries_key(task_id)  # a hash: how many times delivered, and to which worker last
    with redis_client.pipeline() as pipe:
        pipe.hincrby(key, "count", 1)
        pipe.hset(key, "worker", hostname)
        pipe.expire(key, 86400)
        deliveries = int(pipe.execute()[0])
    if deliveries > MAX_DELIVERIES:
        record = {"task_id": task_id, "request": request.to_dict(), "deliveries": deliveries - 1,
                  "at": datetime.now(timezone.utc).isoformat()}
        with redis_client.pipeline() as pipe:
            pipe.lpush(DEAD_LETTER, json.dumps(record))
            pipe.ltrim(DEAD_LETTER, 0, DEAD_LETTER_KEPT - 1)
            pipe.execute()
        return dead_letter(request, deliveries - 1).to_dict()
    try:
        result: GradeResult = grader.grade_request(request)
    except Exception:  # noqa: BLE001 - the request's answer, not the worker's end
        return unavailable(request).to_dict()
    return result.to_dict()


class Heartbeat(threading.Thread):
    """Says every few seconds that this worker lives, with what it offers."""

    def __init__(self, redis_client, hostname: str, facts: dict):
        super().__init__(name="byhand-heartbeat", daemon=True)
        self.redis, self.key, self.facts = redis_client, heartbeat_key(hostname), facts
        self.stopped = threading.Event()

    def beat(self) -> None:
        self.redis.set(self.key, json.dumps(self.facts), ex=int(3 * HEARTBEAT_EVERY) + 1)

    def run(self) -> None:
        while not self.stopped.wait(HEARTBEAT_EVERY):
            try:
                self.beat()
            except Exception:  # noqa: BLE001 - Redis away: beat again when it is back
                pass

    def stop(self) -> None:
        self.stopped.set()
        try:
            self.redis.delete(self.key)
        except Exception:  # noqa: BLE001 - Redis away: the key expires by itself
            pass


def run_worker(broker: str, *, concurrency: int = 2, hostname: str | None = None,
               redelivery_after: float = DEFAULT_REDELIVERY, require_full_isolation: bool = True,
               loglevel: str = "WARNING") -> None:
    """Grade the fleet's requests until stopped (SIGTERM or Ctrl-C: the
    gradings under way finish first; SIGKILL: their messages are redelivered)."""
    import redis

    from ..content import catalog
    from .grading import Grader

    app = fleet_app(broker, redelivery_after=redelivery_after)
    catalog.warm()
    grader = Grader(workers=concurrency, scipy_workers=1, require_full_isolation=require_full_isolation)
    client = redis.Redis.from_url(broker, socket_timeout=5, socket_connect_timeout=2,
                                  health_check_interval=10)
    hostname = hostname or f"byhand@{socket.gethostname()}.{os.getpid()}"

    @app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True)
    def grade(self, data):
        return grade_task(grader, client, self.request.id, data, hostname)

    facts = {"hostname": hostname, "pid": os.getpid(), "size": grader.size, "concurrency": concurrency,
             "protections": list(grader.protections), "missing": dict(grader.missing),
             "redelivery_after": redelivery_after, "started": time.time()}
    heart = Heartbeat(client, hostname, facts)
    try:
        heart.beat()  # before taking work: the web may count this worker from now
    except redis.RedisError:
        pass  # Redis not up yet: Celery waits for it, the heartbeat follows
    heart.start()
    try:
        app.Worker(hostname=hostname, pool="threads", concurrency=grader.size, queues=[QUEUE],
                   loglevel=loglevel, without_mingle=True, without_gossip=True, without_heartbeat=True,
                   optimization="fair", quiet=True).start()
    finally:
        heart.stop()
        grader.close()
