"""The grader's own sentences: the ``grader`` table of byhand's catalogs
(:mod:`byhand.i18n`), where English and Korean sit side by side."""

from __future__ import annotations

from .. import i18n

__all__ = ["has_message", "msg"]


def msg(key: str, lang: str, **fields) -> str:
    return i18n.t(f"grader.{key}", lang, **fields)


def has_message(key: str) -> bool:
    return i18n.has(f"grader.{key}")
