"""What crosses the sandbox's boundary, and how: data only, sizes capped.

Three channels, all owned by the trusted side or the zygote, never shared
between submissions:

* job pipe, trusted -> child: one frame (4-byte length, then JSON) holding
  the source and the cases, encoded with :mod:`byhand.grading.values`;
* result pipe, child -> trusted: the local runner's JSON lines
  (:func:`byhand.grading.runner._child` writes them), read by
  :mod:`byhand.grading.channel` with a deadline and a cap per line, a cap in
  total, and a strict decoder;
* control socket, trusted <-> zygote: small JSON datagrams ("ready" with the
  child's two pipe ends attached, "kill", "exit").

The zygote never sees a job or a result: the trusted side talks to the child
directly through the pipe ends the zygote hands over.  So the zygote's memory,
which every later child inherits, never holds another learner's code.
"""

from __future__ import annotations

import json
import os
import struct
from typing import Sequence

from ..content.model import Case
from ..grading.report import Submission
from ..grading.values import decode, encode

MAX_JOB = 64 * 1024 * 1024  # one job frame (source + inputs)


# --- the job frame -----------------------------------------------------------

def encode_job(sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None],
               time_limit: float, budgets: Sequence[int]) -> bytes:
    body = json.dumps({
        "function": sub.function, "source": sub.source, "filename": sub.filename,
        "time_limit": float(time_limit), "n_outputs": list(n_outputs), "budgets": list(budgets),
        "cases": [[encode(tuple(c.args)), encode(dict(c.kwargs))] for c in cases],
    }, separators=(",", ":")).encode()
    if len(body) > MAX_JOB:
        raise ValueError(f"job of {len(body)} bytes exceeds {MAX_JOB}")
    return struct.pack(">I", len(body)) + body


def decode_job(body: bytes) -> tuple[Submission, list[Case], list[int | None], float, list[int]]:
    """(In the child: the job comes from the trusted side.)"""
    job = json.loads(body)
    sub = Submission(function=str(job["function"]), source=str(job["source"]),
                     filename=str(job["filename"]))
    cases = [Case(args=decode(a), kwargs=decode(k)) for a, k in job["cases"]]
    return sub, cases, list(job["n_outputs"]), float(job["time_limit"]), list(job["budgets"])


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_frame(fd: int, limit: int = MAX_JOB) -> bytes:
    """Read exactly one length-prefixed frame (never a byte more)."""
    head = _read_exact(fd, 4)
    (n,) = struct.unpack(">I", head)
    if n > limit:
        raise ValueError("frame too large")
    return _read_exact(fd, n)


def _read_exact(fd: int, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("job pipe closed")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


