// The review page's filter: all units, those with findings, those untranslated or fuzzy.
// Headings stay visible (dimmed when they do not match) so the sections still show.
(function () {
  "use strict";
  var units = Array.prototype.slice.call(document.querySelectorAll(".unit"));
  var radios = Array.prototype.slice.call(document.querySelectorAll("input[name=show]"));
  var out = document.getElementById("shown");
  function matches(u, mode) {
    if (mode === "findings") return u.getAttribute("data-findings") !== "0";
    if (mode === "untranslated") {
      var s = u.getAttribute("data-status");
      return s === "untranslated" || s === "fuzzy";
    }
    return true;
  }
  function apply() {
    var mode = "all";
    radios.forEach(function (r) { if (r.checked) mode = r.value; });
    var n = 0;
    units.forEach(function (u) {
      var ok = matches(u, mode);
      if (ok) n += 1;
      if (u.classList.contains("heading")) u.classList.toggle("dim", !ok);
      else u.hidden = !ok;
    });
    out.textContent = n + " of " + units.length + " units match";
  }
  radios.forEach(function (r) { r.addEventListener("change", apply); });
  apply();
})();
