"""Prose in a real Chromium (Debian's, driven by Playwright): concept pages and
a why page, in English and Korean, show their math typeset by KaTeX and their
Markdown as formatting: every math span becomes KaTeX without an error, and
what the learner reads has no literal $, **, _ or ^; nothing breaks the
content security policy."""

import pytest

from server import running_server
from test_browser import ARGS, CHROMIUM, _until, sync_api  # skips this module too without Chromium

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


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("site"), "--workers", "1") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_prose_is_typeset(site, browser, lang):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.add_cookies([{"name": "byhand_lang", "value": lang, "url": site}])
    page = context.new_page()
    violations, failed = [], []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        for path in PAGES:
            page.goto(site + path)
            assert page.locator("html").get_attribute("lang") == lang
            _until(page, "document.querySelectorAll('.prose .katex').length > 0")
            counts = page.evaluate(COUNTS)
            assert counts["math"] > 0 and counts["typeset"] == counts["math"], (path, counts)
            assert counts["errors"] == 0, (path, counts)
            seen = page.evaluate(VISIBLE)
            for raw in ("$", "**", "_", "^", "\\("):
                assert raw not in seen, f"{path} [{lang}] shows {raw!r}: {seen[max(0, seen.find(raw) - 60):][:120]!r}"
            if path.startswith("/why/"):
                assert counts["strong"] >= 1  # **The step.** is bold, not asterisks
                assert page.locator(".prose .katex-display").count() >= 3  # $$...$$ as display math
        assert violations == [] and failed == []
    finally:
        context.close()
