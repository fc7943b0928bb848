"""A verdict in a real notebook: a notebook that checks a wrong softmax is
executed by a Jupyter kernel (nbclient, ipykernel), converted to HTML by
nbconvert with JupyterLab's template (light and dark) and the classic
Notebook's, and each page is opened in Chromium (Debian's, driven by
Playwright) at 1366 px: the result's cells are left-aligned, the arrays are
in a monospace font and keep their columns, scrolling sideways inside the
box, which is no wider than the page; colours come from the notebook's theme."""

import os
import shutil

import pytest

pytestmark = pytest.mark.slow  # a Jupyter kernel, nbconvert and a real browser: integration

nbformat = pytest.importorskip("nbformat", reason="pip install 'byhand[test]' for the notebook test")
nbclient = pytest.importorskip("nbclient", reason="pip install 'byhand[test]' for the notebook test")
nbconvert = pytest.importorskip("nbconvert", reason="pip install 'byhand[test]' for the notebook test")
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install 'byhand[test]' for browser tests")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    if os.environ.get("BYHAND_REQUIRE_BROWSER") == "1":
        raise RuntimeError("Chromium is required for the browser tests in CI (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

CELL = '''\
import numpy as np
import byhand

def softmax(x, axis=-1):
    print(" ".join(f"{v:.4f}" for v in np.linspace(0, 1, 400)))  # one long printed line: it must scroll, not wrap
    e = np.exp(x)  # no max shift: overflows on large scores
    return e / e.sum(axis=axis, keepdims=True)

byhand.check("softmax", softmax, seed=0, hint=True, lang="en")
'''

# what the page must show, measured in the page itself
MEASURE = '''() => {
  // the first element of the HTML output, whatever it is called
  const box = document.querySelector(".jp-OutputArea-output > div, .output_html > div");
  if (!box) return null;
  const rect = (el) => el.getBoundingClientRect();
  const cells = [...box.querySelectorAll("th, td")];
  const pres = [...box.querySelectorAll("pre")];
  const width = (pre, text) => {
    const span = document.createElement("span");
    span.textContent = text;
    pre.appendChild(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return w;
  };
  const table = box.querySelector("table"), th = box.querySelector("th");
  const painted = [box, ...box.querySelectorAll("*")]
    .map((el) => getComputedStyle(el).backgroundColor)
    .filter((c) => c !== "rgba(0, 0, 0, 0)" && c !== "transparent");
  return {
    align: [...new Set(cells.map((c) => getComputedStyle(c).textAlign))],
    cells: cells.length,
    pres: pres.length,
    monospace: pres.map((p) => Math.abs(width(p, "iiiiiiiiii") - width(p, "MMMMMMMMMM")) < 0.5),
    whiteSpace: [...new Set(pres.map((p) => getComputedStyle(p).whiteSpace))],
    scrolls: pres.map((p) => p.scrollWidth > p.clientWidth + 1),
    boxLeft: rect(box).left, boxRight: rect(box).right,
    tableLeft: rect(table).left, tableWidth: rect(table).width, thWidth: rect(th).width,
    viewport: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    painted,
    colour: getComputedStyle(box.querySelector("td")).color,
    around: getComputedStyle(box.parentElement).color,
    pageBackground: getComputedStyle(document.body).backgroundColor,
    text: box.innerText,
  };
}'''


def luminance(css: str) -> float:
    r, g, b = (int(float(v)) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELL)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    # the kernel is this interpreter (jupyter_client runs "python" kernels with sys.executable)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    outputs = nb.cells[0].outputs
    html_outputs = [o for o in outputs if "text/html" in o.get("data", {})]
    assert html_outputs, outputs  # the kernel displayed the result as HTML (_repr_html_)
    assert "FAILED" in html_outputs[0]["data"]["text/html"]  # the kernel imported byhand and graded
    return nb, folder


@pytest.mark.parametrize("template, theme", [("lab", "light"), ("lab", "dark"), ("classic", "light")])
def test_the_verdict_reads_well_in_a_converted_notebook(executed, template, theme):
    nb, folder = executed
    exporter = nbconvert.HTMLExporter(template_name=template, theme=theme)
    body, _ = exporter.from_notebook_node(nb)
    page_path = folder / f"{template}-{theme}.html"
    page_path.write_text(body, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            # offline and fast: the templates' MathJax and require.js come from CDNs the result does not need
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(page_path.as_uri(), wait_until="load")
            m = page.evaluate(MEASURE)
        finally:
            browser.close()
    assert m is not None, f"no result box in the {template} page"
    assert "FAILED" in m["text"] and "no-max-shift" in m["text"] and "x = [1000. 1001. 1002.]" in m["text"]
    # left-aligned, though both stylesheets right-align cells and centre tables
    assert m["cells"] >= 14 and m["align"] == ["left"], m["align"]
    assert abs(m["tableLeft"] - m["boxLeft"]) < 40  # not centred: only the box's padding before it
    assert m["thWidth"] < 0.4 * m["tableWidth"]  # the labels' column fits its labels (no fixed equal columns)
    # arrays: monospace, columns kept, the long printed line scrolls inside its box
    assert m["pres"] >= 4 and all(m["monospace"]), m["monospace"]
    assert m["whiteSpace"] == ["pre"]
    assert any(m["scrolls"]), m["scrolls"]
    assert m["boxRight"] <= m["viewport"] and m["pageWidth"] <= m["viewport"], m
    # the theme's colours: no background of our own, the text colour of the output around it
    assert m["painted"] == [], m["painted"]
    assert m["colour"] == m["around"]
    if theme == "dark":
        assert luminance(m["colour"]) > 0.6 and luminance(m["pageBackground"]) < 0.3, m
