"""The first view of a why page: from the navigation to its plot loaded, in Chromium, on this machine.

    python benchmarks/bench_why_first_plot.py [--items 13] [--langs en,ko] [--runs 3]

Each run starts `byhand serve` twice on a free loopback port, each time with
an empty plot cache of its own (`--plot-cache`), and opens each why page once
in a fresh browser context (no HTTP cache), the way a first visitor does:

- baseline, cold (`--no-warm-plots`, what the server did before): the plot is
  drawn when the page's <img> asks for it.
- precomputed (what `byhand serve` does now): the server draws every default
  plot when it starts; the pages are opened once it has (the cache holds
  them all: the time it took is printed too).

Measured in the page: the plot's responseEnd in the resource timing (from the
navigation's start; the page's own HTML is printed beside it), and how far the plot's box grew or shrank from the first
layout (DOMContentLoaded) to the plot loaded (0 px: the page did not jump).
Each run prints the median and the largest over the pages; with --runs N the
ranges over the runs come last.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))
from server import running_server  # noqa: E402

from byhand.content import loader  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

BOX = "() => document.getElementById('plot-figure').getBoundingClientRect().height"
MEASURE = """() => {
  const e = performance.getEntriesByType('resource').find(r => r.name.includes('/plot.svg'));
  const img = document.getElementById('plot');
  const nav = performance.getEntriesByType('navigation')[0];
  return {ms: e ? e.responseEnd : null, html: nav.responseEnd, ok: img.complete && img.naturalWidth > 0,
          box: document.getElementById('plot-figure').getBoundingClientRect().height};
}"""


def first_views(site: str, items: list[str], langs: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang in langs:
            for item in items:
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                context.add_cookies([{"name": "byhand_lang", "value": lang, "url": site}])
                page = context.new_page()
                page.goto(site + f"/why/{item}", wait_until="domcontentloaded")
                before = page.evaluate(BOX)  # the plot's box as laid out first
                page.wait_for_load_state("load", timeout=120_000)  # the load event waits for the plot
                m = page.evaluate(MEASURE)
                assert m["ok"] and m["ms"] is not None, (item, lang, m)
                out.append({"item": item, "lang": lang, "ms": m["ms"], "html": m["html"], "jump": abs(m["box"] - before)})
                context.close()
        browser.close()
    return out


def summary(rows: list[dict]) -> tuple[float, float, float]:
    ms = [r["ms"] for r in rows]
    return statistics.median(ms), max(ms), max(r["jump"] for r in rows), statistics.median(r["html"] for r in rows)


def one_run(items: list[str], langs: list[str]) -> dict:
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        data, cache = Path(tmp) / "cold", Path(tmp) / "cold-plots"
        with running_server(data, "--workers", "1", "--plot-cache", str(cache), "--no-warm-plots") as site:
            result["cold"] = summary(first_views(site, items, langs))
        data, cache = Path(tmp) / "warm", Path(tmp) / "warm-plots"
        started = time.monotonic()
        with running_server(data, "--workers", "1", "--plot-cache", str(cache), warm_plots=True) as site:
            expected = len(loader.ids_of("why")) * 2  # every question in both languages
            while len(list(cache.glob("*.svg"))) < expected:
                time.sleep(0.5)
            result["warming_s"] = time.monotonic() - started
            result["precomputed"] = summary(first_views(site, items, langs))
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=13, help="how many why pages (in catalog order)")
    ap.add_argument("--langs", default="en,ko")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    items = loader.ids_of("why")[: args.items]
    langs = args.langs.split(",")
    print(f"first view of {len(items)} why pages in {', '.join(langs)}, each in a fresh browser context")
    runs = []
    for n in range(args.runs):
        r = one_run(items, langs)
        runs.append(r)
        for name in ("cold", "precomputed"):
            med, worst, shift, html = r[name]
            print(f"run {n + 1} {name:12s} plot loaded: median {med:7.0f} ms, largest {worst:7.0f} ms "
                  f"(the page's HTML: median {html:.0f} ms); "
                  f"the plot's box moved by at most {shift:.0f} px when it arrived")
        print(f"run {n + 1} warming every default plot at start took {r['warming_s']:.0f} s")
    if args.runs > 1:
        print("ranges over the runs:")
        for name in ("cold", "precomputed"):
            meds = [r[name][0] for r in runs]
            worsts = [r[name][1] for r in runs]
            shifts = [r[name][2] for r in runs]
            print(f"  {name:12s} median {min(meds):.0f}–{max(meds):.0f} ms, largest {min(worsts):.0f}–{max(worsts):.0f} ms,"
                  f" box moved ≤ {max(shifts):.0f} px")
        ws = [r["warming_s"] for r in runs]
        print(f"  warming at start {min(ws):.0f}–{max(ws):.0f} s")


if __name__ == "__main__":
    main()
