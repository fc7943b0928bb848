"""Prose in a real Chromium (Debian's, driven by Playwright): concept pages and
a why page, in English and Korean, show their math typeset by KaTeX and their
Markdown as formatting: every math span becomes KaTeX without an error, and
what the learner reads has no literal $, **, _ or ^; nothing breaks the
content security policy."""

import pytest

from browser_support import new_page, until

pytestmark = pytest.mark.slow  # a real browser and server: integration

PAGES = [
    "/concepts/softmax-function",         # math in where_used: softmax(QKᵀ/√d_k)
    "/concepts/low-rank-approximation",   # math in the definition: ‖A − A_k‖_F² = Σ σ_i²
    "/concepts/learning-rate-schedule",   # a long formula with \tfrac, \cos, subscripts
    "/concepts/discrete-fourier-transform",  # sums with limits, e^{-2\pi i kn/N}
    "/why/why-adam-bias-correction",      # **The step.**, $$...$$ inside paragraphs
]
# the prose as the learner reads it, typeset math and code aside
VISIBLE = """Array.from(document.querySelectorAll('.prose')).map(el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('.katex, code').forEach(m => m.remove());
  return copy.textContent;
}).join('\\n')"""
COUNTS = """({math: document.querySelectorAll('.prose .math').length,
  typeset: document.querySelectorAll('.prose .math .katex').length,
  errors: document.querySelectorAll('.prose .katex-error').length,
  strong: document.querySelectorAll('.prose strong').length})"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_prose_is_typeset(site, browser, lang):
    page = new_page(browser, (1200, 900), lang=lang, site=site)
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        for path in PAGES:
            page.goto(site + path)
            assert page.locator("html").get_attribute("lang") == lang
            until(page, "document.querySelectorAll('.prose .katex').length > 0")
            counts = page.evaluate(COUNTS)
            assert counts["math"] > 0 and counts["typeset"] == counts["math"], (path, counts)
            assert counts["errors"] == 0, (path, counts)
            seen = page.evaluate(VISIBLE)
            for raw in ("$", "**", "_", "^", "\\("):
                assert raw not in seen, f"{path} [{lang}] shows {raw!r}: {seen[max(0, seen.find(raw) - 60):][:120]!r}"
            if path.startswith("/why/"):
                assert counts["strong"] >= 1  # **The step.** is bold, not asterisks
                assert page.locator(".prose .katex-display").count() >= 3  # $$...$$ as display math
        assert page.csp_violations == [] and failed == []
    finally:
        page.context.close()
