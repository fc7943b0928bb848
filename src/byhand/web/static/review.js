// The review page, like Anki (progressive enhancement: without this file every
// action is a plain form or link).  Space reveals a card (or goes on to the
// next one after a drill or an exercise), 1-4 rate it; each answer is sent by
// fetch with the header X-Byhand-Fragment: 1 and the server answers with the
// review section alone, which replaces this one: no page load.  Keys act only
// when no text field has focus.  A page that says "next card in 4 min" fetches
// itself again when that card is due.
(function () {
  "use strict";
  var section = document.getElementById("review");
  if (!section) return;
  var busy = false;
  var timer = null;

  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function enhance(first) {
    // a section swapped in: typeset its math (vendor/math.js did the first page's when it loaded)
    if (!first && window.ByhandMath) window.ByhandMath.render(section);
    if (!first && window.ByhandEditor) {
      section.querySelectorAll("textarea[data-editor]").forEach(function (ta) { window.ByhandEditor.attach(ta); });
    }
    if (timer) { clearTimeout(timer); timer = null; }
    var wait = section.querySelector("#next-in");
    if (wait) {  // the next learning card: fetch the section again once it is due
      var seconds = Math.min(Number(wait.getAttribute("data-seconds")) || 60, 3600);
      timer = setTimeout(function () { load("/review", null); }, (seconds + 1) * 1000);
    }
  }

  function replace(html) {
    section.innerHTML = html;
    if (location.search) history.replaceState(null, "", "/review");
    enhance();
    var answer = section.querySelector("#answer");
    if (answer) answer.focus();  // a drill: type at once
    else {
      var heading = section.querySelector("#term");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({preventScroll: true}); }
    }
    section.dispatchEvent(new CustomEvent("review:replaced", {bubbles: true}));
  }

  // GET (body null) or POST the form data; on anything but our fragment, fall back to a page load
  function load(url, body, fallback) {
    if (busy) return;
    busy = true;
    section.setAttribute("aria-busy", "true");
    var options = {method: body ? "POST" : "GET", headers: {"X-Byhand-Fragment": "1"}, credentials: "same-origin"};
    if (body) options.body = body;
    fetch(url, options).then(function (response) {
      if (response.headers.get("X-Byhand-Fragment") !== "1") throw new Error("not a fragment");
      return response.text();
    }).then(function (html) {
      busy = false;
      section.removeAttribute("aria-busy");
      replace(html);
    }).catch(function () {
      busy = false;
      section.removeAttribute("aria-busy");
      if (fallback) fallback(); else location.href = url;
    });
  }

  function reveal() {
    var form = section.querySelector("#reveal-form");
    var back = section.querySelector("#back");
    if (!form || !back || !back.hidden) return false;
    form.hidden = true;
    back.hidden = false;
    return true;
  }

  function post(form, submitter) {
    var data = new FormData(form, submitter || undefined);
    load(form.getAttribute("action"), new URLSearchParams(data), function () {
      form.setAttribute("data-plain", "1");  // a plain POST, as without JavaScript
      form.requestSubmit(submitter || undefined);
    });
  }

  section.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.getAttribute("data-plain")) return;
    if (form.id === "reveal-form") { e.preventDefault(); reveal(); return; }
    if (form.method.toLowerCase() !== "post") return;
    e.preventDefault();
    post(form, e.submitter);
  });

  section.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("#next-card, #check-again");
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    load("/review", null);
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(document.activeElement)) return;
    if (e.key === " " || e.key === "Spacebar") {
      if (reveal()) { e.preventDefault(); return; }
      var next = section.querySelector("#next-card, #check-again");
      if (next) { e.preventDefault(); load("/review", null); }
      return;
    }
    if (/^[1-4]$/.test(e.key)) {
      var back = section.querySelector("#back");
      var button = section.querySelector("#rate-" + e.key);
      if (!back || back.hidden || !button || busy) return;
      e.preventDefault();
      post(section.querySelector("#rate-form"), button);
    }
  });

  enhance(true);
})();
