"""Sandboxed grading of untrusted source: see docs/sandbox.md.

``Grader`` is a warm pool of zygote processes; each submission runs in a
fresh child confined by :mod:`.isolation`, talking data only
(:mod:`.protocol`); the verdict is computed in the trusted process by the
same code as local grading.
"""

from __future__ import annotations

from .isolation import FULL
from .pool import Grader, SandboxUnavailable, default_grader, isolation_report

__all__ = ["FULL", "Grader", "SandboxUnavailable", "default_grader", "isolation_report"]
