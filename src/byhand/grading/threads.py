"""One BLAS thread per process for byhand's own numerics.

The arrays byhand computes on (a case's inputs, a reference's outputs) are
small, a few hundred numbers.  OpenBLAS would still hand each call to a
thread per core, and a server runs several gradings at once on the same
cores (grading processes, web processes, the sandbox's children): the threads
then mostly wait for one another.  ``benchmarks/bench_blas_threads.py``
measures it.  The sandbox's children get the same through their environment
(sandbox/pool.py); this is for the processes byhand starts itself (the CLI,
`serve`, `worker`, the grading processes).  ``byhand.check`` in a learner's
own Python leaves their settings alone.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

__all__ = ["one_blas_thread"]


THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """From now on, this process's BLAS (NumPy's and SciPy's, each an
    OpenBLAS of its own) and its children's use one thread.  A limit reaches
    only the libraries already loaded (NumPy's); one loaded later (SciPy's,
    on first use: importing it here would add 0.3 s to every command) reads
    the environment when it loads."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    threadpool_limits(limits=1, user_api="blas")
