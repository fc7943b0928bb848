"""What both sides of the grading fleet agree on: the Celery application
over Redis (broker and result backend), the grading task's name and queue,
the Redis keys the fleet keeps beside Celery's, and the times that bound a
grading.

The web (:mod:`byhand.jobs.fleet`) sends a :class:`~byhand.jobs.GradeRequest`
as plain JSON to the ``byhand.grade`` task on the ``byhand-grading`` queue;
a worker (:mod:`byhand.jobs.worker`, ``byhand worker``) grades it and
stores the :class:`~byhand.grading.result.GradeResult` as the task's
result.  Neither side imports the other: a worker holds the curriculum and
a sandbox pool and no database credentials, the web holds no sandbox.

Delivery (Celery's documented settings for at-least-once work):

* late acknowledgement (``task_acks_late``): a message is acknowledged
  when its grading has ended, so a worker that dies mid-grading leaves it
  unacknowledged; ``task_reject_on_worker_lost`` requeues it at once when
  Celery sees the loss, and otherwise Redis's visibility timeout gives it
  to another worker ``redelivery_after`` seconds after it was taken (each
  worker sweeps for such messages every :data:`RESTORE_EVERY` seconds);
* ``redelivery_after`` must exceed the longest grading
  (:data:`GRADING_BOUND`), or a grading still running would be given to a
  second worker: :func:`fleet_app` refuses a smaller one;
* one message at a time per worker thread (``worker_prefetch_multiplier=1``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["DEAD_LETTER", "DEFAULT_REDELIVERY", "GRADING_BOUND", "HEARTBEAT_EVERY", "MAX_DELIVERIES", "QUEUE",
           "RESTORE_EVERY", "TASK", "deliveries_key", "fleet_app", "heartbeat_key", "HEARTBEAT_PATTERN",
           "require_celery"]

TASK = "byhand.grade"
QUEUE = "byhand-grading"
# No grading takes longer: each case stops at its own time limit (2 s, at most 5 s) in the sandbox,
# and an exercise has a dozen cases at most.  The web waits this long for a grading once taken.
GRADING_BOUND = 60.0
DEFAULT_REDELIVERY = 90.0  # seconds after which a message taken by a worker that has gone is given to another
RESTORE_EVERY = 2  # seconds between a worker's sweeps for such messages
MAX_DELIVERIES = 3  # a request delivered more often (its workers died each time) goes to the dead letters
HEARTBEAT_EVERY = 2.0  # seconds between a worker's heartbeats; it counts as gone after three missed
HEARTBEAT_PATTERN = "byhand:fleet:worker:*"
DEAD_LETTER = "byhand:fleet:dead-letter"  # a Redis list of {"task_id", "request", "deliveries", "at"}
DEAD_LETTER_KEPT = 1000


def heartbeat_key(hostname: str) -> str:
    return f"byhand:fleet:worker:{hostname}"


def deliveries_key(task_id: str) -> str:
    return f"byhand:fleet:deliveries:{task_id}"


def require_celery() -> None:
    """One clear line when the fleet's libraries are not installed."""
    from importlib.util import find_spec

    for name in ("celery", "redis"):
        if find_spec(name) is None:
            from ..errors import ByhandError

            raise ByhandError(f"the grading fleet needs {name}: pip install 'byhand[fleet]'")


def fleet_app(broker: str, *, redelivery_after: float = DEFAULT_REDELIVERY) -> Any:
    """The Celery application of the fleet whose broker (and result
    backend) is the Redis server at ``broker`` (``redis://HOST:PORT/N``)."""
    require_celery()
    from celery import Celery

    if not broker.startswith(("redis://", "rediss://", "unix://")):
        from ..errors import ByhandError

        raise ByhandError(f"--broker {broker!r}: give a Redis URL, e.g. redis://127.0.0.1:6379/0")
    if redelivery_after <= GRADING_BOUND:
        raise ValueError(f"redelivery_after must exceed the longest grading ({GRADING_BOUND:.0f} s)")
    app = Celery("byhand", broker=broker, backend=broker, set_as_current=False)
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        task_default_queue=QUEUE, task_acks_late=True, task_reject_on_worker_lost=True,
        task_track_started=False, worker_prefetch_multiplier=1, result_expires=3600,
        broker_connection_retry_on_startup=True, broker_connection_max_retries=None,
        broker_transport_options={"visibility_timeout": redelivery_after,
                                  "unacked_restore_interval": RESTORE_EVERY, "unacked_restore_throttle": 1,
                                  "socket_timeout": 5, "socket_connect_timeout": 2},
        result_backend_transport_options={"socket_timeout": 5, "socket_connect_timeout": 2},
        redis_socket_timeout=5, redis_socket_connect_timeout=2,
        worker_hijack_root_logger=False, worker_send_task_events=False, task_send_sent_event=False,
        worker_enable_remote_control=False,  # the fleet's state is in its heartbeats (doctor), not broadcasts
    )
    return app
