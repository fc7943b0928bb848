"""The zygote: a warm, secret-free process that forks one confined child per
submission.  Run as ``python -m byhand.sandbox.zygote --ctl-fd N ...`` by
:mod:`byhand.sandbox.pool`, never forked from the trusted process, so its
memory holds NumPy and byhand's public grading helpers but no reference, no
case generator, no expected output and no other learner's code.

Life of a zygote:

1. import NumPy (single-threaded BLAS) and its lazily imported submodules,
   and with ``--scipy`` SciPy's special/stats, so that no child pays for
   imports;
2. build the read-only filesystem view (:func:`isolation.enter_view`) and
   probe which per-child protections work here;
3. loop: fork a child that confines itself and then blocks reading its job;
   hand the child's job-pipe write end and result-pipe read end to the
   trusted side ("ready"); wait until the child exits or the trusted side
   asks to kill it; report "exit"; fork the next one.

The child is prepared *before* its job arrives, so namespaces, mounts and
privilege dropping cost no latency when the pool is not saturated.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import select
import shutil
import signal
import socket
import sys
import tempfile

# Single-threaded BLAS must be chosen before NumPy is imported; the pool sets
# these in the environment too, this is for someone starting a zygote by hand.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy  # noqa: E402
import numpy.fft  # noqa: E402,F401
import numpy.linalg  # noqa: E402,F401
import numpy.polynomial  # noqa: E402,F401
import numpy.random  # noqa: E402,F401

# Some exercises allow SciPy's special functions and distributions, but SciPy
# triples a zygote's memory (35 -> 100 MB) and with it the cost of every fork,
# so only "scipy" zygotes import it (the pool routes sources that mention it).
# Both are visible in the view either way (a numpy zygote's child can still
# import SciPy, slowly).
_PACKAGES = ["numpy", "scipy"]
if "--scipy" in sys.argv:
    try:
        import scipy.special  # noqa: F401
        import scipy.stats  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency, but stay usable without it
        pass

from ..grading import runner as _runner  # noqa: E402  (public helpers only: no curriculum)
from . import isolation as iso  # noqa: E402
from .protocol import decode_job, read_frame  # noqa: E402

EXIT_CONFINE_FAILED = 113  # the child could not apply a promised protection: fail closed


class Plan:
    """What every child applies; decided once at start-up by probing."""

    def __init__(self, args, base_vm: int):
        self.uid, self.gid = args.uid, args.uid
        self.scratch_bytes = args.scratch_mb * 1024 * 1024
        self.file_size = args.scratch_mb * 1024 * 1024
        # the child starts as a copy of the zygote: allow its size plus the budget
        self.address_space = (base_vm or 1 << 30) + args.memory_mb * 1024 * 1024
        self.seccomp = iso.seccomp_program()
        self.layers: set[str] = set()  # optional layers that probed fine


def _confine(plan: Plan, keep: tuple[int, ...], scratch: str | None) -> None:
    """Everything a child does to itself before it reads its job."""
    iso.close_fds(keep)
    if iso.NETWORK in plan.layers:
        iso.isolate_network_and_scratch(plan.uid, plan.gid, plan.scratch_bytes)
        scratch = "/tmp"
    if scratch:
        os.chdir(scratch)
    os.environ["HOME"] = os.environ["TMPDIR"] = scratch or "/"
    iso.set_limits(cpu_seconds=3600, address_space=plan.address_space,
                   file_size=plan.file_size, open_files=32)
    if iso.UNPRIVILEGED_UID in plan.layers:
        iso.drop_privileges(plan.uid, plan.gid)
    iso.prctl(iso.PR_SET_PDEATHSIG, signal.SIGKILL)  # after setuid, which clears it
    if iso.NO_NEW_PRIVS in plan.layers:
        iso.prctl(iso.PR_SET_NO_NEW_PRIVS, 1)
    if iso.SECCOMP in plan.layers:
        iso.install_seccomp(plan.seccomp)


def _child(plan: Plan, job_r: int, result_w: int, scratch: str | None) -> None:
    """The forked child; never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            _confine(plan, (job_r, result_w), scratch)
        except BaseException:  # noqa: BLE001 - never run learner code half-confined
            os._exit(EXIT_CONFINE_FAILED)
        sub, cases, n_outputs, time_limit = decode_job(read_frame(job_r))
        os.close(job_r)
        # CPU time is a backstop behind the trusted side's wall clock
        cpu = math.ceil(time_limit * (len(cases) + 2)) + 1
        import resource
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        with os.fdopen(result_w, "w", encoding="utf-8") as out:
            _runner._child(sub, cases, n_outputs, out)
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)


# --- start-up ------------------------------------------------------------------

def _probe(plan: Plan, layer: str) -> bool:
    """Fork a throw-away child that applies the layers found so far plus
    ``layer``; the layer is usable if that child gets through."""
    trial = set(plan.layers) | {layer}
    saved, plan.layers = plan.layers, trial
    scratch = None if iso.NETWORK in trial else tempfile.mkdtemp(prefix="byhand-probe-")
    pid = os.fork()
    if pid == 0:
        try:
            _confine(plan, (), scratch)
            if iso.NETWORK in trial:  # the scratch tmpfs must be writable by the child
                with open("/tmp/probe", "w") as f:
                    f.write("x")
            os._exit(0)
        except BaseException:  # noqa: BLE001
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    plan.layers = saved
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return os.waitstatus_to_exitcode(status) == 0


def _hidden_paths() -> list[str]:
    """Folders that must not exist in the view even if they sit inside an
    exposed one (byhand installed into site-packages carries its curriculum)."""
    import byhand

    pkg = os.path.dirname(os.path.realpath(byhand.__file__))
    return [os.path.join(pkg, "curriculum"), pkg]


def setup(args) -> tuple[Plan, list[str], dict[str, str]]:
    """Build the view and probe the layers; return the plan, the active
    protections and, for each missing one, why."""
    base_vm = iso.vm_size()  # /proc is gone once the view is entered
    plan = Plan(args, base_vm)
    missing: dict[str, str] = {}
    active = list(iso.ALWAYS)
    if args.no_view:
        missing[iso.FS_VIEW] = "disabled (--no-view)"
    else:
        try:
            iso.enter_view(_PACKAGES, _hidden_paths())
            active.append(iso.FS_VIEW)
        except OSError as exc:
            missing[iso.FS_VIEW] = str(exc)
    for layer in (iso.NETWORK, iso.UNPRIVILEGED_UID, iso.NO_NEW_PRIVS, iso.SECCOMP):
        if layer == iso.SECCOMP and plan.seccomp is None:
            missing[layer] = "no seccomp syscall table for this architecture"
            continue
        if layer == iso.UNPRIVILEGED_UID and os.geteuid() != 0:
            missing[layer] = "the grader does not run as root, so children keep the grader's uid"
            continue
        if _probe(plan, layer):
            plan.layers.add(layer)
            active.append(layer)
            if layer == iso.NETWORK:
                active.append(iso.SCRATCH)
        else:
            missing[layer] = "the kernel refused it here (not root, or namespaces disabled)"
            if layer == iso.NETWORK:
                missing[iso.SCRATCH] = missing[layer]
    return plan, active, missing


# --- the loop --------------------------------------------------------------------

def _send(ctl: socket.socket, msg: dict, fds: list[int] | None = None) -> None:
    data = json.dumps(msg).encode()
    if fds:
        socket.send_fds(ctl, [data], fds)
    else:
        ctl.send(data)


def serve(ctl: socket.socket, plan: Plan) -> None:
    while True:
        job_r, job_w = os.pipe()
        result_r, result_w = os.pipe()
        scratch = None if iso.NETWORK in plan.layers else tempfile.mkdtemp(prefix="byhand-scratch-")
        if scratch and iso.UNPRIVILEGED_UID in plan.layers:
            os.chown(scratch, plan.uid, plan.gid)
        pid = os.fork()
        if pid == 0:
            _child(plan, job_r, result_w, scratch)
        os.close(job_r)
        os.close(result_w)
        try:
            _send(ctl, {"ready": pid}, [job_w, result_r])
            sent = True
        except OSError:  # the trusted side has gone: so do we
            sent = False
        finally:
            os.close(job_w)
            os.close(result_r)
        if not sent or not _wait(ctl, pid):
            _reap(pid, scratch, kill=True)
            return
        status = _reap(pid, scratch)
        try:
            _send(ctl, {"exit": pid, "status": status})
        except OSError:
            return


def _reap(pid: int, scratch: str | None, kill: bool = False) -> int:
    if kill:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
    except ChildProcessError:  # already reaped by _wait's fallback
        code = -1
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return code


def _wait(ctl: socket.socket, pid: int) -> bool:
    """Until the child exits (True) or the trusted side goes away (False);
    meanwhile obey "kill" requests for this child."""
    pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    try:
        while True:
            watch = [ctl] + ([pidfd] if pidfd is not None else [])
            ready, _, _ = select.select(watch, [], [], None if pidfd is not None else 0.01)
            if ctl in ready:
                try:
                    data = ctl.recv(4096)
                except OSError:
                    return False
                if not data:
                    return False
                msg = json.loads(data)
                if msg.get("kill") == pid:
                    if pidfd is not None:
                        try:
                            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    else:
                        os.kill(pid, signal.SIGKILL)
            if pidfd is not None and pidfd in ready:
                return True
            if pidfd is None and os.waitpid(pid, os.WNOHANG)[0] == pid:  # pragma: no cover
                # (only without pidfd: this reaped it; make _reap's waitpid fail soft)
                return True
    finally:
        if pidfd is not None:
            os.close(pidfd)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="byhand.sandbox.zygote")
    p.add_argument("--ctl-fd", type=int, required=True)
    p.add_argument("--uid", type=int, required=True)
    p.add_argument("--memory-mb", type=int, default=512)
    p.add_argument("--scratch-mb", type=int, default=16)
    p.add_argument("--no-view", action="store_true")
    p.add_argument("--scipy", action="store_true", help="also import SciPy (special, stats)")
    args = p.parse_args(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's ^C is for the trusted side
    ctl = socket.socket(fileno=args.ctl_fd)
    os.environ.pop("PYTHONPATH", None)  # children see only the scrubbed basics
    try:
        plan, active, missing = setup(args)
    except BaseException as exc:  # noqa: BLE001 - tell the trusted side, then give up
        _send(ctl, {"fatal": f"{type(exc).__name__}: {exc}"})
        raise
    _send(ctl, {"hello": os.getpid(), "protections": active, "missing": missing})
    # Everything imported so far is permanent: frozen objects are skipped by
    # the collector, so a child's first collection does not touch (and so
    # copy) every page it shares with the zygote.
    gc.collect()
    gc.freeze()
    serve(ctl, plan)


if __name__ == "__main__":
    main()
