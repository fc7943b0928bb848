"""The grading service: a verdict for a request, with backpressure.

``GradeRequest`` in, ``GradeResult`` out: plain data that crosses a process
or network boundary as JSON (``to_dict``/``from_dict``).  What a request
carries is all a grader needs and nothing it must trust: the exercise id,
the learner's source, the learner's accepted blocks it calls, the seed and
the language.  Everything trusted (cases, expected outputs, diagnosis,
rendering) happens behind the service.

:class:`Grader` is the in-process implementation: the judge
(:func:`byhand.grading.grader.grade_exercise`) in this process, each
submission's code in a :class:`~byhand.sandbox.SandboxPool`.  A remote fleet
implements the same :class:`GradingService` protocol.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from .._lang import resolve_lang
from ..content.loader import load_exercise
from ..content.model import LANGS, Exercise
from ..content.packs import BUILTIN, packs
from ..errors import ByhandError
from ..grading.grader import grade_exercise, tolerance_text
from ..grading.messages import msg
from ..grading.report import Submission
from ..grading.result import GradeResult
from ..sandbox.pool import SandboxPool

__all__ = ["GradeRequest", "Grader", "GradingService", "dead_letter", "default_grader", "unavailable"]

MAX_SOURCE = 16 * 1024 * 1024  # a request's source with its blocks (the web caps each at 64 KiB)


@dataclass(frozen=True)
class GradeRequest:
    exercise_id: str
    source: str
    seed: int
    lang: str = "en"
    blocks: tuple[str, ...] = ()  # the learner's accepted functions the source calls, appended
    filename: str = "submission.py"
    time_limit: float | None = None  # None: the exercise's own

    def full_source(self) -> str:
        """The source followed by the blocks (appended: line numbers stay)."""
        return self.source + "".join(self.blocks)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["blocks"] = list(self.blocks)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "GradeRequest":
        """Checks every field's type: a request may come from another process."""
        if type(data) is not dict:
            raise ValueError("a grade request is a JSON object")
        blocks = data.get("blocks", [])
        limit = data.get("time_limit")
        ok = (type(data.get("exercise_id")) is str and type(data.get("source")) is str
              and type(data.get("seed")) is int and 0 <= data["seed"] < 2**32
              and data.get("lang", "en") in LANGS and type(data.get("filename", "")) is str
              and type(blocks) is list and all(type(b) is str for b in blocks)
              and (limit is None or (type(limit) in (int, float) and 0 < limit <= 60)))
        if not ok:
            raise ValueError("malformed grade request")
        return cls(exercise_id=data["exercise_id"], source=data["source"], seed=data["seed"],
                   lang=data.get("lang", "en"), blocks=tuple(blocks),
                   filename=data.get("filename", "submission.py"),
                   time_limit=None if limit is None else float(limit))


class GradingService(Protocol):
    """What the web and the CLI ask for a verdict.  ``submit`` never raises
    for a learner's code; when every grader is busy it answers at once with
    status ``unavailable`` (the web's 503 + Retry-After)."""

    async def submit(self, request: GradeRequest) -> GradeResult: ...

    def close(self) -> None: ...


class Grader:
    """Grades untrusted source: judged here, run in a warm sandbox pool.

    ``workers``/``scipy_workers`` and the other keyword arguments configure
    the :class:`~byhand.sandbox.SandboxPool`.  At most ``max_waiting``
    requests wait for a worker beyond those being graded; more are answered
    ``unavailable`` at once rather than queued without bound.
    """

    def __init__(self, workers: int = 2, *, scipy_workers: int = 1, max_waiting: int | None = None,
                 **pool_options: Any):
        self.pool = SandboxPool(workers, scipy_workers=scipy_workers, **{**_pack_options(), **pool_options})
        self.max_waiting = 4 * self.pool.size if max_waiting is None else max_waiting
        self._executor = ThreadPoolExecutor(max_workers=self.pool.size, thread_name_prefix="byhand-grade")
        self._lock = threading.Lock()
        self._in_flight = 0

    # -- the pool's facts -----------------------------------------------------------

    @property
    def size(self) -> int:
        return self.pool.size

    @property
    def protections(self) -> tuple[str, ...]:
        return self.pool.protections

    @property
    def missing(self) -> dict[str, str]:
        return self.pool.missing

    def missing_protections(self) -> tuple[str, ...]:
        return self.pool.missing_protections()

    def alive(self) -> int:
        return self.pool.alive()

    def rss_bytes(self) -> int:
        return self.pool.rss_bytes()

    # -- grading ------------------------------------------------------------------

    def grade_exercise(self, ex: Exercise, sub: Submission, *, lang: str | None = None,
                       seed: int | None = None, time_limit: float | None = None) -> GradeResult:
        """Grade with the sandbox as the runner; ``time_limit`` overrides the
        exercise's (benchmarks use a small one)."""
        if time_limit is not None:  # so that a timeout message quotes the limit applied
            ex = dataclasses.replace(ex, time_limit=float(time_limit))
        result = grade_exercise(ex, sub, lang=lang, seed=seed, runner=self.pool.run_cases)
        return dataclasses.replace(result, protections=self.protections)

    def grade(self, exercise_id: str, source: str, *, lang: str | None = None,
              seed: int | None = None, filename: str = "<submission>",
              time_limit: float | None = None) -> GradeResult:
        """Grade Python source text in the sandbox (blocking).  The source is
        compiled only inside the sandbox: a syntax error, or a source built
        to make compiling slow, costs this process nothing."""
        ex = load_exercise(exercise_id)
        lang = resolve_lang(lang)
        if not isinstance(source, str):
            raise ByhandError(f"grade({exercise_id!r}, source): source must be a str of Python code")
        sub = Submission(function=ex.function, source=source, filename=filename)
        return self.grade_exercise(ex, sub, lang=lang, seed=seed, time_limit=time_limit)

    async def grade_async(self, exercise_id: str, source: str, *, lang: str | None = None,
                          seed: int | None = None, filename: str = "<submission>",
                          time_limit: float | None = None) -> GradeResult:
        """:meth:`grade` without blocking the event loop, with backpressure."""
        return await self.submit(GradeRequest(exercise_id, source, seed=_seed(seed), lang=resolve_lang(lang),
                                              filename=filename, time_limit=time_limit))

    def saturated(self) -> bool:
        """Every worker grading and ``max_waiting`` requests waiting: a caller
        may refuse before doing any work of its own."""
        with self._lock:
            return self._in_flight >= self.pool.size + self.max_waiting

    async def submit(self, request: GradeRequest) -> GradeResult:
        """The :class:`GradingService` interface."""
        with self._lock:
            if self._in_flight >= self.pool.size + self.max_waiting:
                return unavailable(request)
            self._in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, self.grade_request, request)
        finally:
            with self._lock:
                self._in_flight -= 1

    def grade_request(self, r: GradeRequest) -> GradeResult:
        """One request, graded here (blocking)."""
        if len(r.source) + sum(map(len, r.blocks)) > MAX_SOURCE:
            raise ByhandError(f"the source is longer than {MAX_SOURCE} characters")
        return self.grade(r.exercise_id, r.full_source(), lang=r.lang, seed=r.seed, filename=r.filename,
                          time_limit=r.time_limit)

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        self._executor.shutdown(wait=False)
        self.pool.close()

    def __enter__(self) -> "Grader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _pack_options() -> dict[str, tuple[str, ...]]:
    """What the installed curriculum packs add to the sandbox: their packages
    (importable by submissions), their test functions, and their item
    folders, hidden even inside those packages."""
    installed = [p for p in packs() if p.name != BUILTIN.name]
    return {"packages": tuple(dict.fromkeys(n for p in installed for n in p.sandbox_packages)),
            "test_functions": tuple(p.test_functions for p in installed if p.test_functions),
            "hidden": tuple(str(p.root) for p in installed)}


def unavailable(request: GradeRequest) -> GradeResult:
    """The answer when every grader is busy: not graded, try again."""
    ex = load_exercise(request.exercise_id)
    return GradeResult(exercise_id=ex.id, passed=False, status="unavailable",
                       message=msg("setup-unavailable", request.lang), lang=request.lang,
                       tolerance=tolerance_text(ex, request.lang), seed=request.seed)


def dead_letter(request: GradeRequest, deliveries: int) -> GradeResult:
    """The answer to a request whose workers died ``deliveries`` times while
    grading it: a verdict (status error), not graded again."""
    ex = load_exercise(request.exercise_id)
    return GradeResult(exercise_id=ex.id, passed=False, status="error",
                       message=msg("setup-dead-letter", request.lang, n=deliveries), lang=request.lang,
                       tolerance=tolerance_text(ex, request.lang), seed=request.seed)


def _seed(seed: int | None) -> int:
    import secrets

    return secrets.randbits(32) if seed is None else int(seed)


# --- the process-wide pool -------------------------------------------------------------

_default: Grader | None = None
_default_lock = threading.Lock()


def default_grader() -> Grader:
    """One warm pool per process, started on first use (two NumPy workers, or
    $BYHAND_SANDBOX_WORKERS, plus one SciPy worker).  It does not require full
    isolation: it serves ``byhand.grade(..., sandbox=True)`` for a local user,
    and each result's ``protections`` says what was in force.  A server builds
    its own ``Grader(require_full_isolation=True)``."""
    global _default
    with _default_lock:
        if _default is None or _default.pool.closed:
            n = int(os.environ.get("BYHAND_SANDBOX_WORKERS", "2"))
            _default = Grader(workers=n)
        return _default
