import pytest

from web_support import csrf_of, make_client, signup  # noqa: F401 - re-exported for the tests here


@pytest.fixture(scope="session")
def grader():
    """One real grading process for every app of the web tests (isolation as
    available here): what a server runs, started once."""
    from byhand.jobs import GradingHosts

    with GradingHosts(workers=1, require_full_isolation=False) as g:
        yield g
