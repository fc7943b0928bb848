"""Studying together in a real headless Chromium, at a desktop and a phone
width in both languages: a teacher creates a cohort, a learner joins by the
invite link and asks with math, code and a long unbroken word; the thread,
the cohort's board and the notifications fit the screen, the math is
typeset, and the security policy blocks nothing."""

import pytest

from browser_support import SIZES
from browser_support import fits as _fits
from browser_support import new_page, shot, sign_up, teacher_with_cohort

pytestmark = pytest.mark.slow  # a real browser: integration

QUESTION = ("Why does $\\operatorname{softmax}(x - \\max_j x_j)$ not change?\n\n"
            "```\ne = np.exp(x - x.max(axis=-1, keepdims=True))\n```\n\n"
            "my_very_long_identifier_without_any_break_at_all_that_could_widen_a_phone_screen_sideways")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_a_thread_and_a_board_in_a_browser(browser, site, size, lang):
    teacher, learner = f"teach-{size}-{lang}", f"learn-{size}-{lang}"
    t_page, invite = teacher_with_cohort(browser, site, size, lang, teacher, f"Cohort {size} {lang}")
    _fits(t_page)

    page = new_page(browser, size)
    sign_up(page, site, learner, lang)
    page.goto(invite)
    with page.expect_navigation():
        page.click("#join-form button")
    cohort_url = page.url
    page.goto(f"{site}/items/softmax/discuss?cohort={cohort_url.rsplit('/', 1)[1]}")
    page.fill("#new-title", "max shift")
    page.fill("#new-body", QUESTION)
    page.locator("#new-body").press("Tab")  # the rest of the form by keyboard: the checkbox, then Post
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("article.post").count() == 1
    assert page.locator("article.post .katex").count() >= 1  # typeset
    _fits(page)
    shot(page, f"community-thread-{lang}-{size}")

    t_page.goto(cohort_url)
    assert "max shift" in t_page.locator("#board").inner_text()
    _fits(t_page)
    t_page.goto(site + "/notifications")
    _fits(t_page)
    for p in (page, t_page):
        assert p.csp_violations == [] and p.errors == []
        p.context.close()
