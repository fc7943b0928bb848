"""The result channel, child -> trusted side: JSON lines read as hostile data.

Both runners (the local fork and the sandbox) read a child's messages here,
so one decoder decides what a child may say:

* ``{"setup": "ok" | "missing-function" | "exception" | "syntax", ...}`` once;
* per case ``{"status": "ok", "out": [[dtype, shape, data], ...], "t": s}``
  or ``{"status": "error" | "not-plain", "error": text, "t": s}``;
* ``{"stdout": text}`` last.

Every line has a deadline and a size cap derived from what the trusted side
expects (:func:`byhand.grading.values.output_budget`); anything else, of any
size, shape or type, becomes one "malformed" outcome.  Nothing here raises
past :func:`collect`, and the work it does is bounded by the caps.
"""

from __future__ import annotations

import json
import os
import select
import time
from typing import Sequence

from .report import Outcome, RunReport
from .values import Malformed, decode_outputs

MAX_ERROR = 16 * 1024  # a traceback or a setup error, as shown to the learner
MAX_STDOUT = 8_000
ENVELOPE = 2 * MAX_ERROR + 4096  # a line's fields besides the outputs (escaping may double text)
MAX_SETUP_LINE = ENVELOPE
MAX_LAST_LINE = 6 * MAX_STDOUT + 4096  # \uXXXX escapes: six bytes a character


def line_cap(budget: int) -> int:
    """The longest line a case may send: its data budget in base64, plus the envelope."""
    return 4 * ((budget + 2) // 3) + ENVELOPE


class ChannelError(Exception):
    """The child broke the protocol: ``kind`` is eof, timeout, too-large or malformed."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class LineReader:
    """JSON lines from an untrusted writer: a deadline and a size cap per line,
    a cap in total; any malformation is a :class:`ChannelError`."""

    def __init__(self, fd: int, max_total: int):
        self.fd, self.max_total = fd, max_total
        self.buf = bytearray()
        self.total = 0
        # poll, not select: a busy server's descriptors may exceed FD_SETSIZE
        self.poller = select.poll()
        self.poller.register(fd, select.POLLIN)

    def next(self, deadline: float, max_line: int) -> dict:
        start = 0
        while True:
            nl = self.buf.find(b"\n", start)
            if nl >= 0:
                break
            start = len(self.buf)  # search only what arrives next
            if len(self.buf) > max_line:
                raise ChannelError("too-large")
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.poller.poll(max(1, int(remaining * 1000))):
                raise ChannelError("timeout")
            chunk = os.read(self.fd, min(1 << 20, max_line + 1))
            if not chunk:
                raise ChannelError("eof")
            self.total += len(chunk)
            if self.total > self.max_total:
                raise ChannelError("too-large")
            self.buf += chunk
        if nl > max_line:
            raise ChannelError("too-large")
        line = bytes(self.buf[:nl])
        del self.buf[:nl + 1]
        try:
            msg = json.loads(line)
        except (ValueError, RecursionError, MemoryError):
            raise ChannelError("malformed") from None
        if type(msg) is not dict:
            raise ChannelError("malformed")
        return msg


TOO_LARGE = "more output than the grader accepts (it caps what a submission sends back)"
MALFORMED = "something that is not the grader's data format (the result channel was tampered with)"


def _text(value: object, cap: int) -> str:
    return value[:cap] if type(value) is str else ""


def _seconds(value: object) -> float:
    return float(value) if type(value) in (int, float) and 0 <= value < 1e6 else 0.0


def case_outcome(msg: dict, n_outputs: int, budget: int) -> Outcome:
    """One case's message, checked field by field: anything odd is not-plain."""
    status = msg.get("status")
    seconds = _seconds(msg.get("t", 0.0))
    if status == "ok":
        try:
            values = decode_outputs(msg.get("out"), n_outputs, budget)
        except Malformed:
            return Outcome("not-plain", error=MALFORMED, seconds=seconds)
        return Outcome("ok", values=values, seconds=seconds)
    if status in ("error", "not-plain"):
        return Outcome(status, error=_text(msg.get("error"), MAX_ERROR), seconds=seconds)
    return Outcome("not-plain", error=MALFORMED, seconds=seconds)


def _setup(report: RunReport, msg: dict) -> bool:
    """Read the setup message into ``report``; True when the cases follow."""
    setup = msg.get("setup")
    if setup == "ok":
        return True
    if setup in ("exception", "missing-function"):
        report.setup_kind, report.setup_error = setup, _text(msg.get("error"), MAX_ERROR)
    elif setup == "syntax":
        line = msg.get("line")
        report.setup_kind, report.setup_error = "syntax", _text(msg.get("error"), 500)
        report.setup_line = line if type(line) is int and 0 <= line < 1 << 31 else None
    else:
        report.setup_kind, report.setup_error = "crashed", MALFORMED
    return False


def collect(reader: LineReader, n_outputs: Sequence[int | None], budgets: Sequence[int],
            time_limit: float, grace: float = 0.0) -> tuple[RunReport, str]:
    """Read a child's messages into a RunReport (loading and each case within
    ``time_limit``; loading and the first case get ``grace`` more); also
    return how the exchange ended: "done", or the ChannelError kind
    ("timeout": the child must be killed)."""
    n_cases = len(n_outputs)
    report = RunReport(outcomes=[Outcome("not-run") for _ in range(n_cases)])
    try:
        msg = reader.next(time.monotonic() + time_limit + grace, MAX_SETUP_LINE)
    except ChannelError as exc:
        report.setup_kind = "timeout" if exc.kind == "timeout" else "crashed"
        return report, exc.kind
    if not _setup(report, msg):
        return report, "done"
    for i in range(n_cases):
        try:
            msg = reader.next(time.monotonic() + time_limit + (grace if i == 0 else 0.0),
                              line_cap(budgets[i]))
        except ChannelError as exc:
            status = {"timeout": "timeout", "eof": "crashed"}.get(exc.kind, "not-plain")
            error = {"too-large": TOO_LARGE, "malformed": MALFORMED}.get(exc.kind, "")
            report.outcomes[i] = Outcome(status, error=error,
                                         seconds=time_limit if status == "timeout" else 0.0)
            return report, exc.kind
        report.outcomes[i] = case_outcome(msg, 1 if n_outputs[i] is None else n_outputs[i], budgets[i])
    try:
        msg = reader.next(time.monotonic() + time_limit, MAX_LAST_LINE)
    except ChannelError as exc:  # every case answered; only the printed text is lost
        return report, exc.kind
    report.stdout = _text(msg.get("stdout"), MAX_STDOUT)
    return report, "done"


def total_cap(budgets: Sequence[int]) -> int:
    """Everything one submission may send back."""
    return MAX_SETUP_LINE + sum(line_cap(b) for b in budgets) + MAX_LAST_LINE
