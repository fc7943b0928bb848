"""A paper track's state for a learner, from their attempts (one rule for
`byhand show`, the web's track pages and the API):

* a step is ``passed`` when the learner has passed its exercise once (in any
  context: `byhand check`, the workspace, the web), ``attempted`` when they
  have tried it without passing, else ``not-started``;
* the track is *implemented* (the learner implemented the paper) when every
  step is passed, the last one being the paper's module built of their own
  blocks and checked against the authors' or PyTorch's implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..content.model import Track, TrackStep
from ..storage import Store

__all__ = ["STATUSES", "StepState", "TrackState", "for_learner", "state"]

STATUSES = ("not-started", "attempted", "passed")


@dataclass(frozen=True)
class StepState:
    step: TrackStep
    status: str  # one of STATUSES


@dataclass(frozen=True)
class TrackState:
    track_id: str
    steps: tuple[StepState, ...]

    @property
    def passed(self) -> int:
        return sum(s.status == "passed" for s in self.steps)

    @property
    def implemented(self) -> bool:
        return all(s.status == "passed" for s in self.steps)

    @property
    def next_exercise(self) -> str | None:
        """The first step's exercise not passed yet (None once implemented)."""
        return next((s.step.exercise for s in self.steps if s.status != "passed"), None)


def state(track: Track, passed: Iterable[str], attempted: Iterable[str]) -> TrackState:
    """The rule: each step's status from the exercises passed and attempted."""
    passed, attempted = set(passed), set(attempted)

    def status(exercise: str) -> str:
        return "passed" if exercise in passed else "attempted" if exercise in attempted else "not-started"

    return TrackState(track.id, tuple(StepState(s, status(s.exercise)) for s in track.steps))


def for_learner(store: Store, user_id: int, track: Track) -> TrackState:
    """The track's state for one learner, from their recorded attempts."""
    passed = store.passed_items(user_id)
    attempted = {e for e in set(track.exercises) - passed if store.recent_outcomes(user_id, e, 1)}
    return state(track, passed, attempted)
