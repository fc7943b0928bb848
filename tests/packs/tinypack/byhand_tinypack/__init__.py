"""A tiny third-party curriculum pack (for byhand's tests)."""

from pathlib import Path

from byhand.content.packs import Pack

PACK = Pack("tiny", Path(__file__).resolve().parent / "items",
            areas={"tiny": {"en": "Tiny things", "ko": "작은 것들"}},
            sandbox_packages=("byhand_tinypack",),  # submissions may import its helpers
            test_functions="byhand_tinypack.testfns")
