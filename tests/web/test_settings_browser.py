"""In a real headless Chromium: the settings page at a desktop and a phone
width in both languages (the browser's time zone picked while none is
chosen, the workload following the retention, saving, the browser's own
bounds and the server's refusal in the page's language), and the API docs
at /docs working with no network beyond the app, on a desktop and a phone."""

import pytest

from browser_support import SIZES, new_page, shot, until
from server import running_server

pytestmark = pytest.mark.slow  # a real browser: integration


def _page(browser, site, size, zone="Asia/Seoul"):
    """A page in a browser set to ``zone``, noting every CSP violation, script
    error and request that left the app (each request elsewhere is refused)."""
    page = new_page(browser, size, timezone_id=zone)
    context = page.context
    page.problems = []
    expected = "the server responded with a status of 400"  # the refusals this test asks for
    page.on("console", lambda m: m.type == "error" and expected not in m.text and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.elsewhere = []

    def route(r):
        if r.request.url.startswith(site):
            r.continue_()
        else:
            page.elsewhere.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return page


def _fits(page) -> None:
    """Nothing wider than the screen: no sideways scroll, every control inside."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    controls = "#settings-form input, #settings-form select, #settings-form button, #workload"
    outside = page.evaluate("""(sel) => Array.from(document.querySelectorAll(sel)).filter(e => e.type !== 'hidden')
        .map(e => [e.id, e.getBoundingClientRect()])
        .filter(([id, r]) => r.left < 0 || r.right > window.innerWidth).map(([id]) => id)""", controls)
    assert outside == []


@pytest.mark.parametrize("size", list(SIZES))
def test_settings_in_both_languages(browser, tmp_path, size):
    with running_server(tmp_path, "--local", "--workers", "1") as site:
        page = _page(browser, site, size)
        page.goto(site + "/settings")
        assert page.locator("h1").inner_text() == "Settings"
        # no time zone chosen yet: the browser's own is selected, and said so
        until(page, "document.getElementById('timezone').value === 'Asia/Seoul'")
        assert page.locator("#timezone-browser").is_visible()
        assert "Asia/Seoul" in page.locator("#timezone-browser").inner_text()
        assert "UTC" in page.locator("#timezone-now").inner_text()
        _fits(page)
        shot(page, f"settings-en-{size}")

        # the workload follows the retention as it is typed
        before = page.locator("#workload-line").inner_text()
        page.fill("#desired_retention", "0.95")
        until(page, "document.getElementById('workload').dataset.retention === '0.95'")
        after = page.locator("#workload-line").inner_text()
        mean = lambda text: int(text.split("About ")[1].split(" ")[0])  # noqa: E731
        assert mean(after) > mean(before), (before, after)

        # the browser keeps an out-of-range value from being sent at all
        page.fill("#daily_new_limit", "500")
        assert page.evaluate("document.getElementById('daily_new_limit').checkValidity()") is False
        page.click("#save-settings")
        assert page.locator("#settings-saved").count() == 0
        # and the server refuses it when sent anyway, naming it in the page's language
        page.evaluate("document.getElementById('settings-form').noValidate = true")
        page.click("#save-settings")
        page.wait_for_selector("#settings-problems")
        assert "New items a day: give a whole number from 0 to 100." in page.locator("#settings-problems").inner_text()
        assert page.locator("#daily_new_limit").get_attribute("aria-invalid") == "true"
        assert page.locator("#daily_new_limit").input_value() == "500"  # kept, to correct
        _fits(page)

        # saved: Korean, 0.95, 15 new a day, Seoul
        page.fill("#daily_new_limit", "15")
        page.fill("#desired_retention", "0.95")
        page.select_option("#lang", "ko")
        page.click("#save-settings")
        page.wait_for_selector("#settings-saved")
        assert page.locator("html").get_attribute("lang") == "ko"
        assert page.locator("h1").inner_text() == "설정"
        page.goto(site + "/settings")
        assert page.locator("#daily_new_limit").input_value() == "15"
        assert page.locator("#desired_retention").input_value() == "0.95"
        assert page.locator("#timezone").input_value() == "Asia/Seoul"
        assert page.locator("#timezone").get_attribute("data-chosen") == "1"
        assert page.locator("#timezone-browser").is_hidden()  # chosen: nothing is picked for the learner
        assert "Asia/Seoul 기준" in page.locator("#timezone-now").inner_text()
        assert "하루 평균 약" in page.locator("#workload-line").inner_text()
        _fits(page)
        shot(page, f"settings-ko-{size}")

        page.evaluate("document.getElementById('settings-form').noValidate = true")
        page.fill("#desired_retention", "1.5")
        page.click("#save-settings")
        page.wait_for_selector("#settings-problems")
        assert "목표 기억률: 0.70부터 0.97까지의 수를 입력하세요" in page.locator("#settings-problems").inner_text()
        shot(page, f"settings-ko-error-{size}")

        assert page.problems == [] and page.elsewhere == []  # no CSP violation, no script error, nothing fetched elsewhere
        page.context.close()


def test_api_docs_work_offline(browser, tmp_path):
    """/docs lists the API's operations from the app's own files: every request
    to anywhere else is refused, none is made, and the policy blocks nothing."""
    with running_server(tmp_path, "--local", "--workers", "1") as site:
        page = _page(browser, site, "desktop")
        response = page.goto(site + "/docs")
        csp = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
        page.wait_for_selector(".opblock", timeout=30_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert {"/api/items", "/api/settings", "/api/exercises/{item_id}/attempts"} <= {p.replace("\u200b", "") for p in paths}
        assert page.locator(".info .title").inner_text().startswith("byhand")
        page.locator(".opblock-summary-path", has_text="/api/settings/workload").first.click()
        page.wait_for_selector("text=desired_retention")
        shot(page, "api-docs")
        page.set_viewport_size(dict(zip(("width", "height"), SIZES["phone"])))  # and on a phone
        assert page.locator(".opblock-summary-path", has_text="/api/settings/workload").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, "api-docs-phone")
        assert page.problems == [], page.problems  # CSP violations are console errors
        assert page.elsewhere == []
        page.context.close()
