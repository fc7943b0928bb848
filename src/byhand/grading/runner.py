"""Run a learner's function on the cases, in a forked child process.

Why a child: a function that never returns can then be stopped (the child is
killed after the exercise's time limit) while the calling process, e.g. a
Jupyter kernel, keeps running; and whatever the function does to its inputs,
to NumPy or to builtins stays in the child.  The child sends back only plain
data (see :mod:`byhand.grading.values`), one JSON line per case; the caller
compares.  This is the *local* runner: it isolates mistakes, not attacks.  The
sandboxed runner for untrusted code on a server keeps the same interface.
"""

from __future__ import annotations

import importlib
import io
import json
import linecache
import os
import select
import signal
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..content.model import Case
from . import testfns
from .values import NotPlain, decode, encode, plain_outputs

_BYHAND_DIR = str(Path(__file__).resolve().parent.parent)
MAX_STDOUT = 8_000
MAX_MESSAGE = 8 * 1024 * 1024  # one case's encoded outputs
# loading the file and the first call may import heavy modules (scipy, torch):
# they get this much more time than the exercise's per-case limit
IMPORT_GRACE = 5.0


@dataclass(frozen=True)
class Submission:
    """What to grade: Python source defining ``function``, or a callable."""

    function: str
    source: str | None = None
    filename: str = "<submission>"
    fn: Callable[..., Any] | None = None
    module: str | None = None  # or a module to import (a workspace's blocks.nn) ...
    search_path: str | None = None  # ... from this folder, which also serves a source's imports


@dataclass
class Outcome:
    status: str  # ok | error | not-plain | timeout | crashed | not-run
    values: tuple | None = None  # tuple of ndarrays when status == "ok"
    error: str = ""
    seconds: float = 0.0


@dataclass
class RunReport:
    outcomes: list[Outcome]
    setup_error: str = ""  # the submission could not be loaded (exception, missing function)
    setup_kind: str = ""  # exception | missing-function | timeout | crashed
    stdout: str = ""


# --- child side --------------------------------------------------------------

def trim_traceback(exc: BaseException) -> str:
    """The exception's traceback without byhand's own frames."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not f.filename.startswith(_BYHAND_DIR)]
    lines = traceback.format_list(frames) if frames else []
    lines += traceback.format_exception_only(type(exc), exc)
    return ("Traceback (most recent call last):\n" if frames else "") + "".join(lines)


def load_function(sub: Submission) -> Callable[..., Any]:
    """Execute the submission's source (in the child) and find its function."""
    if sub.fn is not None:
        return sub.fn
    if sub.search_path:
        # the newest saved code, not a copy the parent process imported earlier
        package = (sub.module or "").split(".")[0] or None
        for name in [m for m in sys.modules if package and (m == package or m.startswith(package + "."))]:
            del sys.modules[name]
        sys.path.insert(0, sub.search_path)
    if sub.module is not None:
        fn = getattr(importlib.import_module(sub.module), sub.function, None)
        if not callable(fn):
            raise LookupError(sub.function)
        return fn
    linecache.cache[sub.filename] = (len(sub.source), None, sub.source.splitlines(True), sub.filename)
    namespace: dict[str, Any] = {"__name__": "submission", "__file__": sub.filename}
    exec(compile(sub.source, sub.filename, "exec"), namespace)
    fn = namespace.get(sub.function)
    if not callable(fn):
        raise LookupError(sub.function)
    return fn


def _child(sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None], out) -> None:
    captured = io.StringIO()
    sys.stdout = sys.stderr = captured
    # the caller's warning filters (e.g. pytest's "error") are not the learner's
    warnings.resetwarnings()
    warnings.simplefilter("default")

    def send(msg: dict) -> None:
        out.write(json.dumps(msg) + "\n")
        out.flush()

    try:
        fn = load_function(sub)
    except LookupError:
        send({"setup": "missing-function"})
        return
    except BaseException as exc:  # noqa: BLE001 - anything the learner's module raises
        send({"setup": "exception", "error": trim_traceback(exc)})
        return
    send({"setup": "ok"})
    for case, n_out in zip(cases, n_outputs):
        start = time.perf_counter()
        try:
            args = testfns.resolve(case.args)
            kwargs = testfns.resolve(dict(case.kwargs))
            value = fn(*args, **kwargs)
            elapsed = time.perf_counter() - start
            try:
                text = encode(plain_outputs(value, n_out))
            except NotPlain as exc:
                send({"status": "not-plain", "error": str(exc), "t": elapsed})
                continue
            if len(text) > MAX_MESSAGE:
                send({"status": "not-plain", "error": "an output too large to send back", "t": elapsed})
                continue
            send({"status": "ok", "out": text, "t": elapsed})
        except BaseException as exc:  # noqa: BLE001
            send({"status": "error", "error": trim_traceback(exc), "t": time.perf_counter() - start})
    send({"stdout": captured.getvalue()[:MAX_STDOUT]})


# --- parent side ------------------------------------------------------------

class _Lines:
    """Read newline-terminated messages from a pipe with a deadline."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buf = b""

    def next(self, deadline: float) -> dict | None:
        """The next message, None on timeout, or {"eof": True} when the child
        closed the pipe (it exited or crashed)."""
        while b"\n" not in self.buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return {"eof": True}
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def run_cases(sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None],
              time_limit: float) -> RunReport:
    """Run ``sub`` on every case in a forked child; each case (and loading the
    submission) gets ``time_limit`` seconds of wall-clock time."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read_fd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            with os.fdopen(write_fd, "w", encoding="utf-8") as out:
                _child(sub, cases, n_outputs, out)
        except BaseException:  # noqa: BLE001 - never return into the caller's code
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    reader = _Lines(read_fd)
    report = RunReport(outcomes=[Outcome("not-run") for _ in cases])
    try:
        msg = reader.next(time.monotonic() + time_limit + IMPORT_GRACE)
        if msg is None or "setup" not in msg:
            report.setup_kind = "timeout" if msg is None else "crashed"
            return report
        if msg["setup"] != "ok":
            report.setup_kind = msg["setup"]
            report.setup_error = msg.get("error", "")
            return report
        for i in range(len(cases)):
            msg = reader.next(time.monotonic() + time_limit + (IMPORT_GRACE if i == 0 else 0.0))
            if msg is None or "eof" in msg:
                report.outcomes[i] = Outcome("timeout" if msg is None else "crashed",
                                             seconds=time_limit)
                return report
            outcome = Outcome(msg["status"], error=msg.get("error", ""), seconds=msg.get("t", 0.0))
            if outcome.status == "ok":
                outcome.values = decode(msg["out"])
            report.outcomes[i] = outcome
        msg = reader.next(time.monotonic() + time_limit)
        if msg and "stdout" in msg:
            report.stdout = msg["stdout"]
        return report
    finally:
        os.close(read_fd)
        _kill(pid)
