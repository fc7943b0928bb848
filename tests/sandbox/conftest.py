"""One sandbox pool for the whole attack suite, started after a secret is
put in this (trusted) process's environment, so that tests can prove a
submission never sees it."""

from __future__ import annotations

import os

import pytest
import sandbox_support  # noqa: F401 - puts the secret in the environment first

from byhand.jobs import Grader


@pytest.fixture(scope="session")
def grader():
    g = Grader(workers=2)
    yield g
    g.close()


@pytest.fixture
def full(grader):
    """Skip (with the reason) a test that needs a protection missing here."""
    missing = grader.missing_protections()
    if missing:
        why = "full isolation unavailable here: " + ", ".join(
            f"{p} ({grader.missing.get(p, '?')})" for p in missing)
        if os.environ.get("BYHAND_REQUIRE_ISOLATION") == "1":  # CI runs as root: it must be there
            pytest.fail(why)
        pytest.skip(why)
    return grader
