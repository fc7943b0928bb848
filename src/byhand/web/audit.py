"""Security events (OWASP ASVS V7, "security logging"): sign-ups, sign-ins
and their failures, rate-limited sign-ins, password changes, sessions and
tokens ended.  One line each on the ``byhand.security`` logger: the event,
then its fields as JSON (so a crafted username cannot forge a line: newlines
and control characters are escaped).  Never a password or a token; the
client's address and the username, so that guessing can be seen."""

from __future__ import annotations

import json
import logging

__all__ = ["log", "security_event", "to_stderr"]

log = logging.getLogger("byhand.security")


def security_event(event: str, request, **fields) -> None:
    client = getattr(request, "client", None)
    data = {"address": client.host if client else None, **fields}
    log.info("%s %s", event, json.dumps(data, ensure_ascii=True, default=str))


def to_stderr() -> None:
    """What `byhand serve` does: the events on stderr, with their time."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)
