"""A tiny third-party curriculum pack (for byhand's tests)."""

from pathlib import Path

from byhand.content.packs import Pack

PACK = Pack("tiny", Path(__file__).resolve().parent / "items")
