"""What crosses the sandbox's boundary, and how: data only, sizes capped.

Three channels, all owned by the trusted side or the zygote, never shared
between submissions:

* job pipe, trusted -> child: one frame (4-byte length, then JSON) holding
  the source and the cases, encoded with :mod:`byhand.grading.values`;
* result pipe, child -> trusted: the local runner's JSON lines
  (:func:`byhand.grading.runner._child` writes them), read here with a
  deadline per line, a cap per line and a cap in total;
* control socket, trusted <-> zygote: small JSON datagrams ("ready" with the
  child's two pipe ends attached, "kill", "exit").

The zygote never sees a job or a result: the trusted side talks to the child
directly through the pipe ends the zygote hands over.  So the zygote's memory,
which every later child inherits, never holds another learner's code.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Sequence

import numpy as np

from ..content.model import Case
from ..grading.runner import MAX_MESSAGE, Outcome, RunReport, Submission
from ..grading.values import decode, encode

MAX_JOB = 64 * 1024 * 1024  # one job frame (source + inputs)
MAX_LINE = MAX_MESSAGE + 4096  # one case's encoded outputs plus the envelope
MAX_TOTAL = 64 * 1024 * 1024  # everything one submission may send back
MAX_SOURCE = 1024 * 1024


class ChannelError(Exception):
    """The child broke the protocol: ``kind`` is eof, timeout, too-large or malformed."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


# --- the job frame -----------------------------------------------------------

def encode_job(sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None],
               time_limit: float) -> bytes:
    body = json.dumps({
        "function": sub.function, "source": sub.source, "filename": sub.filename,
        "time_limit": float(time_limit), "n_outputs": list(n_outputs),
        "cases": [[encode(tuple(c.args)), encode(dict(c.kwargs))] for c in cases],
    }, separators=(",", ":")).encode()
    if len(body) > MAX_JOB:
        raise ValueError(f"job of {len(body)} bytes exceeds {MAX_JOB}")
    return struct.pack(">I", len(body)) + body


def decode_job(body: bytes) -> tuple[Submission, list[Case], list[int | None], float]:
    job = json.loads(body)
    sub = Submission(function=str(job["function"]), source=str(job["source"]),
                     filename=str(job["filename"]))
    cases = [Case(args=decode(a), kwargs=decode(k)) for a, k in job["cases"]]
    return sub, cases, list(job["n_outputs"]), float(job["time_limit"])


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


# --- the result lines ----------------------------------------------------------

class LineReader:
    """JSON lines from an untrusted writer: a deadline per line, a cap per
    line and in total, and any malformation is a :class:`ChannelError`."""

    def __init__(self, fd: int, max_line: int = MAX_LINE, max_total: int = MAX_TOTAL):
        self.fd, self.max_line, self.max_total = fd, max_line, max_total
        self.buf = bytearray()
        self.total = 0
        # poll, not select: a busy server's descriptors may exceed FD_SETSIZE
        self.poller = select.poll()
        self.poller.register(fd, select.POLLIN)

    def next(self, deadline: float) -> dict:
        while True:
            nl = self.buf.find(b"\n")
            if nl >= 0:
                break
            if len(self.buf) > self.max_line:
                raise ChannelError("too-large")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChannelError("timeout")
            if not self.poller.poll(max(1, int(remaining * 1000))):
                raise ChannelError("timeout")
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise ChannelError("eof")
            self.total += len(chunk)
            if self.total > self.max_total:
                raise ChannelError("too-large")
            self.buf += chunk
        line = bytes(self.buf[:nl])
        del self.buf[:nl + 1]
        if nl > self.max_line:
            raise ChannelError("too-large")
        try:
            msg = json.loads(line)
        except (ValueError, RecursionError):
            raise ChannelError("malformed") from None
        if not isinstance(msg, dict):
            raise ChannelError("malformed")
        return msg


_TOO_LARGE = "more output than the sandbox accepts (it caps what a submission sends back)"
_MALFORMED = "something that is not the grader's data format (the result channel was tampered with)"


def _case_outcome(msg: dict) -> Outcome:
    """One case's message, checked field by field: anything odd is not-plain."""
    status = msg.get("status")
    t = msg.get("t", 0.0)
    seconds = float(t) if type(t) in (int, float) else 0.0
    error = msg.get("error", "")
    error = error[:20_000] if isinstance(error, str) else ""
    if status == "ok":
        out = msg.get("out")
        try:
            values = decode(out) if isinstance(out, str) else None
        except (ValueError, TypeError, KeyError, RecursionError):
            values = None
        # the child's encoder may have been replaced: accept only what the
        # local runner would send, a tuple of base numeric ndarrays
        if type(values) is not tuple or not values or not all(type(v) is np.ndarray for v in values):
            return Outcome("not-plain", error=_MALFORMED, seconds=seconds)
        return Outcome("ok", values=values, seconds=seconds)
    if status in ("error", "not-plain"):
        return Outcome(status, error=error, seconds=seconds)
    return Outcome("not-plain", error=_MALFORMED, seconds=seconds)


def collect(reader: LineReader, n_cases: int, time_limit: float) -> tuple[RunReport, str]:
    """Read a child's messages into a RunReport, as the local runner would
    (each message within ``time_limit``); also return how the exchange ended:
    "done", or the ChannelError kind ("timeout": the child must be killed)."""
    report = RunReport(outcomes=[Outcome("not-run") for _ in range(n_cases)])
    try:
        msg = reader.next(time.monotonic() + time_limit)
    except ChannelError as exc:
        report.setup_kind = "timeout" if exc.kind == "timeout" else "crashed"
        return report, exc.kind
    setup = msg.get("setup")
    if setup != "ok":
        if setup in ("exception", "missing-function"):
            report.setup_kind = setup
            err = msg.get("error", "")
            report.setup_error = err[:20_000] if isinstance(err, str) else ""
        else:
            report.setup_kind, report.setup_error = "crashed", _MALFORMED
        return report, "done"
    for i in range(n_cases):
        try:
            msg = reader.next(time.monotonic() + time_limit)
        except ChannelError as exc:
            status = {"timeout": "timeout", "eof": "crashed"}.get(exc.kind, "not-plain")
            error = {"too-large": _TOO_LARGE, "malformed": _MALFORMED}.get(exc.kind, "")
            report.outcomes[i] = Outcome(status, error=error,
                                         seconds=time_limit if status == "timeout" else 0.0)
            return report, exc.kind
        report.outcomes[i] = _case_outcome(msg)
    try:
        msg = reader.next(time.monotonic() + time_limit)
    except ChannelError as exc:  # every case answered; only the printed text is lost
        return report, exc.kind
    out = msg.get("stdout")
    if isinstance(out, str):
        report.stdout = out[:8000]
    return report, "done"
