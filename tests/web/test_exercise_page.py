"""Issue 13, part 1: the exercise page in a real Chromium, at 1366×900 and
390×844, in English and Korean: every exercise page fits the screen (the
statement beside the editor on the desktop, above it on the phone), Check
works in place (a visible checking state, Ctrl+Enter, errors in the page's
language), the results panel, restore / reset / diff, local times, and the
same page without JavaScript."""

import re
import time

import pytest

from browser_support import BAD, GOOD, SIZES, new_page, shot, sign_up, sync_api, write_code
from byhand.content import loader
from byhand.i18n import section

pytestmark = pytest.mark.slow  # a real server and browser

SLOW_BAD = "import time\ntime.sleep(0.4)  # a slow file: the checking state lasts\n" + BAD
WEB = {lang: section("web", lang) for lang in ("en", "ko")}


def _signed_in(browser, site, username, lang="en", width=1366, height=900, javascript=True, **options):
    """A fresh context and page with a new learner signed in, in ``lang``."""
    page = new_page(browser, (width, height), javascript=javascript, **options)
    sign_up(page, site, username, lang)
    return page.context, page


FITS = """() => {
  const b = document.getElementById('check').getBoundingClientRect();
  const s = document.querySelector('.statement').getBoundingClientRect();
  const w = document.querySelector('.workbench').getBoundingClientRect();
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
          left: b.left, right: b.right, width: b.width,
          beside: w.left >= s.right && Math.abs(w.top - s.top) < 1, below: w.top >= s.bottom,
          editor: !!document.querySelector('.cm-editor'), math: !!document.querySelector('.equation .katex')};
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_exercise_page_fits_the_screen(site, browser, lang):
    """Each exercise page at both widths: no sideways scrolling, the Check
    button wholly inside the screen's width (measured once the editor and the
    equation are drawn, which is what used to widen the page).  Each page is
    loaded once, at one width, and measured there and then at the other (the
    phone first for every other page, so that both widths are also measured
    freshly loaded).  The statement is beside the editor on the desktop and
    above it on the phone."""
    context, page = _signed_in(browser, site, f"fit-{lang}", lang)
    ids = loader.exercise_ids()
    assert len(ids) >= 90
    wrong = []
    for n, item_id in enumerate(ids):
        order = list(SIZES.items()) if n % 2 == 0 else list(SIZES.items())[::-1]
        page.set_viewport_size(dict(zip(("width", "height"), order[0][1])))
        page.goto(f"{site}/exercises/{item_id}")
        try:
            page.wait_for_selector(".cm-editor")
            page.wait_for_selector(".equation .katex")
        except sync_api.TimeoutError:
            raise AssertionError(f"{item_id}: not drawn: {page.content()[-3000:]}") from None
        for name, (width, height) in order:
            page.set_viewport_size({"width": width, "height": height})
            m = page.evaluate(FITS)
            side_by_side = name == "desktop"
            if not (m["scroll"] <= m["inner"] == width and 0 <= m["left"] and m["right"] <= width
                    and m["width"] > 0 and m["beside"] == side_by_side and m["below"] != side_by_side):
                wrong.append((name, item_id, m))
    assert page.csp_violations == []
    context.close()
    assert wrong == [], wrong[:5]


def _wait(predicate, seconds=30.0):
    """Poll a condition from here (Playwright's wait_for_function evals in the
    page, which the app's security policy forbids)."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _marker(page):
    page.evaluate("window.byhandNoReload = 'still here'")


def _no_reload(page):
    return page.evaluate("window.byhandNoReload") == "still here"


def _editor_text(page):
    """The editor's text (CodeMirror keeps the form's textarea equal to it)."""
    return page.evaluate("document.getElementById('source').value")


WATCH_BUSY = """() => {
  window.byhandBusy = [];
  const button = document.getElementById('check');
  new MutationObserver(() => window.byhandBusy.push({
    disabled: button.disabled, text: button.textContent,
    busy: document.getElementById('verdict-area').getAttribute('aria-busy'),
    formBusy: document.getElementById('submit-form').getAttribute('aria-busy')})
  ).observe(document.body, {attributes: true, childList: true, subtree: true, characterData: true});
}"""


def _title(item_id, lang):
    return loader.load_exercise(item_id).t(lang).title


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_check_in_place_with_ctrl_enter_and_the_results_panel(site, browser, lang, size):
    width, height = SIZES[size]
    context, page = _signed_in(browser, site, f"inplace-{lang}-{size}", lang, width, height)
    t = WEB[lang]
    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".cm-editor")
    # the short starter: the signature, the title in the page's language as a one-line docstring
    assert "raise NotImplementedError" in _editor_text(page)
    assert len(_editor_text(page).splitlines()) <= 8
    assert f'    """{_title("softmax", lang)}"""\n' in _editor_text(page)
    assert page.locator("#loaded").inner_text() == t["loaded_starter"]
    _marker(page)
    page.evaluate(WATCH_BUSY)
    write_code(page, SLOW_BAD)
    lines = _editor_text(page).count("\n")
    page.keyboard.press("Control+Enter")  # in the editor: checks, inserts no line
    page.wait_for_selector("#verdict.fail")
    assert _no_reload(page)
    busy = page.evaluate("window.byhandBusy")
    assert {"disabled": True, "text": t["checking"], "busy": "true", "formBusy": "true"} in busy
    assert page.evaluate("[document.getElementById('check').disabled, document.getElementById('check').textContent,"
                         " document.getElementById('verdict-area').getAttribute('aria-busy')]") == [False, t["check"],
                                                                                                    "false"]
    assert _editor_text(page).count("\n") == lines
    # the results panel: cases n/m, the seed, the named argument, the wrong entries marked, what was printed
    assert re.fullmatch(r"9/11", page.locator("#cases-passed").inner_text())
    assert re.fullmatch(r"\d+", page.locator("#verdict .seed").inner_text())
    assert page.locator("#verdict pre.inputs").inner_text().startswith("x = [")
    assert page.locator("#verdict pre.got mark").count() == 3
    assert {m.strip() for m in page.locator("#verdict pre.got mark").all_inner_texts()} == {"nan"}
    assert page.locator("#verdict pre.expected mark").count() == 3
    assert "RuntimeWarning" in page.locator("#verdict pre.stdout").inner_text()
    assert page.locator("#history li").count() == 1
    if size == "phone":  # a long line scrolls inside the editor, not the page
        write_code(page, GOOD + "# " + "x" * 600 + "\n")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    else:
        write_code(page, GOOD)
    page.click("#check")
    page.wait_for_selector("#verdict.pass")
    assert _no_reload(page)
    assert page.locator("#verdict h2").inner_text() == t["passed"]
    assert page.locator("#cases-passed").inner_text() == "11/11"
    assert page.locator("#history li").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.csp_violations == []
    context.close()


LOCAL = """(lang) => { const el = document.querySelector('#history li time');
  return new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'short', timeZone: 'ZONE'})
    .format(new Date(el.getAttribute('datetime'))); }"""
ZONES = {"en": "America/New_York", "ko": "Asia/Seoul"}  # the browser's own, a few hours from UTC


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("ko", "phone")])
def test_restore_reset_diff_and_local_times(site, browser, lang, size):
    t = WEB[lang]
    context, page = _signed_in(browser, site, f"restorer-{lang}", lang, *SIZES[size], timezone_id=ZONES[lang])
    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".cm-editor")
    for n, source in enumerate((BAD, GOOD, BAD + "# broken again\n"), 1):
        write_code(page, source)
        page.click("#check")
        _wait(lambda: page.locator("#history li").count() == n)
    # a new visit: the editor has the last *passing* code, not the latest (broken) one
    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".cm-editor")
    assert "x.max(axis=axis" in _editor_text(page) and "broken again" not in _editor_text(page)
    assert page.locator("#loaded").inner_text() == t["loaded_passing"]
    _marker(page)
    items = page.locator("#history li")
    assert items.count() == 3
    # times in the reader's zone and language, the UTC original kept in datetime=
    stamp = items.nth(0).locator("time")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp.get_attribute("datetime"))
    assert "UTC" not in stamp.inner_text() and "UTC" in stamp.get_attribute("title")
    assert stamp.inner_text() == page.evaluate(LOCAL.replace("ZONE", ZONES[lang]), lang)
    assert re.search("[AP]M" if lang == "en" else "오[전후]", stamp.inner_text())
    # the newest attempt's diff against the one before it
    items.nth(0).locator("summary").click()
    added = items.nth(0).locator("pre.diff .add").all_inner_texts()
    removed = items.nth(0).locator("pre.diff .del").all_inner_texts()
    assert any("broken again" in a for a in added)
    assert any("x.max(axis=axis" in r for r in removed)
    assert items.nth(2).locator("details.diff").count() == 0  # the first attempt: nothing before it
    # restore the oldest (broken) attempt, then reset to the starter: no page load
    items.nth(2).locator("a.restore").click()
    _wait(lambda: "e = np.exp(x)\n" in _editor_text(page) + "\n")
    assert "broken again" not in _editor_text(page)
    assert page.locator("#loaded").inner_text() == t["restored"]
    page.keyboard.press("Control+z")  # an undoable change
    assert "x.max(axis=axis" in _editor_text(page)
    page.click("#reset")
    _wait(lambda: "NotImplementedError" in _editor_text(page))
    assert f'"""{_title("softmax", lang)}"""' in _editor_text(page)
    assert _no_reload(page)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # someone else's attempt is not theirs to restore
    attempt_id = items.nth(0).locator("a.restore").get_attribute("data-code")
    context2, other = _signed_in(browser, site, f"nosy-{lang}")
    assert other.goto(f"{site}/exercises/softmax?code={attempt_id}").status == 404
    assert page.csp_violations == [] and other.csp_violations == []
    context2.close()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_errors_are_shown_in_place_in_the_page_language(site, browser, lang):
    context, page = _signed_in(browser, site, f"errors-{lang}", lang, *SIZES["phone"])
    t = WEB[lang]
    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".cm-editor")
    _marker(page)
    # 413: too long to grade (the server's refusal, in place)
    write_code(page, GOOD + "#" * (65 * 1024) + "\n")
    page.click("#check")
    page.wait_for_selector("#notice")
    assert page.locator("#notice").inner_text() == t["source-too-long"]
    write_code(page, GOOD)
    # 503 at the door (load shedding answers in plain text before the app), and the network gone
    page.route("**/exercises/softmax", lambda route: route.fulfill(
        status=503, body="busy", headers={"Retry-After": "5", "Content-Type": "text/plain"})
        if route.request.method == "POST" else route.continue_())
    page.click("#check")
    _wait(lambda: page.locator("#notice").inner_text() == t["status"]["503"])
    page.unroute("**/exercises/softmax")
    page.route("**/exercises/softmax", lambda route: route.abort() if route.request.method == "POST"
               else route.continue_())
    page.click("#check")
    _wait(lambda: page.locator("#notice").inner_text() == t["network-error"])
    page.unroute("**/exercises/softmax")
    assert not page.locator("#check").is_disabled()
    assert _no_reload(page)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("ko", "phone")])
def test_without_javascript_the_form_and_the_links_still_work(site, browser, lang, size):
    t = WEB[lang]
    context, page = _signed_in(browser, site, f"nojs-{lang}", lang, *SIZES[size], javascript=False)
    page.goto(site + "/exercises/softmax")
    assert page.locator(".cm-editor").count() == 0
    page.fill("#source", BAD)
    page.click("#check")  # a full-page POST
    page.wait_for_selector("#verdict.fail")
    assert page.locator("#cases-passed").inner_text() == "9/11"
    assert page.locator("#verdict pre.got mark").count() == 3
    stamp = page.locator("#history time").first.inner_text()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", stamp)  # UTC, said so
    page.fill("#source", GOOD)
    page.click("#check")
    page.wait_for_selector("#verdict.pass")
    page.locator("#history li").nth(1).locator("a.restore").click()  # a link: the page with that code
    page.wait_for_load_state()
    assert "code=" in page.url
    assert page.input_value("#source").startswith(BAD.strip().split("\n")[0])
    assert "e = np.exp(x)\n" in page.input_value("#source")
    before, after = t["loaded_attempt"].split("{time}")
    loaded = page.locator("#loaded").inner_text()
    assert loaded.startswith(before) and loaded.endswith(after) and "UTC" in loaded
    page.click("#reset")
    page.wait_for_load_state()
    assert "raise NotImplementedError" in page.input_value("#source")
    assert page.locator("#loaded").inner_text() == t["loaded_starter"]
    page.locator("#history li").nth(0).locator("summary").click()
    assert page.locator("#history li").nth(0).locator("pre.diff .add").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    shot(page, f"exercise-nojs-{lang}-{size}")
    context.close()
