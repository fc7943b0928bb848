"""Work done for a caller behind a service boundary.

Today one service, grading: :class:`Grader` takes a :class:`GradeRequest`
and gives a :class:`~byhand.grading.result.GradeResult`, judging here and
running the submission in a :class:`~byhand.sandbox.SandboxPool`.  A remote
fleet of graders implements the same ``GradingService`` protocol.
"""

from __future__ import annotations

from .grading import GradeRequest, Grader, GradingService, default_grader
from .hosts import GradingHosts

__all__ = ["GradeRequest", "Grader", "GradingHosts", "GradingService", "default_grader"]
