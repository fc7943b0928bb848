"""Accessibility: axe-core (from the axe-playwright-python package, which
bundles it) audits every page type of the web app in a real Chromium, at
1366×900 and 390×844, in English and Korean, signed out and signed in as a
learner with some progress (failed attempts, a drill answered wrong, a
review rated), in the states a learner meets: the exercise page before and
after a failed check in place (the verdict with its failing case) and an
earlier attempt restored with its diff open, a drill before and after a
wrong answer, review's question and its revealed answer, the progress page
with its concept map drawn, a cohort's board and an item's thread as a
teacher and a learner see them, /docs, a 404.  Rules: WCAG 2.0 and 2.1, levels A
and AA, and axe's best practices.  Every violation is printed (rule, impact,
the elements' selectors, the page, the width, the language) so that a
failure says what to fix; none may remain."""

import os
import re
import subprocess
import sys

import pytest

from browser_support import BAD, SIZES, new_page, shot, sign_up, until, write_code

pytestmark = pytest.mark.slow  # a real browser and server: integration

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:
    if os.environ.get("BYHAND_REQUIRE_BROWSER") == "1":  # CI: the browser tests must run
        raise
    pytest.skip("pip install 'byhand[test]' for the accessibility test", allow_module_level=True)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
# Inside third-party widgets that we cannot change without patching them, the
# one element and the one rule let off, each with why (docs/web.md lists them):
THIRD_PARTY = {
    ("nested-interactive", ".swagger-ui button.opblock-summary-control"):
        "Swagger UI (/docs) draws each operation's summary as a button that holds the operation's deep link",
    ("heading-order", ".swagger-ui h3.opblock-tag"):
        "Swagger UI (/docs) puts its groups of operations in <h3> under its <h1> title",
    ("region", ".swagger-ui .information-container"):
        "Swagger UI (/docs) draws its title and description outside its own <main>",
}
CONCEPT, EXERCISE, DRILL, WHY = "softmax-function", "softmax", "eigenvalues-2x2", "why-softmax-subtracts-max"
SEARCH = {"en": "soft", "ko": "소프트"}
QUESTION = "Why does $\\operatorname{softmax}(x - \\max_j x_j)$ not change?\n\n```\ne = np.exp(x - x.max())\n```"

AXE = Axe()


def audit(page, found: list, where: str, size: str, lang: str) -> None:
    """Run axe-core on the page as it is now; add a line to ``found`` for
    every element of every violation (but those of THIRD_PARTY)."""
    page.wait_for_load_state("load")
    results = AXE.run(page, options=OPTIONS).response
    width = SIZES[size][0]
    for v in results["violations"]:
        for node in v["nodes"]:
            target = node["target"][-1]  # (the last: inside any frame or shadow root on the way)
            if any(rule == v["id"] and page.evaluate("([t, s]) => document.querySelector(t).matches(s)", [target, sel])
                   for rule, sel in THIRD_PARTY):
                continue
            summary = " ".join((node.get("failureSummary") or "").split())
            found.append(f"{v['id']} ({v['impact']}) on {where} at {width} px in {lang}: {target} - {v['help']}. "
                         f"{summary}")


def _check_in_place(page, code: str, attempts: int) -> None:
    write_code(page, code)
    page.click("#check")
    until(page, f"document.querySelectorAll('#history li').length === {attempts}", 60)
    page.wait_for_selector("#verdict.fail")


def _study_together(browser, site, page, check, size, lang):
    """A teacher's cohort, the learner (``page``) joining it by the invite
    link and asking with math and code, the teacher answering: their pages."""
    teacher = new_page(browser, size, lang=lang, site=site)
    name = f"a11y-teacher-{size}-{lang}"
    sign_up(teacher, site, name)
    role = subprocess.run([sys.executable, "-m", "byhand", "admin", "role", name, "teacher", "--data", str(site.data)],
                          capture_output=True, text=True, env={**os.environ, "BYHAND_LANG": "en"})
    assert role.returncode == 0, role.stderr
    teacher.goto(site + "/cohorts")
    teacher.fill("#cohort-name", f"Cohort {size} {lang}")
    with teacher.expect_navigation():
        teacher.click("#create-form button")
    check("/cohorts/ID (its teacher: the invite)", teacher)
    page.goto(teacher.locator("#invite-link").inner_text())
    check("/cohorts?code=CODE (the invite filled in)")
    with page.expect_navigation():
        page.click("#join-form button")
    cohort_url = page.url
    thread = f"{site}/items/{EXERCISE}/discuss?cohort={cohort_url.rsplit('/', 1)[1]}"
    page.goto(thread)
    check(f"/items/{EXERCISE}/discuss?cohort=ID (no post yet)")
    page.fill("#new-title", "max shift")
    page.fill("#new-body", QUESTION)
    with page.expect_navigation():
        page.locator("form.post-form", has=page.locator("#new-body")).locator("button[type=submit]").click()
    teacher.goto(thread)
    teacher.locator("details.answer-form summary").click()
    teacher.fill("textarea[id^=answer-]", "It cancels: $e^{-m}$ is in the numerator and the denominator.")
    with teacher.expect_navigation():
        teacher.locator("details.answer-form button[type=submit]").click()
    check(f"/items/{EXERCISE}/discuss?cohort=ID (its teacher: a question answered)", teacher)
    assert teacher.csp_violations == [] and teacher.errors == []
    teacher.context.close()
    page.goto(thread)
    until(page, "document.querySelectorAll('article.post .katex').length >= 2")
    check(f"/items/{EXERCISE}/discuss?cohort=ID (the learner's question answered)")
    page.goto(cohort_url)
    check("/cohorts/ID (a learner's board)")
    page.goto(site + "/cohorts")
    check("/cohorts")
    page.goto(site + "/notifications")
    check("/notifications")
    page.goto(f"{site}/items/{EXERCISE}/discuss")
    check(f"/items/{EXERCISE}/discuss (the public thread)")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_no_axe_violations_on_any_page(site, browser, size, lang):
    page = new_page(browser, size, lang=lang, site=site)
    found = []

    def check(where, page=page):
        if not where.startswith("/docs"):  # the API's documentation is in English
            assert page.locator("html").get_attribute("lang") == lang, where
        audit(page, found, where, size, lang)
        shot(page, f"a11y-{lang}-{size}-{re.sub(r'[^a-z0-9]+', '-', where.lower()).strip('-')}")

    # signed out
    for path in ("/", "/signin", "/signup", f"/items?q={SEARCH[lang]}&kind=exercise", f"/concepts/{CONCEPT}",
                 "/no-such-page"):
        assert page.goto(site + path).status == (404 if path == "/no-such-page" else 200), path
        check(path)
    page.goto(site + f"/why/{WHY}")
    until(page, "document.getElementById('plot').complete && document.getElementById('plot').naturalWidth > 100", 90)
    check(f"/why/{WHY} (signed out)")
    page.goto(site + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    page.locator(".opblock-summary-path", has_text="/api/settings/workload").first.click()
    page.wait_for_selector("text=desired_retention")
    check("/docs (an operation open)")

    # signed in, with some progress
    sign_up(page, site, f"a11y-{size}-{lang}")  # in the language of the cookie
    page.goto(site + f"/exercises/{EXERCISE}")
    page.wait_for_selector(".cm-editor")
    page.wait_for_selector(".equation .katex")
    check(f"/exercises/{EXERCISE}")
    _check_in_place(page, BAD, 1)
    check(f"/exercises/{EXERCISE} (failed, checked in place)")
    _check_in_place(page, BAD + "# again\n", 2)
    oldest = page.locator("#history li a.restore").nth(1).get_attribute("data-code")
    page.goto(site + f"/exercises/{EXERCISE}?code={oldest}")
    page.wait_for_selector(".cm-editor")
    page.locator("#history li").nth(0).locator("details.diff summary").click()
    page.wait_for_selector("#history pre.diff .add")
    check(f"/exercises/{EXERCISE}?code=ID (an earlier attempt, its diff open)")

    page.goto(site + f"/drills/{DRILL}")
    check(f"/drills/{DRILL}")
    page.fill("#answer", "12345, 0")
    page.click("#submit-answer")
    page.wait_for_selector("#try-again")
    check(f"/drills/{DRILL} (wrong once)")
    page.fill("#answer", "12345, 0")
    page.click("#submit-answer")
    page.wait_for_selector(".solution")
    check(f"/drills/{DRILL} (ended, the solution shown)")

    page.goto(site + "/review")
    page.wait_for_selector("#reveal")
    check("/review (a card's question)")
    page.click("#reveal")
    page.wait_for_selector("#definition")
    check("/review (the answer revealed)")
    page.click("#rate-3")
    page.wait_for_selector("#flash")
    check("/review (rated, the next card)")

    page.goto(site + "/")
    page.wait_for_selector("ol.queue")
    check("/ (today)")
    page.click("#today-start")
    page.wait_for_load_state()
    check("today's first item")
    page.goto(site + f"/concepts/{CONCEPT}?review=1")
    page.click("#reveal")
    page.wait_for_selector("#definition")
    check(f"/concepts/{CONCEPT}?review=1 (revealed)")
    page.goto(site + f"/concepts/{CONCEPT}")
    check(f"/concepts/{CONCEPT} (signed in)")
    page.goto(site + f"/items?q={SEARCH[lang]}&kind=exercise&show=todo")
    check("/items (searched, filtered)")
    page.goto(site + "/items")
    check("/items")
    page.goto(site + f"/why/{WHY}")
    until(page, "document.getElementById('plot').complete && document.getElementById('plot').naturalWidth > 100", 90)
    check(f"/why/{WHY}")
    page.goto(site + "/progress")
    until(page, "document.getElementById('concept-map').dataset.state === 'ready'", 60)
    check("/progress (the concept map drawn)")
    _study_together(browser, site, page, check, size, lang)
    page.goto(site + "/settings")
    check("/settings")
    page.goto(site + "/account")
    check("/account")
    assert page.goto(site + f"/exercises/{EXERCISE}?code=999999").status == 404
    check("/exercises/ID?code=999999 (404)")

    assert page.csp_violations == [] and page.errors == []
    page.context.close()
    if found:
        pytest.fail(f"{len(found)} accessibility violations (axe-core):\n" + "\n".join(found), pytrace=False)
