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
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

from ..content.model import Case
from . import testfns
from .channel import MAX_ERROR, MAX_STDOUT, LineReader, collect, total_cap
from .report import Outcome, RunReport, Submission
from .values import NotPlain, encode_outputs, plain_outputs

__all__ = ["Outcome", "RunReport", "Submission", "run_cases", "load_function", "trim_traceback"]

_BYHAND_DIR = str(Path(__file__).resolve().parent.parent)
DEFAULT_BUDGET = 8 * 1024 * 1024  # a case's output bytes when the caller states none
# loading the file and the first call may import heavy modules (scipy, torch):
# they get this much more time than the exercise's per-case limit
IMPORT_GRACE = 5.0


class SourceSyntaxError(Exception):
    """The submission's source does not compile (reported as "syntax", not as an exception)."""

    def __init__(self, line: int | None, text: str):
        super().__init__(text)
        self.line, self.text = line, text


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
    try:
        code = compile(sub.source, sub.filename, "exec")
    except SyntaxError as exc:
        raise SourceSyntaxError(exc.lineno, str(exc.msg)) from None
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes; absurd nesting
        raise SourceSyntaxError(None, str(exc) or "the source is nested too deeply to compile") from None
    exec(code, namespace)
    fn = namespace.get(sub.function)
    if not callable(fn):
        raise LookupError(sub.function)
    return fn


def _child(sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None], out,
           budgets: Sequence[int] | None = None) -> None:
    captured = io.StringIO()
    sys.stdout = sys.stderr = captured
    # the caller's warning filters (e.g. pytest's "error") are not the learner's
    warnings.resetwarnings()
    warnings.simplefilter("default")
    budgets = budgets or [DEFAULT_BUDGET] * len(cases)

    def send(msg: dict) -> None:
        out.write(json.dumps(msg) + "\n")
        out.flush()

    try:
        fn = load_function(sub)
    except SourceSyntaxError as exc:
        send({"setup": "syntax", "line": exc.line, "error": exc.text[:500]})
        return
    except LookupError:
        send({"setup": "missing-function"})
        return
    except BaseException as exc:  # noqa: BLE001 - anything the learner's module raises
        send({"setup": "exception", "error": trim_traceback(exc)[-MAX_ERROR:]})
        return
    send({"setup": "ok"})
    for case, n_out, budget in zip(cases, n_outputs, budgets):
        start = time.perf_counter()
        try:
            args = testfns.resolve(case.args)
            kwargs = testfns.resolve(dict(case.kwargs))
            value = fn(*args, **kwargs)
            elapsed = time.perf_counter() - start
            try:
                wire = encode_outputs(plain_outputs(value, n_out), budget)
            except NotPlain as exc:
                send({"status": "not-plain", "error": str(exc)[:MAX_ERROR], "t": elapsed})
                continue
            send({"status": "ok", "out": wire, "t": elapsed})
        except BaseException as exc:  # noqa: BLE001
            send({"status": "error", "error": trim_traceback(exc)[-MAX_ERROR:],
                  "t": time.perf_counter() - start})
    send({"stdout": captured.getvalue()[:MAX_STDOUT]})


# --- parent side ------------------------------------------------------------

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
              time_limit: float, budgets: Sequence[int] | None = None) -> RunReport:
    """Run ``sub`` on every case in a forked child; each case (and loading the
    submission) gets ``time_limit`` seconds of wall-clock time, and each
    case's outputs at most ``budgets[i]`` bytes of data."""
    budgets = list(budgets or [DEFAULT_BUDGET] * len(cases))
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
                _child(sub, cases, n_outputs, out, budgets)
        except BaseException:  # noqa: BLE001 - never return into the caller's code
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        reader = LineReader(read_fd, total_cap(budgets))
        report, _ = collect(reader, n_outputs, budgets, time_limit, grace=IMPORT_GRACE)
        return report
    finally:
        os.close(read_fd)
        _kill(pid)
