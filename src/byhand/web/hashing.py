"""Password hashing off the event loop, one at a time, at low priority.

An argon2 hash or check is ~25 ms of one core (auth.py).  A burst of
sign-ins, from however many addresses, runs them one after another on one
thread of its own whose nice value is 10: it gets the CPU that the
learners' requests (nice 0) and their gradings (nice 5) leave over.  At
most ``per_10_seconds`` start in any ten seconds (100: a quarter of a core
on average, while a classroom signing in within the same second still
fits; 600 a minute), and past ``queue`` waiting, a
sign-in is told the server is busy rather than queued for good: spread over
many addresses, the per-address sign-in limit alone would let a flood of
sign-ins take a core."""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter

__all__ = ["HashingBusy", "PasswordHashing"]

NICE = 10


class HashingBusy(Exception):
    """Too many password hashes are waiting already."""


def _lower_priority() -> None:
    try:  # on Linux a thread id names the thread alone
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    except (AttributeError, OSError):  # elsewhere: the same thread, without the lower priority
        pass


class PasswordHashing:
    def __init__(self, queue: int = 64, per_10_seconds: int = 100):
        self.queue = queue
        self.waiting = 0  # touched on the event loop only
        self._rate = RateLimitItemPerSecond(per_10_seconds, 10)
        self._limiter = SlidingWindowCounterRateLimiter(MemoryStorage())
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="byhand-hashing", initializer=_lower_priority)

    async def run(self, fn: Callable, *args):
        if self.waiting >= self.queue or not self._limiter.hit(self._rate, "hashes"):
            raise HashingBusy
        self.waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)
        finally:
            self.waiting -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
