"""The first line against floods: a request budget per client, charged at the door.

An ASGI middleware in front of the app.  Every request is charged to who sent
it: a signed-in learner (a session cookie or bearer token this process has
verified recently) or else its client address (an IPv6 address by its /64,
which one subscriber usually holds whole).  A request over its budget is
answered 429 + Retry-After here, before routing, form parsing, a session
lookup or a template: a flood from one address costs a few dictionary
operations per request, and learners, charged to themselves, keep their own
budget however hard their classmates' shared address is flooded.

All requests not charged to a learner, but those for /static, share one
more budget per second (``anonymous_total``; 503 past it, the server is busy
for anonymous clients): a flood spread over many addresses, each within its
own budget, is still one flood.  They also take turns: at most
``ANONYMOUS_AT_ONCE`` of them are inside the app at a time, the rest wait at
the door (past ``ANONYMOUS_WAITING``: 503).  However many addresses a flood
comes from, the event loop then never has more than a few anonymous requests
to interleave with a learner's, so the learner's request is not queued behind
the whole flood.

A credential this process has not seen yet is looked up once here (one
primary-key read, off the event loop): a learner's first request after a
restart is theirs, however busy their classroom's shared address is.  A
credential that is not live is remembered as such (bounded), and its
requests are charged to the address like any anonymous one; at most
``LOOKUPS_AT_ONCE`` lookups run at a time (past that, the request is charged
to its address), so made-up cookies buy one bounded read each at most.  The routes still check every
credential themselves: what this module knows only decides whose budget pays.

The counters are this process's memory (a sliding window of ``limits``):
writing to a shared store for every request would make each refused request
cost what the budget is there to save.  With N web processes a client's
budget is N times larger; the account limits that must agree everywhere
(sign-in, submissions, drawings) are on the shared store (``ratelimit``).
"""

from __future__ import annotations

import asyncio
import ipaddress
import threading
import time
from collections import OrderedDict
from typing import Callable

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter
from starlette.concurrency import run_in_threadpool

from . import auth
from .refusal import client_lang, refuse

__all__ = ["KnownCredentials", "RequestBudget", "WINDOW"]

WINDOW = 10  # seconds: short, so that a flood's first burst is short too
FIRST_PAGE = 16  # requests a first page view makes (the page, styles, scripts, KaTeX fonts), at least, in a second
LOOKUPS_AT_ONCE = 8  # credential lookups at a time; past that, a request is charged to its address
NOT_LIVE = 10_000  # credentials remembered as not live (made up, ended), the oldest forgotten first
ANONYMOUS_AT_ONCE = 4  # anonymous requests inside the app at a time
ANONYMOUS_WAITING = 256  # anonymous requests waiting for their turn; past that: 503


class KnownCredentials:
    """Credential hashes this process verified recently, with their user id.

    Bounded: the least recently used are forgotten past ``size``, and each
    is forgotten ``ttl`` seconds after it was last verified."""

    def __init__(self, size: int = 20_000, ttl: float = 300.0):
        self.size, self.ttl = size, ttl
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()  # the routes remember from the threadpool

    def remember(self, token_hash: str, user_id: int) -> None:
        with self._lock:
            self._seen[token_hash] = (user_id, time.monotonic() + self.ttl)
            self._seen.move_to_end(token_hash)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)

    def forget(self, token_hash: str | None) -> None:
        if token_hash:
            with self._lock:
                self._seen.pop(token_hash, None)

    def user(self, token_hash: str) -> int | None:
        entry = self._seen.get(token_hash)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]


def address_key(host: str | None) -> str:
    """The address a budget is kept for: IPv4 as is, IPv6 by its /64."""
    if not host:
        return "?"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def credential_hash(scope) -> tuple[str, str] | None:
    """(the hash of the request's bearer token or session cookie, its kind
    "api" or "web"), if it has one."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            text = value.decode("latin-1")
            if text[:7].lower() == "bearer ":
                return auth.token_hash(text[7:].strip()), "api"
        elif name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == auth.COOKIE and token:
                    return auth.token_hash(token), "web"
    return None


class RequestBudget:
    """At most ``anonymous`` requests per address (a quarter of them, or
    FIRST_PAGE, in any one second) and ``learner`` requests per signed-in
    learner in any ``WINDOW`` seconds, and ``anonymous_total`` requests a
    second from every address together (0: no budget)."""

    def __init__(self, app, *, known: KnownCredentials, anonymous: int, learner: int, anonymous_total: int = 0,
                 verify: Callable[[str, str], int | None] | None = None,
                 message: Callable[[str], str] = lambda lang: "too many requests",
                 busy: Callable[[str], str] = lambda lang: "busy, retry later"):
        self.app = app
        self.known = known
        self.verify = verify  # (hash, kind) -> the user id of a live session, or None; blocking
        self.not_live: OrderedDict[str, None] = OrderedDict()  # credentials found not live lately
        self.message, self.busy = message, busy
        self._turns: asyncio.Semaphore | None = None  # made on the server's event loop
        self._waiting = 0
        self._lookups = 0  # credential lookups in flight
        self.limiter = SlidingWindowCounterRateLimiter(MemoryStorage())
        self.anonymous = RateLimitItemPerSecond(anonymous, WINDOW, namespace="anon") if anonymous else None
        # and at most a quarter of it in any one second: a flood's first second is short too
        self.burst = (RateLimitItemPerSecond(max(FIRST_PAGE, anonymous // 4), 1, namespace="burst")
                      if anonymous else None)
        self.learner = RateLimitItemPerSecond(learner, WINDOW, namespace="user") if learner else None
        # every address together: a flood from many addresses is still one budget
        self.everyone = RateLimitItemPerSecond(anonymous_total, 1, namespace="all") if anonymous_total else None

    async def _charge(self, scope):
        """(the budget, the key it is kept under, whether a learner's) for this request."""
        credential = credential_hash(scope)
        if credential is not None:
            hashed, kind = credential
            user = self.known.user(hashed)
            if (user is None and self.verify is not None and hashed not in self.not_live
                    and self._lookups < LOOKUPS_AT_ONCE):
                self._lookups += 1
                try:
                    user = await run_in_threadpool(self.verify, hashed, kind)
                finally:
                    self._lookups -= 1
                if user is None:
                    self.not_live[hashed] = None
                    while len(self.not_live) > NOT_LIVE:
                        self.not_live.popitem(last=False)
                else:
                    self.known.remember(hashed, user)
            if user is not None:
                return self.learner, str(user), True
        client = scope.get("client")
        return self.anonymous, address_key(client[0] if client else None), False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        item, key, learner = await self._charge(scope)
        if not learner and self.burst is not None and not self.limiter.hit(self.burst, key):
            return await refuse(scope, send, 429, self.message(client_lang(scope)), 1)
        if item is not None and not self.limiter.hit(item, key):
            reset = self.limiter.get_window_stats(item, key).reset_time
            wait = max(1, min(WINDOW, int(reset - time.time()) + 1))
            return await refuse(scope, send, 429, self.message(client_lang(scope)), wait)
        if learner:
            return await self.app(scope, receive, send)
        if (self.everyone is not None and not scope["path"].startswith("/static/")
                and not self.limiter.hit(self.everyone, "*")):
            return await refuse(scope, send, 503, self.busy(client_lang(scope)), 1)
        if self._turns is None:
            self._turns = asyncio.Semaphore(ANONYMOUS_AT_ONCE)
        if self._turns.locked() and self._waiting >= ANONYMOUS_WAITING:
            return await refuse(scope, send, 503, self.busy(client_lang(scope)), 5)
        self._waiting += 1
        try:
            await self._turns.acquire()
        finally:
            self._waiting -= 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._turns.release()
