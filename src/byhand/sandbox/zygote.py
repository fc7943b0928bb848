"""The zygote: a warm, secret-free process that forks one confined child per
submission.  Run as a script, ``python .../byhand/sandbox/zygote.py --ctl-fd N
...``, by :mod:`byhand.sandbox.pool`, never forked from the trusted process,
so its memory holds NumPy and byhand's public grading helpers but no
reference, no case generator, no expected output and no other learner's code.

As a script (not ``-m``) so that ``byhand/__init__.py``, which imports the
grader and the curriculum loader, never runs here: :func:`_bare_package`
registers ``byhand`` as an empty package and only the modules a child needs
are imported (runner, values, testfns, content.model).

Life of a zygote:

1. import NumPy (single-threaded BLAS) and its lazily imported submodules,
   and with ``--scipy`` SciPy's special/stats, so that no child pays for
   imports;
2. build the read-only filesystem view (:func:`isolation.enter_view`) and
   probe which per-child protections work here;
3. loop: keep two children forked, each confined and blocked reading its
   job, and their job-pipe write end and result-pipe read end handed to the
   trusted side ("ready"); kill one when the trusted side asks; reap and
   report ("exit") each that ends, and fork a replacement.

Children are prepared *before* their jobs arrive, and a spare is always
ready, so fork, namespaces, mounts and privilege dropping never sit on a
submission's critical path.
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


def _bare_package() -> None:
    """``byhand`` as a namespace for its submodules, without running its
    ``__init__``: a child that does ``import byhand`` gets no loader to call."""
    import importlib.machinery
    import types

    here = os.path.dirname(os.path.realpath(__file__))
    if sys.path and os.path.realpath(sys.path[0] or ".") == here:
        del sys.path[0]  # the script's folder: would expose pool.py etc. as top-level modules
    root = os.path.dirname(here)
    pkg = types.ModuleType("byhand")
    pkg.__path__ = [root]
    pkg.__file__ = os.path.join(root, "__init__.py")
    pkg.__spec__ = importlib.machinery.ModuleSpec("byhand", None, is_package=True)
    pkg.__spec__.submodule_search_locations = [root]
    sys.modules["byhand"] = pkg


def _become_init() -> str | None:
    """Move into new PID, IPC and UTS namespaces, with this zygote as the PID
    namespace's init: when the zygote dies the kernel kills every child in
    it, whatever the child did to its parent-death signal.  The process the
    pool started stays outside as a small waiter (NumPy is not imported yet)
    that reports the zygote's pid and exits with it.  Returns why not, or None."""
    from byhand.sandbox import isolation as iso_

    try:
        iso_.unshare(iso_.CLONE_NEWPID | iso_.CLONE_NEWIPC | iso_.CLONE_NEWUTS)
    except OSError as exc:
        return str(exc)
    ctl_fd = int(sys.argv[sys.argv.index("--ctl-fd") + 1])
    pid = os.fork()
    if pid:  # the waiter
        iso_.prctl(iso_.PR_SET_NAME, iso_.name_arg(b"byhand-waiter"))
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        ctl = socket.socket(fileno=ctl_fd)
        try:
            ctl.send(json.dumps({"zygote": pid}).encode())
        except OSError:
            pass
        ctl.close()  # only the zygote holds the channel now: its death is the pool's EOF
        code = 1
        try:
            code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        finally:
            os._exit(code if code >= 0 else 1)
    # the zygote: gone when the waiter is (the pool kills the process it started)
    # (had the waiter died before this line, the pool's closed channel still ends us)
    iso_.prctl(iso_.PR_SET_PDEATHSIG, signal.SIGKILL)
    iso_.sethostname("byhand-sandbox")  # the host's name stays the host's
    iso_.prctl(iso_.PR_SET_NAME, iso_.name_arg(b"byhand-zygote"))
    return None


class _OnlyIntended:
    """A meta-path finder that refuses every top-level package but the
    standard library's, NumPy, SciPy and byhand: NumPy's and SciPy's folder
    holds other installed packages, and SciPy imports some optional ones when
    they are there; none of them may load into the zygote (and so into every
    child) or be imported by a submission."""

    ALLOWED = frozenset(sys.stdlib_module_names) | {"numpy", "scipy", "byhand"}

    def find_spec(self, name, path=None, target=None):
        if path is None and "." not in name and name not in self.ALLOWED \
                and not name.startswith("_sysconfigdata_"):  # the interpreter's build settings
            raise ModuleNotFoundError(f"No module named {name!r} in the sandbox", name=name)
        return None  # the usual finders decide


def _argv_values(flag: str) -> list[str]:
    """Every value of a repeated ``flag VALUE`` (read before argparse runs:
    what may be imported is settled before anything is)."""
    return [sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == flag]


# a curriculum pack's packages a submission may import, besides NumPy and SciPy
_EXTRA_PACKAGES = [name for name in _argv_values("--package") if name.isidentifier()]
_OnlyIntended.ALLOWED = _OnlyIntended.ALLOWED | set(_EXTRA_PACKAGES)

_NAMESPACES_MISSING: str | None = "not started as a script"
if __name__ == "__main__":
    _bare_package()
    sys.meta_path.insert(0, _OnlyIntended())
    _NAMESPACES_MISSING = _become_init()

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
_PACKAGES = ["numpy", "scipy", *_EXTRA_PACKAGES]
if "--scipy" in sys.argv:
    try:
        import scipy.special  # noqa: F401
        import scipy.stats  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency, but stay usable without it
        pass

from byhand.grading import runner as _runner  # noqa: E402  (public helpers only: no curriculum)
from byhand.grading import testfns as _testfns  # noqa: E402

# packs' test functions: imported now, never looked up through entry points here
_testfns.extend({})
for _module in _argv_values("--test-functions"):
    import importlib as _importlib

    _testfns.extend(_importlib.import_module(_module).REGISTRY)
from byhand.sandbox import isolation as iso  # noqa: E402
from byhand.sandbox.protocol import decode_job, read_frame  # noqa: E402


def _public_names() -> None:
    """What ``from byhand import ...`` may give a submission here: the data
    classes and errors (a file written like a reference imports ``Case``),
    never ``load_exercise``, ``grade`` or ``check``."""
    from byhand import errors
    from byhand.content import model

    pkg = sys.modules["byhand"]
    if getattr(pkg, "__file__", "") and not hasattr(pkg, "grade"):  # the bare package
        for name in ("Case", "Exercise", "Fn"):
            setattr(pkg, name, getattr(model, name))
        for name in ("ByhandError", "UnknownItem"):
            setattr(pkg, name, getattr(errors, name))


_public_names()

EXIT_CONFINE_FAILED = 113  # the child could not apply a promised protection: fail closed


class Plan:
    """What every child applies; decided once at start-up by probing."""

    def __init__(self, args, base_vm: int):
        # two uids, alternating: the running child and the spare prepared
        # beside it never share one, so neither can signal the other
        self.uids = (args.uid, args.uid + 1)
        self.uid = self.gid = args.uid  # the one _confine applies (set per child)
        self.scratch_bytes = args.scratch_mb * 1024 * 1024
        self.scratch_point = "/tmp"  # see isolation.scratch_point; set when the view is built
        # the zygote leaves the host's network namespace once, into an empty one
        # of its own that its children share: only one child of a zygote ever
        # runs learner code at a time (the spare waits for its job), and a
        # per-child namespace costs each grading ~0.5 ms plus kernel teardown
        self.zygote_netns = False
        self.file_size = args.scratch_mb * 1024 * 1024
        # the child starts as a copy of the zygote: allow its size plus the budget
        self.address_space = (base_vm or 1 << 30) + args.memory_mb * 1024 * 1024
        self.seccomp = iso.seccomp_program()
        self.seccomp_inherited = False  # set once the zygote itself runs under the filter
        self.layers: set[str] = set()  # optional layers that probed fine


def _confine(plan: Plan, keep: tuple[int, ...], scratch: str | None) -> None:
    """Everything a child does to itself before it reads its job."""
    iso.close_fds(keep)
    if iso.NETWORK in plan.layers:
        iso.isolate_network_and_scratch(plan.uid, plan.gid, plan.scratch_bytes, plan.scratch_point,
                                        new_net=not plan.zygote_netns)
        scratch = plan.scratch_point
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
    if iso.SECCOMP in plan.layers and not plan.seccomp_inherited:
        iso.install_seccomp(plan.seccomp)  # a probe; real children inherit the zygote's filter


def _child(plan: Plan, job_r: int, result_w: int, scratch: str | None) -> None:
    """The forked child; never returns."""
    code = 0
    try:
        iso.prctl(iso.PR_SET_NAME, iso.name_arg(b"byhand-child"))  # as ps and top show it
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            _confine(plan, (job_r, result_w), scratch)
        except BaseException:  # noqa: BLE001 - never run learner code half-confined
            os._exit(EXIT_CONFINE_FAILED)
        if _WARM_JOB:
            _warm()
        sub, cases, n_outputs, time_limit, budgets = decode_job(read_frame(job_r))
        os.close(job_r)
        # CPU time is a backstop behind the trusted side's wall clock
        cpu = math.ceil(time_limit * (len(cases) + 2)) + 1
        import resource
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        with os.fdopen(result_w, "w", encoding="utf-8") as out:
            _runner._child(sub, cases, n_outputs, out, budgets)
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)


_WARM_JOB: bytes | None = None  # a tiny job the zygote encodes once at start-up


def _warm() -> None:
    """Run a tiny job through the same code paths while the child waits for
    its real one: a forked child copies each page it first writes (reference
    counts), and this moves those copies off the submission's critical path
    (measured: ~445 page faults during a softmax job cold, ~70 warm; the job
    itself 2.7-6.6 ms -> 1.2 ms)."""
    sub, cases, n_outputs, _, budgets = decode_job(_WARM_JOB)
    import io

    saved = sys.stdout, sys.stderr
    try:
        _runner._child(sub, cases, n_outputs, io.StringIO(), budgets)
    finally:
        sys.stdout, sys.stderr = saved
        import linecache

        linecache.cache.pop(sub.filename, None)


def _make_warm_job() -> bytes:
    from byhand.content.model import Case
    from byhand.sandbox.protocol import encode_job

    src = ("import numpy as np\ndef f(x, axis=-1):\n"
           "    e = np.exp(x - np.max(x, axis=axis, keepdims=True))\n"
           "    return e / np.sum(e, axis=axis, keepdims=True)\n")
    x = numpy.linspace(-1.0, 1.0, 6).reshape(2, 3)
    cases = [Case((x,)), Case((x,), {"axis": 0})]
    return encode_job(_runner.Submission("f", src, "<warm-up>"), cases, [None, None], 1.0, [1024, 1024])[4:]


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
                with open(os.path.join(plan.scratch_point, "probe"), "w") as f:
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
    pkg = os.path.dirname(os.path.realpath(sys.modules["byhand"].__file__))
    return [os.path.join(pkg, "curriculum"), pkg, *map(os.path.realpath, _argv_values("--hide"))]


def setup(args) -> tuple[Plan, list[str], dict[str, str]]:
    """Build the view and probe the layers; return the plan, the active
    protections and, for each missing one, why."""
    base_vm = iso.vm_size()  # /proc is gone once the view is entered
    plan = Plan(args, base_vm)
    missing: dict[str, str] = {}
    active = list(iso.ALWAYS)
    for ns in (iso.PID_NS, iso.IPC_NS, iso.UTS_NS):
        if _NAMESPACES_MISSING is None:
            active.append(ns)
        else:
            missing[ns] = _NAMESPACES_MISSING
    if args.no_view:
        missing[iso.FS_VIEW] = "disabled (--no-view)"
    else:
        try:
            plan.scratch_point = iso.scratch_point(iso.exposed_paths(_PACKAGES))
            iso.enter_view(_PACKAGES, _hidden_paths())
            active.append(iso.FS_VIEW)
        except OSError as exc:
            missing[iso.FS_VIEW] = str(exc)
    try:
        iso.unshare(iso.CLONE_NEWNET)
        plan.zygote_netns = True
    except OSError:
        pass  # each child will try its own (the NETWORK probe below tells)
    for layer in (iso.NETWORK, iso.UNPRIVILEGED_UID, iso.NO_NEW_PRIVS, iso.SECCOMP):
        if layer == iso.SECCOMP and plan.seccomp is None:
            for name in (layer, iso.SOCKET_FAMILIES, iso.NO_SHARED_MEMORY):
                missing[name] = "no seccomp syscall table for this architecture"
            continue
        if layer == iso.UNPRIVILEGED_UID and os.geteuid() != 0:
            missing[layer] = "the grader does not run as root, so children keep the grader's uid"
            continue
        if _probe(plan, layer):
            plan.layers.add(layer)
            active.append(layer)
            if layer == iso.NETWORK:
                active.append(iso.SCRATCH)
            if layer == iso.SECCOMP:  # the same filter denies these
                active += [iso.SOCKET_FAMILIES, iso.NO_SHARED_MEMORY]
        else:
            missing[layer] = "the kernel refused it here (not root, or namespaces disabled)"
            if layer == iso.NETWORK:
                missing[iso.SCRATCH] = missing[layer]
            if layer == iso.SECCOMP:
                missing[iso.SOCKET_FAMILIES] = missing[iso.NO_SHARED_MEMORY] = missing[layer]
    if iso.SECCOMP in plan.layers:
        # once, on the zygote itself: every child inherits it (see isolation.seccomp_program)
        iso.install_seccomp(plan.seccomp)
        plan.seccomp_inherited = True
    return plan, active, missing


# --- the loop --------------------------------------------------------------------

def _send(ctl: socket.socket, msg: dict, fds: list[int] | None = None) -> None:
    data = json.dumps(msg).encode()
    if fds:
        socket.send_fds(ctl, [data], fds)
    else:
        ctl.send(data)


class _Child:
    def __init__(self, pid: int, uid: int, scratch: str | None):
        self.pid, self.uid, self.scratch = pid, uid, scratch
        self.pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None


def _spawn(ctl: socket.socket, plan: Plan, uid: int) -> _Child | None:
    """Fork a child that confines itself as ``uid`` and waits for its job;
    hand its pipe ends to the trusted side.  None if the trusted side is gone."""
    job_r, job_w = os.pipe()
    result_r, result_w = os.pipe()
    scratch = None if iso.NETWORK in plan.layers else tempfile.mkdtemp(prefix="byhand-scratch-")
    if scratch and iso.UNPRIVILEGED_UID in plan.layers:
        os.chown(scratch, uid, uid)
    plan.uid = plan.gid = uid
    pid = os.fork()
    if pid == 0:
        _child(plan, job_r, result_w, scratch)
    os.close(job_r)
    os.close(result_w)
    child = _Child(pid, uid, scratch)
    try:
        _send(ctl, {"ready": pid}, [job_w, result_r])
        return child
    except OSError:  # the trusted side has gone: so do we
        _reap(child, kill=True)
        return None
    finally:
        os.close(job_w)
        os.close(result_r)


def serve(ctl: socket.socket, plan: Plan) -> None:
    """Keep two children: the one the trusted side is using and a spare,
    already confined, so that the next job never waits for a fork."""
    children: dict[int, _Child] = {}
    try:
        while True:
            while len(children) < len(plan.uids):
                used = {c.uid for c in children.values()}
                child = _spawn(ctl, plan, next(u for u in plan.uids if u not in used))
                if child is None:
                    return
                children[child.pid] = child
            if not _wait_event(ctl, children):
                return
    finally:
        for child in children.values():
            _reap(child, kill=True)


def _wait_event(ctl: socket.socket, children: dict[int, "_Child"]) -> bool:
    """Handle the next event: a "kill" request, or children exiting (each is
    reaped and reported).  False when the trusted side has gone."""
    pidfds = {c.pidfd: c for c in children.values() if c.pidfd is not None}
    polling = len(pidfds) < len(children)  # no pidfd (old kernel, not Linux): poll
    ready, _, _ = select.select([ctl, *pidfds], [], [], 0.01 if polling else None)
    if ctl in ready:
        try:
            data = ctl.recv(4096)
        except OSError:
            return False
        if not data:
            return False
        target = children.get(json.loads(data).get("kill"))
        if target is not None:
            _kill(target)
    for child in list(children.values()):
        if child.pidfd in ready or (child.pidfd is None and _exited(child.pid)):
            code = _reap(child)
            del children[child.pid]
            try:
                _send(ctl, {"exit": child.pid, "status": code})
            except OSError:
                return False
    return True


def _exited(pid: int) -> bool:
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _kill(child: "_Child") -> None:
    try:
        if child.pidfd is not None:
            signal.pidfd_send_signal(child.pidfd, signal.SIGKILL)  # no pid-reuse race
        else:
            os.kill(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(child: "_Child", kill: bool = False) -> int:
    if kill:
        _kill(child)
    try:
        _, status = os.waitpid(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
    except ChildProcessError:
        code = -1
    if child.pidfd is not None:
        os.close(child.pidfd)
    if child.scratch:
        shutil.rmtree(child.scratch, ignore_errors=True)
    return code


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="byhand.sandbox.zygote")
    p.add_argument("--ctl-fd", type=int, required=True)
    p.add_argument("--uid", type=int, required=True)
    p.add_argument("--memory-mb", type=int, default=512)
    p.add_argument("--scratch-mb", type=int, default=16)
    p.add_argument("--no-view", action="store_true")
    p.add_argument("--scipy", action="store_true", help="also import SciPy (special, stats)")
    p.add_argument("--warm-spares", action="store_true", help="spares run a tiny job while waiting")
    p.add_argument("--package", action="append", default=[], help="another package submissions may import")
    p.add_argument("--test-functions", action="append", default=[], help="a module of Fn test functions")
    p.add_argument("--hide", action="append", default=[], help="a folder never shown (a pack's items)")
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
    global _WARM_JOB
    _WARM_JOB = _make_warm_job() if args.warm_spares else None
    gc.collect()
    gc.freeze()
    serve(ctl, plan)


if __name__ == "__main__":
    main()
