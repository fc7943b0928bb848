"""Security headers on every response (OWASP ASVS V14.4).

Our pages load scripts, styles and fonts from /static only and have no
inline script, so the content security policy allows ``'self'`` alone for
scripts; styles also allow inline ones, which KaTeX (style attributes on its
spans) and CodeMirror (style elements it adds) need.  No page may be framed
by another site (clickjacking).  The API docs (/docs: Swagger UI from
/static, web/apidocs.py) have the same policy plus the one inline script
that starts Swagger UI, allowed by its hash (``docs_scripts``).

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
DOCS_PATH = "/docs"


def docs_policy(script_sources: list[str]) -> str:
    """The policy of /docs: :data:`POLICY` with its own inline scripts allowed by hash."""
    return POLICY.replace("script-src 'self'", " ".join(["script-src 'self'", *script_sources]), 1)


COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
          (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]


HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders:
    def __init__(self, app, hsts: bool = False, docs_scripts: list[str] | None = None):
        self.app = app
        self.extra = [HSTS] if hsts else []
        self.docs_policy = docs_policy(docs_scripts or []).encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        policy = self.docs_policy if scope["path"] == DOCS_PATH else POLICY.encode()
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
