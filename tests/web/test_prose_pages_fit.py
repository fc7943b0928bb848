"""Every concept and why page on a phone (390 px), in both languages: the
math typeset, and nothing wider than the screen.  KaTeX breaks inline math
only at top-level relations and operators, so one long unbreakable formula
(a \\left[...\\right] group, say) widens the whole page; three concept
definitions did, after the conversion to LaTeX."""

import pytest

from browser_support import new_page
from byhand.content import loader

pytestmark = pytest.mark.slow  # a real browser and server: integration

WIDTH = 390
# once the page's math is drawn (each .math element typeset), how wide the page is
MEASURE = """(() => {
  const math = document.querySelectorAll('.math').length;
  const drawn = document.querySelectorAll('.math[data-typeset]').length;
  const wide = Array.from(document.querySelectorAll('.katex, code, pre, table, img, svg'))
    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
    .map(e => e.className + ': ' + e.textContent.slice(0, 60));
  return {math, drawn, scroll: document.documentElement.scrollWidth, inner: innerWidth, wide: wide.slice(0, 3),
          errors: document.querySelectorAll('.katex-error').length};
})()"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_concept_and_why_page_fits_a_phone(site, browser, lang):
    page = new_page(browser, (WIDTH, 844), lang=lang, site=site)
    pages = [f"/concepts/{i}" for i in loader.ids_of("concept")] + [f"/why/{i}" for i in loader.ids_of("why")]
    assert len(pages) > 240
    wrong = []
    try:
        for path in pages:
            answer = page.goto(site + path)
            m = page.evaluate(MEASURE)
            if m["drawn"] < m["math"]:  # the deferred scripts had not run yet
                page.wait_for_load_state("load")
                m = page.evaluate(MEASURE)
            if answer.status != 200 or m["drawn"] != m["math"] or m["errors"] or m["scroll"] > m["inner"]:
                m["status"] = answer.status
                wrong.append((path, m))
        assert page.csp_violations == [] and page.errors == []
    finally:
        page.context.close()
    assert wrong == [], wrong[:5]
