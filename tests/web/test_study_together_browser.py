"""Issue 14's story end to end in a real headless Chromium, with the real
graders and `byhand serve` on SQLite: a teacher creates a cohort; two
learners join by its code; learner 1 fails softmax with no-max-shift and
posts it as stuck; learner 2 answers; votes; learner 1 accepts; learner 1
asks the teacher about a question peers left unanswered and the teacher
answers it; the notification appears; the teacher's dashboard shows the
seeded mistakes exactly; the teacher writes feedback once and learner 2's
next no-max-shift verdict shows it.  Everything is done the way a person
does it: links, forms, buttons; only the clock is moved (the question's
time set back 25 hours in the database, as the cohort waits 24 hours for
peers before a learner may ask the teacher)."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text

from browser_support import BAD as NO_SHIFT
from browser_support import fits, new_page, shot, sign_up, teacher_with_cohort, until, write_code
from byhand.i18n import section

pytestmark = pytest.mark.slow  # a real server and browser

# softmax's wrong-axis mistake: the axis argument ignored
WRONG_AXIS = ("import numpy as np\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=-1, keepdims=True))\n"
              "    return e / e.sum(axis=-1, keepdims=True)\n")


def _check(page, site, code, mistake):
    """Check ``code`` on softmax's page in place; its verdict names ``mistake``."""
    page.goto(site + "/exercises/softmax")
    write_code(page, code)
    page.click("#check")
    until(page, f"(document.querySelector('#verdict code.mistake') || {{}}).textContent === '{mistake}'")


def _join(page, site, code):
    page.goto(site + "/cohorts")
    page.fill("#invite-code", code)
    with page.expect_navigation():
        page.click("#join-form button")


def _post_id(page) -> int:
    return int(page.url.rsplit("#post-", 1)[1])


def _age(site, post_id: int, hours: int) -> None:
    """Move a post's time back ``hours`` (the server's SQLite database, as a clock would)."""
    engine = create_engine(f"sqlite:///{site.data / 'progress.db'}")
    then = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(hours=hours)
    with engine.begin() as c:
        assert c.execute(text("UPDATE posts SET created_at = :t WHERE id = :id"),
                         {"t": then, "id": post_id}).rowcount == 1
    engine.dispose()


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("ko", "phone")])
def test_a_cohort_studies_together_in_a_browser(browser, site, lang, size):
    c = section("web", lang)["community"]
    refusal = section("errors.community", lang)["too-early"]
    teacher, one, two = f"st-teach-{lang}", f"st-one-{lang}", f"st-two-{lang}"
    cohort = f"Study {lang}"

    # a teacher creates a cohort; two learners join by its code
    t_page, _ = teacher_with_cohort(browser, site, size, lang, teacher, cohort)
    home, code = t_page.url, t_page.locator("#invite-code").inner_text()
    p1, p2 = new_page(browser, size), new_page(browser, size)
    for page, name in ((p1, one), (p2, two)):
        sign_up(page, site, name, lang)
        _join(page, site, code)
        assert page.url == home
    t_page.reload()
    assert f"{c['learners']}: 2 / 100" in t_page.locator("main").inner_text()

    # learner 1 fails softmax with no-max-shift and posts it as stuck, from the exercise's thread link
    _check(p1, site, NO_SHIFT, "no-max-shift")
    p1.click("#discuss-link")  # the public thread; the cohort's is one click away
    p1.get_by_role("link", name=cohort).click()
    p1.wait_for_url(f"**/items/softmax/discuss?cohort={home.rsplit('/', 1)[1]}")
    p1.check("input[name=kind][value=stuck]")
    p1.fill("#new-title", "nan for large x")
    p1.fill("#new-body", "I exponentiate, then divide by the sum; $e^{1000}$ overflows?")
    p1.select_option("#new-attempt", index=1)  # the latest attempt: the failing one
    with p1.expect_navigation():
        p1.locator("form:has(#new-title) button[type=submit]").click()
    stuck = _post_id(p1)
    thread = p1.url.split("#")[0]
    post = p1.locator(f"#post-{stuck}")
    assert post.locator(".attempt p code").inner_text() == "no-max-shift"
    assert "e = np.exp(x)" in post.locator(".attempt pre").inner_text()  # failing code: shown to peers too

    # learner 2 finds it on the cohort's board and answers
    p2.goto(home)
    p2.locator("#board a", has_text="nan for large x").click()
    p2.wait_for_load_state()
    assert "e = np.exp(x)" in p2.locator(f"#post-{stuck} .attempt pre").inner_text()
    p2.locator("details.answer-form summary").first.click()
    p2.fill(f"#answer-{stuck}-body", "Subtract $\\max_j x_j$ first: softmax does not change.")
    with p2.expect_navigation():
        p2.locator(f"form:has(#answer-{stuck}-body) button[type=submit]").click()
    answer = _post_id(p2)
    assert p2.locator(f"#post-{answer} .katex").count() >= 1  # the answer's math, typeset

    # votes: learner 1 on the answer, the teacher on the question; learner 1 accepts the answer
    p1.goto(thread)
    with p1.expect_navigation():
        p1.locator(f"#post-{answer} button.vote").first.click()  # vote up
    t_page.goto(thread)
    with t_page.expect_navigation():
        t_page.locator(f"#post-{stuck} button.vote").first.click()
    with p1.expect_navigation():
        p1.locator(f"#post-{answer} button.accept").click()
    p2.goto(thread)
    assert p2.locator(f"#post-{stuck} .votes").inner_text() == "1"
    assert p2.locator(f"#post-{answer} .votes").inner_text() == "1"
    assert p2.locator(f"#post-{answer}.accepted").count() == 1

    # learner 1 asks another question; nobody answers; after the cohort's 24 hours, ask the teacher
    p1.goto(thread)
    p1.fill("#new-body", "Why is softmax invariant to adding a constant?")
    with p1.expect_navigation():
        p1.locator("form:has(#new-title) button[type=submit]").click()
    question = _post_id(p1)
    p1.locator(f"#post-{question} button.escalate").click()
    p1.wait_for_load_state()
    early = refusal.split("{after}")[0]
    assert early in p1.locator("main").inner_text()  # too early: peers have 24 hours first
    _age(site, question, 25)
    p1.goto(thread)
    with p1.expect_navigation():
        p1.locator(f"#post-{question} button.escalate").click()
    assert c["escalated"] in p1.locator(f"#post-{question} header").inner_text()

    # the teacher sees it waiting on the cohort's home and answers it as the master
    t_page.goto(home)
    waiting = t_page.locator("#waiting a")
    assert waiting.count() == 1
    waiting.click()
    t_page.wait_for_load_state()
    t_page.locator(f"details.answer-form:has(#answer-{question}-body) summary").click()
    t_page.fill(f"#answer-{question}-body", "Because $e^{x_i + c} / \\sum_j e^{x_j + c} = e^{x_i} / \\sum_j e^{x_j}$.")
    with t_page.expect_navigation():
        t_page.locator(f"form:has(#answer-{question}-body) button[type=submit]").click()
    master = _post_id(t_page)
    assert t_page.locator(f"#post-{master}.master").count() == 1

    # learner 1's notifications: the header's count on any page, then the list
    p1.goto(site + "/items")
    assert p1.locator("#nav-unread .badge").inner_text() == "2"  # learner 2's answer, the teacher's
    fits(p1)
    p1.click("#nav-unread")
    p1.wait_for_url("**/notifications")
    notes = p1.locator("ul.notifications li.unread")
    assert sorted(notes.locator("strong").all_inner_texts()) == sorted([c["note_answer"], c["note_master-answer"]])
    fits(p1)
    shot(p1, f"study-notifications-{lang}-{size}")
    p1.locator("ul.notifications li", has_text=c["note_master-answer"]).get_by_role("link").click()
    p1.wait_for_load_state()
    assert p1.locator(f"#post-{master}.master").count() == 1

    # the teacher's dashboard: exactly the mistakes made (learner 1: no-max-shift, wrong-axis; learner 2: no-max-shift)
    _check(p1, site, WRONG_AXIS, "wrong-axis")
    _check(p2, site, NO_SHIFT, "no-max-shift")
    t_page.goto(home + "/dashboard")
    rows = t_page.locator("table.mistakes tbody tr")
    seen = sorted((r.locator("th code").first.inner_text(), r.locator("td.learners").inner_text(),
                   r.locator("td.attempts").inner_text()) for r in rows.all())
    assert seen == [("no-max-shift", "2", "2"), ("wrong-axis", "1", "1")]
    assert t_page.locator("#i-softmax td.attempted").inner_text() == "2"
    assert t_page.locator("#i-softmax td.passed").inner_text() == "0"
    fits(t_page)
    shot(t_page, f"study-dashboard-{lang}-{size}")

    # feedback written once, from the row; learner 2's next no-max-shift verdict shows it
    row = t_page.locator("#m-softmax-no-max-shift")
    row.locator("td.feedback summary").click()
    row.locator("textarea").fill("Subtract the row's max before `np.exp`: $e^{x - m}$ never overflows.")
    with t_page.expect_navigation():
        row.locator("button[type=submit]").first.click()
    _check(p2, site, NO_SHIFT + "# again\n", "no-max-shift")
    until(p2, "document.querySelectorAll('#verdict .teacher-feedback .katex').length === 1")
    box = p2.locator("#verdict .teacher-feedback").inner_text()
    assert cohort in box and "np.exp" in box
    fits(p2)
    shot(p2, f"study-feedback-{lang}-{size}", scroll_to="#verdict")
    _check(p1, site, WRONG_AXIS + "# again\n", "wrong-axis")
    assert p1.locator("#verdict .teacher-feedback").count() == 0  # written for no-max-shift only

    for page in (t_page, p1, p2):
        assert page.csp_violations == [] and page.errors == []
        page.context.close()
