"""Rate limits through the `limits` library, on storage every web process
shares: the application's database by default (``storage.ratelimits``), or
any storage `limits` knows by URL (``redis://…``, ``memory://`` for one
process).  A fixed window of one minute per key."""

from __future__ import annotations

import time

from limits import RateLimitItemPerMinute
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from ..storage import Store
from ..storage.ratelimits import DatabaseLimitStorage

__all__ = ["RateLimit", "limit_storage"]


def limit_storage(store: Store, url: str | None = None) -> Storage:
    """``url``'s storage, or the database's when it is None."""
    return storage_from_string(url) if url else DatabaseLimitStorage(store)


class RateLimit:
    """At most ``per_minute`` hits per key in each minute.  ``allow`` writes
    to the storage: call it off the event loop."""

    def __init__(self, per_minute: int, storage: Storage, name: str):
        self.item = RateLimitItemPerMinute(per_minute, namespace=name)
        self.limiter = FixedWindowRateLimiter(storage)

    def allow(self, key: str) -> bool:
        return self.limiter.hit(self.item, key)

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may try again (at least 1)."""
        reset = self.limiter.get_window_stats(self.item, key).reset_time
        return max(1, int(reset - time.time()) + 1)
