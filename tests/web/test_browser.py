"""End to end in a real headless Chromium (Debian's package, driven by
Playwright; no browser is downloaded): sign up, softmax wrong then right,
a drill, a card, Korean, a why page with its plot."""

import pytest

from browser_support import BAD, GOOD, new_page, shot, sign_up, until, write_code
from byhand.content import loader
from byhand.grading.drills import variant

pytestmark = pytest.mark.slow  # a real browser / fuzzing every operation: integration


@pytest.fixture(scope="module")
def page(browser):
    """One page for the module (its tests may run in different processes,
    each with a site of its own: none relies on another's learner)."""
    page = new_page(browser, (1200, 900))
    yield page
    page.context.close()


def test_learner_journey(site, page, tmp_path):
    sign_up(page, site, "ada")
    assert page.locator("h1").inner_text() == "Today's session"

    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".katex")  # the equation is typeset
    page.wait_for_selector(".cm-editor")  # the code box became an editor
    assert page.csp_violations == []
    write_code(page, BAD)
    page.click("#check")
    page.wait_for_selector("#verdict")
    assert "no-max-shift" in page.locator("#verdict").inner_text()
    shot(page, "softmax-wrong")
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
    until(page, f"!document.getElementById('term') || document.getElementById('term').innerText !== {term!r}")

    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "복습" in page.locator("h1").inner_text()

    page.goto(site + "/why/why-softmax-subtracts-max")
    until(page, "document.getElementById('plot').complete")
    assert page.evaluate("document.getElementById('plot').naturalWidth") > 100
    assert "최댓값" in page.locator("h1").inner_text()
    page.fill("#p-max_score", "3000")
    page.click("#redraw")  # redrawn in place (why.js): the new plot replaces the old one
    until(page, "document.getElementById('plot').src.includes('max_score=3000')"
                " && document.getElementById('plot').complete")
    assert page.evaluate("document.getElementById('plot').naturalWidth") > 100
    shot(page, "why-ko")


def test_keyboard_only_sign_in_form(site, page):
    """The sign-in form is usable by keyboard alone (Tab order, Enter submits)."""
    page.context.clear_cookies()
    sign_up(page, site, "grace")
    page.context.clear_cookies()
    page.goto(site + "/signin")
    page.focus("#username")
    page.keyboard.type("grace")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/")
    assert page.locator("nav").get_by_text("진도").count() + page.locator("nav").get_by_text("Progress").count() == 1
