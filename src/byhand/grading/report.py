"""What a runner is given and what it gives back: plain data shared by the
local runner, the sandbox and the grader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Outcome", "RunReport", "Submission"]


@dataclass(frozen=True)
class Submission:
    """What to grade: Python source defining ``function``, or a callable."""

    function: str
    source: str | None = None
    filename: str = "<submission>"
    fn: Callable[..., Any] | None = None
    module: str | None = None  # or a module to import (a workspace's blocks.nn) ...
    search_path: str | None = None  # ... from this folder, which also serves a source's imports


@dataclass
class Outcome:
    status: str  # ok | error | not-plain | timeout | crashed | not-run
    values: tuple | None = None  # when status == "ok": ndarrays, or values.Omitted for an output too large
    error: str = ""
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        """Answered with every output's data (none omitted for size)."""
        return self.status == "ok" and all(hasattr(v, "tobytes") for v in self.values or ())


@dataclass
class RunReport:
    outcomes: list[Outcome]
    setup_error: str = ""  # the submission could not be loaded (exception, missing function, syntax)
    setup_kind: str = ""  # exception | missing-function | syntax | timeout | crashed | unavailable
    setup_line: int | None = None  # a syntax error's line
    stdout: str = ""
