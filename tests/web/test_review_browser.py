"""Review like Anki, in a real headless Chromium at a desktop and a phone
width, in English and Korean: Space reveals, 3 rates and the next card comes
without a page load, the remaining count goes down, a card rated Again comes
back later the same day, the security policy blocks nothing; a due drill and
a due exercise are reviewed in the same flow; without JavaScript the forms
do the same."""

import re
import time
from datetime import datetime, timedelta, timezone

import pytest

from browser_support import GOOD, SIZES, new_page, shot, sign_up, until
from byhand.content import loader
from byhand.grading.drills import variant
from byhand.services import scheduling
from byhand.services.data import progress_database
from byhand.storage import Store

pytestmark = pytest.mark.slow


def _shot(page, name):
    shot(page, f"review-{name}")


def _fits(page):
    """Nothing wider than the screen, and every rating button inside it."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    width = page.viewport_size["width"]
    for r in (1, 2, 3, 4):
        box = page.locator(f"#rate-{r}").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (r, box)


LEFT = {"en": "{n} left", "ko": "{n}개 남음"}


def _left(page) -> int:
    return int(page.locator("#left").get_attribute("data-left"))


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_space_reveals_and_3_rates_in_place(site, browser, size, lang):
    page = new_page(browser, size)
    sign_up(page, site, f"cards-{size}-{lang}", lang)
    page.goto(site + "/review")
    page.evaluate("window.sameDocument = 'yes'")  # gone if the page is loaded again
    term, left = page.locator("#term").inner_text(), _left(page)
    assert left > 1 and not page.locator("#definition").is_visible()
    labels = [page.locator(f"#interval-{r}").inner_text() for r in (1, 2, 3, 4)]
    assert labels[:3] == (["1 min", "6 min", "10 min"] if lang == "en" else ["1분", "6분", "10분"])
    assert re.fullmatch(r"\d+ d" if lang == "en" else r"\d+일", labels[3]), labels  # Easy: days away
    _shot(page, f"{size}-{lang}-front")

    page.keyboard.press("Space")
    assert page.locator("#definition").is_visible() and not page.locator("#reveal").is_visible()
    _fits(page)
    back = page.locator("#back").inner_text()
    assert "\\(" not in back and "$" not in back  # every formula typeset (KaTeX), none left raw
    _shot(page, f"{size}-{lang}-back")

    page.keyboard.press("3")
    until(page, f"document.getElementById('term').innerText !== {term!r}")
    assert page.evaluate("window.sameDocument") == "yes"
    assert _left(page) == left - 1
    later = page.locator("#later").inner_text()
    assert ("1 more later today" in later) if lang == "en" else ("오늘 나중에 1개 더" in later)
    flash = page.locator("#flash").inner_text()
    assert ("Rated Good: back in 10 min" in flash) if lang == "en" else ("좋음: 10분 뒤에" in flash)
    assert not page.locator("#definition").is_visible()
    assert "\\(" not in page.locator("#review").text_content()  # the swapped-in card typeset too

    # the keys again on the new card; the buttons work too
    page.keyboard.press("4")  # not revealed yet: nothing happens
    time.sleep(0.3)
    assert _left(page) == left - 1
    page.keyboard.press("Space")
    term = page.locator("#term").inner_text()
    page.click("#rate-1")  # Again: back in a minute, today
    until(page, f"document.getElementById('term').innerText !== {term!r}")
    assert _left(page) == left - 2 and page.evaluate("window.sameDocument") == "yes"
    assert page.locator("#left").inner_text() == LEFT[lang].format(n=left - 2)
    later = page.locator("#later").inner_text()
    assert ("2 more later today" in later) if lang == "en" else ("오늘 나중에 2개 더" in later)
    flash = page.locator("#flash").inner_text()
    assert ("Rated Again: back in 1 min" in flash) if lang == "en" else ("다시: 1분 뒤에" in flash)
    assert page.csp_violations == []
    page.context.close()


def _due_long_ago(site, username, items):
    """The learner reviewed ``items`` long ago, so they are due now (the
    server's own SQLite file, written as another process would)."""
    store = Store(progress_database(site.data))
    uid = store.user_by_name(username).id
    store.save_settings(uid, daily_new_limit=0)
    for days, (item_id, kind) in zip((60, 40), items):
        scheduling.review(store, uid, item_id, kind, 4, now=datetime.now(timezone.utc) - timedelta(days=days))


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("ko", "phone")])
def test_a_due_drill_then_a_due_exercise_in_the_same_flow(site, browser, size, lang):
    page = new_page(browser, size)
    name = f"flow-{size}-{lang}"
    sign_up(page, site, name, lang)
    _due_long_ago(site, name, [("eigenvalues-2x2", "drill"), ("softmax", "exercise")])
    page.goto(site + "/review")
    page.evaluate("window.sameDocument = 'yes'")
    assert _left(page) == 2 and page.locator(".review-card").get_attribute("data-kind") == "drill"

    token = page.locator("input[name=variant]").get_attribute("value")
    v = variant(loader.load_item("eigenvalues-2x2"), int(token.split(".")[0]))
    page.click("#answer")
    page.keyboard.type("3")  # a digit typed into the answer is text, not a rating
    assert page.locator("#answer").input_value() == "3" and _left(page) == 2
    page.fill("#answer", ", ".join(f"{x:.3f}" for x in v.answer))
    page.keyboard.press("Enter")
    page.wait_for_selector("#verdict.pass")
    assert "tr(A)" in page.locator(".solution").inner_text()
    rated = {"en": "Rated Easy: back in", "ko": "쉬움: "}[lang]
    assert page.locator("#flash").inner_text().startswith(rated) and _left(page) == 1
    _shot(page, f"{size}-{lang}-drill")
    page.keyboard.press("Space")  # on to the next card
    until(page, "document.querySelector('.review-card') && "
                 "document.querySelector('.review-card').dataset.kind === 'exercise'")
    page.wait_for_selector("#review .cm-editor")  # the editor, attached to the swapped-in section
    page.wait_for_selector("#review .katex")  # and the equation typeset
    assert "NotImplementedError" in page.locator("#source").input_value() or "def softmax" in \
        page.locator("#source").input_value()
    page.click("#review .cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(GOOD)
    page.keyboard.press("Space")  # typing in the editor: still text
    assert _left(page) == 1
    page.click("#check")
    page.wait_for_selector("#verdict.pass", timeout=60_000)
    assert _left(page) == 0 and {"en": "Next review in", "ko": "다음 복습은"}[lang] in page.locator("#flash").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _shot(page, f"{size}-{lang}-exercise")
    assert page.evaluate("window.sameDocument") == "yes" and page.csp_violations == []
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_without_javascript_and_the_wait_for_a_learning_card(site, browser, size, lang):
    """Plain forms: Reveal is a link-like form, a rating a POST and a
    redirect; Again leaves only a learning card, and the page says when."""
    page = new_page(browser, size, javascript=False)
    name = f"nojs-{size}-{lang}"
    sign_up(page, site, name, lang)
    store = Store(progress_database(site.data))
    store.save_settings(store.user_by_name(name).id, daily_new_limit=1)
    page.goto(site + "/review")
    assert _left(page) == 1 and not page.locator("#definition").is_visible()
    page.click("#reveal")
    page.wait_for_url("**/review?reveal=1&item=*")
    assert page.locator("#definition").is_visible()
    _fits(page)
    page.click("#rate-1")
    page.wait_for_url(site + "/review")
    assert _left(page) == 0 and page.locator(".review-card").count() == 0
    words = {"en": ("Next card in 1 min", "1 more later today"), "ko": ("다음 카드는 1분 뒤", "오늘 나중에 1개 더")}[lang]
    assert words[0] in page.locator("#next-in").inner_text()
    assert words[1] in page.locator("#later").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _shot(page, f"{size}-{lang}-waiting")
    page.context.close()
