// byhand's math rendering: runs KaTeX's auto-render over the page with the
// delimiters byhand's content uses ($...$ inline, $$...$$ display, and the
// \(...\) / \[...\] forms), so templates need no inline <script>.
//
// Built by build.mjs into src/byhand/web/static/vendor/math.js. Load it after
// katex/katex.min.js and katex/contrib/auto-render.min.js (all with `defer`).
//
//   window.ByhandMath.render(element = document.body)
//
// Skips <script>, <noscript>, <style>, <textarea>, <pre>, <code>, <option>
// (auto-render's defaults), the code editor (.cm-editor) and anything inside
// an element with class "no-math".

const options = {
  delimiters: [
    { left: "$$", right: "$$", display: true },
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
    { left: "$", right: "$", display: false },
  ],
  ignoredClasses: ["cm-editor", "no-math"],
  throwOnError: false,
};

function render(element = document.body) {
  if (typeof window.renderMathInElement !== "function") {
    throw new Error("ByhandMath: load katex.min.js and contrib/auto-render.min.js first");
  }
  window.renderMathInElement(element, options);
}

window.ByhandMath = { render };

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => render());
} else {
  render();
}
