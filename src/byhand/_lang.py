"""Which language to speak: explicit choice, then BYHAND_LANG, then the locale."""

from __future__ import annotations

import locale
import os

from .content.model import LANGS
from .errors import ByhandError


def resolve_lang(lang: str | None = None) -> str:
    if lang:
        if lang not in LANGS:
            raise ByhandError.of("unknown-language", lang=lang, langs=", ".join(LANGS))
        return lang
    env = os.environ.get("BYHAND_LANG", "").strip().lower()
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ko" if loc.lower().startswith("ko") else "en"
