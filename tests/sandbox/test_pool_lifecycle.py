"""The pool's own life: uids never shared by live workers (across processes
and 100+ replacements), no child outliving its zygote, a watchdog that heals
the pool without traffic.  Real zygotes, real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from byhand.jobs import Grader
from byhand.sandbox.uids import UidSlots

from sandbox_support import CORRECT


def processes_by_uid() -> dict[int, list[int]]:
    """Every process on the host, by real uid."""
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status") as f:
                    uid = next(int(line.split()[1]) for line in f if line.startswith("Uid:"))
            except (OSError, StopIteration):
                continue
            out.setdefault(uid, []).append(int(entry))
    return out


def wait_until(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_uid_slots_are_exclusive_across_processes(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom byhand.sandbox.uids import UidSlots\n"
         f"s = UidSlots(1000, {str(tmp_path)!r}, slots=4)\nprint(s.claim(), s.claim(), flush=True)\ntime.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        theirs = {int(u) for u in holder.stdout.readline().split()}
        mine = UidSlots(1000, str(tmp_path), slots=4)
        got = {mine.claim(), mine.claim()}
        assert len(theirs) == 2 and not got & theirs  # all four slots, none twice
        with pytest.raises(OSError, match="in use"):
            mine.claim()
        holder.kill()
        holder.wait()
        assert mine.claim() in theirs  # a dead holder's slots come back
    finally:
        holder.kill()
        holder.wait()


def _sandbox_uids(g: Grader) -> set[int]:
    live = processes_by_uid()
    return {u for u in live if g.pool._uids.uid_base <= u < g.pool._uids.uid_base + 2 * g.pool._uids.slots}


@pytest.mark.slow
def test_uids_are_never_reused_while_their_processes_live_over_100_replacements():
    with Grader(workers=1, scipy_workers=0) as g:
        if "unprivileged-uid" not in g.protections:
            pytest.skip("children keep the grader's uid here (not root)")
        seen: list[int] = []
        for _ in range(105):
            w = g.pool._all[0]
            assert wait_until(lambda: w.ready is not None or w.poll_ready())  # its children run as its uids
            ours = {u + k for u in seen for k in (0, 1)}
            # no process of any earlier slot of this pool is left
            assert _sandbox_uids(g) & ours <= {w.uid, w.uid + 1}
            others = _sandbox_uids(g) - {w.uid, w.uid + 1}  # other pools' children, in this process or not
            seen.append(w.uid)
            os.kill(w.proc.pid, signal.SIGKILL)
            assert wait_until(lambda: g.pool._all and g.pool._all[0] is not w and g.alive() == 1)
            new = g.pool._all[0].uid
            assert not {new, new + 1} & others  # never a slot whose processes live
        assert g.pool.replaced >= 105
        assert g.grade("softmax", CORRECT).passed
        assert len(set(seen)) > 1


def test_a_child_that_clears_its_death_signal_dies_with_its_zygote():
    with Grader(workers=1, scipy_workers=0) as g:
        if "pid-namespace" not in g.protections:
            pytest.skip("no PID namespace here: " + g.missing.get("pid-namespace", "?"))
        w = g.pool._all[0]
        attack = ("import ctypes\nctypes.CDLL(None).prctl(1, 0, 0, 0, 0)  # PR_SET_PDEATHSIG = 0\n"
                  "def softmax(x, axis=-1):\n    while True:\n        pass\n")
        results = []
        t = threading.Thread(target=lambda: results.append(g.grade("softmax", attack, time_limit=30)))
        t.start()

        def running_child():
            for uid in (w.uid, w.uid + 1):
                for pid in processes_by_uid().get(uid, []):
                    try:
                        with open(f"/proc/{pid}/stat") as f:
                            if f.read().rsplit(")", 1)[1].split()[0] == "R":
                                return pid
                    except OSError:
                        pass
            return None

        assert wait_until(lambda: running_child() is not None, 20)
        os.kill(w.zygote_pid, signal.SIGKILL)  # the zygote itself, not the waiter above it
        assert wait_until(lambda: not (set(processes_by_uid()) & {w.uid, w.uid + 1}), 5), \
            "a child outlived its zygote"
        t.join(40)
        # the worker was lost, not the learner's doing: "try again", never their error
        assert results and results[0].status == "unavailable" and "Try again" in results[0].message
        assert wait_until(lambda: g.alive() == g.size)
        assert g.grade("softmax", CORRECT).passed


def test_the_watchdog_replaces_a_dead_idle_worker_without_traffic():
    with Grader(workers=1, scipy_workers=0) as g:
        w = g.pool._all[0]
        os.kill(w.zygote_pid, signal.SIGKILL)
        assert wait_until(lambda: g.alive() == 0 or g.pool.replaced == 1, 5)  # alive() tells the truth
        assert wait_until(lambda: g.pool.replaced == 1 and g.alive() == 1 and g.pool._all[0] is not w)
        assert g.grade("softmax", CORRECT).passed


@pytest.mark.slow
def test_a_stopped_zygote_is_replaced_and_no_submission_waits_forever():
    with Grader(workers=1, scipy_workers=0, checkout_timeout=2.0) as g:
        w = g.pool._all[0]
        os.kill(w.zygote_pid, signal.SIGSTOP)  # alive, but answering nothing
        try:
            r = g.grade("softmax", CORRECT)  # may take the stopped worker: a verdict, not a hang
            assert r.status in ("passed", "error", "unavailable")
            assert wait_until(lambda: g.alive() == 1 and g.pool._all[0] is not w)
            assert g.grade("softmax", CORRECT).passed
        finally:
            try:
                os.kill(w.zygote_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.mark.slow  # waits out a real checkout timeout
def test_a_busy_pool_answers_unavailable_instead_of_queueing_without_bound():
    with Grader(workers=1, scipy_workers=0, checkout_timeout=0.5) as g:
        slow = "import time\ndef softmax(x, axis=-1):\n    time.sleep(10)\n"
        t = threading.Thread(target=lambda: g.grade("softmax", slow, time_limit=3))
        t.start()
        time.sleep(0.3)
        r = g.grade("softmax", CORRECT)
        t.join()
        assert r.status == "unavailable" and "try again" in r.message.lower()
        assert g.grade("softmax", CORRECT).passed
