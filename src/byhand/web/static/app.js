// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (window.renderMathInElement) {
    window.renderMathInElement(document.body, {
      delimiters: [{left: "$$", right: "$$", display: true}, {left: "$", right: "$", display: false}],
      throwOnError: false,
    });
  }
  if (window.ByhandEditor) {
    document.querySelectorAll("textarea[data-editor]").forEach(function (ta) { window.ByhandEditor.attach(ta); });
  }
});
