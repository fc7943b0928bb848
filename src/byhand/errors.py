"""Errors that byhand raises for a user's mistake (never shown as a traceback)."""

from __future__ import annotations


class ByhandError(Exception):
    """A problem the user can fix; its message says what, where, and what to do."""


class UnknownItem(ByhandError, KeyError):
    def __init__(self, item_id: str, suggestions: list[str] | None = None):
        hint = ""
        if suggestions:
            hint = f" Did you mean: {', '.join(suggestions)}?"
        super().__init__(f"unknown item id {item_id!r}.{hint} Run `byhand list` to see every id.")
        self.item_id = item_id

    def __str__(self) -> str:  # KeyError would add quotes
        return self.args[0]


class CurriculumError(ByhandError):
    """An authored item is malformed (raised while loading it)."""
