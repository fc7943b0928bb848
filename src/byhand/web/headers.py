"""Security headers on every response (OWASP ASVS V14.4).

Our pages load scripts, styles and fonts from /static only and have no
inline script, so the content security policy allows ``'self'`` alone for
scripts; styles also allow inline ones, which KaTeX (style attributes on its
spans) and CodeMirror (style elements it adds) need.  No page may be framed
by another site (clickjacking).  FastAPI's /docs and /redoc load their
viewers from a CDN, so they get only the framing rule.

Pages and API answers carry a learner's work: no cache may keep them
(``Cache-Control: no-store``) unless a route says otherwise (a why-plot,
the same for everyone); /static keeps its validators.  Behind TLS
(``hsts``, set with ``--secure-cookies``) browsers are told to come back
over HTTPS only.
"""

from __future__ import annotations

__all__ = ["SecurityHeaders"]

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = "frame-ancestors 'none'"
COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
          (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]


HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders:
    def __init__(self, app, hsts: bool = False):
        self.app = app
        self.extra = [HSTS] if hsts else []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope["path"] in ("/docs", "/redoc", "/docs/oauth2-redirect")
        policy = (DOCS_POLICY if docs else POLICY).encode()
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                extra = list(self.extra)
                if not static and not any(k.lower() == b"cache-control" for k, _ in headers):
                    extra.append(NO_STORE)
                message = {**message, "headers": headers + COMMON + extra + [(b"content-security-policy", policy)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
