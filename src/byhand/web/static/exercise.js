// The exercise page (exercise.html), progressively enhanced: the page works
// the same without this file (a plain form POST, links to restore code).
//   - Check in place: the form is sent with fetch and the header
//     "Byhand-Fragment: verdict"; the server answers with the verdict and the
//     history only (exercise_result.html), put in place without a page load.
//     While it works the button is disabled and says so, aria-busy is set.
//   - Ctrl+Enter (⌘+Enter) in the form checks.
//   - Restore / reset links fetch the code alone ("Byhand-Fragment: source")
//     and put it in the editor (an undoable change).
(function () {
  "use strict";
  var FRAGMENT = "Byhand-Fragment";

  function start() {
    var form = document.getElementById("submit-form");
    var button = document.getElementById("check");
    var textarea = document.getElementById("source");
    if (!form || !button || !textarea || !window.fetch || !window.DOMParser) return;
    var label = button.textContent;
    var busy = false;

    function editor() {
      return window.ByhandEditor ? window.ByhandEditor.attach(textarea) : null;
    }

    function setSource(text) {
      var handle = editor();
      if (handle) {
        handle.view.dispatch({changes: {from: 0, to: handle.view.state.doc.length, insert: text}});
        handle.view.focus();
      } else {
        textarea.value = text;
        textarea.focus();
      }
    }

    function area() { return document.getElementById("verdict-area"); }

    function showNotice(text) {
      var p = document.createElement("p");
      p.className = "error";
      p.id = "notice";
      p.setAttribute("role", "alert");
      p.textContent = text;
      area().replaceChildren(p);
    }

    function statusText(status) {
      return form.getAttribute("data-status-" + status) ||
        form.getAttribute("data-status-" + (status >= 500 ? 500 : 400));
    }

    function setBusy(on) {
      busy = on;
      button.disabled = on;
      button.textContent = on ? form.dataset.checking : label;
      form.setAttribute("aria-busy", on ? "true" : "false");
      area().setAttribute("aria-busy", on ? "true" : "false");
      area().classList.toggle("checking", on);
    }

    function putInPlace(html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      ["verdict-area", "history"].forEach(function (id) {
        var fresh = doc.getElementById(id);
        var old = document.getElementById(id);
        if (fresh && old) old.replaceChildren.apply(old, Array.from(fresh.childNodes));
      });
      var verdictArea = area();
      if (window.ByhandMath) window.ByhandMath.render(verdictArea);  // the mistake's message and the hint
      if (window.ByhandLocalTimes) window.ByhandLocalTimes(document.getElementById("history"));
      var shown = document.getElementById("verdict") || document.getElementById("notice");
      if (shown && shown.scrollIntoView) shown.scrollIntoView({block: "nearest"});
    }

    function check(event) {
      event.preventDefault();
      if (busy) return;
      var body = new URLSearchParams(new FormData(form));
      setBusy(true);
      var headers = {};
      headers[FRAGMENT] = "verdict";
      fetch(form.action, {method: "POST", body: body, headers: headers, credentials: "same-origin"})
        .then(function (response) {
          if (response.headers.get(FRAGMENT) === "verdict") {
            return response.text().then(putInPlace);
          }
          if (response.redirected && new URL(response.url).pathname === "/signin") {
            window.location.assign(response.url);  // the session ended: sign in again
            return null;
          }
          showNotice(statusText(response.status));  // refused at the door, or an error page
          return null;
        })
        .catch(function () { showNotice(form.dataset.networkError); })
        .then(function () { setBusy(false); });
    }

    form.addEventListener("submit", check);

    // Ctrl/⌘+Enter anywhere in the form checks (before the editor sees the key)
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (!form.contains(event.target)) return;
      event.preventDefault();
      event.stopPropagation();
      if (!busy) form.requestSubmit ? form.requestSubmit(button) : button.click();
    }, true);

    // restore an attempt, or the starter code, without leaving the page
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.restore") : null;
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var headers = {};
      headers[FRAGMENT] = "source";
      fetch(link.href, {headers: headers, credentials: "same-origin"})
        .then(function (response) {
          if (response.headers.get(FRAGMENT) !== "source") { window.location.assign(link.href); return null; }
          return response.text().then(function (text) {
            setSource(text);
            var note = document.getElementById("loaded");
            if (note) note.textContent = form.dataset.restored;
          });
        })
        .catch(function () { window.location.assign(link.href); });
    });
  }

  // loaded from the page's body, before app.js and the editor: start once the document is parsed
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
