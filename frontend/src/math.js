// byhand's math rendering: typesets with KaTeX exactly the math the prose
// renderer marked (content/prose.py writes <span class="math inline">$...$</span>
// and <span|div class="math display">$$...$$</span|div>; a template's equation is
// <div class="math display">$$...$$</div>), and nothing else. A learner's own
// text with dollars in it (a raised message, a post, a printed value) is never
// math, so the page is not scanned for delimiters as KaTeX's auto-render does.
//
// Built by build.mjs into src/byhand/web/static/vendor/math.js. Load it after
// katex/katex.min.js (both with `defer`).
//
//   window.ByhandMath.render(element = document.body)   // content inserted later
//
// Each element is typeset once (data-typeset); errors in TeX are shown in red
// instead of throwing; without JavaScript the TeX source stays as text.

function texOf(el, display) {
  const text = el.textContent.trim();
  const mark = display ? "$$" : "$";
  if (text.startsWith(mark) && text.endsWith(mark) && text.length >= 2 * mark.length) {
    return text.slice(mark.length, text.length - mark.length);
  }
  return text;
}

function render(element = document.body) {
  if (!window.katex || typeof window.katex.render !== "function") {
    return; // KaTeX did not load (a failed request): the TeX source stays as text, as without JavaScript
  }
  const found = element.matches && element.matches(".math") ? [element] : [];
  for (const el of [...found, ...element.querySelectorAll(".math")]) {
    if (el.dataset.typeset) continue;
    const display = el.classList.contains("display");
    window.katex.render(texOf(el, display), el, { displayMode: display, throwOnError: false });
    el.dataset.typeset = "1";
  }
}

window.ByhandMath = { render };

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => render());
} else {
  render();
}
