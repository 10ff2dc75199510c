/* Search: run a query however it was entered.
 *
 * Material's search box reads its value on `keyup` (and on focus, and when the index is
 * ready; components/search/query in Material's source). A value that arrives without a key
 * press is never searched once the page has settled: pasted from a context menu, dictated,
 * chosen from a phone keyboard's suggestions, or composed with an input method (Arabic,
 * for one). This script answers every such change with the event Material listens for, so
 * the query runs as if typed. Material drops a value it has already searched, so a real key
 * press, whose `keyup` follows, does not run it twice.
 *
 * Least coupling to Material: only the query box's `data-md-component` and the event name.
 * The listeners sit on the document, so they keep working if the box is replaced (instant
 * navigation), and the script registers them once even if it is run again.
 */
(function () {
  "use strict";

  if (window.chronologySearchInput) {
    return;
  }
  window.chronologySearchInput = true;

  var QUERY_BOX = '[data-md-component="search-query"]';

  function queryBox(target) {
    return target instanceof HTMLInputElement && target.matches(QUERY_BOX) ? target : null;
  }

  function runQuery(box) {
    // Not bubbling: only Material's listener on the box hears it, never the keyboard
    // shortcuts, which listen for keydown on the window.
    box.dispatchEvent(new KeyboardEvent("keyup"));
  }

  document.addEventListener(
    "input",
    function (event) {
      var box = queryBox(event.target);
      // Mid-composition the text is not what the reader means yet: wait for its end.
      if (box && !event.isComposing) {
        runQuery(box);
      }
    },
    true
  );

  document.addEventListener(
    "compositionend",
    function (event) {
      var box = queryBox(event.target);
      if (box) {
        runQuery(box);
      }
    },
    true
  );
})();
