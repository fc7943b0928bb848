// The settings page, enhanced (it works without this file):
// - while no time zone is chosen, the browser's own is selected (saved only with the form);
// - the projected workload follows the numbers as they change (GET /settings/workload).
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function browserZone(select) {
    if (select.getAttribute("data-chosen") !== "0") return;
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone || zone === select.value) return;
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
    if (!known) return;
    select.value = zone;
    var note = document.getElementById("timezone-browser");
    if (note) {
      note.textContent = fill(note.getAttribute("data-text"), {zone: zone});
      note.hidden = false;
    }
  }

  function workload(form) {
    var box = document.getElementById("workload");
    var retention = form.elements.desired_retention;
    var limit = form.elements.daily_new_limit;
    if (!box || !retention || !limit) return;
    var status = document.getElementById("workload-status");
    var timer = null, asked = 0;

    function update() {
      if (!retention.checkValidity() || !limit.checkValidity() || retention.value === "" || limit.value === "") return;
      var mine = ++asked;
      status.textContent = box.getAttribute("data-updating");
      status.hidden = false;
      var query = "desired_retention=" + encodeURIComponent(retention.value) +
                  "&daily_new_limit=" + encodeURIComponent(limit.value);
      fetch("/settings/workload?" + query, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (w) {
          if (mine !== asked) return;  // a newer question is on its way
          status.hidden = true;
          if (!w) return;
          document.getElementById("workload-line").textContent =
            fill(box.getAttribute("data-line"), {mean: Math.round(w.mean), peak: Math.round(w.peak), days: w.days});
          document.getElementById("workload-kinds").textContent = fill(box.getAttribute("data-kinds"), {
            concept: Math.round(w.by_kind.concept), drill: Math.round(w.by_kind.drill),
            exercise: Math.round(w.by_kind.exercise)});
          document.getElementById("workload-explain").textContent = fill(box.getAttribute("data-explain"), {
            cards: box.getAttribute("data-cards"), "new": w.new_items, days: w.days});
          box.setAttribute("data-retention", w.retention);
          box.setAttribute("data-new", w.new_per_day);
        })
        .catch(function () { if (mine === asked) status.hidden = true; });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    }
    retention.addEventListener("input", later);
    limit.addEventListener("input", later);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("settings-form");
    if (!form) return;
    var select = document.getElementById("timezone");
    if (select) browserZone(select);
    workload(form);
  });
})();
