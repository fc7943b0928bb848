"""The progress page in a real headless Chromium (Debian's package, driven
by Playwright), on a desktop (1366×900) and a phone (390×844) in English and
Korean.  It tells the truth: a card rated Again on /review shows 0 % and
weak, never learned; passing softmax raises softmax-function; the weakest
are the studied items, lowest recall first; a mistake is listed by its
exercise's title, linked.  And its interactive concept map: drawn (a canvas,
one node per concept, areas named in the page's language), it zooms with its
buttons and the wheel, a concept is focused from the keyboard, a click (or
Enter) opens its page, and the security policy blocks nothing."""

import re
import time

import pytest

from browser_support import BAD, GOOD, new_page, shot, sign_up, until, write_code
from byhand.content import loader
from byhand.i18n import section

pytestmark = pytest.mark.slow  # a real browser: integration

MAP = "document.getElementById('concept-map')"
CY = "window.ByhandConceptMap.maps[window.ByhandConceptMap.maps.length - 1].cy"


def _open_map(page, site):
    page.goto(site + "/progress")
    until(page, f"{MAP}.dataset.state === 'ready'", 60)


def _node_on_screen(page, node_id):
    return page.evaluate(f"(() => {{ const p = {CY}.getElementById('{node_id}').renderedPosition();"
                         f" const r = {CY}.container().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()")


def test_concept_map_zoom_pan_click_in_both_languages_and_widths(site, page):
    concepts = {r["id"]: r for r in loader.summaries() if r["kind"] == "concept"}
    sign_up(page, site, "ada")
    page.goto(site + "/review")  # a new concept's card, recalled and forgotten: Again
    forgotten = page.locator(".review-card").get_attribute("data-item")
    assert page.locator(".review-card").get_attribute("data-kind") == "concept"
    page.keyboard.press("Space")
    page.keyboard.press("1")
    until(page, f"!document.querySelector('.review-card')"
                f" || document.querySelector('.review-card').dataset.item !== {forgotten!r}")
    page.goto(site + "/exercises/softmax")  # failed once with a known mistake, then passed
    page.wait_for_selector(".cm-editor")
    write_code(page, BAD)
    page.click("#check")
    page.wait_for_selector("#verdict.fail")
    write_code(page, GOOD)
    page.click("#check")
    page.wait_for_selector("#verdict.pass", timeout=60_000)

    opened = []
    for lang in ("en", "ko"):
        for width, height in ((1366, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            _open_map(page, site)
            assert page.locator("html").get_attribute("lang") == lang
            _tells_the_truth(page, lang, forgotten)
            # drawn: Cytoscape's canvases inside the container, one node per concept, the areas named
            assert page.locator("#concept-map .map-canvas canvas").count() >= 1
            assert page.evaluate(f"{MAP}.dataset.nodes") == str(len(concepts))
            assert page.evaluate(f"{CY}.nodes('.concept').length") == len(concepts)
            area_title = page.evaluate(f"{CY}.getElementById('area:linalg').data('title')")
            assert area_title == {"en": "linear algebra", "ko": "선형대수"}[lang]
            title = page.evaluate(f"{CY}.getElementById('softmax-function').data('label')")
            assert title == concepts["softmax-function"]["title"][lang]  # the full title, not cut
            assert page.evaluate(f"{CY}.getElementById('softmax-function').data('mastery')") > 0
            assert page.locator("#concept-list").get_attribute("open") is None  # the list folds under the map
            box = page.locator("#concept-map .map-canvas").bounding_box()
            assert box["width"] <= width and box["x"] >= 0 and box["height"] > 250
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
            shot(page, f"progress-map-{lang}-{width}", full_page=False, scroll_to="#concept-map")

            # zoom: the + button, the wheel; pan by dragging
            z0 = page.evaluate(f"{CY}.zoom()")
            page.click("#map-zoom-in")
            z1 = page.evaluate(f"{CY}.zoom()")
            assert z1 == pytest.approx(z0 * 1.25)
            page.evaluate("document.querySelector('#concept-map .map-canvas').scrollIntoView({block: 'center'})")
            box = page.locator("#concept-map .map-canvas").bounding_box()  # now wholly on the screen
            assert 0 <= box["y"] and box["y"] + box["height"] <= height
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            deadline = time.monotonic() + 10
            while page.evaluate(f"{CY}.zoom()") <= z1 * 1.01:  # Cytoscape ignores the wheel for
                assert time.monotonic() < deadline     # 250 ms after the page scrolls
                time.sleep(0.3)
                page.mouse.wheel(0, -400)
            pan = page.evaluate(f"{CY}.pan()")
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] / 2 - 60, box["y"] + box["height"] / 2 + 40, steps=5)
            page.mouse.up()
            moved = page.evaluate(f"{CY}.pan()")
            assert (moved["x"], moved["y"]) != (pan["x"], pan["y"])
            page.click("#map-fit")
            assert page.evaluate(f"{CY}.zoom()") == pytest.approx(z0, rel=0.02)

            # the keyboard: Tab to the map, an arrow focuses a concept, the live region names it
            page.focus("#concept-map .map-canvas")
            page.keyboard.press("ArrowRight")
            focused = page.evaluate(f"{MAP}.dataset.focused")
            assert focused in concepts
            info = page.locator("#concept-map .map-info").inner_text()
            assert info.startswith(concepts[focused]["title"][lang])
            # a drag that starts on a concept pans the map and opens nothing
            x, y = _node_on_screen(page, focused)
            pan = page.evaluate(f"{CY}.pan()")
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + 50, y + 30, steps=5)
            page.mouse.up()
            moved = page.evaluate(f"{CY}.pan()")
            assert (moved["x"], moved["y"]) != (pan["x"], pan["y"]) and page.url == site + "/progress"
            page.focus("#concept-map .map-canvas")
            page.keyboard.press("ArrowDown")
            target = page.evaluate(f"{MAP}.dataset.focused")
            assert target in concepts
            if width == 1366:  # a click on the node opens its concept page
                page.mouse.click(*_node_on_screen(page, target))
            else:  # Enter on the focused node opens it
                page.keyboard.press("Enter")
            page.wait_for_url(site + f"/concepts/{target}")
            assert concepts[target]["title"][lang] in page.locator("h1").inner_text()
            opened.append(target)
        if lang == "en":
            _open_map(page, site)
            page.click("#lang-switch")
            page.wait_for_url(site + "/progress")
    assert len(opened) == 4
    page.goto(site + "/progress")
    page.click("#concept-list summary")  # the list under the map, opened
    assert page.locator(f"#concept-list a[href='/concepts/{forgotten}']").is_visible()
    page.locator("ul.mistakes a").click()  # the mistake's exercise
    page.wait_for_url(site + "/exercises/softmax")
    assert page.locator("h1").inner_text() == "소프트맥스"
    assert page.csp_violations == [] and page.errors == []


def _percent(text: str) -> int:
    return int(re.search(r"(\d+)%", text).group(1))


def _tells_the_truth(page, lang, forgotten):
    """/progress after a card rated Again (``forgotten``) and softmax failed
    with no-max-shift, then passed: the forgotten concept is 0 % and weak on
    the list and the map, never learned; the pass raised softmax-function; the
    weakest are the two studied items, the forgotten one first; the mistake is
    named by its exercise's title, linked."""
    titles = {r["id"]: r["title"][lang] for r in loader.summaries()}
    labels = section("cli.progress", lang)
    entry = page.locator(f"#concept-list li:has(> a[href='/concepts/{forgotten}'])")
    label = entry.get_attribute("class")  # weak, or due once its learning step (a minute) is over
    assert label in ("weak", "due") and f"0% · {labels[label]}" in entry.text_content()
    assert page.evaluate(f"{CY}.getElementById('{forgotten}').data('state')") == label
    assert page.evaluate(f"{CY}.getElementById('{forgotten}').data('mastery')") == 0
    raised = page.locator("#concept-list li:has(> a[href='/concepts/softmax-function'])")
    assert _percent(raised.text_content()) > 50 and raised.get_attribute("class") != "new"
    weakest = page.locator("ul.weakest li")
    assert weakest.count() == 2
    assert weakest.nth(0).locator("a").inner_text() == titles[forgotten] and _percent(weakest.nth(0).inner_text()) == 0
    assert weakest.nth(1).locator("a").inner_text() == titles["softmax"] and _percent(weakest.nth(1).inner_text()) > 50
    mistakes = page.locator("ul.mistakes li")
    assert mistakes.count() == 1 and mistakes.first.inner_text().startswith("1× ")
    assert mistakes.first.locator("a").inner_text() == titles["softmax"]
    assert mistakes.first.locator("code").inner_text() == "no-max-shift"


def test_without_javascript_the_list_is_the_map(site, browser):
    page = new_page(browser, "phone", javascript=False)
    sign_up(page, site, "bea")
    page.goto(site + "/progress")
    assert not page.locator("#concept-map").is_visible()
    assert page.locator("#concept-list").get_attribute("open") == ""
    n = sum(1 for r in loader.summaries() if r["kind"] == "concept")
    assert page.locator("#concept-list a[href^='/concepts/']").count() == n
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()

