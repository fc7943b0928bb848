"""A fixed moment for tests that move a clock ahead."""

from datetime import datetime, timezone


def midday() -> datetime:
    """Noon (UTC) of today: a test that steps seconds or minutes ahead from it
    stays on the same learner's day whenever the suite runs (from the real
    time, a run just before midnight would cross into the next day)."""
    return datetime.now(timezone.utc).replace(hour=12, minute=0, second=0, microsecond=0)
