// The review page's filter: all units, those with findings, those untranslated or fuzzy; and
// the severities shown (a finding of an unchecked severity is hidden, and a unit counts as
// having findings only through the severities checked). Headings stay visible (dimmed when
// they do not match) so the sections still show.
(function () {
  "use strict";
  var units = Array.prototype.slice.call(document.querySelectorAll(".unit"));
  var radios = Array.prototype.slice.call(document.querySelectorAll("input[name=show]"));
  var sevs = Array.prototype.slice.call(document.querySelectorAll("input[name=sev]"));
  var items = Array.prototype.slice.call(document.querySelectorAll(".unit li.finding"));
  function shownSeverities() {
    var on = {};
    sevs.forEach(function (c) { if (c.checked) on[c.value] = true; });
    return on;
  }
  var out = document.getElementById("shown");
  function matches(u, mode, on) {
    if (mode === "findings") {
      var found = (u.getAttribute("data-severities") || "").split(" ");
      return found.some(function (s) { return on[s]; });
    }
    if (mode === "untranslated") {
      var s = u.getAttribute("data-status");
      return s === "untranslated" || s === "fuzzy";
    }
    return true;
  }
  function apply() {
    var mode = "all";
    radios.forEach(function (r) { if (r.checked) mode = r.value; });
    var on = shownSeverities();
    items.forEach(function (li) {
      li.hidden = !sevs.some(function (c) { return c.checked && li.classList.contains(c.value); });
    });
    var n = 0;
    units.forEach(function (u) {
      var ok = matches(u, mode, on);
      if (ok) n += 1;
      if (u.classList.contains("heading")) u.classList.toggle("dim", !ok);
      else u.hidden = !ok;
    });
    out.textContent = n + " of " + units.length + " units match";
  }
  // The header's "glossary" link opens the panel it jumps to (below the text on a phone).
  function openGlossary() {
    var panel = document.querySelector("#glossary details");
    if (panel && location.hash === "#glossary") panel.open = true;
  }
  window.addEventListener("hashchange", openGlossary);
  openGlossary();
  radios.concat(sevs).forEach(function (r) { r.addEventListener("change", apply); });
  apply();
})();
