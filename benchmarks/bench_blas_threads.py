"""What one BLAS thread per process (grading/threads.py) saves on byhand's
trusted side: the references and known mistakes that a grading process runs
for every submission, here through ``validate_exercise`` (the same judge,
without a sandbox).

    python benchmarks/bench_blas_threads.py [--seeds 20] [--runs 3]

For each run it starts fresh processes that validate the exercises heaviest
in linear algebra on ``--seeds`` seeds, then that run every why-question's
experiment (what the CLI and the web's plot drawer run), one process alone
and then two at once (a server's two grading processes, or CI's two test
workers, on two cores), each once with OpenBLAS's default threads (one per
core: the baseline) and once with ``one_blas_thread()``, and prints the wall
seconds of the slowest process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

ITEMS = ["mvn_log_pdf", "dft", "power_iteration", "gaussian_conditional", "cholesky_logdet", "least_squares",
         "pca", "conjugate_gradient"]

CHILD = """
import sys, time
if sys.argv[1] == "one":
    from byhand.grading.threads import one_blas_thread
    one_blas_thread()
from byhand.content import loader
from byhand.validate import validate_exercise, validate_item
seeds, items = int(sys.argv[2]), sys.argv[3].split(",")
started = time.perf_counter()
for item in items:
    report = (validate_exercise(loader.load_exercise(item), range(seeds)) if seeds
              else validate_item(loader.load_item(item)))
    assert report.ok, item
print(time.perf_counter() - started)
"""


def run(mode: str, processes: int, seeds: int, items: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}  # OpenBLAS's default
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, mode, str(seeds), ",".join(items)],
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(processes)]
    answers = [p.communicate()[0] for p in procs]
    if any(p.returncode for p in procs):
        raise SystemExit("a validation failed")
    return max(float(a) for a in answers)


def main() -> None:
    from byhand.content import loader

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    whys = list(loader.ids_of("why"))
    print(f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M:%S')}; the slowest process's wall seconds")
    print(f"{'run':>3}  {'work':<34}  {'processes':>9}  {'default threads':>15}  {'one thread':>10}  {'ratio':>5}")
    for r in range(1, args.runs + 1):
        for name, seeds, items in ((f"{len(ITEMS)} exercises x {args.seeds} seeds", args.seeds, ITEMS),
                                   (f"{len(whys)} why experiments", 0, whys)):
            for processes in (1, 2):
                default = run("default", processes, seeds, items)
                one = run("one", processes, seeds, items)
                print(f"{r:>3}  {name:<34}  {processes:>9}  {default:>14.2f}s  {one:>9.2f}s  {default / one:>5.1f}")
    print(f"(exercises: {', '.join(ITEMS)})")


if __name__ == "__main__":
    main()
