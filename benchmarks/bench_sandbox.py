"""Benchmark of sandboxed grading (not part of the test suite).

    python benchmarks/bench_sandbox.py [--quick]

Prints, in one run on this machine:
  (a) latency p50/p99 and grades/s of a correct softmax through
      byhand.grade(..., sandbox=True) (the process-wide two-worker pool);
  (b) the same for a naive baseline: a fresh `python3` per submission that
      imports NumPy and byhand and grades the same source; and the ratio;
  the pool's resident memory; and a cohort run of 1,000 mixed submissions
  (correct, wrong, looping, crashing) over every exercise available.
Targets (2 cores): CPU per grade <= 6 ms all-in (trusted side + sandbox),
p50 <= 6 ms, p99 <= 40 ms, >= 250 grades/s, >= 30x the baseline, pool RSS
<= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import byhand
from byhand.content.loader import exercise_ids, load_exercise
from byhand.jobs import default_grader
from byhand.sandbox import FULL

CORRECT = """
import numpy as np
def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
"""

BASELINE = ("import sys, numpy, byhand; "
            "r = byhand.grade('softmax', sys.stdin.read(), seed=1); sys.exit(0 if r.passed else 1)")


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def latency(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def throughput(fn, n: int, concurrency: int) -> float:
    t = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as ex:
        list(ex.map(lambda _: fn(), range(n)))
    return n / (time.perf_counter() - t)


def sandbox_cpu_seconds(grader) -> float:
    """CPU used so far by the zygotes and their reaped children (Linux)."""
    total = 0
    for w in grader.pool._all:
        try:
            with open(f"/proc/{w.zygote_pid}/stat") as f:  # the zygote: its reaped children count in it
                fields = f.read().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def sandboxed_once() -> None:
    r = byhand.grade("softmax", CORRECT, sandbox=True)
    assert r.passed, r.message


def baseline_once() -> None:
    p = subprocess.run([sys.executable, "-c", BASELINE], input=CORRECT, text=True,
                       capture_output=True, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    assert p.returncode == 0, p.stderr


# --- the cohort ------------------------------------------------------------------------

def cohort_sources(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(exercise id, kind, source): the reference file itself as the correct
    answer (as `byhand validate` grades it), a constant as the wrong one, a
    loop, and three kinds of crash."""
    ids = exercise_ids()
    refs = {i: load_exercise(i).source_file.read_text() for i in ids}
    fns = {i: load_exercise(i).function for i in ids}
    kinds = ["correct"] * 60 + ["wrong"] * 20 + ["looping"] * 5 + ["crashing"] * 15
    out = []
    for _ in range(n):
        ex = rng.choice(ids)
        kind = rng.choice(kinds)
        f = fns[ex]
        src = {
            "correct": refs[ex],
            "wrong": f"def {f}(*args, **kwargs):\n    return 0.5\n",
            "looping": f"def {f}(*args, **kwargs):\n    while True:\n        pass\n",
            "crashing": rng.choice([f"import os\ndef {f}(*a, **k):\n    os._exit(3)\n",
                                    f"def {f}(*a, **k):\n    raise RuntimeError('boom')\n",
                                    "import sys\nsys.exit(1)\n"]),
        }[kind]
        out.append((ex, kind, src))
    return out


def cohort(n: int, time_limit: float, concurrency: int) -> None:
    grader = default_grader()
    subs = cohort_sources(n, random.Random(0))
    results: list = [None] * n

    def one(i):
        ex, kind, src = subs[i]
        t = time.perf_counter()
        r = grader.grade(ex, src, seed=i, time_limit=time_limit)
        results[i] = (kind, r, time.perf_counter() - t)

    t = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(n)))
    wall = time.perf_counter() - t
    by_kind = Counter(k for k, _, _ in results)
    verdicts = Counter((k, r.status) for k, r, _ in results)
    wrong_verdicts = [(subs[i][0], k, r.status, r.message[:120]) for i, (k, r, _) in enumerate(results)
                      if (k == "correct") != r.passed]
    print(f"\ncohort: {n} submissions over {len(set(s[0] for s in subs))} exercises, "
          f"time limit {time_limit:g} s per case, {concurrency} threads")
    print(f"  wall {wall:.1f} s = {n / wall:.0f} grades/s; latency p50 "
          f"{pct([d for _, _, d in results], .5) * 1e3:.1f} ms, p99 {pct([d for _, _, d in results], .99) * 1e3:.0f} ms")
    print("  mix: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    print("  verdicts: " + ", ".join(f"{k}->{s} {v}" for (k, s), v in sorted(verdicts.items())))
    print(f"  correct ones not passed / others passed: {len(wrong_verdicts)}")
    for w in wrong_verdicts[:10]:
        print("   ", w)
    print(f"  workers alive after the cohort: {grader.alive()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--cohort", type=int, default=1000)
    ap.add_argument("--cohort-time-limit", type=float, default=0.25)
    args = ap.parse_args()
    n_lat, n_tp, n_base = (100, 200, 10) if args.quick else (500, 1000, 30)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
          f"{platform.release()}, Python {platform.python_version()}")
    t = time.perf_counter()
    grader = default_grader()
    print(f"pool start-up: {time.perf_counter() - t:.2f} s for {len(grader.pool._all)} workers; "
          f"protections active: {len(grader.protections)}/{len(FULL)}"
          + (f" (missing: {', '.join(grader.missing_protections())})" if grader.missing_protections() else ""))
    latency(sandboxed_once, 20)  # warm-up

    lat = latency(sandboxed_once, n_lat)
    cpu0, box0 = time.process_time(), sandbox_cpu_seconds(grader)
    tp = throughput(sandboxed_once, n_tp, concurrency=4)
    cpu_trusted = (time.process_time() - cpu0) / n_tp
    cpu_box = (sandbox_cpu_seconds(grader) - box0) / n_tp
    print(f"\n(a) sandboxed pool, correct softmax via byhand.grade(..., sandbox=True):")
    print(f"    latency p50 {pct(lat, .5) * 1e3:.2f} ms, p99 {pct(lat, .99) * 1e3:.2f} ms "
          f"(n={n_lat}, one at a time); throughput {tp:.0f} grades/s (n={n_tp}, 4 threads, 2 workers)")
    per = cpu_trusted + cpu_box
    print(f"    CPU per grade: {cpu_trusted * 1e3:.1f} ms trusted + {cpu_box * 1e3:.1f} ms zygotes and children "
          f"(kernel work in kworkers not counted); {os.cpu_count()} idle cores would allow about "
          f"{os.cpu_count() / per:.0f} grades/s" if per > 0 else "")
    print(f"    load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    base_lat = latency(baseline_once, n_base)
    base_tp = throughput(baseline_once, n_base, concurrency=2)
    print(f"(b) baseline, fresh python3 per submission:")
    print(f"    latency p50 {pct(base_lat, .5) * 1e3:.1f} ms, p99 {pct(base_lat, .99) * 1e3:.1f} ms "
          f"(n={n_base}); throughput {base_tp:.1f} grades/s (2 at a time)")
    print(f"ratio: {tp / base_tp:.1f}x the baseline's throughput, "
          f"{statistics.median(base_lat) / statistics.median(lat):.1f}x its median latency")
    print(f"pool resident memory (zygotes): {grader.rss_bytes() / 2**20:.0f} MiB for {len(grader.pool._all)} workers ("
          + ", ".join(f"{w.flavor} {w.rss_bytes() / 2**20:.0f}" for w in grader.pool._all) + " MiB)")

    if args.cohort:
        cohort(args.cohort, args.cohort_time_limit, concurrency=4)


if __name__ == "__main__":
    main()
