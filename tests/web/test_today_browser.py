"""The guided day in a real headless Chromium at a desktop and a phone width,
in English and Korean: three items of Today one after the other with Next
(a concept recalled and rated on its page, its exercise passed in place, its
drill answered wrong, retried on the same variant, then right, the worked
solution only then); the catalog searched and filtered through its form, a
✓ beside softmax once it passes; a concept's Review now.  A due exercise
opens from the catalog (marked due) and from Today for review from memory:
the starter in the editor, the old code one click away.  The day follows
the learner's time zone: the same morning's new item counts for today in
one zone and for yesterday in another.  Nothing wider than the screen,
nothing blocked by the security policy.  And Today without JavaScript: the
same Next is a link."""

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from browser_support import SIZES, new_page, shot, sign_up, until, write_code
from byhand.content import loader
from byhand.grading.drills import variant
from byhand.i18n import section
from byhand.services import scheduling
from byhand.services.data import progress_database
from byhand.storage import Store
from test_today import KNOWN, KNOWN_DRILLS, MATMUL, SOFTMAX

pytestmark = pytest.mark.slow

WORDS = {"en": {"softmax": "Softmax", "search": "softmax", "position": "1 of 3", "next": "Next:", "found": "2 item(s)"},
         "ko": {"softmax": "소프트맥스", "search": "소프트맥스", "position": "3개 중 1번째", "next": "다음:",
                "found": "2개 항목"}}
WEB = {lang: section("web", lang) for lang in ("en", "ko")}


def _signed_up(browser, site, size, lang, name, new_limit, js=True):
    """A page with the new learner ``name`` signed up in ``lang``, meeting
    ``new_limit`` new items a day; with the server's store and their id."""
    page = new_page(browser, size, javascript=js)
    sign_up(page, site, name, lang)
    store = Store(progress_database(site.data))
    uid = store.user_by_name(name).id
    store.save_settings(uid, daily_new_limit=new_limit)
    return page, store, uid


def _learner(browser, site, size, lang, name, js=True):
    """A new learner who knows the first concepts of linear algebra (reviewed
    days ago, not due) and meets three new items a day."""
    page, store, uid = _signed_up(browser, site, size, lang, name, 3, js)
    for item in KNOWN:
        scheduling.review(store, uid, item, "concept", 4, now=datetime.now(timezone.utc) - timedelta(days=3))
    for item in KNOWN_DRILLS:
        scheduling.review(store, uid, item, "drill", 4, now=datetime.now(timezone.utc) - timedelta(days=3))
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

    # the catalog's filters, through its form: the solved exercises, each with its ✓
    page.fill("#q", "")
    page.select_option("#kind", "exercise")
    page.select_option("#show", "solved")
    page.click("#catalog-filters button[type=submit]")
    page.wait_for_url("**/items?*show=solved*")
    assert "kind=exercise" in page.url
    rows = page.locator("ul.catalog li")
    assert rows.count() == 2 and page.locator("ul.catalog li[data-kind=exercise].solved").count() == 2
    assert sorted(rows.locator("code").all_inner_texts()) == ["matmul", "softmax"]
    assert page.locator("#catalog-count").inner_text() == w["found"]
    _fits(page)

    # a concept's page: Review now opens its card to recall
    page.goto(site + "/concepts/softmax-function")
    assert page.locator("#review-now").inner_text() == WEB[lang]["flow"]["review_now"]
    page.click("#review-now")
    page.wait_for_url("**/concepts/softmax-function?review=1")
    assert not page.locator("#definition").is_visible()
    page.click("#reveal")
    page.click("#rate-3")
    page.wait_for_selector("#rated")
    _fits(page)
    assert page.csp_violations == []
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_a_due_exercise_opens_for_review_from_memory(site, browser, size, lang):
    """Softmax passed and reviewed 40 days ago is due: the catalog's "due"
    filter shows it marked due, Today opens it at ?review=1 with the starter
    in the editor (not the old passing code, which is one click away in the
    history), and implementing it again rates the review."""
    t = WEB[lang]
    page, store, uid = _signed_up(browser, site, size, lang, f"due-ex-{size}-{lang}", 0)
    long_ago = datetime.now(timezone.utc) - timedelta(days=40)
    store.record_attempt(uid, "softmax", "exercise", context="web", passed=True, status="passed",
                         source=SOFTMAX + "# my old code\n", at=long_ago)
    scheduling.review(store, uid, "softmax", "exercise", 4, now=long_ago)

    page.goto(site + "/items")
    page.select_option("#show", "due")
    page.click("#catalog-filters button[type=submit]")
    page.wait_for_url("**/items?*show=due*")
    assert page.locator("ul.catalog li").count() == 1
    row = page.locator("ul.catalog li[data-kind=exercise]")
    assert row.locator("a").get_attribute("href") == "/exercises/softmax?review=1"
    assert row.locator(".mark.due").inner_text() == t["due"] and "✓" in row.inner_text()
    _fits(page)

    page.goto(site + "/")
    assert page.locator("#today-start").get_attribute("href") == "/exercises/softmax?review=1"
    page.click("#today-start")
    page.wait_for_url("**/exercises/softmax?review=1")
    page.wait_for_selector(".cm-editor")
    editor = page.evaluate("document.getElementById('source').value")
    title = loader.load_exercise("softmax").t(lang).title
    assert "my old code" not in editor and f'"""{title}"""' in editor and "raise NotImplementedError" in editor
    assert page.locator("#loaded").inner_text() == t["loaded_review"]
    assert page.locator("#today-skip, #today-next").count() == 0  # the only item: nothing after it
    _fits(page)
    _shot(page, f"{size}-{lang}-exercise-review")
    page.locator("#history li").first.locator("a.restore").click()  # the old code, in place
    until(page, "document.getElementById('source').value.includes('my old code')")
    write_code(page, SOFTMAX)
    page.click("#check")
    page.wait_for_selector("#verdict.pass", timeout=60_000)
    page.wait_for_selector("#today-last")
    assert store.card(uid, "softmax").due > datetime.now(timezone.utc) + timedelta(days=1)  # rated
    page.click("#today-home")
    page.wait_for_url(site + "/")
    assert page.locator("#today-finished").is_visible() and page.locator("ol.queue li.done").count() == 1
    assert page.csp_violations == []
    page.context.close()


def _zone(offset: int) -> str:
    """The fixed-offset IANA zone ``offset`` hours east of UTC (POSIX signs: Etc/GMT-9 is UTC+9)."""
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("ko", "phone")])
def test_the_day_follows_the_time_zone_chosen_in_settings(site, browser, size, lang):
    """A new item met two minutes before the midnight of one zone: chosen on
    the settings page, a zone where that was this morning makes it today's
    new item (the daily limit of one used, Today done); a zone where it was
    yesterday plans another new item for today."""
    now = datetime.now(timezone.utc)
    after_midnight = -now.hour % 24 if -now.hour % 24 <= 14 else -now.hour % 24 - 24  # local time now 00:mm
    noon = after_midnight + 12 if after_midnight + 12 <= 14 else after_midnight - 12  # local time now 12:mm
    midnight = datetime.combine(now.astimezone(ZoneInfo(_zone(after_midnight))).date(), datetime.min.time(),
                                tzinfo=ZoneInfo(_zone(after_midnight)))
    met = (midnight - timedelta(minutes=2)).astimezone(timezone.utc)
    page, store, uid = _signed_up(browser, site, size, lang, f"zone-{size}-{lang}", 1)
    page.reload()
    first = page.locator("ol.queue li a").first.get_attribute("href")
    item = re.fullmatch(r"/\w+/([^?]+)(\?review=1)?", first).group(1)
    scheduling.review(store, uid, item, loader.kind_of(item), 4, now=met)

    def choose(zone):
        page.goto(site + "/settings")
        page.select_option("#timezone", zone)
        page.click("#save-settings")
        page.wait_for_selector("#settings-saved")
        local = datetime.now(ZoneInfo(zone)).strftime("%Y-%m-%d")
        said = page.locator("#timezone-now").inner_text()
        assert zone in said and local in said and said.startswith(WEB[lang]["timezone_now"].split("{")[0]), said
        _fits(page)
        page.goto(site + "/")

    choose(_zone(noon))  # it was met this morning: today's one new item, done
    assert page.locator("ol.queue li").count() == 1 and page.locator("ol.queue li.done").count() == 1
    assert page.locator("ol.queue li.done a").get_attribute("href") == first
    assert page.locator("#today-finished").inner_text() == WEB[lang]["flow"]["finished"]
    _fits(page)
    choose(_zone(after_midnight))  # it was met yesterday: a new item for today
    assert page.locator("ol.queue li").count() == 1 and page.locator("ol.queue li.done").count() == 0
    assert page.locator("ol.queue li a").get_attribute("href") != first
    assert page.locator("#today-count").inner_text() == WEB[lang]["flow"]["done_of"].format(done=0, total=1)
    _fits(page)
    _shot(page, f"{size}-{lang}-zone")
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
