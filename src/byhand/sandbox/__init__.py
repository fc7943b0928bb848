"""Sandboxed grading of untrusted source: see docs/sandbox.md.

``SandboxPool`` is a warm pool of zygote processes; each submission runs in
a fresh child confined by :mod:`.isolation`, talking data only
(:mod:`.protocol`).  The pool is a runner and never judges: the verdict is
computed by :mod:`byhand.grading` (see :class:`byhand.jobs.Grader`).

The names are loaded lazily so that a zygote, which imports
``byhand.sandbox.isolation`` and ``.protocol``, does not also import the
pool (and with it the grader, the curriculum loader, asyncio, ...).
"""

from __future__ import annotations

__all__ = ["FULL", "SandboxPool", "SandboxUnavailable", "WorkerLost", "isolation_report"]


def __getattr__(name: str):
    if name == "FULL":
        from .isolation import FULL

        return FULL
    if name in __all__:
        from . import pool

        return getattr(pool, name)
    raise AttributeError(f"module 'byhand.sandbox' has no attribute {name!r}")
