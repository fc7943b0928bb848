"""A teacher's view in a real headless Chromium, at a desktop and a phone
width in both languages, with the real graders: a learner's softmax
without the max shift is diagnosed no-max-shift; the teacher's dashboard
counts it, the teacher writes feedback from its row by keyboard, and the
learner's next verdict (checked in place) shows it typeset; the teacher
pins the item and the cohort home shows it with the week's agenda.  Every
page fits the screen, axe-core finds no accessibility violation on them
(WCAG 2.1 A and AA and best practices, as test_accessibility_browser
audits every page), and the security policy blocks nothing."""

import re

import pytest

from browser_support import BAD as NO_SHIFT
from browser_support import fits as _fits
from browser_support import new_page, shot, sign_up, teacher_with_cohort, until, write_code
from test_accessibility_browser import audit

pytestmark = pytest.mark.slow  # a real browser: integration


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_dashboard_feedback_and_the_cohorts_day_in_a_browser(browser, site, size, lang):
    teacher, learner = f"tv-teach-{size}-{lang}", f"tv-learn-{size}-{lang}"
    t_page, invite = teacher_with_cohort(browser, site, size, lang, teacher, f"TV {size} {lang}")
    home = t_page.url

    page = new_page(browser, size)
    sign_up(page, site, learner, lang)
    page.goto(invite)
    with page.expect_navigation():
        page.click("#join-form button")
    page.goto(site + "/exercises/softmax")
    write_code(page, NO_SHIFT)
    page.click("#check")
    until(page, "(document.querySelector('#verdict code.mistake') || {}).textContent === 'no-max-shift'")

    # the dashboard counts it; feedback is written from the row, by keyboard
    t_page.goto(home + "/dashboard")
    row = t_page.locator("#m-softmax-no-max-shift")
    assert row.locator("td.learners").inner_text() == "1" and row.locator("td.attempts").inner_text() == "1"
    _fits(t_page)
    shot(t_page, f"teaching-dashboard-{lang}-{size}")
    found: list[str] = []
    row.locator("td.feedback summary").focus()
    t_page.keyboard.press("Enter")  # opens the form
    t_page.keyboard.press("Tab")  # to the text
    t_page.keyboard.insert_text("Subtract $\\max_j x_j$ before `np.exp`: it cancels.")
    t_page.keyboard.press("Tab")  # to Save
    with t_page.expect_navigation():
        t_page.keyboard.press("Enter")
    assert t_page.locator("#m-softmax-no-max-shift td.feedback .prose .katex").count() == 1
    _fits(t_page)
    t_page.locator("#m-softmax-no-max-shift td.feedback summary").click()  # the form open, as when writing
    audit(t_page, found, "the dashboard", size, lang)

    # the learner's next verdict naming it carries it, typeset, checked in place
    write_code(page, NO_SHIFT + "# again\n")
    page.click("#check")
    until(page, "document.querySelectorAll('#verdict .teacher-feedback .katex').length === 1")
    box = page.locator("#verdict .teacher-feedback").inner_text()
    assert f"TV {size} {lang}" in box and "np.exp" in box
    _fits(page)
    shot(page, f"teaching-verdict-feedback-{lang}-{size}", scroll_to="#verdict")
    audit(page, found, "a verdict with feedback", size, lang)

    # today's pin and the week's agenda on the cohort home
    t_page.goto(home)
    t_page.fill("#pin-item", "softmax")
    with t_page.expect_navigation():
        t_page.locator("#pin-item").press("Enter")
    page.goto(home)
    assert page.locator("#pin-softmax").count() == 1 and page.locator("#pin-item").count() == 0
    assert re.findall(r"no-max-shift", page.locator("ol.agenda").inner_text()) == ["no-max-shift"]
    _fits(page)
    _fits(t_page)
    shot(page, f"teaching-cohort-day-{lang}-{size}")
    audit(page, found, "the cohort home (a learner)", size, lang)
    audit(t_page, found, "the cohort home (its teacher)", size, lang)
    assert found == [], "\n".join(found)
    for p in (page, t_page):
        assert p.csp_violations == [] and p.errors == []
        p.context.close()
