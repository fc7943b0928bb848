"""Security headers on every response (OWASP ASVS V14.4).

Our pages load scripts, styles and fonts from /static only and have no
inline script, so the content security policy allows ``'self'`` alone for
scripts; styles also allow inline ones, which KaTeX (style attributes on its
spans) and CodeMirror (style elements it adds) need.  No page may be framed
by another site (clickjacking).  FastAPI's /docs and /redoc load their
viewers from a CDN, so they get only the framing rule.
"""

from __future__ import annotations

__all__ = ["SecurityHeaders"]

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = "frame-ancestors 'none'"
COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
          (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope["path"] in ("/docs", "/redoc", "/docs/oauth2-redirect")
        policy = (DOCS_POLICY if docs else POLICY).encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                message = {**message, "headers": headers + COMMON + [(b"content-security-policy", policy)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
