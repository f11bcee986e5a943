// The check report's counts follow the severity filter. Hiding is CSS (:has, works without
// this script); the script only rewrites the numbers: each rule's and bulletin's heading,
// the table's cells and totals (a bulletin column with nothing shown goes), and "n of m
// findings shown".
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[id^=sev-]"));
  var units = Array.prototype.slice.call(document.querySelectorAll(".finding-unit"));
  var out = document.getElementById("shown");
  function count(n, all) {
    return n === all ? String(all) : n + " of " + all;
  }
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.id.slice(4)] = b.checked; });
    var shown = {}, total = {};
    function add(key, visible) {
      total[key] = (total[key] || 0) + 1;
      shown[key] = (shown[key] || 0) + (visible ? 1 : 0);
    }
    units.forEach(function (u) {
      var sev = boxes.map(function (b) { return b.id.slice(4); })
        .filter(function (s) { return u.classList.contains(s); })[0];
      var visible = !!on[sev], rule = u.getAttribute("data-rule"), b = u.getAttribute("data-bulletin");
      [rule, rule + "-" + b, "-" + b, ""].forEach(function (k) { add(k, visible); });
    });
    document.querySelectorAll("[data-of]").forEach(function (el) {
      var k = el.getAttribute("data-of");
      el.textContent = "(" + count(shown[k] || 0, total[k] || 0) + ")";
    });
    document.querySelectorAll("[data-count]").forEach(function (td) {
      var k = td.getAttribute("data-count"), n = shown[k] || 0;
      var link = td.querySelector("a");
      (link || td).textContent = String(n);
      td.classList.toggle("zero", n === 0);
    });
    // a bulletin with nothing shown leaves the table (a phone has no room for empty columns)
    document.querySelectorAll("[data-col]").forEach(function (cell) {
      cell.hidden = !shown["-" + cell.getAttribute("data-col")];
    });
    if (out) out.textContent = (shown[""] || 0) + " of " + (total[""] || 0) + " findings shown";
  }
  // The header's "glossary" link opens the panel it jumps to (below the text on a phone).
  function openGlossary() {
    var panel = document.querySelector("#glossary details");
    if (panel && location.hash === "#glossary") panel.open = true;
  }
  window.addEventListener("hashchange", openGlossary);
  openGlossary();
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
})();
