"""The API's documentation at /docs: Swagger UI served by the app itself
(``static/vendor/swagger-ui/``, built from the npm package swagger-ui-dist,
docs/frontend.md), so it works offline and no CDN is asked for anything.

The page is FastAPI's own (``get_swagger_ui_html``), which starts Swagger
UI with one inline script.  The content security policy allows that script
alone, by its SHA-256 (:func:`script_hashes`), not inline script in general.
``static/apidocs.css`` darkens the colours of Swagger UI's own stylesheet
that have too little contrast (the method badges, grey labels): see
tests/web/test_accessibility_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.openapi.docs import get_swagger_ui_html

__all__ = ["ASSETS", "docs_html", "script_hashes"]

ASSETS = "/static/vendor/swagger-ui/"
_INLINE = re.compile(rb"<script>(.*?)</script>", re.S)


def docs_html(openapi_url: str, title: str) -> bytes:
    """The /docs page: Swagger UI from this app's static files, reading ``openapi_url``."""
    page = get_swagger_ui_html(openapi_url=openapi_url, title=title,
                               swagger_js_url=ASSETS + "swagger-ui-bundle.js",
                               swagger_css_url=ASSETS + "swagger-ui.css",
                               swagger_favicon_url=ASSETS + "favicon-32x32.png",
                               oauth2_redirect_url=None)  # bearer tokens: no OAuth2 flow to come back from
    html = page.body.replace(b"<html>", b'<html lang="en">', 1)
    html = html.replace(b'swagger-ui.css">', b'swagger-ui.css">\n    <link rel="stylesheet" href="/static/apidocs.css">', 1)
    if b"apidocs.css" not in html:
        raise RuntimeError("FastAPI's Swagger UI page no longer links swagger-ui.css as web/apidocs.py expects")
    return html


def script_hashes(html: bytes) -> list[str]:
    """The CSP source of each inline script of ``html``: ``'sha256-...'``."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
            for body in _INLINE.findall(html)]
