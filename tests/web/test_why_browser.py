"""In a real headless Chromium, at a desktop and a phone width, in both
languages: the why page's parameters are labelled controls with help in the
page's language; Redraw draws in place (no page load: a marker set on
window survives), shows its drawing state (the figure aria-busy, the old
plot dimmed under "Drawing…", the button disabled) and swaps in the new
plot; a value out of range is said in place in the page's language; the
first plot is there when the page opens (drawn when the server started)."""

import re

import pytest

from browser_support import SIZES, new_page, shot, sign_up, until
from byhand.content import loader
from byhand.i18n import t

pytestmark = pytest.mark.slow  # a real browser: integration

WARM_PLOTS = True  # the first plot is drawn when the server starts (conftest's site)
ITEM = "why-softmax-subtracts-max"
SAW_BUSY = """() => {
  window.sawBusy = false;
  const look = () => {
    const fig = document.getElementById('plot-figure'), button = document.getElementById('redraw');
    if (fig && fig.getAttribute('aria-busy') === 'true' && button.disabled
        && button.textContent === document.getElementById('why-form').dataset.drawing) window.sawBusy = true;
  };
  new MutationObserver(look).observe(document.body, {attributes: true, subtree: true, childList: true});
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_redraw_in_place(site, browser, lang, size):
    width, height = SIZES[size]
    page = new_page(browser, size, lang=lang, site=site)
    problems = []
    page.on("response", lambda r: r.status >= 400 and r.status != 400 and not r.url.endswith("/favicon.ico")
            and problems.append(f"{r.status} {r.url}"))
    sign_up(page, site, f"why-{lang}-{size}")  # in the language of the cookie

    item = loader.load_item(ITEM)
    page.goto(site + f"/why/{ITEM}")
    assert page.locator("html").get_attribute("lang") == lang
    # the first plot: drawn when the server started (or by the test before), shown at once, no placeholder
    until(page, "document.getElementById('plot').complete && document.getElementById('plot').naturalWidth > 100",
          seconds=60)
    for p in item.params:
        label = page.locator(f"label[for=p-{p.name}]")
        assert label.is_visible() and label.inner_text().strip() == p.label[lang]
        help_ = page.locator(f"#h-{p.name}")
        assert help_.is_visible() and p.help[lang] in help_.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    # the plot's words in the page's language (matplotlib's SVG keeps each drawn text in a comment)
    svg = page.request.get(page.evaluate("document.getElementById('plot').src")).text()
    drawn = {w.strip() for w in re.findall(r"<!-- (.*?) -->", svg)}
    other = "ko" if lang == "en" else "en"
    for key in ("xlabel", "ylabel"):
        assert item.t(lang).plot[key] in drawn and item.t(other).plot[key] not in drawn, (key, drawn)
    assert any(re.search("[\uac00-\ud7a3]", w) for w in drawn) == (lang == "ko")

    page.evaluate("window.byhandMarker = 'same page'")
    page.evaluate(SAW_BUSY)
    before = page.locator("#plot").get_attribute("src")
    value = {"en": 1000, "ko": 2000}[lang] + width  # a drawing no earlier test asked for
    page.fill("#p-max_score", str(value))
    page.click("#redraw")
    until(page, f"document.getElementById('plot').src.includes('max_score={value}.0')"
                " && document.getElementById('plot').complete"
                " && document.getElementById('plot-figure').getAttribute('aria-busy') !== 'true'", seconds=60)
    assert page.evaluate("window.sawBusy") is True  # the drawing state was shown
    assert page.evaluate("window.byhandMarker") == "same page"  # no page load
    assert page.locator("#plot").get_attribute("src") != before
    assert page.evaluate("document.getElementById('plot').naturalWidth") > 100
    assert not page.locator("#redraw").is_disabled()
    assert f"max_score={value}" in page.url  # a reload shows the same plot
    shot(page, f"why-{lang}-{size}")

    # out of range: said in place, in the page's language, naming the parameter by its label
    page.fill("#p-max_score", "99999")
    page.click("#redraw")
    page.wait_for_selector("#why-error")
    said = t("errors.param-out-of-range", lang, name=item.params[0].label[lang], value=99999.0, low=1.0, high=5000.0)
    assert page.locator("#why-error").inner_text() == said
    assert f"max_score={value}" in page.locator("#plot").get_attribute("src")  # the plot shown stays
    assert page.evaluate("window.byhandMarker") == "same page"
    assert problems == [] and page.errors == [] and page.csp_violations == []
    page.context.close()
