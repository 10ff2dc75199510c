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

  /* In three passes, not table by table: measuring right after changing a table forces a
   * layout per table (110-190 ms at Lighthouse's 4x slowdown on the actors index, 18
   * tables); unstack all, measure all, then stack costs one layout. */
  var fittedWidth = -1;

  function columnWidth() {
    var article = document.querySelector("article");
    return article ? article.clientWidth : 0;
  }

  function stack(table) {
    if (!table.hasAttribute("role")) label(table);
    table.setAttribute("data-stacked", "");
  }

  function fit() {
    var found = document.querySelectorAll("article table:not([class])");
    var tables = Array.prototype.slice.call(found);
    if (!tables.length) return;
    tables.forEach(function (table) { table.removeAttribute("data-stacked"); });
    var wide = tables.filter(overflows);
    // Read with the other measurements: read after stacking, it forced a layout of its own.
    fittedWidth = columnWidth();
    wide.forEach(stack);
  }

  /* After `load`: a column as wide as when last fitted keeps its stacked tables stacked, so
   * only the others are measured, without undoing anything (no layout to redo). */
  function refit() {
    if (fittedWidth < 0 || columnWidth() !== fittedWidth) return fit();
    var found = document.querySelectorAll("article table:not([class]):not([data-stacked])");
    Array.prototype.filter.call(found, overflows).forEach(stack);
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(fit);
  });
  // Once Material has wrapped the tables in its scroll wrapper (on DOMContentLoaded, before
  // the first paint as a rule), so stacking does not shift the page after it is shown
  // (stacked before the wrapping, the moved tables counted as a layout shift of 0.5-0.9);
  // and again after `load`, in case the column's width changed meanwhile.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fit);
  } else {
    fit();
  }
  if (document.readyState !== "complete") window.addEventListener("load", refit);
})();
