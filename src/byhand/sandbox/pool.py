"""The trusted side of the sandbox: a pool of zygotes, ``SandboxPool``.

The pool is a *runner*: ``run_cases(sub, cases, n_outputs, time_limit,
budgets) -> RunReport``, the same interface as the local runner.  It never
judges: the cases, the expected outputs and the verdict belong to
:mod:`byhand.grading`, and :class:`byhand.jobs.Grader` puts the two together.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

from ..content.model import Case
from ..errors import ByhandError
from ..grading.channel import LineReader, collect, total_cap
from ..grading.report import Outcome, RunReport, Submission
from . import isolation as iso
from .protocol import encode_job, write_all
from .uids import UidSlots

START_TIMEOUT = 60.0  # importing NumPy and SciPy on a busy machine
READY_TIMEOUT = 10.0  # from one child's exit to the next child being ready
CHECKOUT_TIMEOUT = 30.0  # a submission waits this long for a free worker, then is told to retry
WATCHDOG_PERIOD = 0.5  # how often idle workers are checked for life
MAX_CONTROL_MESSAGE = 4096  # the zygote's datagrams are small; a larger one is a broken zygote


class SandboxUnavailable(ByhandError):
    """Full isolation was required but some protection is not available here."""


class WorkerLost(Exception):
    """The zygote died or stopped answering; the pool replaces it."""


def _package_parents(names: tuple[str, ...] = ("numpy", "scipy")) -> list[str]:
    """The folders holding these packages (located, not imported)."""
    import importlib.util

    out = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            parent = str(Path(spec.origin).resolve().parent.parent)
            if parent not in out:
                out.append(parent)
    return out


def _zygote_env(packages: tuple[str, ...] = ()) -> dict[str, str]:
    """The zygote's (and so every child's) whole environment: nothing of the
    trusted process's, which may hold secrets (database URLs, API keys).  The
    zygote runs with ``python -S``: no site-packages, no .pth files (which
    import what they like), only byhand's folder and NumPy's and SciPy's."""
    src = str(Path(__file__).resolve().parent.parent.parent)  # the folder holding byhand/
    return {
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0",
        "PYTHONPATH": os.pathsep.join([src, *_package_parents(("numpy", "scipy", *packages))]),
    }


class Worker:
    """One zygote process and the control socket to it."""

    def __init__(self, uid: int, *, memory_mb: int, scratch_mb: int, view: bool = True,
                 scipy: bool = False, warm_spares: bool = False, packages: tuple[str, ...] = (),
                 test_functions: tuple[str, ...] = (), hidden: tuple[str, ...] = ()):
        self.uid = uid
        self.flavor = "scipy" if scipy else "numpy"
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        cmd = [sys.executable, "-S", str(Path(__file__).with_name("zygote.py")), "--ctl-fd", str(theirs.fileno()),
               "--uid", str(uid), "--memory-mb", str(memory_mb), "--scratch-mb", str(scratch_mb)]
        if not view:
            cmd.append("--no-view")
        if scipy:
            cmd.append("--scipy")
        if warm_spares:
            cmd.append("--warm-spares")
        for flag, values in (("--package", packages), ("--test-functions", test_functions), ("--hide", hidden)):
            for value in values:
                cmd += [flag, str(value)]
        self.proc = subprocess.Popen(cmd, env=_zygote_env(packages), pass_fds=[theirs.fileno()],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     cwd="/", start_new_session=True)
        theirs.close()
        self.ctl = ours
        self.ready: tuple[int, int, int] | None = None  # pid, job_w, result_r
        self.runs = 0
        self.idle_since = time.monotonic()
        # the zygote runs as init of its own PID namespace, forked by the process
        # we started, which reports the zygote's pid here before the zygote says hello
        self.zygote_pid = self.proc.pid
        deadline = time.monotonic() + START_TIMEOUT
        try:
            hello = self._recv(deadline)[0]
            if "zygote" in hello:
                self.zygote_pid = int(hello["zygote"])
                hello = self._recv(deadline)[0]
            if "fatal" in hello:
                raise WorkerLost(f"sandbox worker failed to start: {hello['fatal']}")
            if "hello" not in hello:
                raise WorkerLost("sandbox worker started with an unexpected message")
        except BaseException:
            self.close()
            raise
        self.pid = int(hello["hello"])
        self.protections = tuple(hello["protections"])
        self.missing: dict[str, str] = dict(hello.get("missing", {}))

    def _recv(self, deadline: float) -> tuple[dict, list[int]]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WorkerLost("sandbox worker did not answer in time")
        self.ctl.settimeout(remaining)
        try:
            data, fds, _, _ = socket.recv_fds(self.ctl, MAX_CONTROL_MESSAGE, 2)
        except (socket.timeout, OSError) as exc:
            raise WorkerLost(f"sandbox worker channel failed: {exc}") from None
        if not data:
            raise WorkerLost("sandbox worker exited")
        try:  # the zygote is trusted code, but a broken one must not raise past here
            msg = json.loads(data)
        except ValueError:
            msg = None
        if type(msg) is not dict:
            for fd in fds:
                os.close(fd)
            raise WorkerLost("sandbox worker sent a malformed control message")
        return msg, list(fds)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while self.ready is None:
            msg, fds = self._recv(deadline)
            if type(msg.get("ready")) is int and len(fds) == 2:
                self.ready = (msg["ready"], fds[0], fds[1])
            else:
                for fd in fds:
                    os.close(fd)

    def poll_ready(self) -> bool:
        """Take the zygote's pending messages without waiting; True once a child is ready."""
        while self.ready is None:
            try:
                self.wait_ready(timeout=0.001)
            except WorkerLost:
                if self.proc.poll() is not None:
                    raise
                return False
        return True

    def healthy(self) -> bool:
        return self.proc.poll() is None

    def run(self, job: bytes, n_outputs: list[int | None], budgets: list[int],
            time_limit: float) -> RunReport:
        """Hand ``job`` to the prepared child and read its report."""
        n_cases = len(n_outputs)
        self.wait_ready()
        pid, job_w, result_r = self.ready
        self.ready = None
        self.runs += 1
        try:
            try:
                write_all(job_w, job)
            except BrokenPipeError:  # the prepared child died before its job: not the submission's doing
                return RunReport(outcomes=[Outcome("not-run") for _ in range(n_cases)],
                                 setup_kind="unavailable")
            finally:
                os.close(job_w)
            report, _ = collect(LineReader(result_r, total_cap(budgets)), n_outputs, budgets, time_limit)
            return report
        finally:
            os.close(result_r)
            # Always: a finished child exits by itself, any other is stopped now.
            try:
                self.ctl.send(json.dumps({"kill": pid}).encode())
            except OSError:
                raise WorkerLost("sandbox worker exited") from None

    def rss_bytes(self) -> int:
        try:
            with open(f"/proc/{self.zygote_pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def close(self) -> None:
        if self.ready is not None:
            for fd in self.ready[1:]:
                os.close(fd)
            self.ready = None
        try:
            self.ctl.close()  # the zygote kills its child and exits on EOF
        finally:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class SandboxPool:
    """A warm pool of sandbox workers running untrusted source.

    ``workers`` zygotes hold NumPy only; ``scipy_workers`` more also hold
    SciPy's special and stats modules and take the sources that mention
    "scipy".  (SciPy triples a zygote's memory and so the cost of each fork;
    most exercises do not use it.)

    ``require_full_isolation=True`` (what a multi-user server must pass)
    refuses to start unless every protection in ``isolation.FULL`` is active;
    ``False`` is for a single learner grading their own code locally, and
    ``protections`` then says exactly what is in force.

    Every worker taken for a grading is given back or replaced on every path
    (a ``finally``); a watchdog replaces idle workers that died or stopped
    answering; a submission that finds no worker within ``checkout_timeout``
    gets an "unavailable, retry" verdict instead of waiting without bound.
    """

    def __init__(self, workers: int = 2, *, scipy_workers: int = 1,
                 require_full_isolation: bool = False, memory_mb: int = 512, scratch_mb: int = 16,
                 uid_base: int = 200_000, view: bool = True, warm_spares: bool = False,
                 packages: Sequence[str] = (), test_functions: Sequence[str] = (), hidden: Sequence[str] = (),
                 checkout_timeout: float = CHECKOUT_TIMEOUT):
        if workers < 1 or scipy_workers < 0:
            raise ValueError("workers must be at least 1 (and scipy_workers at least 0)")
        # warm_spares: each spare child runs a tiny job while it waits, which
        # takes its copy-on-write page faults off the next submission's path:
        # ~0.7 ms lower latency at ~1 ms more CPU per grade (docs/sandbox.md)
        # packages: more top-level packages a submission may import (a curriculum
        # pack's), test_functions: modules of Fn functions, hidden: folders never
        # shown inside them (a pack's items, with its references)
        self._opts = dict(memory_mb=memory_mb, scratch_mb=scratch_mb, view=view, warm_spares=warm_spares,
                          packages=tuple(packages), test_functions=tuple(test_functions), hidden=tuple(hidden))
        self._uids = UidSlots(uid_base)
        self.checkout_timeout = checkout_timeout
        self.size = workers + scipy_workers
        self.replaced = 0  # workers lost and replaced so far
        self._scipy = scipy_workers > 0  # else the NumPy zygotes take SciPy sources too (slowly)
        self._cond = threading.Condition()
        self._idle: dict[str, list[Worker]] = {"numpy": [], "scipy": []}
        self._all: list[Worker] = []
        self._starting = 0  # replacements under way
        self._closed = False
        # Start the zygotes in parallel: importing NumPy (and SciPy) takes a while.
        flavors = ["numpy"] * workers + ["scipy"] * scipy_workers
        with ThreadPoolExecutor(max_workers=self.size) as ex:
            started = list(ex.map(self._safe_new_worker, flavors))
        errors = [w for w in started if isinstance(w, BaseException)]
        for w in started:
            if isinstance(w, Worker):
                self._all.append(w)
                self._idle[w.flavor].append(w)
        if errors:
            self.close()
            raise errors[0]
        first = self._all[0]
        self.protections: tuple[str, ...] = tuple(p for p in iso.FULL if p in first.protections)
        self.missing: dict[str, str] = dict(first.missing)
        if require_full_isolation and self.missing_protections():
            detail = "; ".join(f"{p}: {self.missing.get(p, 'unavailable')}"
                               for p in self.missing_protections())
            self.close()
            raise SandboxUnavailable(
                "full isolation is required for a multi-user grader, but these protections are "
                f"not available here: {detail}. Run as root on Linux with namespaces, or pass "
                "require_full_isolation=False for a single-user local run.")
        self._watchdog = threading.Thread(target=self._watch, name="byhand-watchdog", daemon=True)
        self._watchdog.start()

    def missing_protections(self) -> tuple[str, ...]:
        return tuple(p for p in iso.FULL if p not in self.protections)

    @property
    def closed(self) -> bool:
        return self._closed

    # -- workers ----------------------------------------------------------------

    def _new_worker(self, flavor: str) -> Worker:
        uid = self._uids.claim()  # a slot no live worker on this host holds
        try:
            w = Worker(uid, scipy=flavor == "scipy", **self._opts)
        except BaseException:
            self._uids.release(uid)
            raise
        return w

    def _safe_new_worker(self, flavor: str):
        try:
            return self._new_worker(flavor)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            return exc

    def _retire(self, w: Worker) -> None:
        """Stop a worker for good; its uids are free only once its processes are gone."""
        try:
            w.close()
        except Exception:  # noqa: BLE001 - it is already broken
            pass
        if w.proc.poll() is not None:
            self._uids.release(w.uid)

    def _replace(self, dead: Worker) -> None:
        """Retire ``dead`` and start a new zygote in the background; meanwhile the others serve."""
        with self._cond:
            if dead not in self._all:
                return
            self._all.remove(dead)
            for idle in self._idle.values():
                if dead in idle:
                    idle.remove(dead)
            self._starting += 1
            self.replaced += 1

        def start():
            try:
                self._retire(dead)
                while not self._closed:
                    w = self._safe_new_worker(dead.flavor)
                    if isinstance(w, Worker):
                        with self._cond:
                            if not self._closed:
                                self._all.append(w)
                                self._idle[w.flavor].append(w)
                                self._cond.notify_all()
                                return
                        self._retire(w)
                        return
                    time.sleep(1.0)
            finally:
                with self._cond:
                    self._starting -= 1

        threading.Thread(target=start, name="byhand-respawn", daemon=True).start()

    def _watch(self) -> None:
        """Replace idle workers whose zygote died or stopped preparing children."""
        while not self._closed:
            time.sleep(WATCHDOG_PERIOD)
            with self._cond:
                idle = [w for ws in self._idle.values() for w in ws]
            for w in idle:
                with self._cond:  # still idle? then it is ours to look at
                    if w not in self._idle[w.flavor]:
                        continue
                    self._idle[w.flavor].remove(w)
                try:
                    ok = w.healthy() and (w.poll_ready() or time.monotonic() - w.idle_since < READY_TIMEOUT)
                except Exception:  # noqa: BLE001 - any failure to talk to it
                    ok = False
                if ok:
                    self._checkin(w)
                else:
                    self._replace(w)

    def _checkout(self, flavor: str) -> Worker | None:
        if flavor == "scipy" and not self._scipy:
            flavor = "numpy"
        deadline = time.monotonic() + self.checkout_timeout
        with self._cond:
            while True:
                if self._closed:
                    return None
                idle = self._idle[flavor]
                if idle:
                    return idle.pop(0)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)

    def _checkin(self, w: Worker) -> None:
        w.idle_since = time.monotonic()
        with self._cond:
            if self._closed or w not in self._all:
                return
            self._idle[w.flavor].append(w)
            self._cond.notify()

    def alive(self) -> int:
        """How many workers are in service: their zygote runs and they are
        idle or grading (a lost worker leaves this count until replaced)."""
        with self._cond:
            return sum(w.healthy() for w in self._all)

    def uids(self) -> list[int]:
        """The first uid of each live worker's slot."""
        with self._cond:
            return [w.uid for w in self._all]

    def rss_bytes(self) -> int:
        """The pool's resident memory: the zygotes (children come and go)."""
        with self._cond:
            return sum(w.rss_bytes() for w in self._all)

    # -- the runner ---------------------------------------------------------------

    def run_cases(self, sub: Submission, cases: Sequence[Case], n_outputs: Sequence[int | None],
                  time_limit: float, budgets: Sequence[int] | None = None) -> RunReport:
        """The sandboxed runner, a drop-in for :func:`byhand.grading.runner.run_cases`."""
        if self._closed:
            raise ByhandError("this sandbox pool is closed")
        if sub.source is None or getattr(sub, "module", None) or getattr(sub, "search_path", None):
            # a callable or the learner's own modules on disk cannot cross into the view
            raise ByhandError("the sandbox grades self-contained source text only")
        n_outputs = list(n_outputs)
        budgets = list(budgets or [64 * 1024] * len(cases))
        job = encode_job(sub, cases, n_outputs, time_limit, budgets)
        # the worker (not the submission's child) was lost: the server's problem,
        # never recorded as the learner's error; they are told to try again
        lost = RunReport(outcomes=[Outcome("not-run") for _ in cases], setup_kind="unavailable")
        # a cheap textual route: a source that hides its use of SciPy still
        # works on a NumPy zygote, it only pays for the import itself
        worker = self._checkout("scipy" if "scipy" in sub.source else "numpy")
        if worker is None:
            return RunReport(outcomes=[Outcome("not-run") for _ in cases], setup_kind="unavailable")
        healthy = False
        try:
            report = worker.run(job, n_outputs, budgets, time_limit)
            healthy = worker.healthy()
            return report if healthy else lost
        except WorkerLost:
            return lost
        except Exception:  # noqa: BLE001 - our side failed: a verdict of "try again", never a traceback
            return lost
        finally:
            if healthy:
                self._checkin(worker)
            else:
                self._replace(worker)

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            workers, self._all = self._all, []
            self._idle = {"numpy": [], "scipy": []}
            self._cond.notify_all()
        for w in workers:
            self._retire(w)

    def __enter__(self) -> "SandboxPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def isolation_report() -> dict:
    """Which protections a sandbox gets on this machine, and why any is
    missing (starts a one-worker pool briefly)."""
    with SandboxPool(workers=1, scipy_workers=0) as g:
        return {"protections": list(g.protections), "missing": g.missing,
                "full": not g.missing_protections(),
                "platform": sys.platform, "euid": os.geteuid() if hasattr(os, "geteuid") else None}
