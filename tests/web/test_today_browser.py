"""The guided day in a real headless Chromium at a desktop and a phone width,
in English and Korean: three items of Today one after the other with Next
(a concept recalled and rated on its page, its exercise passed in place, its
drill answered wrong, retried on the same variant, then right, the worked
solution only then); the catalog searched, and a ✓ beside softmax once it
passes.  Nothing wider than the screen, nothing blocked by the security
policy.  And Today without JavaScript: the same Next is a link."""

from datetime import datetime, timedelta, timezone

import pytest

from browser_support import SIZES, new_page, shot, sign_up, write_code
from byhand.content import loader
from byhand.grading.drills import variant
from byhand.services import scheduling
from byhand.services.data import progress_database
from byhand.storage import Store
from test_today import KNOWN, MATMUL, SOFTMAX

pytestmark = pytest.mark.slow

WORDS = {"en": {"softmax": "Softmax", "search": "softmax", "position": "1 of 3", "next": "Next:"},
         "ko": {"softmax": "소프트맥스", "search": "소프트맥스", "position": "3개 중 1번째", "next": "다음:"}}


def _learner(browser, site, size, lang, name, js=True):
    """A new learner who knows the first concepts of linear algebra (reviewed
    days ago, not due) and meets three new items a day."""
    page = new_page(browser, size, javascript=js)
    sign_up(page, site, name, lang)
    store = Store(progress_database(site.data))
    uid = store.user_by_name(name).id
    store.save_settings(uid, daily_new_limit=3)
    for item in KNOWN:
        scheduling.review(store, uid, item, "concept", 4, now=datetime.now(timezone.utc) - timedelta(days=3))
    page.reload()
    return page


def _shot(page, name):
    shot(page, f"today-{name}")


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    width = page.viewport_size["width"]
    for sel in ("#today-next", "#today-skip", "#today-start", "#review-now", "#rate-4"):
        loc = page.locator(sel)
        if loc.count() and loc.first.is_visible():
            box = loc.first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (sel, box)


def _drill_answer(page, drill_id):
    token = page.locator("input[name=variant]").get_attribute("value")
    return token, variant(loader.load_item(drill_id), int(token.split(".")[0]))


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_three_items_of_today_with_next_then_the_catalog(site, browser, size, lang):
    w = WORDS[lang]
    page = _learner(browser, site, size, lang, f"day-{size}-{lang}")
    assert page.locator("ol.queue li").count() == 3
    _fits(page)
    _shot(page, f"{size}-{lang}-home")

    # 1. the concept: recall, reveal, rate
    page.click("#today-start")
    page.wait_for_url("**/concepts/matrix-multiplication?review=1")
    assert page.locator("#today-position").inner_text() == w["position"]
    assert not page.locator("#definition").is_visible()
    page.click("#reveal")
    assert page.locator("#definition").is_visible()
    _fits(page)
    _shot(page, f"{size}-{lang}-concept-card")
    page.click("#rate-3")
    page.wait_for_selector("#rated")
    assert w["next"] in page.locator("#today-next").inner_text()
    _fits(page)
    _shot(page, f"{size}-{lang}-concept-rated")

    # 2. its exercise, checked in place: Next comes with the verdict
    page.click("#today-next")
    page.wait_for_url("**/exercises/matmul")
    page.wait_for_selector(".cm-editor")
    assert page.locator("#today-next").count() == 0 and page.locator("#today-skip").count() == 1
    write_code(page, MATMUL)
    page.click("#check")
    page.wait_for_selector("#verdict.pass", timeout=60_000)
    page.wait_for_selector("#today-next")
    _fits(page)
    _shot(page, f"{size}-{lang}-exercise-passed")

    # 3. its drill: wrong, the same variant again (no solution yet), then right
    page.click("#today-next")
    page.wait_for_url("**/drills/matrix-vector-product")
    token, v = _drill_answer(page, "matrix-vector-product")
    page.fill("#answer", "12345, 0")
    page.click("#submit-answer")
    page.wait_for_selector("#try-again")
    assert page.locator(".solution").count() == 0 and page.locator("#today-next").count() == 0
    assert _drill_answer(page, "matrix-vector-product")[0] == token  # the same numbers to retry
    page.fill("#answer", ", ".join(f"{x:g}" for x in v.answer))
    page.click("#submit-answer")
    page.wait_for_selector("#verdict.pass")
    assert page.locator(".solution").is_visible() and page.locator("#today-last").is_visible()
    _fits(page)
    _shot(page, f"{size}-{lang}-drill-done")
    page.click("#today-home")
    page.wait_for_url(site + "/")
    assert page.locator("#today-finished").is_visible() and page.locator("ol.queue li.done").count() == 3

    # the catalog: by area, searched; softmax passed shows ✓
    page.goto(site + "/items")
    assert page.evaluate("document.body.scrollHeight") < 4000  # sections, not one long list
    _fits(page)
    _shot(page, f"{size}-{lang}-catalog")
    page.fill("#q", w["search"])
    page.press("#q", "Enter")
    page.wait_for_url("**/items?q=*")
    row = page.locator("li[data-kind=exercise]", has=page.locator("a[href='/exercises/softmax']"))
    assert row.count() == 1 and "✓" not in row.inner_text()
    row.locator("a").click()
    page.wait_for_selector(".cm-editor")
    write_code(page, SOFTMAX)
    page.click("#check")
    page.wait_for_selector("#verdict.pass", timeout=60_000)
    page.go_back()
    page.reload()
    row = page.locator("li[data-kind=exercise]", has=page.locator("a[href='/exercises/softmax']"))
    assert "✓" in row.inner_text() and w["softmax"] in row.inner_text()
    _fits(page)
    _shot(page, f"{size}-{lang}-catalog-solved")
    assert page.csp_violations == []
    page.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_today_without_javascript(site, browser, size):
    page = _learner(browser, site, size, "en", f"nojs-day-{size}", js=False)
    page.click("#today-start")
    page.click("#reveal")  # <details>: no script needed
    assert page.locator("#definition").is_visible()
    page.click("#rate-4")
    page.wait_for_selector("#rated")
    page.click("#today-next")
    page.wait_for_url("**/exercises/matmul")
    page.fill("#source", MATMUL)
    page.click("#check")
    page.wait_for_selector("#verdict.pass", timeout=60_000)
    assert page.locator("#today-position").inner_text() == "2 of 3"
    page.click("#today-next")
    page.wait_for_url("**/drills/matrix-vector-product")
    page.goto(site + "/items?q=matrix&kind=drill")
    assert page.locator("details.area-group[open]").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()
