/* Tables that fit, on every page (mkdocs.yml extra_javascript): a table wider than its
 * column (a phone, or many columns) is shown with each row as a block and each cell
 * preceded by its column header (chronology.css, `table[data-stacked]`), instead of being
 * cut off behind a sideways scroll. It stays a <table>; explicit roles keep its rows and
 * cells for screen readers, which some browsers drop once a table is no longer displayed as
 * one. Re-measured when the window resizes. Without JavaScript, Material's own sideways
 * scrolling remains.
 */
(function () {
  "use strict";

  var ROLES = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row",
    TH: "columnheader", TD: "cell" };

  function label(table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (headers[i]) cell.setAttribute("data-label", headers[i]);
      });
    });
    Array.prototype.forEach.call(table.querySelectorAll("*"), function (el) {
      if (ROLES[el.tagName]) el.setAttribute("role", ROLES[el.tagName]);
    });
    table.setAttribute("role", "table");
  }

  /* Wider than the room it has: its own overflow, or that of Material's scroll wrapper. */
  function overflows(table) {
    var wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
    return table.scrollWidth > table.clientWidth + 1 || wrap.scrollWidth > wrap.clientWidth + 1;
  }

  function fit() {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      table.removeAttribute("data-stacked");
      if (!overflows(table)) return;
      if (!table.hasAttribute("role")) label(table);
      table.setAttribute("data-stacked", "");
    });
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(fit);
  });
  // After `load`: Material wraps tables in its scroll wrapper once the page is ready.
  if (document.readyState === "complete") fit();
  else window.addEventListener("load", fit);
})();
