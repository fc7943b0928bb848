"""Hostile submissions against the sandboxed grader.

Each test grades one attack on the "softmax" exercise and asserts:
  * it did not pass, with the expected status and a message that says why;
  * the pool is intact afterwards: every zygote alive, a correct softmax passes;
  * where relevant: nothing appeared outside the scratch directory, the
    secret stayed secret, a listener on loopback got no connection.

Many attacks are written "to win": the submission returns the *correct*
softmax only if its attack worked (it read the reference, found the secret,
opened a socket...) and zeros otherwise.  So a sandbox that leaks makes the
test fail on ``passed``, not only on a side assertion.
Tests whose protection needs root and namespaces ask for the ``full`` fixture,
which skips with the reason where isolation is partial.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import textwrap
from pathlib import Path

import pytest

import byhand
from byhand.content.loader import load_exercise

from sandbox_support import CORRECT, SECRET, SECRET_VAR

pytestmark = pytest.mark.slow  # ~150 gradings in a real sandbox: the full suite runs it, `-m "not slow"` not

TOKEN = secrets.token_hex(6)  # names of files the attacks try to create
REFERENCE = str(load_exercise("softmax").source_file)
CURRICULUM = str(Path(REFERENCE).parents[2])
QUICK = 0.5  # seconds per case for the looping attacks: keeps the suite fast

# A prelude for attacks written "to win": WIN(x, axis) is the right answer.
WIN = """
import numpy as np
def WIN(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
"""


def attack(grader, body: str, *, time_limit: float | None = None):
    source = WIN + textwrap.dedent(body)
    return grader.grade("softmax", source, seed=7, time_limit=time_limit)


def assert_contained(grader, result, statuses: tuple[str, ...], *words: str):
    """Not passed, the expected status, a message naming the reason, and a
    pool that still grades a correct submission."""
    assert not result.passed, result
    assert result.status in statuses, (result.status, result.message)
    for w in words:
        assert w.lower() in (result.message + str(result.failure)).lower(), (w, result.message)
    assert grader.alive() == grader.size
    good = grader.grade("softmax", CORRECT, seed=3)
    assert good.passed, good.message


def host_files_with_token() -> list[str]:
    """Files with TOKEN in their name anywhere an attack aims at."""
    found = []
    for top in ("/tmp", "/root", "/work", "/etc", "/home", "/var/tmp", "/dev/shm"):
        for dirpath, dirnames, filenames in os.walk(top):
            if dirpath.count(os.sep) > 6:
                dirnames[:] = []
            found += [os.path.join(dirpath, f) for f in filenames + dirnames if TOKEN in f]
    return found


# --- time -------------------------------------------------------------------------

def test_cpu_loop_in_function_times_out(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            while True:
                pass
    """, time_limit=QUICK)
    assert_contained(grader, r, ("timeout",), "timed out")


def test_cpu_loop_at_top_level_times_out(grader):
    r = attack(grader, """
        while True:
            pass
        def softmax(x, axis=-1):
            return WIN(x, axis)
    """, time_limit=QUICK)
    assert_contained(grader, r, ("timeout",), "loading")


def test_sleep_loop_times_out(grader):
    r = attack(grader, """
        import time
        def softmax(x, axis=-1):
            while True:
                time.sleep(0.05)
    """, time_limit=QUICK)
    assert_contained(grader, r, ("timeout",), "timed out")


def test_loop_ignoring_signals_is_still_killed(grader):
    r = attack(grader, """
        import signal
        for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM, signal.SIGXCPU):
            signal.signal(s, signal.SIG_IGN)
        def softmax(x, axis=-1):
            while True:
                pass
    """, time_limit=QUICK)
    assert_contained(grader, r, ("timeout",), "timed out")


def test_slow_answers_after_a_fast_one_time_out(grader):
    r = attack(grader, """
        import time
        calls = []
        def softmax(x, axis=-1):
            calls.append(1)
            if len(calls) > 2:
                time.sleep(60)
            return WIN(x, axis)
    """, time_limit=QUICK)
    assert_contained(grader, r, ("timeout",), "timed out")
    assert r.cases_passed == 2


# --- memory, processes, threads, files --------------------------------------------------

def test_numpy_memory_bomb(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            big = np.ones((1 << 40,))
            return WIN(x, axis)
    """)
    assert_contained(grader, r, ("error",), "MemoryError")


def test_python_memory_bomb(grader):
    r = attack(grader, """
        hog = []
        def softmax(x, axis=-1):
            while True:
                hog.append(bytearray(64 << 20))
    """)
    # MemoryError at the address-space limit, or the clock if page faults are slow
    assert_contained(grader, r, ("error", "timeout"))
    assert "MemoryError" in r.message or r.status == "timeout"


def test_fork_bomb(grader):
    r = attack(grader, """
        import os
        def softmax(x, axis=-1):
            while True:
                os.fork()
    """)
    assert_contained(grader, r, ("error",), "BlockingIOError")


def test_subprocess(grader):
    r = attack(grader, """
        import subprocess
        def softmax(x, axis=-1):
            subprocess.Popen(["sleep", "1000"])
            return WIN(x, axis)
    """)
    assert_contained(grader, r, ("error",))


def test_thread_that_outlives_the_call(grader):
    r = attack(grader, """
        import threading
        def spin():
            while True:
                pass
        def softmax(x, axis=-1):
            threading.Thread(target=spin, daemon=True).start()
            return WIN(x, axis)
    """)
    assert_contained(grader, r, ("error",), "thread")


def test_multiprocessing(grader):
    r = attack(grader, """
        import multiprocessing
        def softmax(x, axis=-1):
            with multiprocessing.Pool(2) as p:
                p.map(abs, [1, 2])
            return WIN(x, axis)
    """)
    assert_contained(grader, r, ("error",))


def test_too_many_open_files(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            keep = [open("/dev/null") for _ in range(10_000)]
            return WIN(x, axis)
    """)
    assert_contained(grader, r, ("error",), "Too many open files")


def test_filling_the_scratch_disk(full):
    r = attack(full, """
        import os
        def softmax(x, axis=-1):
            with open(os.environ["TMPDIR"] + "/fill", "wb") as f:
                for _ in range(1000):
                    f.write(b"x" * (1 << 20))
            return WIN(x, axis)
    """)
    assert_contained(full, r, ("error",))  # EFBIG / ENOSPC, or killed by SIGXFSZ


def test_writing_outside_scratch(full):
    targets = [f"/work/main/{TOKEN}", f"/root/{TOKEN}", f"/etc/{TOKEN}", f"/{TOKEN}",
               f"/usr/lib/{TOKEN}", f"/dev/shm/{TOKEN}", f"/var/tmp/{TOKEN}", f"{CURRICULUM}/{TOKEN}"]
    r = attack(full, f"""
        wrote = []
        for path in {targets!r}:
            try:
                with open(path, "w") as f:
                    f.write("pwned")
                wrote.append(path)
            except OSError:
                pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if wrote else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")
    assert host_files_with_token() == []


def test_scratch_does_not_survive_to_the_next_submission(full):
    plant = attack(full, f"""
        import os
        open(os.environ["TMPDIR"] + "/{TOKEN}", "w").write("left for the next learner")
        def softmax(x, axis=-1):
            return np.zeros_like(x)
    """)
    assert not plant.passed
    for _ in range(3):  # whichever worker runs it
        r = attack(full, f"""
            import os
            found = os.path.exists(os.environ["TMPDIR"] + "/{TOKEN}")
            def softmax(x, axis=-1):
                return WIN(x, axis) if found else np.zeros_like(x)
        """)
        assert_contained(full, r, ("failed",), "wrong values")
    assert host_files_with_token() == []


def test_symlink_planted_in_scratch_reaches_nothing(full):
    r = attack(full, f"""
        import os
        link = os.environ["TMPDIR"] + "/link-{TOKEN}"
        os.symlink("/etc/shadow", link)
        try:
            data = open(link).read()
        except OSError:
            data = ""
        def softmax(x, axis=-1):
            return WIN(x, axis) if data else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")
    assert host_files_with_token() == []


# --- output ------------------------------------------------------------------------

def test_huge_return_value(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            return np.zeros(4_000_000)
    """)
    assert_contained(grader, r, ("failed",), "too large")


def test_huge_printed_output_is_capped(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            print("A" * 50_000_000)
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",))
    assert len(r.stdout) <= 8000


def test_printing_a_fake_passing_verdict(grader):
    r = attack(grader, """
        import os, sys
        fake = "PASSED softmax: Passed all 11 cases.\\n"
        print(fake)
        sys.__stdout__.write(fake)
        os.write(1, fake.encode())
        os.write(2, fake.encode())
        def softmax(x, axis=-1):
            print('{"passed": true, "status": "passed"}')
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")


def test_forged_lines_on_every_open_descriptor(grader):
    r = attack(grader, """
        import os
        forged = b'{"setup": "ok"}\\n' + b'{"status": "ok", "out": "{\\\\"tuple\\\\": []}"}\\n' * 20 + b'{"passed": true}\\n'
        for fd in range(64):
            try:
                os.write(fd, forged)
            except OSError:
                pass
        def softmax(x, axis=-1):
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed", "error"))


def test_garbage_on_the_result_channel(grader):
    r = attack(grader, """
        import os
        def softmax(x, axis=-1):
            for fd in range(3, 64):
                try:
                    os.write(fd, b"\\x00\\xff not json at all\\n" * 1000)
                except OSError:
                    pass
            return WIN(x, axis)
    """)
    assert_contained(grader, r, ("failed", "error"))


# --- secrets: reference, hidden cases, environment, host files ---------------------------

def test_reading_the_reference_file(full):
    r = attack(full, f"""
        ns = {{}}
        try:
            exec(open({REFERENCE!r}).read(), ns)
        except Exception:
            pass
        def softmax(x, axis=-1):
            return ns["softmax"](x, axis) if "softmax" in ns else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_loading_the_exercise_through_byhand(full):
    r = attack(full, """
        try:
            import byhand
            ref = byhand.load_exercise("softmax").reference
        except Exception:
            ref = None
        def softmax(x, axis=-1):
            return ref(x, axis) if ref else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_listing_the_curriculum_and_hidden_cases(full):
    r = attack(full, f"""
        import os, sys
        seen = []
        for top in ({CURRICULUM!r}, "/work", "/root", "/home"):
            for dirpath, dirs, files in os.walk(top):
                shown = [sys.prefix, sys.base_prefix] + [p for p in sys.path if p.endswith("-packages")]
                if dirpath.startswith(tuple(shown)):  # the interpreter's library and NumPy/SciPy are shown
                    dirs[:] = []
                    continue
                seen += files
        print(seen[:20])
        def softmax(x, axis=-1):
            return WIN(x, axis) if seen else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_gc_walk_finds_no_reference_or_expected_outputs(grader):
    r = attack(grader, """
        import gc, types
        found = None
        for obj in gc.get_objects():
            if isinstance(obj, types.FunctionType) and obj.__name__ == "softmax" \\
                    and obj.__module__.startswith("byhand_reference"):
                found = obj
        mods = [m for m in __import__("sys").modules if m.startswith("byhand_reference")]
        def softmax(x, axis=-1):
            return found(x, axis) if (found or mods) else np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")


def test_frame_walk_finds_no_expected_outputs(grader):
    r = attack(grader, """
        import sys
        def softmax(x, axis=-1):
            f = sys._getframe(1)
            while f is not None:
                for name in ("expected", "exp", "reference", "ex"):
                    if name in f.f_locals:
                        return WIN(x, axis)
                f = f.f_back
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")


def test_environment_secret_is_not_visible(grader):
    assert os.environ[SECRET_VAR] == SECRET  # the trusted process has it
    r = attack(grader, f"""
        import os
        leak = os.environ.get({SECRET_VAR!r}, "")
        for path in ("/proc/self/environ", "/proc/1/environ", f"/proc/{{os.getppid()}}/environ"):
            try:
                leak += open(path, "rb").read().decode(errors="replace")
            except OSError:
                pass
        print(leak, dict(os.environ))
        def softmax(x, axis=-1):
            return WIN(x, axis) if {SECRET!r} in leak else np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")
    assert SECRET not in r.stdout and SECRET_VAR not in r.stdout


def test_etc_shadow_and_passwd(full):
    r = attack(full, """
        got = ""
        for path in ("/etc/shadow", "/etc/passwd", "/etc/hostname", "/root/.bash_history"):
            try:
                got += open(path).read()
            except OSError:
                pass
        print(repr(got[:100]))
        def softmax(x, axis=-1):
            return WIN(x, axis) if got else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")
    assert "root:" not in r.stdout


def test_site_packages_shows_only_numpy_and_scipy(full):
    r = attack(full, """
        import os, sys
        extra = set()
        for p in sys.path:
            if os.path.isdir(p) and p.endswith(("site-packages", "dist-packages")):
                extra |= set(os.listdir(p)) - {"numpy", "numpy.libs", "scipy", "scipy.libs"}
        print(sorted(extra)[:20])
        def softmax(x, axis=-1):
            return WIN(x, axis) if extra else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_proc_is_not_mounted(full):
    r = attack(full, """
        import os
        ok = os.path.exists("/proc/self") or os.path.exists("/proc/1")
        def softmax(x, axis=-1):
            return WIN(x, axis) if ok else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


# --- network -------------------------------------------------------------------------

def test_loopback_socket_gets_nowhere(full):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    r = attack(full, f"""
        import socket
        connected = False
        try:
            socket.create_connection(("127.0.0.1", {port}), timeout=0.3).sendall(b"hi")
            connected = True
        except OSError:
            pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if connected else np.zeros_like(x)
    """)
    with pytest.raises(socket.timeout):
        server.accept()
    server.close()
    assert_contained(full, r, ("failed",), "wrong values")


def test_abstract_unix_socket_gets_nowhere(full):
    name = f"\0byhand-test-{TOKEN}"
    server = socket.socket(socket.AF_UNIX)
    server.bind(name)
    server.listen(5)
    server.settimeout(0.2)
    r = attack(full, f"""
        import socket
        connected = False
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect({name!r})
            connected = True
        except OSError:
            pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if connected else np.zeros_like(x)
    """)
    with pytest.raises(socket.timeout):
        server.accept()
    server.close()
    assert_contained(full, r, ("failed",), "wrong values")


def test_dns_and_outside_network(full):
    r = attack(full, """
        import socket
        reached = False
        for target in (("pypi.org", 443), ("1.1.1.1", 53)):
            try:
                socket.create_connection(target, timeout=0.3)
                reached = True
            except OSError:
                pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if reached else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


# --- processes and privileges -----------------------------------------------------------

def test_signals_to_parent_zygote_and_trusted_process(full):
    r = attack(full, f"""
        import os, signal
        hits = 0
        for pid in {{os.getppid(), {os.getpid()}, 1}}:
            for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP):
                try:
                    os.kill(pid, sig)
                    hits += 1
                except OSError:
                    pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if hits else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_kill_every_process_it_can(full):
    # kill(-1) signals every process this uid may signal, except itself: with a
    # uid of its own there is none, so the zygotes and the other worker live on
    r = attack(full, """
        import os, signal
        def softmax(x, axis=-1):
            os.kill(-1, signal.SIGKILL)
            return np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_pid_scan_kill(full):
    r = attack(full, """
        import os, signal
        me = os.getpid()
        killed = 0
        for pid in range(2, 40000):
            if pid != me:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
                except OSError:
                    pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if killed else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_runs_unprivileged(full):
    r = attack(full, """
        import os
        root = os.getuid() == 0 or os.geteuid() == 0 or os.getgid() == 0 or 0 in os.getgroups()
        try:
            os.setuid(0)
            root = True
        except OSError:
            pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if root else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_raising_rlimits(grader):
    r = attack(grader, """
        import resource
        raised = 0
        for lim in (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_NPROC, resource.RLIMIT_FSIZE):
            try:
                resource.setrlimit(lim, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
                raised += 1
            except (ValueError, OSError):
                pass
        def softmax(x, axis=-1):
            return WIN(x, axis) if raised else np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")


def test_ctypes_namespace_and_mount_syscalls(full):
    r = attack(full, """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        wins = 0
        wins += libc.unshare(0x10000000) == 0          # a user namespace: root inside it
        wins += libc.unshare(0x00020000) == 0          # a mount namespace
        wins += libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None) == 0
        wins += libc.chroot(b"/tmp") == 0
        wins += libc.ptrace(16, os.getppid(), 0, 0) == 0  # PTRACE_ATTACH to the zygote
        def softmax(x, axis=-1):
            return WIN(x, axis) if wins else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_seccomp_filter_answers_eperm(full):
    # personality(0xffffffff) only queries, and succeeds for anyone: only the
    # filter makes it fail, so this proves the filter is installed
    r = attack(full, """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        unfiltered = libc.personality(0xFFFFFFFF) != -1
        print(ctypes.get_errno())
        def softmax(x, axis=-1):
            return WIN(x, axis) if unfiltered else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")
    assert r.stdout.strip() == "1"  # EPERM


def test_ctypes_segfault(grader):
    r = attack(grader, """
        import ctypes
        def softmax(x, axis=-1):
            return ctypes.string_at(1, 8)  # a read from an unmapped address
    """)
    assert_contained(grader, r, ("error",), "stopped the process")


def test_os_exit_zero_in_function(grader):
    r = attack(grader, """
        import os
        def softmax(x, axis=-1):
            os._exit(0)
    """)
    assert_contained(grader, r, ("error",), "stopped the process")


def test_os_exit_zero_at_top_level(grader):
    r = attack(grader, """
        import os
        os._exit(0)
    """)
    assert_contained(grader, r, ("error",), "while loading")


def test_sys_exit_in_function(grader):
    r = attack(grader, """
        import sys
        def softmax(x, axis=-1):
            sys.exit(0)
    """)
    assert_contained(grader, r, ("error",), "SystemExit")


def test_sys_exit_at_top_level(grader):
    r = attack(grader, """
        import sys
        sys.exit(0)
    """)
    assert_contained(grader, r, ("error",), "SystemExit")


def test_keyboard_interrupt_and_self_signal(grader):
    r = attack(grader, """
        import os, signal
        def softmax(x, axis=-1):
            os.kill(os.getpid(), signal.SIGTERM)
            raise KeyboardInterrupt
    """)
    assert_contained(grader, r, ("error",))


def test_deep_recursion(grader):
    r = attack(grader, """
        import sys
        sys.setrecursionlimit(10**7)
        def down(n):
            return down(n + 1) + 1
        def softmax(x, axis=-1):
            return down(0)
    """, time_limit=QUICK)
    # a segfault, a MemoryError or the clock: whichever comes first
    assert_contained(grader, r, ("error", "timeout"))


# --- lying values ------------------------------------------------------------------------

def test_lying_eq_object(grader):
    r = attack(grader, """
        class Liar:
            def __eq__(self, other): return True
            def __ne__(self, other): return False
            def __array__(self, *a, **k): return np.zeros(3)
        def softmax(x, axis=-1):
            return Liar()
    """)
    assert_contained(grader, r, ("failed",), "an object of type")


def test_lying_array_object(grader):
    r = attack(grader, """
        class Arr:
            __array_priority__ = 1e9
            def __array__(self, *a, **k): raise SystemExit
            def __array_function__(self, *a, **k): return True
            def __array_ufunc__(self, *a, **k): return True
        def softmax(x, axis=-1):
            return Arr()
    """)
    assert_contained(grader, r, ("failed",), "an object of type")


def test_lying_float_object(grader):
    r = attack(grader, """
        class F(float):
            def __eq__(self, other): return True
            def __float__(self): return 1.0
        def softmax(x, axis=-1):
            return [F(0.5)] * x.shape[-1]
    """)
    assert_contained(grader, r, ("failed",))


def test_ndarray_subclass(grader):
    r = attack(grader, """
        class Sneaky(np.ndarray):
            def __eq__(self, other): return np.ones(np.shape(other), bool)
            def __array_function__(self, *a, **k): return True
        def softmax(x, axis=-1):
            return np.zeros_like(x).view(Sneaky)
    """)
    assert_contained(grader, r, ("failed",), "subclass")


def test_object_array(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            return np.array([object()] * 3, dtype=object)
    """)
    assert_contained(grader, r, ("failed",), "dtype object")


def test_nan_games(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            return np.full(np.shape(x), np.nan)
    """)
    assert_contained(grader, r, ("failed",), "nan")


def test_broadcasting_scalar_and_empty_array(grader):
    for body in ("return 0.2", "return np.zeros((0,))", "return WIN(x, axis)[..., :1]"):
        r = attack(grader, f"""
            def softmax(x, axis=-1):
                {body}
        """)
        assert_contained(grader, r, ("failed",), "shape")


# --- tampering ----------------------------------------------------------------------------

def test_monkeypatching_numpy(grader):
    r = attack(grader, """
        np.allclose = lambda *a, **k: True
        np.isclose = lambda a, b, *r, **k: np.ones(np.shape(b), bool)
        np.testing.assert_allclose = lambda *a, **k: None
        np.array_equal = lambda *a, **k: True
        def softmax(x, axis=-1):
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")


def test_monkeypatching_builtins(grader):
    r = attack(grader, """
        import builtins
        real_type = builtins.type
        class Liar:
            def __array__(self, *a, **k): return np.zeros(4)
        builtins.type = lambda *a: np.ndarray if len(a) == 1 and real_type(a[0]) is Liar else real_type(*a)
        builtins.isinstance = lambda *a: True
        def softmax(x, axis=-1):
            return Liar()
    """)
    # (the patched builtins may also break the child's own reporting: an error)
    assert_contained(grader, r, ("failed", "error"))


def test_import_hook(grader):
    r = attack(grader, """
        import sys
        class Hook:
            def find_spec(self, name, path=None, target=None):
                if name.startswith("byhand") or name == "json":
                    raise ImportError("hooked")
                return None
        sys.meta_path.insert(0, Hook())
        for m in [m for m in sys.modules if m.startswith("byhand") or m == "json"]:
            del sys.modules[m]
        def softmax(x, axis=-1):
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed", "error"))


def test_tampering_with_grader_modules(grader):
    r = attack(grader, """
        import byhand.grading.values as values
        import byhand.grading.runner as runner
        try:  # the sandbox does not even hold the comparing code; patch it if it is there
            import byhand.grading.compare as compare
            import byhand.grading.grader as grader
            compare.compare_outputs = lambda *a, **k: None
            grader.judge = lambda *a, **k: grader.CaseVerdict(True)
            grader.grade_exercise = lambda *a, **k: "passed"
        except ImportError:
            pass
        runner.MAX_STDOUT = 10**9
        # and answer every case with a "plain" value that is wrong
        values.plain_outputs = runner.plain_outputs = lambda value, n: (np.zeros(1),)
        def softmax(x, axis=-1):
            return np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "shape")


def test_tampering_with_the_wire_encoder(grader):
    r = attack(grader, """
        import json
        real_dumps = json.dumps
        def dumps(obj, *a, **k):
            if isinstance(obj, dict) and obj.get("status") == "error":
                obj = {"status": "ok", "out": '{"tuple": [1.0]}'}
            return real_dumps(obj, *a, **k)
        json.dumps = dumps
        def softmax(x, axis=-1):
            raise ValueError("boom")
    """)
    assert_contained(grader, r, ("failed",))


def test_a_function_right_on_small_cases_only(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            return WIN(x, axis) if np.size(x) < 10 else np.zeros_like(x)
    """)
    assert_contained(grader, r, ("failed",), "wrong values")
    assert 0 < r.cases_passed < r.cases_total


# --- source the trusted side must survive ---------------------------------------------------

def test_absurdly_nested_source_is_rejected_not_crashing(grader):
    r = grader.grade("softmax", "x = " + "-" * 1_000_000 + "1\n")
    assert_contained(grader, r, ("invalid",), "syntax")


def test_null_bytes_in_source(grader):
    r = grader.grade("softmax", "def softmax(x, axis=-1):\n    return x\0\n")
    assert_contained(grader, r, ("invalid",), "syntax")


# --- the whole suite --------------------------------------------------------------------------

def test_results_name_the_protections(full):
    r = full.grade("softmax", CORRECT)
    assert r.passed
    assert set(r.protections) == set(byhand.sandbox.FULL)


def test_byhand_grade_sandbox_uses_the_pool(full):
    r = byhand.grade("softmax", WIN + "\ndef softmax(x, axis=-1):\n    import os\n"
                     "    return WIN(x, axis) if os.getuid() == 0 else np.zeros_like(x)\n", sandbox=True)
    assert not r.passed and r.status == "failed"
    assert "unprivileged-uid" in r.protections
    assert byhand.grade("softmax", CORRECT, sandbox=True).passed


def test_grade_async(grader):
    import asyncio

    async def both():
        return await asyncio.gather(grader.grade_async("softmax", CORRECT),
                                    grader.grade_async("softmax", WIN + "\ndef softmax(x, axis=-1):\n"
                                                                        "    return x\n"))
    good, bad = asyncio.run(both())
    assert good.passed and not bad.passed


def test_require_full_isolation_refuses_partial(full):
    from byhand.jobs import Grader
    from byhand.sandbox import SandboxUnavailable

    with Grader(workers=1, scipy_workers=0, require_full_isolation=True) as g:  # full here: starts
        assert g.missing_protections() == ()
    with pytest.raises(SandboxUnavailable, match="filesystem-view"):
        Grader(workers=1, scipy_workers=0, require_full_isolation=True, view=False)


def test_nothing_written_anywhere_by_the_suite():
    assert host_files_with_token() == []


def test_a_killed_zygote_is_replaced(grader):
    """Not an attack a submission can make (see the signal tests), but the
    pool must survive it: kill one zygote from here and keep grading."""
    import time

    victim = grader.pool._all[0]
    os.kill(victim.proc.pid, signal.SIGKILL)
    results = [grader.grade("softmax", CORRECT) for _ in range(4)]
    assert any(r.passed for r in results)
    deadline = time.monotonic() + 60
    while grader.alive() < grader.size and time.monotonic() < deadline:
        time.sleep(0.1)
    assert grader.alive() == grader.size
    assert grader.grade("softmax", CORRECT).passed


def test_scipy_sources_run_on_a_scipy_worker(grader):
    r = grader.grade("softmax", "import scipy.special\n\ndef softmax(x, axis=-1):\n"
                                "    return scipy.special.softmax(x, axis=axis)\n")
    assert r.passed, r.message
    assert {w.flavor for w in grader.pool._all} == {"numpy", "scipy"}


def test_a_file_written_like_a_reference_passes(grader):
    """`from byhand import Case` works in the sandbox (the data classes are
    there), though the loader and the grader are not."""
    r = grader.grade("softmax", Path(REFERENCE).read_text())
    assert r.passed, r.message


# --- the trusted side: forged results, decode and render bombs, compile bombs -----------------

from test_channel import FORGED_CASE_LINES  # noqa: E402 - the same forgeries, now from a real child

FORGE = """
import os
def softmax(x, axis=-1):
    return np.zeros_like(x)
lines = {lines!r}
for fd in range(3, 64):
    try:
        os.write(fd, lines)
    except OSError:
        pass
os._exit(0)
"""


@pytest.mark.parametrize("what", sorted(FORGED_CASE_LINES))
def test_forged_result_lines_from_the_child(grader, what):
    lines = b'{"setup": "ok"}\n' + (FORGED_CASE_LINES[what] + b"\n") * 11 + b'{"stdout": ""}\n'
    r = attack(grader, FORGE.format(lines=lines))
    assert_contained(grader, r, ("failed", "error"))
    assert len(r.message) + len(str(r.failure)) < 10_000


def test_forged_omitted_outputs_of_the_right_shape_never_pass(grader):
    # the expected shape is unknown to the child, but a forger may guess it
    lines = b'{"setup": "ok"}\n' + b''.join(
        b'{"status": "ok", "out": [["<f8", [%d], null]]}\n' % n for n in range(11)) + b'{"stdout": ""}\n'
    r = attack(grader, FORGE.format(lines=lines))
    assert_contained(grader, r, ("failed",))


def test_a_decode_bomb_from_a_real_child_is_refused_unparsed(grader):
    # 8 MiB of nested lists: refused at the line's cap (its cost is bounded in
    # test_channel.py: bytes read and memory held), never parsed
    bomb = b'{"setup": "ok"}\n' + b'{"status": "ok", "out": ' + b"[[0]," * (2 << 20) + b"]}\n"
    r = attack(grader, FORGE.format(lines=bomb))
    assert_contained(grader, r, ("failed",), "more output than the grader accepts")


def test_a_render_bomb_is_shown_small(grader):
    r = attack(grader, """
        def softmax(x, axis=-1):
            return np.ones((2,) * 22, np.uint8)
    """)
    assert_contained(grader, r, ("failed",), "shape")
    assert len(r.message) + len(str(r.failure)) < 5_000


def test_a_render_bomb_of_the_right_size_is_shown_small(grader):
    # the budget lets through what the expected shape could hold; shown at most 2,000 characters
    r = attack(grader, """
        def softmax(x, axis=-1):
            return np.ones((2,) * 12, np.uint8) if x.size > 4000 else np.ones(x.shape + (1,) * 8)
    """)
    assert_contained(grader, r, ("failed",), "shape")
    assert len(r.message) + len(str(r.failure)) < 5_000


def test_a_compile_bomb_is_compiled_only_in_the_sandbox(grader, monkeypatch):
    import ast
    import builtins

    bomb = "f = " + "lambda: " * 2_600 + "0\n"  # ~21 KB of nested lambdas
    seen = []
    real_compile, real_parse = builtins.compile, ast.parse

    def spy_compile(source, *a, **k):
        seen.append(source)
        return real_compile(source, *a, **k)

    def spy_parse(source, *a, **k):
        seen.append(source)
        return real_parse(source, *a, **k)

    monkeypatch.setattr(builtins, "compile", spy_compile)
    monkeypatch.setattr(ast, "parse", spy_parse)
    r = grader.grade("softmax", bomb, time_limit=QUICK)
    monkeypatch.undo()
    assert not any(isinstance(s, str) and "lambda: lambda:" in s for s in seen)
    assert_contained(grader, r, ("invalid", "timeout", "error"))


def test_the_web_never_parses_a_submission(monkeypatch):
    import ast
    import builtins

    from byhand.web.services import names_in

    calls = []
    monkeypatch.setattr(ast, "parse", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(builtins, "compile", lambda *a, **k: calls.append(a))
    called, defined = names_in("def softmax(x):\n    return layer_norm(x) + " + "(" * 10_000 + ")" * 10_000)
    monkeypatch.undo()
    assert calls == [] and {"layer_norm", "x"} <= called and defined == {"softmax"}


# --- kernel objects: IPC, shared memory, sockets, processes, packages ------------------------

def test_sysv_posix_ipc_and_memfd_are_denied(full):
    r = attack(full, """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        made = []
        if libc.shmget(0, 1 << 20, 0o1600) >= 0: made.append("shm")
        if libc.msgget(0, 0o1600) >= 0: made.append("msg")
        if libc.semget(0, 1, 0o1600) >= 0: made.append("sem")
        try:
            libc.mq_open.restype = ctypes.c_int
            if libc.mq_open(b"/byhand-probe", os.O_CREAT | os.O_RDWR, 0o600, None) >= 0: made.append("mq")
        except AttributeError:
            pass
        try:
            os.memfd_create("pin")
            made.append("memfd")
        except OSError:
            pass
        print(made)
        def softmax(x, axis=-1):
            return WIN(x, axis) if made else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_a_host_shared_memory_segment_is_out_of_reach(full):
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    key = 0x0B7A0000 + os.getpid() % 0xFFFF
    shmid = libc.shmget(key, 4096, 0o1644)  # IPC_CREAT | world-readable, as a careless host process does
    assert shmid >= 0
    try:
        r = attack(full, f"""
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            found = libc.shmget({key}, 0, 0) >= 0
            def softmax(x, axis=-1):
                return WIN(x, axis) if found else np.zeros_like(x)
        """)
    finally:
        libc.shmctl(shmid, 0, None)  # IPC_RMID
    assert_contained(full, r, ("failed",), "wrong values")


def test_zygotes_live_in_namespaces_of_their_own(full):
    mine = {ns: os.readlink(f"/proc/self/ns/{ns}") for ns in ("pid", "ipc", "uts", "net", "mnt")}
    for w in full.pool._all:
        theirs = {ns: os.readlink(f"/proc/{w.zygote_pid}/ns/{ns}") for ns in ("ipc", "uts", "net", "mnt")}
        theirs["pid"] = os.readlink(f"/proc/{w.zygote_pid}/ns/pid_for_children")
        assert all(theirs[ns] != mine[ns] for ns in mine), (theirs, mine)
    zygotes = [os.readlink(f"/proc/{w.zygote_pid}/ns/ipc") for w in full.pool._all]
    assert len(set(zygotes)) == len(zygotes)  # nor do two zygotes share one


def test_no_process_outside_its_own_zygote_is_visible(full):
    r = attack(full, """
        import os
        visible = []
        for pid in range(1, 70_000):
            try:
                os.kill(pid, 0)
                visible.append(pid)
            except PermissionError:
                visible.append(pid)
            except ProcessLookupError:
                pass
        print(visible)
        def softmax(x, axis=-1):
            # itself, its zygote (init, pid 1) and the spare beside it: nothing else
            return WIN(x, axis) if len(visible) > 3 else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_hostname_is_not_the_hosts(full):
    r = attack(full, f"""
        import socket
        leaked = socket.gethostname() == {socket.gethostname()!r}
        def softmax(x, axis=-1):
            return WIN(x, axis) if leaked else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def test_only_unix_sockets_can_be_made(full):
    r = attack(full, """
        import socket
        made = []
        for family, kind in ((40, socket.SOCK_STREAM), (16, socket.SOCK_RAW), (17, socket.SOCK_RAW),
                             (socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_DGRAM),
                             (38, socket.SOCK_SEQPACKET)):  # vsock, netlink, packet, inet, inet6, alg
            try:
                socket.socket(family, kind).close()
                made.append(family)
            except OSError:
                pass
        a, b = socket.socketpair(socket.AF_UNIX)  # what the runner could need still works
        def softmax(x, axis=-1):
            return WIN(x, axis) if made else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")


def _host_packages() -> list[str]:
    """Top-level packages installed on the host outside this venv's numpy/scipy."""
    import glob
    import sys

    names = set()
    for d in glob.glob(os.path.join(sys.base_prefix, "lib", "python3*", "site-packages")) + \
            glob.glob("/usr/lib/python3/dist-packages") + glob.glob("/usr/local/lib/python3*/*-packages"):
        for entry in os.listdir(d):
            name = entry[:-3] if entry.endswith(".py") else entry
            if name.isidentifier() and not entry.endswith((".dist-info", ".egg-info")):
                names.add(name)
    return sorted(names - set(sys.stdlib_module_names) - {"numpy", "scipy", "byhand", "__pycache__"})


def test_only_numpy_and_scipy_are_importable(full):
    host = _host_packages()
    assert host, "the host has packages outside the view (pip, setuptools at least)"
    r = attack(full, f"""
        import importlib, pkgutil, sys
        found = []
        for n in {host!r}:
            try:
                importlib.import_module(n)
                found.append(n)
            except Exception:
                pass
        extra = [m.name for m in pkgutil.iter_modules()
                 if m.name not in sys.stdlib_module_names and m.name not in ("numpy", "scipy")
                 and not m.name.startswith("_") and not m.name.startswith(("test", "xx"))]  # CPython's own
        print(found, extra)
        def softmax(x, axis=-1):
            return WIN(x, axis) if found or extra else np.zeros_like(x)
    """)
    assert_contained(full, r, ("failed",), "wrong values")
