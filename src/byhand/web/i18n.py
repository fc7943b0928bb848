"""The web pages' words: the ``web`` table of byhand's catalogs
(:mod:`byhand.i18n`), as the dicts the templates read (``t.home``)."""

from __future__ import annotations

from .. import i18n

__all__ = ["UI", "status_message"]


def _web(lang: str) -> dict:
    table = dict(i18n.section("web", lang))
    table["status"] = {int(code): text for code, text in table["status"].items()}
    return table


UI = {lang: _web(lang) for lang in i18n.LANGS}


def status_message(lang: str, status: int) -> str:
    """What an error page says for an HTTP status, in the viewer's language."""
    table = UI[lang]["status"]
    return table.get(status) or table[500 if status >= 500 else 400]
