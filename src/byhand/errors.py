"""Errors that byhand raises for a user's mistake (never shown as a traceback).

A learner-facing error is raised by its catalog key, ``ByhandError.of("no-file",
path=...)``, so that it can be said in the learner's language
(:meth:`ByhandError.in_lang`; ``str()`` is English).  An error meant for a
curriculum author or an operator may be plain English text.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ByhandError", "CurriculumError", "UnknownItem"]


class ByhandError(Exception):
    """A problem the user can fix; its message says what, where, and what to do."""

    key: str | None = None
    fields: dict[str, Any] = {}

    @classmethod
    def of(cls, key: str, **fields: Any) -> "ByhandError":
        """The error of catalog key ``errors.<key>`` with its fields."""
        exc = cls(_say(key, "en", fields))
        exc.key, exc.fields = key, fields
        return exc

    def in_lang(self, lang: str) -> str:
        return str(self) if self.key is None else _say(self.key, lang, self.fields)


def _say(key: str, lang: str, fields: dict[str, Any]) -> str:
    """The message in ``lang``; a field named ``*_kind`` holds an item kind, said in ``lang`` too."""
    from .i18n import t

    said = {k: t(f"errors.kinds.{v}", lang) if k.endswith("_kind") else v for k, v in fields.items()}
    return t(f"errors.{key}", lang, **said)


class UnknownItem(ByhandError, KeyError):
    def __init__(self, item_id: str, suggestions: list[str] | None = None):
        self.item_id, self.key = item_id, "unknown-item" if not suggestions else "unknown-item-did-you-mean"
        self.fields = {"id": item_id, "suggestions": ", ".join(suggestions or [])}
        super().__init__(_say(self.key, "en", self.fields))

    def __str__(self) -> str:  # KeyError would add quotes
        return self.args[0]


class CurriculumError(ByhandError):
    """An authored item is malformed (raised while loading it)."""
