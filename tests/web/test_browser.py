"""End to end in a real headless Chromium (Debian's package, driven by
Playwright; no browser is downloaded): sign up, softmax wrong then right,
a drill, a card, Korean, a why page with its plot."""

import os
import shutil
import time

import pytest

from byhand.content import loader
from byhand.grading.drills import variant
from server import running_server

pytestmark = pytest.mark.slow  # a real browser / fuzzing every operation: integration

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install 'byhand[test]' for browser tests")
if not os.path.exists(CHROMIUM):
    if os.environ.get("BYHAND_REQUIRE_BROWSER") == "1":
        raise RuntimeError("Chromium is required for the browser tests in CI (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

BAD = "import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
GOOD = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("site"), "--workers", "1") as url:
        yield url


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.csp_violations = []  # the security policy must not block anything our pages use
        page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text))
        yield page
        browser.close()


def _until(page, expression: str, seconds: float = 30.0) -> None:
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


def test_learner_journey(site, page, tmp_path):
    shots = os.environ.get("BYHAND_SCREENSHOTS")
    page.goto(site + "/signup")
    page.fill("#username", "ada")
    page.fill("#password", "correct horse battery")
    page.click("#submit-signup")
    page.wait_for_url(site + "/")
    assert page.locator("h1").inner_text() == "Today's session"

    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".katex")  # the equation is typeset
    page.wait_for_selector(".cm-editor")  # the code box became an editor
    assert page.csp_violations == []
    write_code(page, BAD)
    page.click("#check")
    page.wait_for_selector("#verdict")
    assert "no-max-shift" in page.locator("#verdict").inner_text()
    if shots:
        page.screenshot(path=os.path.join(shots, "softmax-wrong.png"), full_page=True)
    write_code(page, GOOD)
    page.click("#check")
    page.wait_for_selector("#verdict.pass")
    assert page.locator("#verdict h2").inner_text().startswith("Passed")

    page.goto(site + "/drills/eigenvalues-2x2")
    seed = int(page.locator("input[name=variant]").get_attribute("value").split(".")[0])  # the server's choice
    v = variant(loader.load_item("eigenvalues-2x2"), seed)
    page.fill("#answer", ", ".join(f"{x:.3f}" for x in v.answer))
    page.click("#submit-answer")
    page.wait_for_selector("#verdict")
    assert "Correct" in page.locator("#verdict").inner_text()
    assert "tr(A)" in page.locator(".solution").inner_text()

    page.goto(site + "/review")
    term = page.locator("#term").inner_text()
    page.click("#reveal")
    page.wait_for_selector("#definition")
    page.click("#rate-3")  # rated in place (review.js): the next card replaces this one
    _until(page, f"!document.getElementById('term') || document.getElementById('term').innerText !== {term!r}")

    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "복습" in page.locator("h1").inner_text()

    page.goto(site + "/why/why-softmax-subtracts-max")
    _until(page, "document.getElementById('plot').complete")
    assert page.evaluate("document.getElementById('plot').naturalWidth") > 100
    assert "최댓값" in page.locator("h1").inner_text()
    page.fill("#p-max_score", "3000")
    page.click("#redraw")  # redrawn in place (why.js): the new plot replaces the old one
    _until(page, "document.getElementById('plot').src.includes('max_score=3000')"
                 " && document.getElementById('plot').complete")
    assert page.evaluate("document.getElementById('plot').naturalWidth") > 100
    if shots:
        page.screenshot(path=os.path.join(shots, "why-ko.png"), full_page=True)


def test_keyboard_only_sign_in_form(site, page):
    """The sign-in form is usable by keyboard alone (Tab order, Enter submits)."""
    page.context.clear_cookies()
    page.goto(site + "/signin")
    page.focus("#username")
    page.keyboard.type("ada")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/")
    assert page.locator("nav").get_by_text("진도").count() + page.locator("nav").get_by_text("Progress").count() == 1
