"""A refusal sent straight from an ASGI middleware, before the app does any
work: a status, a one-line reason in the client's language (its language
cookie) and Retry-After.  JSON under /api, plain text elsewhere."""

from __future__ import annotations

import json

__all__ = ["client_lang", "refuse"]


def client_lang(scope) -> str:
    for name, value in scope["headers"]:
        if name == b"cookie":
            return "ko" if b"byhand_lang=ko" in value else "en"
    return "en"


async def refuse(scope, send, status: int, text: str, retry_after: int) -> None:
    if scope["path"].startswith("/api"):
        body, kind = json.dumps({"detail": text}).encode(), b"application/json"
    else:
        body, kind = text.encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"retry-after", str(retry_after).encode())]})
    await send({"type": "http.response.body", "body": body})
