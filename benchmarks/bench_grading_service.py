"""The grading service seen from its caller: throughput, and the caller's
CPU per grading, for the in-process ``Grader`` (the baseline: the judge runs
in the caller, as it did in the web before) and ``GradingHosts`` (what a
server uses: the judge runs in a grading process).

    python benchmarks/bench_grading_service.py [--n 300]

Each sends ``--n`` softmax submissions (half correct, half with a named
mistake, each a distinct source and seed) one at a time and then three at a
time, and prints gradings per second and the calling process's CPU
milliseconds per grading (what the web process spends).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

from byhand.jobs import GradeRequest, Grader, GradingHosts

GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
WRONG = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"


async def _drive(service, n: int, concurrency: int, offset: int) -> tuple[float, set[str]]:
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int):
        async with gate:
            source = (GOOD if i % 2 else WRONG) + f"# {offset + i}\n"
            return await service.submit(GradeRequest("softmax", source, seed=offset + i))

    started = time.perf_counter()
    results = await asyncio.gather(*(one(i) for i in range(n)))
    return time.perf_counter() - started, {r.status for r in results}


def measure(service, label: str, n: int) -> None:
    asyncio.run(_drive(service, 20, 3, 10**6))  # warm: imports, caches, first forks
    for concurrency in (1, 3):
        cpu = time.process_time()
        wall, statuses = asyncio.run(_drive(service, n, concurrency, concurrency * 10**5))
        print(f"{label:34} {concurrency:>3} at a time: {n / wall:6.0f} gradings/s, "
              f"caller CPU {(time.process_time() - cpu) / n * 1e3:5.2f} ms/grading  {sorted(statuses)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; {args.n} gradings per row; 2 NumPy + 1 SciPy sandbox workers")
    with Grader(workers=2, scipy_workers=1) as g:
        measure(g, "Grader (judge in the caller)", args.n)
    with GradingHosts(1, workers=2, scipy_workers=1) as g:
        measure(g, "GradingHosts (a grading process)", args.n)


if __name__ == "__main__":
    main()
