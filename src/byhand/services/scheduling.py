"""Spaced repetition with FSRS (the `fsrs` package, the scheduler Anki uses).

Every item can be reviewed: a concept as a recall card, a drill as a fresh
variant, an exercise by re-implementing it from memory.  How an outcome
becomes an FSRS rating (documented in docs/practice.md):

- concept card: the learner's own rating, 1 Again, 2 Hard, 3 Good, 4 Easy.
- drill: wrong → Again; right after a wrong try → Hard; right at the first
  try → Good, or Easy when answered within 30 s.
- exercise review: not passed (gave up) → Again; passed after 3 or more
  gradings, or after more than 10 minutes → Hard; passed at the first grading
  within 3 minutes → Easy; otherwise → Good.

Learning steps (short intervals within the day, as in Anki): a new card
rated Again comes back in 1 minute, Hard in 5.5, Good in 10 (a second Good
graduates it to days), Easy graduates at once; a card that lapses (Again on
a card already in days) comes back in 10 minutes.  An exercise takes minutes
to re-implement, so it has one step: gave up → back in 10 minutes, any pass
graduates.  ``preview`` gives what each rating would do, for the buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import fsrs

from ..storage import CardState, Store

_READ = object()  # review(): read the card now

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def rate_drill(correct: bool, tries: int, seconds: float) -> int:
    if not correct:
        return fsrs.Rating.Again
    if tries > 1:
        return fsrs.Rating.Hard
    return fsrs.Rating.Easy if seconds <= 30 else fsrs.Rating.Good


def rate_exercise(passed: bool, gradings: int, seconds: float) -> int:
    if not passed:
        return fsrs.Rating.Again
    if gradings >= 3 or seconds > 600:
        return fsrs.Rating.Hard
    if gradings == 1 and seconds <= 180:
        return fsrs.Rating.Easy
    return fsrs.Rating.Good


LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
STEPS_BY_KIND = {"exercise": ((timedelta(minutes=10),), RELEARNING_STEPS)}  # (learning, relearning)


def scheduler(store: Store, user_id: int, kind: str = "concept") -> fsrs.Scheduler:
    """The user's scheduler for an item of ``kind``: their optimized
    parameters if any, the kind's learning steps.  No fuzzing, so that
    intervals are reproducible and testable."""
    settings = store.settings(user_id)
    learning, relearning = STEPS_BY_KIND.get(kind, (LEARNING_STEPS, RELEARNING_STEPS))
    kwargs = {"desired_retention": settings.desired_retention, "enable_fuzzing": False,
              "learning_steps": learning, "relearning_steps": relearning}
    if settings.fsrs_parameters:
        kwargs["parameters"] = tuple(settings.fsrs_parameters)
    return fsrs.Scheduler(**kwargs)


def to_card(state: CardState) -> fsrs.Card:
    return fsrs.Card(card_id=state.card_id, state=fsrs.State(state.state), step=state.step,
                     stability=state.stability, difficulty=state.difficulty, due=state.due,
                     last_review=state.last_review)


def from_card(card: fsrs.Card, item_id: str, item_kind: str) -> CardState:
    return CardState(item_id=item_id, item_kind=item_kind, card_id=card.card_id, state=int(card.state),
                     step=card.step, stability=card.stability, difficulty=card.difficulty, due=card.due,
                     last_review=card.last_review)


@dataclass(frozen=True)
class Reviewed:
    card: CardState
    rating: int


def review(store: Store, user_id: int, item_id: str, item_kind: str, rating: int,
           now: datetime | None = None, duration_ms: int | None = None, *,
           existing: CardState | None | object = _READ) -> Reviewed | None:
    """Apply one rating to an item's card (creating it on first review) and
    store it.  Given the card ``existing`` as the caller read it (None: no
    card yet), the review applies only if nobody reviewed it since, else
    None (a double click gives one review)."""
    now = now or datetime.now(timezone.utc)
    checked = existing is not _READ
    if not checked:
        existing = store.card(user_id, item_id)
    card = to_card(existing) if existing else fsrs.Card(due=now)
    new_card, _log = scheduler(store, user_id, item_kind).review_card(card, fsrs.Rating(rating), review_datetime=now,
                                                          review_duration=duration_ms)
    state = from_card(new_card, item_id, item_kind)
    if checked:
        since = existing.last_review if existing is not None else None
        if not store.save_review(user_id, state, int(rating), now, duration_ms, reviewed_since=since):
            return None
    else:
        store.save_review(user_id, state, int(rating), now, duration_ms)
    return Reviewed(state, int(rating))


def preview(store: Store, user_id: int, item_kind: str, existing: CardState | None,
            now: datetime | None = None) -> dict[int, timedelta]:
    """What each rating (1-4) would do to the card ``existing`` (None: a new
    card) if given ``now``: the interval until it is due again, computed by
    the same scheduler as :func:`review` (nothing is stored)."""
    now = now or datetime.now(timezone.utc)
    card = to_card(existing) if existing else fsrs.Card(due=now)
    sched = scheduler(store, user_id, item_kind)
    return {int(r): sched.review_card(card, r, review_datetime=now)[0].due - now for r in fsrs.Rating}


def optimize(store: Store, user_id: int) -> tuple[list[float] | None, int, str]:
    """Fit FSRS parameters to the user's own reviews.

    Returns (parameters or None, number of reviews, a note).  The fsrs
    optimizer needs PyTorch (``pip install 'fsrs[optimizer]'``) and returns the
    defaults with fewer than 512 reviews, which we say instead of pretending.
    """
    logs = store.review_logs(user_id)
    n = len(logs)
    if n < 512:
        return None, n, f"only {n} reviews; the FSRS optimizer needs at least 512 (keep practising)"
    try:
        from fsrs.optimizer import Optimizer

        review_logs = [fsrs.ReviewLog(card_id=r.card_id, rating=fsrs.Rating(r.rating),
                                      review_datetime=r.reviewed_at, review_duration=r.duration_ms)
                       for r in logs]
        params = list(Optimizer(review_logs).compute_optimal_parameters())
    except ImportError:
        return None, n, "the FSRS optimizer needs PyTorch: pip install 'fsrs[optimizer]'"
    store.save_settings(user_id, fsrs_parameters=params)
    return params, n, "optimized parameters saved"
