// Progressive enhancement only: every page works without this file.

// <time datetime="...Z">2025-01-02 03:04 UTC</time> in the reader's own time zone and language
window.ByhandLocalTimes = function (root) {
  var format;
  try {
    format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {dateStyle: "medium", timeStyle: "short"});
  } catch (e) {
    return;
  }
  (root || document).querySelectorAll("time[datetime]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    if (!el.title) el.title = el.textContent;  // the UTC label stays as a tooltip
    el.textContent = format.format(when);
  });
};

document.addEventListener("DOMContentLoaded", function () {
  if (window.ByhandEditor) {
    document.querySelectorAll("textarea[data-editor]").forEach(function (ta) { window.ByhandEditor.attach(ta); });
  }
  window.ByhandLocalTimes(document);
});
