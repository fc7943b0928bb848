import pytest

from web_support import csrf_of, make_client, signup  # noqa: F401 - re-exported for the tests here


@pytest.fixture(scope="module")
def grader():
    """One real sandboxed pool for the module's apps (isolation as available here)."""
    from byhand.jobs import GradingHosts

    with GradingHosts(workers=1, require_full_isolation=False) as g:
        yield g
