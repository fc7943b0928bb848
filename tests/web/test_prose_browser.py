"""Prose in a real Chromium (Debian's, driven by Playwright): concept pages and
a why page, in English and Korean, show their math typeset by KaTeX and their
Markdown as formatting: every math span becomes KaTeX without an error, and
what the learner reads has no literal $, **, _ or ^; at a phone's width the
same pages scroll no wider than the screen (wide formulas scroll in their own
box); a verdict's message and hint typeset on the desktop and the phone;
nothing breaks the content security policy."""

import pytest

from browser_support import SIZES, new_page, sign_up, until, write_code

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
    page = new_page(browser, "desktop", lang=lang, site=site)
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        for path in PAGES:
            page.set_viewport_size(dict(zip(("width", "height"), SIZES["desktop"])))
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
            page.set_viewport_size(dict(zip(("width", "height"), SIZES["phone"])))
            assert page.evaluate(COUNTS) == counts, path  # the same math, typeset, at a phone's width
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (path, lang)
        assert page.csp_violations == [] and failed == []
    finally:
        page.context.close()


RAISES_DOLLARS = ("import numpy as np\ndef gram_schmidt(A):\n"
                  "    raise ValueError('$x_1$ and $x_2$ are **mine**')\n")
ROWS = ("import numpy as np\ndef gram_schmidt(A):\n    qs = []\n    for k in range(A.shape[1]):\n"
        "        v = A[:, k].copy()\n        for q in qs:\n            v -= (q @ A[:, k]) * q\n"
        "        qs.append(v / np.linalg.norm(v))\n    return np.array(qs)\n")  # returns-rows: math in its message


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("ko", "phone")])
def test_only_the_curriculums_math_is_typeset_never_the_learners_text(site, browser, lang, size):
    """A verdict in place: the known mistake's message has its math typeset,
    while a learner's raised message with dollars in it stays as written
    (only what the prose renderer marks as math is math)."""
    page = new_page(browser, size)
    try:
        sign_up(page, site, f"dollars{lang}", lang=lang)
        page.goto(site + "/exercises/gram_schmidt")
        assert page.locator(".equation .katex").count() == 1  # the exercise's equation
        write_code(page, RAISES_DOLLARS)
        page.click("#check")
        until(page, "document.querySelector('#verdict') !== null")
        message = page.locator("#verdict .message")
        assert "$x_1$ and $x_2$ are **mine**" in message.inner_text()
        assert message.locator(".katex, strong").count() == 0
        assert page.locator("#verdict .hint .katex").count() > 0  # the hint beside it is the curriculum's: typeset
        write_code(page, ROWS)
        page.click("#check")
        until(page, "document.querySelector('#verdict .message .katex') !== null")  # returns-rows: q_k
        assert "$" not in page.locator("#verdict .message").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.errors == [] and page.csp_violations == []
    finally:
        page.context.close()
