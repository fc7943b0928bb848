"""A verdict in a real notebook: a notebook that checks a wrong softmax is
executed by a Jupyter kernel (nbclient, ipykernel), converted to HTML by
nbconvert with JupyterLab's template (light and dark) and the classic
Notebook's, and each page is opened in Chromium (Debian's, driven by
Playwright) at 1366 and 390 px, the verdict in English and in Korean: the
result's cells are left-aligned, the arrays are in a monospace font and keep
their columns, scrolling sideways inside the box, which is no wider than the
page; colours come from the notebook's theme.

A known mistake's message and the hint are prose: with the MathJax these
pages load (2.7, Debian's libjs-mathjax in place of the CDN's), their
``$...$`` math is typeset and their code and emphasis are elements, with no
Markdown mark left; a learner's own ``$x_1$`` and ``**`` in a raised
exception's text stay as written."""

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
MATHJAX = "/usr/share/javascript/mathjax/MathJax.js"  # Debian's libjs-mathjax: the 2.7 the templates load
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

# a known mistake whose message has math and code; the hint has math
MATH_CELL = '''\
from byhand.content import loader

# the q's returned as rows: the known mistake returns-rows, as the curriculum writes it
gram_schmidt = loader.load_exercise("gram_schmidt").mistake("returns-rows").implementations[0]
byhand.check("gram_schmidt", gram_schmidt, seed=0, hint=True, lang="en")
'''

# the learner's own words, with dollars and stars: text, never math or emphasis
RAISES_CELL = '''\
def softmax(x, axis=-1):
    raise ValueError("**not bold** $x_1$ and $x_2$")

byhand.check("softmax", softmax, seed=0, lang="en")
'''

# the first cell's check again in Korean (its words, not its numbers, change)
KO_CELL = CELL.replace('lang="en"', 'lang="ko"')
FAILED = {"en": "FAILED", "ko": "실패"}

# what the page must show, measured in the page itself: the first HTML output
# whose text starts with ``failed`` ("FAILED" or "실패")
MEASURE = '''(failed) => {
  // an element of the HTML output, whatever it is called
  const box = [...document.querySelectorAll(".jp-OutputArea-output > div, .output_html > div")]
    .find((el) => el.innerText.trim().startsWith(failed));
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
  // a <code> in the prose is styled by the theme, as in its Markdown cells: only its contrast is checked
  const painted = [box, ...box.querySelectorAll("*")].filter((el) => el.tagName !== "CODE")
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
    tdWidth: Math.min(...[...box.querySelectorAll("td")].map((td) => rect(td).width)),
    viewport: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    painted,
    codes: [...box.querySelectorAll("code")].map((el) => [getComputedStyle(el).color,
                                                          getComputedStyle(el).backgroundColor]),
    colour: getComputedStyle(box.querySelector("td")).color,
    around: getComputedStyle(box.parentElement).color,
    pageBackground: getComputedStyle(document.body).backgroundColor,
    text: box.innerText,
  };
}'''


def luminance(css: str) -> float:
    r, g, b = (int(float(v)) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def measure(page_path, body: str, script: str, args=(None,), widths=(1366,)):
    """The page ``body`` saved as ``page_path`` and opened in Chromium at each
    of ``widths`` (px, 900 high): what ``script`` finds given each of
    ``args``, as ``{(width, arg): found}`` (or what it finds, for one of each)."""
    page_path.write_text(body, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            found = {}
            for width in widths:
                page = browser.new_page(viewport={"width": width, "height": 900})
                # offline: what the templates load from CDNs (require.js, MathJax) is refused, files are read
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
                page.goto(page_path.as_uri(), wait_until="load")
                for arg in args:
                    found[width, arg] = page.evaluate(script, arg)
                page.close()
            return found[widths[0], args[0]] if len(found) == 1 else found
        finally:
            browser.close()


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in (CELL, MATH_CELL, RAISES_CELL, KO_CELL)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    # the kernel is this interpreter (jupyter_client runs "python" kernels with sys.executable)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    for cell, lang in zip(nb.cells, ("en", "en", "en", "ko")):
        html_outputs = [o for o in cell.outputs if "text/html" in o.get("data", {})]
        assert html_outputs, cell.outputs  # the kernel displayed the result as HTML (_repr_html_)
        assert FAILED[lang] in html_outputs[0]["data"]["text/html"]  # the kernel imported byhand and graded
    return nb, folder


@pytest.mark.parametrize("template, theme", [("lab", "light"), ("lab", "dark"), ("classic", "light")])
def test_the_verdict_reads_well_in_a_converted_notebook(executed, template, theme):
    nb, folder = executed
    exporter = nbconvert.HTMLExporter(template_name=template, theme=theme)
    body, _ = exporter.from_notebook_node(nb)
    found = measure(folder / f"{template}-{theme}.html", body, MEASURE, args=("FAILED", "실패"), widths=(1366, 390))
    for (width, failed), m in found.items():
        _reads_well(m, template, theme, width, failed)


def _reads_well(m, template, theme, width, failed):
    assert m is not None, f"no {failed} result box in the {template} page at {width} px"
    assert "no-max-shift" in m["text"] and "x = [1000. 1001. 1002.]" in m["text"]
    assert ("cases passed" in m["text"]) if failed == "FAILED" else ("통과한 케이스" in m["text"]), m["text"]
    # left-aligned, though both stylesheets right-align cells and centre tables
    assert m["cells"] >= 14 and m["align"] == ["left"], m["align"]
    assert abs(m["tableLeft"] - m["boxLeft"]) < 40  # not centred: only the box's padding before it
    if width > 1000:
        assert m["thWidth"] < 0.4 * m["tableWidth"]  # the labels' column fits its labels (no fixed equal columns)
    assert m["tableLeft"] + m["tableWidth"] <= m["boxRight"] + 0.5, m  # the table inside its box
    assert m["tdWidth"] > 0.5 * m["tableWidth"], m  # the values have room (the labels wrap on a phone)
    # arrays: monospace, columns kept, the long printed line scrolls inside its box
    assert m["pres"] >= 4 and all(m["monospace"]), m["monospace"]
    assert m["whiteSpace"] == ["pre"]
    assert any(m["scrolls"]), m["scrolls"]
    assert m["boxRight"] <= m["viewport"] and m["pageWidth"] <= m["viewport"], m
    # the theme's colours: no background of our own, the text colour of the output around it
    assert m["painted"] == [], m["painted"]
    assert m["colour"] == m["around"]
    assert m["codes"], m  # the mistake's id is code in its message
    for colour, background in m["codes"]:  # the theme's code style reads in its own theme
        if background not in ("rgba(0, 0, 0, 0)", "transparent"):
            assert abs(luminance(colour) - luminance(background)) > 0.4, (colour, background)
    if theme == "dark":
        assert luminance(m["colour"]) > 0.6 and luminance(m["pageBackground"]) < 0.3, m


# the result boxes after MathJax has typeset the page: their prose, math and the learner's words
TYPESET = '''async () => {
  if (typeof MathJax === "undefined") return null;
  await new Promise((done) => MathJax.Hub.Register.StartupHook("End", done));
  await new Promise((done) => MathJax.Hub.Queue(done));  // after the template's own Typeset
  const MATH = "script, .MathJax_Preview, .MathJax_CHTML, .mjx-chtml";
  const outside = (el) => {  // the element's text, the typeset math taken out
    const copy = el.cloneNode(true);
    copy.querySelectorAll(MATH).forEach((m) => m.remove());
    return copy.textContent;
  };
  const tex = (el) => [...el.querySelectorAll("script[type^='math/tex']")].map((s) => s.textContent);
  const part = (el) => el && {
    text: outside(el), tex: tex(el), typeset: el.querySelectorAll(".MathJax_CHTML").length,
    code: [...el.querySelectorAll("code")].map((c) => c.textContent),
    strong: [...el.querySelectorAll("strong")].map((c) => c.textContent),
  };
  return [...document.querySelectorAll(".byhand-result")].map((box) => {
    const hint = [...box.querySelectorAll("tr")].find((tr) => tr.querySelector("th").textContent === "hint");
    return {
      message: part(box.querySelector(":scope > p")),
      hint: part(hint && hint.querySelector("td")),
      typeset: box.querySelectorAll(".MathJax_CHTML").length,
      errors: box.querySelectorAll(".mjx-merror, .MathJax_Error").length,
      text: box.innerText,
    };
  });
}'''


@pytest.mark.parametrize("template", ["lab", "classic"])
def test_prose_in_a_verdict_is_typeset_by_the_notebooks_mathjax(executed, template):
    if not os.path.exists(MATHJAX):
        if os.environ.get("BYHAND_REQUIRE_BROWSER") == "1":
            raise RuntimeError("MathJax is required for the notebook test in CI (apt-get install libjs-mathjax)")
        pytest.skip("MathJax is not installed (apt-get install libjs-mathjax)")
    nb, folder = executed
    # the templates' own MathJax (2.7, from a CDN) replaced by the same version on disk
    exporter = nbconvert.HTMLExporter(template_name=template,
                                      mathjax_url=f"file://{MATHJAX}?config=TeX-AMS_CHTML-full,Safe")
    body, _ = exporter.from_notebook_node(nb)
    boxes = measure(folder / f"{template}-mathjax.html", body, TYPESET)
    assert boxes is not None, "MathJax did not load"
    softmax, gram, raised, korean = boxes
    # a known mistake's message: its id and a call as code, its math typeset, no Markdown mark left
    message = gram["message"]
    assert "returns-rows" in message["code"] and "np.column_stack(qs)" in message["code"], message
    assert message["tex"] == ["q_k"] and message["typeset"] == 1, message
    assert not any(mark in message["text"] for mark in ("$", "`", "**")), message["text"]
    assert "The  must be the columns of Q" in message["text"]  # the math's place, now typeset
    # the hint: three spans of math, typeset
    hint = gram["hint"]
    assert hint["tex"] == ["a_k", "(q_j @ a_k) * q_j", "q_j"] and hint["typeset"] == 3, hint
    assert "$" not in hint["text"] and "Loop over columns" in hint["text"]
    assert gram["errors"] == 0 and softmax["errors"] == 0
    assert "no-max-shift" in softmax["message"]["code"] and "`" not in softmax["message"]["text"]
    # in Korean too: the mistake's id as code, its words without Markdown marks
    assert korean["errors"] == 0 and "no-max-shift" in korean["message"]["code"], korean
    assert "자주 하는 실수" in korean["message"]["text"] and "`" not in korean["message"]["text"], korean
    # the learner's own words: as written, nothing typeset or emphasised
    assert "**not bold** $x_1$ and $x_2$" in raised["text"], raised["text"]
    assert raised["typeset"] == 0 and raised["message"]["strong"] == [] and raised["message"]["tex"] == []
