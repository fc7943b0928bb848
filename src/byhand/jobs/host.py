"""A grading process: ``python -m byhand.jobs.host CONFIG_JSON``.

It holds the curriculum and a :class:`~byhand.jobs.Grader` (the judge and a
sandbox pool) and grades the requests a :class:`~byhand.jobs.GradingHosts`
sends it, so that the web process does no trusted work for a grading.

The wire is one JSON object per line, both ways:

- first, the host says ``{"ready": true, "protections": [...], "missing": {...}}``
  or ``{"error": "why it cannot grade"}`` and exits;
- then ``{"id": N, "request": GradeRequest.to_dict()}`` in and
  ``{"id": N, "result": GradeResult.to_dict()}`` (or ``{"id": N, "error": "..."}``) out,
  in the order the gradings finish.

The host runs at a lower CPU priority than the web (``nice``): when the
graders saturate the machine, pages and refusals still answer promptly.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

MAX_LINE = 64 * 1024 * 1024  # a request line: the web caps sources far below this


def _write(lock: threading.Lock, out, message: dict) -> None:
    line = (json.dumps(message, ensure_ascii=False) + "\n").encode()
    with lock:
        out.write(line)
        out.flush()


def main(argv: list[str]) -> int:
    config = json.loads(argv[1]) if len(argv) > 1 else {}
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the wire goes to the web's pipe
    lock = threading.Lock()
    nice = int(config.pop("nice", 0))
    if nice:
        os.nice(nice)
    from ..content import catalog
    from ..errors import ByhandError
    from ..grading.threads import one_blas_thread
    from .grading import GradeRequest, Grader

    one_blas_thread()

    try:
        catalog.warm()
        grader = Grader(**config)
    except ByhandError as exc:
        _write(lock, out, {"error": str(exc)})
        return 2
    _write(lock, out, {"ready": True, "protections": list(grader.protections),
                       "missing": dict(grader.missing), "size": grader.size, "pid": os.getpid()})

    def grade(job_id, data) -> None:
        try:
            result = grader.grade_request(GradeRequest.from_dict(data))
            _write(lock, out, {"id": job_id, "result": result.to_dict()})
        except Exception as exc:  # noqa: BLE001 - every request gets an answer
            _write(lock, out, {"id": job_id, "error": f"{type(exc).__name__}: {exc}"[:2000]})

    with ThreadPoolExecutor(max_workers=grader.size, thread_name_prefix="byhand-host") as pool:
        for line in iter(lambda: sys.stdin.buffer.readline(MAX_LINE), b""):
            try:
                message = json.loads(line)
                job_id = message["id"]
                data = message["request"]
            except (ValueError, KeyError, TypeError):
                continue  # the web wrote it; a garbled line is dropped, its caller times out
            pool.submit(grade, job_id, data)
    grader.close()  # stdin closed: the web has gone
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
