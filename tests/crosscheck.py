"""Helpers for the cross-check tests: the references, and an optional import
that skips with a reason, or fails where CI requires the cross-checks to run."""

import importlib
import os

import pytest

from byhand.content.loader import load_exercise


def reference(item_id):
    return load_exercise(item_id).reference


def require(module: str, why: str):
    """Import ``module`` or skip; with BYHAND_REQUIRE_CROSSCHECKS=1 (set by CI) fail instead."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("BYHAND_REQUIRE_CROSSCHECKS") == "1":
            pytest.fail(f"{module} is required for the cross-checks in CI ({why})")
        pytest.skip(f"{module} is not installed: {why} (pip install 'byhand[test]')")
