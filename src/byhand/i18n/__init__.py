"""byhand's own words, one catalog per language (``en.toml``, ``ko.toml``
beside this file): the grader's sentences, the web pages, the terminal
session and the CLI.  Every key exists in both languages with the same
placeholders (tests/test_i18n.py).  The curriculum's texts live with its
items, not here.  A Korean particle after a placeholder is a placeholder
too, ``{path}{은}``, chosen by what precedes it (``particles.py``).

    t("grader.passed", "ko", n=11)
    section("web", "en")   # a nested dict, for templates
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from .particles import fmt

__all__ = ["LANGS", "catalog", "fmt", "has", "section", "t"]

LANGS = ("en", "ko")
_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, Any]:
    if lang not in LANGS:
        raise KeyError(f"no catalog for language {lang!r}")
    return tomllib.loads((_HERE / f"{lang}.toml").read_text(encoding="utf-8"))


def section(path: str, lang: str) -> dict[str, Any]:
    """The table at ``path`` (dotted) of ``lang``'s catalog."""
    node: Any = catalog(lang)
    for part in path.split("."):
        node = node[part]
    return node


def t(key: str, lang: str, /, **fields: Any) -> str:
    """The text of ``key`` (dotted: "grader.passed") in ``lang``, formatted
    with ``fields`` (and its particles chosen); English for a language without a catalog."""
    table_path, _, name = key.rpartition(".")
    text = section(table_path, lang if lang in LANGS else "en")[name]
    return fmt(text, **fields) if fields else text


def has(key: str, lang: str = "en") -> bool:
    table_path, _, name = key.rpartition(".")
    try:
        return name in section(table_path, lang)
    except KeyError:
        return False
