"""Click → verdict visible on the exercise page, in Chromium, on this machine.

    python benchmarks/bench_check_in_place.py [--clicks 50] [--runs 3]

Starts `byhand serve` (multi-user, SQLite, the sandboxed grader, one grading
process) on a free loopback port, signs a learner up in headless Chromium
(/usr/bin/chromium through Playwright) and checks a correct softmax on
/exercises/softmax, two ways, in the same run:

- in place (what the page does now): the Check button is clicked; exercise.js
  sends the form with fetch and puts the verdict in place.  Measured in the
  page: from the click to the first animation frame after the new verdict
  is in the document (the frame that paints it).
- baseline, the full-page POST (what the page did before, and still does
  without JavaScript): the form is submitted natively and the browser loads
  the answer.  Measured from the submit to the new page's first contentful
  paint (the verdict is in its HTML), and to the first frame after its
  DOMContentLoaded (the editor and the equation drawn again).

Beside each, the server's own time for the request (its `Server-Timing:
app;dur=…`, the route with the grading in it), read from the browser's
resource and navigation timing entries.  Each run prints p50 and p99 of each;
with --runs N the ranges over the runs come last.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))
from server import running_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
GOOD = ("import numpy as np\n\n\ndef softmax(x, axis=-1):\n    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n")

IN_PLACE = """() => new Promise((resolve, reject) => {
  const area = document.getElementById('verdict-area');
  const before = document.getElementById('verdict');
  performance.clearResourceTimings();
  const observer = new MutationObserver(() => {
    const verdict = document.getElementById('verdict');
    if (!verdict || verdict === before) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const shown = performance.now();
      const entry = performance.getEntriesByType('resource').find(e => e.name.endsWith('/exercises/softmax'));
      const app = entry && entry.serverTiming.find(s => s.name === 'app');
      resolve({ms: shown - start, server: app ? app.duration : null, passed: verdict.classList.contains('pass')});
    });
  });
  observer.observe(area, {childList: true, subtree: true});
  setTimeout(() => reject(new Error('no verdict in 30 s')), 30000);
  const start = performance.now();
  document.getElementById('check').click();
})"""

FULL_POST = """() => {
  const form = document.getElementById('submit-form');
  sessionStorage.setItem('byhandBenchStart', String(performance.timeOrigin + performance.now()));
  HTMLFormElement.prototype.submit.call(form);  // a native POST: no submit event, so exercise.js stays out
}"""

AFTER_LOAD = """() => new Promise(resolve => {
  const start = Number(sessionStorage.getItem('byhandBenchStart'));
  let ready = null, paint = null;
  const done = () => {
    if (ready === null || paint === null) return;
    const nav = performance.getEntriesByType('navigation')[0];
    const app = nav.serverTiming.find(s => s.name === 'app');
    resolve({ms: performance.timeOrigin + paint - start, ready: ready - start,
             server: app ? app.duration : null, passed: !!document.querySelector('#verdict.pass')});
  };
  new PerformanceObserver(list => {
    const fcp = list.getEntries().find(e => e.name === 'first-contentful-paint');
    if (fcp) { paint = fcp.startTime; done(); }
  }).observe({type: 'paint', buffered: true});
  const measure = () => requestAnimationFrame(() => { ready = performance.timeOrigin + performance.now(); done(); });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', measure);
  else measure();
})"""


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), pct(values, 0.99)


def write_code(page, code: str) -> None:
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def run(page, site: str, clicks: int) -> dict:
    page.goto(site + "/exercises/softmax")
    page.wait_for_selector(".cm-editor")
    write_code(page, GOOD)
    for _ in range(3):  # warm-up: the graders' caches, the connection, the page's code
        page.evaluate(IN_PLACE)
    in_place = [page.evaluate(IN_PLACE) for _ in range(clicks)]
    assert all(r["passed"] for r in in_place), "a verdict was not a pass"
    full = []
    for i in range(clicks + 3):
        with page.expect_navigation():
            page.evaluate(FULL_POST)
        page.wait_for_selector("#verdict.pass")
        if i >= 3:
            full.append(page.evaluate(AFTER_LOAD))
    assert all(r["passed"] for r in full)
    return {"in place: click → verdict painted": [r["ms"] for r in in_place],
            "  its server time (Server-Timing app)": [r["server"] for r in in_place],
            "full-page POST: submit → first paint": [r["ms"] for r in full],
            "  → page ready (editor, equation)": [r["ready"] for r in full],
            "  server time (Server-Timing app)": [r["server"] for r in full]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as tmp, \
            running_server(Path(tmp), "--workers", "2", "--submissions-per-minute", "100000") as site, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        page.goto(site + "/signup")
        page.fill("#username", "bench")
        page.fill("#password", "correct horse battery")
        page.click("#submit-signup")
        page.wait_for_url(site + "/")
        for n in range(1, args.runs + 1):
            r = run(page, site, args.clicks)
            results.append(r)
            print(f"run {n} ({args.clicks} clicks each)        p50 ms    p99 ms")
            for name, values in r.items():
                if None in values:
                    print(f"  {name:40s}  (not reported)")
                    continue
                p50, p99 = summary(values)
                print(f"  {name:40s} {p50:8.1f}  {p99:8.1f}")
        browser.close()
    if len(results) > 1:
        print(f"range over {len(results)} runs          p50 ms          p99 ms")
        for name in results[0]:
            if any(None in r[name] for r in results):
                continue
            s = [summary(r[name]) for r in results]
            print(f"  {name:40s} {min(x[0] for x in s):6.1f}–{max(x[0] for x in s):<6.1f}  "
                  f"{min(x[1] for x in s):6.1f}–{max(x[1] for x in s):.1f}")
    print("target (issue 13): in place p50 ≤ 150 ms, p99 ≤ 400 ms")


if __name__ == "__main__":
    main()
