"""The web pages' words: the ``web`` table of byhand's catalogs
(:mod:`byhand.i18n`), as the dicts the templates read (``t.home``)."""

from __future__ import annotations

from .. import i18n
from ..content.packs import area_name

__all__ = ["UI", "status_message"]


class _AreaNames(dict):
    """byhand's area names, then those an installed pack gives its own areas."""

    def __init__(self, names: dict, lang: str):
        super().__init__(names)
        self.lang = lang

    def get(self, area, default=None):
        return super().get(area) or area_name(area, self.lang) or default


def _web(lang: str) -> dict:
    table = dict(i18n.section("web", lang))
    table["status"] = {int(code): text for code, text in table["status"].items()}
    table["areas"] = _AreaNames(table["areas"], lang)
    return table


UI = {lang: _web(lang) for lang in i18n.LANGS}


def status_message(lang: str, status: int) -> str:
    """What an error page says for an HTTP status, in the viewer's language."""
    table = UI[lang]["status"]
    return table.get(status) or table[500 if status >= 500 else 400]
