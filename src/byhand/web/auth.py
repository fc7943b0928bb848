"""Accounts and sessions: argon2 password hashes, server-side sessions (only
a SHA-256 of the cookie's token is stored), a CSRF token per session checked
on every state-changing form, API bearer tokens, password rules."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from ..storage import Store

COOKIE = "byhand_session"
# argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): one
# hash is one core for ~20 ms, not every core for ~140 ms (the library's
# default of 64 MiB and 4 lanes), so sign-ins cannot starve the learners.
# Hashes made with other parameters still verify: they carry their own.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
# a real hash of a random password: verifying an unknown user costs the same time
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def validate_signup(username: str, password: str) -> str | None:
    """What is wrong with a sign-up, as a message key, or None."""
    if not USERNAME.match(username or ""):
        return "bad-username"
    return password_problem(password, username)


def password_problem(password: str, username: str) -> str | None:
    """Why a new password is refused (a message key), or None: too short or
    long, or guessable (zxcvbn's score below 3 of 4: common passwords and
    words, keyboard runs, dates, repeats, the username itself).  ~2 ms of CPU:
    call it off the event loop."""
    if len(password or "") < 8 or len(password) > 1024:
        return "bad-password"
    from zxcvbn import zxcvbn

    # the estimator's cost grows with length; its own limit is 72 characters
    if zxcvbn(password[:72], user_inputs=[username, "byhand"])["score"] < 3:
        return "weak-password"
    return None


def new_session(store: Store, user_id: int, kind: str, days: int) -> tuple[str, str]:
    """(token for the cookie or bearer header, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    store.create_session(user_id, token_hash(token), csrf, kind,
                         datetime.now(timezone.utc) + timedelta(days=days))
    return token, csrf


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected, given)
