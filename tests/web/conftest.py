import pytest

from browser_support import ARGS, CHROMIUM, new_page, require_browser, sync_api
from server import running_server
from web_support import csrf_of, make_client, signup  # noqa: F401 - re-exported for the tests here


@pytest.fixture(scope="session")
def grader():
    """One real grading process for every app of the web tests (isolation as
    available here): what a server runs, started once."""
    from byhand.jobs import GradingHosts

    with GradingHosts(workers=1, require_full_isolation=False) as g:
        yield g


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for one module's browser tests (each test opens
    contexts of its own); skips them where it cannot run (browser_support.
    require_browser).  Not for the whole session: while Playwright's sync API
    is started, its event loop counts as running in this thread, and the
    tests that call asyncio.run would fail."""
    require_browser()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(request, tmp_path_factory):
    """`byhand serve` for one module's browser tests, its data folder as
    ``site.data``; the why-questions' plots are drawn at its start only in a
    module that sets ``WARM_PLOTS = True``."""
    data = tmp_path_factory.mktemp("site")
    # A module signs up a learner per test, all from 127.0.0.1: on a fast run more
    # than the default 10 a minute, which answer 429 (the limit has its own tests
    # in test_pages.py and test_proxies.py).  Its pages, scripts and fonts, many
    # a second from that one address, would meet the door's budgets too (429 and
    # 503; they have their own tests in test_budget.py and test_shedding.py).
    with running_server(data, "--workers", "1", "--signins-per-minute", "1000", "--anonymous-requests", "0",
                        "--anonymous-per-second", "0", warm_plots=getattr(request.module, "WARM_PLOTS", False)) as url:
        url.data = data
        yield url


@pytest.fixture
def page(browser):
    """A watched page (browser_support.watched) at the desktop size, in a
    context of its own."""
    page = new_page(browser)
    yield page
    page.context.close()
