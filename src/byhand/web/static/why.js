// The why page (why.html), progressively enhanced: without this file the
// parameters form is a plain GET that answers with the whole page.
//   - Redraw in place: the form is sent with fetch and the header
//     "Byhand-Fragment: experiment"; the server answers, once the plot is
//     drawn, with the experiment's part only (why_result.html: the plot, or
//     what went wrong in the page's language), put in place without a page
//     load. Meanwhile the old plot is dimmed under "Drawing…", the figure and
//     the form are aria-busy and the button is disabled.
//   - One redraw at a time: a new one aborts the one still waiting.
//   - A server busy with another drawing (503) is asked again after its
//     Retry-After, a few times, still showing "Drawing…".
//   - The address follows the parameters (history.replaceState), so a reload
//     or a shared link shows the same plot.
(function () {
  "use strict";
  var FRAGMENT = "Byhand-Fragment";
  var RETRIES = 3;

  function start() {
    var form = document.getElementById("why-form");
    var button = document.getElementById("redraw");
    if (!form || !button || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
    var label = button.textContent;
    var current = null;  // the AbortController of the redraw under way

    function result() { return document.getElementById("experiment-result"); }
    function figure() { return document.getElementById("plot-figure"); }

    function statusText(status) {
      return form.getAttribute("data-status-" + status) ||
        form.getAttribute("data-status-" + (status >= 500 ? 500 : 400));
    }

    function setBusy(on) {
      button.disabled = on;
      button.textContent = on ? form.dataset.drawing : label;
      form.setAttribute("aria-busy", on ? "true" : "false");
      result().setAttribute("aria-busy", on ? "true" : "false");
      var fig = figure();
      if (fig) fig.setAttribute("aria-busy", on ? "true" : "false");
    }

    function showNotice(text) {
      var old = document.getElementById("why-error");
      var p = document.createElement("p");
      p.className = "error";
      p.id = "why-error";
      p.setAttribute("role", "alert");
      p.textContent = text;
      if (old) old.replaceWith(p);
      else result().insertBefore(p, result().firstChild);
    }

    // resolves once the new plot is decoded (or failed), so the swap shows a whole plot
    function loaded(doc) {
      var img = doc.getElementById("plot");
      if (!img) return Promise.resolve();
      var probe = new Image();
      probe.src = img.getAttribute("src");
      return (probe.decode ? probe.decode() : Promise.resolve()).catch(function () {});
    }

    function putInPlace(doc) {
      var fresh = doc.getElementById("experiment-result");
      if (!doc.getElementById("plot")) {  // refused: say why, and keep the plot shown
        var said = doc.getElementById("why-error");
        showNotice(said ? said.textContent : statusText(500));
        return;
      }
      result().replaceChildren.apply(result(), Array.from(fresh.childNodes));
      var shown = document.getElementById("why-error") || figure();
      if (shown && shown.scrollIntoView) shown.scrollIntoView({block: "nearest"});
    }

    function ask(url, controller, triesLeft) {
      var headers = {};
      headers[FRAGMENT] = "experiment";
      return fetch(url, {headers: headers, credentials: "same-origin", signal: controller.signal})
        .then(function (response) {
          if (response.headers.get(FRAGMENT) !== "experiment") {  // refused at the door, or an error page
            showNotice(statusText(response.status));
            return null;
          }
          if (response.status === 503 && triesLeft > 0) {  // another drawing runs: ask again shortly
            var wait = Math.min(parseFloat(response.headers.get("Retry-After")) || 2, 5);
            return new Promise(function (resolve) { setTimeout(resolve, wait * 1000); })
              .then(function () { return ask(url, controller, triesLeft - 1); });
          }
          return response.text().then(function (html) {
            var doc = new DOMParser().parseFromString("<div id='experiment-result'>" + html + "</div>", "text/html");
            return loaded(doc).then(function () {
              if (controller.signal.aborted) return;
              putInPlace(doc);
              if (response.ok && window.history && history.replaceState) {
                history.replaceState(null, "", url + "#experiment");
              }
            });
          });
        });
    }

    function redraw(event) {
      event.preventDefault();
      if (current) current.abort();
      var controller = current = new AbortController();
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = form.getAttribute("action").split("#")[0] + "?" + query;
      setBusy(true);
      ask(url, controller, RETRIES)
        .catch(function (error) {
          if (!controller.signal.aborted) showNotice(form.dataset.networkError);
        })
        .then(function () {
          if (current === controller) {
            current = null;
            setBusy(false);
          }
        });
    }

    form.addEventListener("submit", redraw);
  }

  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
