"""What the browser tests share: Debian's Chromium driven by Playwright (no
browser is downloaded), the two screen sizes, a page that notes what the
security policy blocked, signing up, typing into the editor, waiting on the
page, screenshots.  The fixtures built on it (``browser``, ``site``,
``page``) are in conftest.py."""

import os
import shutil
import time

import pytest

try:
    from playwright import sync_api
except ImportError:  # the test extra is not installed: the browser tests skip
    sync_api = None

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}  # (width, height): every page is tested at both
PASSWORD = "correct horse battery"

BAD = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")


def require_browser() -> None:
    """Skip the calling test where Playwright or Chromium is missing; in CI
    (BYHAND_REQUIRE_BROWSER=1) a missing Chromium is an error instead."""
    if sync_api is None:
        pytest.skip("pip install 'byhand[test]' for browser tests")
    if not os.path.exists(CHROMIUM):
        if os.environ.get("BYHAND_REQUIRE_BROWSER") == "1":
            raise RuntimeError("Chromium is required for the browser tests in CI (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


REFUSED = (429, 503)  # the door's answers (web/budget.py): a browser test must never meet them


def watched(page):
    """``page`` noting what the tests assert is empty: ``csp_violations`` (the
    security policy must not block anything our pages use) and ``errors``
    (uncaught script errors, and any page, script or font the server refused
    with 429 or 503: a refused page has no math and no form, so a test that
    only looked for what is wrong on it would pass)."""
    page.csp_violations = []
    page.errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("response", lambda r: r.status in REFUSED and page.errors.append(f"{r.status} {r.request.method} {r.url}"))
    return page


def new_page(browser, size="desktop", *, lang=None, site=None, javascript=True, **options):
    """A watched page in a fresh context (cookies of its own) at ``size`` (a
    name in SIZES or a (width, height) pair); with ``lang`` and ``site`` the
    language cookie is set for ``site``.  Close it with ``page.context.close()``."""
    width, height = SIZES[size] if isinstance(size, str) else size
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript,
                                  **options)
    if lang is not None:
        context.add_cookies([{"name": "byhand_lang", "value": lang, "url": site}])
    return watched(context.new_page())


def sign_up(page, site, username, lang=None, password=PASSWORD):
    """Sign ``username`` up through the form (which signs them in); with
    ``lang="ko"``, then switch from English with the header's language button."""
    page.goto(site + "/signup")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#submit-signup")
    page.wait_for_url(site + "/")
    if lang == "ko":
        page.click("#lang-switch")
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "ko"


def until(page, expression: str, seconds: float = 30.0) -> None:
    """Poll a JavaScript expression from here: Playwright's wait_for_function
    evaluates a string with eval inside the page, which our security policy
    (no 'unsafe-eval') rightly forbids."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {expression}"
        time.sleep(0.05)


def write_code(page, code):
    """Type into the CodeMirror editor as a learner pasting code would."""
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def shot(page, name, full_page=True, scroll_to=None):
    """A screenshot ``name``.png into $BYHAND_SCREENSHOTS, when it is set (of
    the screen with the element ``scroll_to`` scrolled into view, if given)."""
    folder = os.environ.get("BYHAND_SCREENSHOTS")
    if folder:
        if scroll_to:
            page.locator(scroll_to).scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=full_page)


def fits(page) -> None:
    """The page is no wider than the screen (no scrolling sideways, even on a 390 px phone)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def teacher_with_cohort(browser, site, size, lang, teacher, cohort):
    """A new page of ``teacher`` (signed up, given the teacher role with `byhand
    admin role`) who has created ``cohort`` through /cohorts: (the page, on
    the cohort's home; the cohort's invite link)."""
    import subprocess
    import sys

    page = new_page(browser, size)
    sign_up(page, site, teacher, lang)
    role = subprocess.run([sys.executable, "-m", "byhand", "admin", "role", teacher, "teacher", "--data",
                           str(site.data)], capture_output=True, text=True, env={**os.environ, "BYHAND_LANG": "en"})
    assert role.returncode == 0, role.stderr
    page.goto(site + "/cohorts")
    page.fill("#cohort-name", cohort)
    with page.expect_navigation():
        page.click("#create-form button")
    return page, page.locator("#invite-link").inner_text()
