/* The site's search: the box in the header (overrides/partials/search.html), the index in
 * search/ (generator/site/search_index.py).
 *
 * The index is many small scripts, loaded by adding <script> elements, which browsers allow
 * over http and from file:// alike (a fetch or a worker is refused under file://):
 * search/index.js first (which shards exist, the letter rules), then for a query only the
 * shards of its words (search/words/<first two letters>.js) and the pages of the results
 * shown (search/pages/<n>.js). Each calls window.chronologySearchLoaded(kind, key, data).
 *
 * A query's words are made exactly as the index's (generator/site/search_words.py; keep the
 * two alike): decomposed, lower case, without marks, letter variants made one, split at
 * anything but letters and digits. Every word is looked up as the beginning of a word (the
 * last one may still be being typed); a page must hold every word but stop words. A page
 * scores by where it holds each word (a record's name, its title, its text; a whole word
 * beats a beginning), and by far the most when the query is one of its names (a record's
 * name, alias or Arabic name; a page's title), or begins one: a record's own page first.
 *
 * A query runs on every `input` event, not on key presses: a value pasted, dictated or
 * chosen from a phone keyboard's suggestions is one input event. While an input method
 * composes (Arabic, for one) nothing runs; the end of the composition runs it.
 */
(function () {
  "use strict";

  if (window.chronologySearchLoaded) {
    return;
  }

  /* Weights of where a word was found: search_index.py's TEXT, TITLE, NAME. */
  var WEIGHTS = [1, 4, 10];
  /* The query is one of a page's names; it begins one (times how much of it). */
  var NAME_BONUS = 1000;
  var NAME_START_BONUS = 100;
  /* Results shown at first, and added by "More results". */
  var SHOWN = 10;
  /* Wait this long after an input event: a burst of them (a held key) runs once. */
  var DEBOUNCE_MS = 40;
  var WIDE = window.matchMedia("(min-width: 60em)");

  var root = document.querySelector(".chr-search");
  if (!root) {
    return;
  }
  build(root);
  var base = (root.getAttribute("data-root") || ".").replace(/\/?$/, "/");
  var box = root.querySelector(".chr-search__box");
  var input = root.querySelector(".chr-search__input");
  var opener = root.querySelector(".chr-search__open");
  var closer = root.querySelector(".chr-search__close");
  var status = root.querySelector(".chr-search__status");
  var list = root.querySelector(".chr-search__results");
  var more = root.querySelector(".chr-search__more");

  /* --- the box ------------------------------------------------------------------------- */

  function element(tag, attributes, children) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      made.setAttribute(name, attributes[name]);
    });
    made.append.apply(made, children || []);
    return made;
  }

  /* The box, made here rather than written into every page (overrides/partials/search.html
     leaves an empty, hidden element with the words to use): without JavaScript it could
     not search, and 14,000 pages would each carry it. */
  function build(into) {
    var label = into.getAttribute("data-label") || "Search";
    into.replaceChildren(
      element("button", {
        type: "button", class: "md-header__button md-icon chr-search__open",
        "aria-label": label, "aria-expanded": "false", "aria-controls": "chr-search-box",
      }),
      element("div", {
        class: "chr-search__box", id: "chr-search-box", role: "search", "aria-label": label,
      }, [
        element("div", {class: "chr-search__bar"}, [
          element("input", {
            type: "search", class: "chr-search__input", id: "chr-search-query",
            "aria-label": "Search the site: names, places, titles, words",
            "aria-describedby": "chr-search-status",
            placeholder: into.getAttribute("data-placeholder") || label,
            autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "go",
          }),
          element("button", {
            type: "button", class: "chr-search__close md-icon", "aria-label": "Close search",
          }),
        ]),
        element("div", {class: "chr-search__output"}, [
          element("p", {class: "chr-search__status", id: "chr-search-status", role: "status"}),
          element("ol", {class: "chr-search__results", "aria-label": "Search results"}),
          element("button", {type: "button", class: "chr-search__more", hidden: ""}, [
            "More results",
          ]),
        ]),
      ])
    );
  }

  /* --- loading the index's scripts ------------------------------------------------------ */

  var files = {}; // "kind/key" -> {promise, data}
  var index = null; // search/index.js, once loaded
  var indexLoad = null;

  window.chronologySearchLoaded = function (kind, key, data) {
    var file = files[kind + "/" + key];
    if (file) {
      file.data = data;
    }
  };

  function load(kind, key, path) {
    var name = kind + "/" + key;
    if (!files[name]) {
      var file = (files[name] = {data: undefined});
      file.promise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        // The build's stamp keeps a cached file from another build out (not under file://,
        // where nothing is cached and a query string is no part of a file's name).
        var stamp = index && location.protocol !== "file:" ? "?v=" + index.build : "";
        script.src = base + "search/" + path + stamp;
        script.onload = function () {
          script.remove();
          if (file.data === undefined) {
            reject(new Error("search: " + path + " holds no index data"));
          } else {
            resolve(file.data);
          }
        };
        script.onerror = function () {
          script.remove();
          delete files[name];
          reject(new Error("search: " + path + " could not be loaded"));
        };
        document.head.appendChild(script);
      });
    }
    return files[name].promise;
  }

  function loadIndex() {
    if (!indexLoad) {
      indexLoad = load("index", "", "index.js").then(function (data) {
        data.shardSet = new Set(data.shards);
        data.stopSet = new Set(data.stop);
        index = data;
        return data;
      });
      indexLoad.catch(function () {
        indexLoad = null; // try again on the next query
      });
    }
    return indexLoad;
  }

  /* A shard's file name: search_index.py's file_key. */
  function fileKey(key) {
    return Array.from(key, function (ch) {
      return /^[a-z0-9]$/i.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16);
    }).join("");
  }

  function shardKey(word) {
    return Array.from(word).slice(0, 2).join("");
  }

  function loadShard(key) {
    if (!index.shardSet.has(key)) {
      return Promise.resolve(null);
    }
    return load("words", key, "words/" + fileKey(key) + ".js");
  }

  function loadPages(numbers) {
    var chunks = Array.from(
      new Set(
        numbers.map(function (n) {
          return Math.floor(n / index.chunk);
        })
      )
    );
    return Promise.all(
      chunks.map(function (chunk) {
        return load("pages", String(chunk), "pages/" + chunk + ".js");
      })
    ).then(function () {
      return numbers.map(function (n) {
        var chunk = Math.floor(n / index.chunk);
        return files["pages/" + chunk].data[n % index.chunk];
      });
    });
  }

  /* --- words: generator/site/search_words.py, step for step ------------------------------ */

  function fold(text) {
    var letters = index.letters;
    text = text.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "");
    text = text.replace(/['\u2019]s(?![\p{L}\p{N}])/gu, "");
    text = Array.from(text, function (ch) {
      return Object.prototype.hasOwnProperty.call(letters, ch) ? letters[ch] : ch;
    }).join("");
    return text.replace(/(?<=[\p{L}\p{Nl}\p{No}])\.(?=[\p{L}\p{Nl}\p{No}])/gu, "");
  }

  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* For tests: the words of a text, once the index (with its letter rules) is loaded. */
  window.chronologySearchWords = function (text) {
    return index ? words(text) : null;
  };

  /* The words of a query, each {word, required}: stop words left out, but a last one that
     may still be being typed ("in" of "independence") is looked for without being required;
     a query of stop words alone keeps them all. The name key: the required words joined. */
  function terms(query) {
    var all = Array.from(new Set(words(query)));
    var typing = /[\p{L}\p{N}]$/u.test(fold(query));
    var found = [];
    all.forEach(function (word, i) {
      if (!index.stopSet.has(word)) {
        found.push({word: word, required: true});
      } else if (typing && i === all.length - 1) {
        found.push({word: word, required: false});
      }
    });
    if (!found.some(function (term) { return term.required; })) {
      found = all.map(function (word) {
        return {word: word, required: true};
      });
    }
    return found;
  }

  /* --- scoring -------------------------------------------------------------------------- */

  var decoded = new Map(); // postings array -> [[page, where], ...]

  function postings(list) {
    var pairs = decoded.get(list);
    if (!pairs) {
      pairs = [];
      var page = 0;
      for (var i = 0; i < list.length; i++) {
        page += Math.floor(list[i] / 4);
        pairs.push([page, list[i] % 4]);
      }
      decoded.set(list, pairs);
    }
    return pairs;
  }

  /* Each page holding a word that `word` begins, with its best score for it. */
  function wordScores(word, shard) {
    var scores = new Map();
    if (!shard) {
      return scores;
    }
    Object.keys(shard.w).forEach(function (held) {
      if (!held.startsWith(word)) {
        return;
      }
      var share = held === word ? 1 : 0.5 + (0.5 * word.length) / held.length;
      postings(shard.w[held]).forEach(function (pair) {
        var score = WEIGHTS[pair[1]] * share;
        if (!(scores.get(pair[0]) >= score)) {
          scores.set(pair[0], score);
        }
      });
    });
    return scores;
  }

  /* Pages one of whose names is `key`, or begins with it. */
  function nameScores(key, shard) {
    var scores = new Map();
    if (!shard || !key) {
      return scores;
    }
    Object.keys(shard.p).forEach(function (name) {
      if (!name.startsWith(key)) {
        return;
      }
      var score = name === key ? NAME_BONUS : (NAME_START_BONUS * key.length) / name.length;
      var page = 0;
      shard.p[name].forEach(function (gap) {
        page += gap;
        if (!(scores.get(page) >= score)) {
          scores.set(page, score);
        }
      });
    });
    return scores;
  }

  /* The pages matching `query`, best first: [page number, ...]. */
  function search(query) {
    return loadIndex().then(function () {
      var wanted = terms(query);
      var key = wanted
        .filter(function (term) { return term.required; })
        .map(function (term) { return term.word; })
        .join("");
      var keys = new Set(wanted.map(function (term) { return shardKey(term.word); }));
      if (key) {
        keys.add(shardKey(key));
      }
      var shards = {};
      return Promise.all(
        Array.from(keys, function (k) {
          return loadShard(k).then(function (shard) {
            shards[k] = shard;
          });
        })
      ).then(function () {
        var total = null;
        wanted.forEach(function (term) {
          var scores = wordScores(term.word, shards[shardKey(term.word)]);
          if (!term.required) {
            if (total) {
              scores.forEach(function (score, page) {
                if (total.has(page)) {
                  total.set(page, total.get(page) + score);
                }
              });
            }
            return;
          }
          if (total === null) {
            total = scores;
            return;
          }
          var both = new Map();
          scores.forEach(function (score, page) {
            if (total.has(page)) {
              both.set(page, total.get(page) + score);
            }
          });
          total = both;
        });
        total = total || new Map();
        nameScores(key, shards[shardKey(key)]).forEach(function (score, page) {
          total.set(page, (total.get(page) || 0) + score);
        });
        return Array.from(total.keys()).sort(function (a, b) {
          return total.get(b) - total.get(a) || a - b;
        });
      });
    });
  }

  /* --- the box and its results ---------------------------------------------------------- */

  var latest = 0; // the number of the latest query run; older answers are dropped
  var found = []; // the latest query's pages, best first
  var shownTerms = []; // its words, folded, marked in the results shown
  var timer = null;
  var running = Promise.resolve(); // the latest run

  function showOutput(shown) {
    root.classList.toggle("chr-search--results", shown);
  }

  function plural(count) {
    return count.toLocaleString("en") + (count === 1 ? " result" : " results");
  }

  /* A word as a reader sees it: letters, marks and digits, with the dots and apostrophes
     inside it ("U.S.", "Iraq's"), which fold() joins or drops. */
  var SHOWN_WORD = /[\p{L}\p{M}\p{N}]+(?:[.'\u2019][\p{L}\p{M}\p{N}]+)*\.?/gu;

  /* `text` as nodes, each word that begins with one of `wanted` (the query's words, folded)
     in a <mark>: why the page was found, seen at a glance. Text nodes only: nothing in the
     index is ever read as HTML. */
  function marked(text, wanted) {
    var nodes = [];
    var last = 0;
    text.replace(SHOWN_WORD, function (word, at) {
      var hit = words(word).some(function (folded) {
        return wanted.some(function (term) { return folded.startsWith(term); });
      });
      if (hit) {
        nodes.push(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        nodes.push(mark);
        last = at + word.length;
      }
      return word;
    });
    nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  }

  function result(page) {
    var item = document.createElement("li");
    item.className = "chr-search__result";
    var link = document.createElement("a");
    link.href = base + page[1];
    var kind = document.createElement("span");
    kind.className = "chr-search__kind";
    kind.textContent = page[2];
    var title = document.createElement("span");
    title.className = "chr-search__title";
    title.append.apply(title, marked(page[0], shownTerms));
    link.append(title, kind);
    if (page[3]) {
      var snippet = document.createElement("span");
      snippet.className = "chr-search__snippet";
      snippet.append.apply(snippet, marked(page[3], shownTerms));
      link.append(snippet);
    }
    item.append(link);
    return item;
  }

  /* Show the next SHOWN results of `found` (the first ones when `fresh`). */
  function showMore(run, fresh) {
    var from = fresh ? 0 : list.children.length;
    var numbers = found.slice(from, from + SHOWN);
    return loadPages(numbers).then(function (pages) {
      if (run !== latest) {
        return;
      }
      if (fresh) {
        list.replaceChildren();
      }
      list.append.apply(list, pages.map(result));
      more.hidden = list.children.length >= found.length;
    });
  }

  /* Run the query in the box; resolves when its first results are shown. */
  function run() {
    clearTimeout(timer);
    timer = null;
    var query = input.value;
    var current = ++latest;
    if (!query.trim()) {
      found = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      root.removeAttribute("data-answered");
      showOutput(false);
      running = Promise.resolve();
      return running;
    }
    showOutput(true);
    running = search(query)
      .then(function (pages) {
        if (current !== latest) {
          return;
        }
        found = pages;
        shownTerms = terms(query).map(function (term) { return term.word; });
        return showMore(current, true).then(function () {
          if (current === latest) {
            status.textContent = pages.length ? plural(pages.length) : "No results";
            // Which query the results shown answer (tests and scripts/bench_search.py).
            root.setAttribute("data-answered", query);
          }
        });
      })
      .catch(function (error) {
        // Said in the box, and logged; `running` itself settles, so Enter waits for nothing.
        if (current === latest) {
          status.textContent = "The search could not load its index.";
        }
        console.error(error);
      });
    return running;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function open() {
    root.classList.add("chr-search--open");
    opener.setAttribute("aria-expanded", "true");
    loadIndex();
    input.focus();
  }

  /* Results hidden; on a narrow screen the box closed too, and the focus back on its
     button. The query stays, to be seen again on coming back. */
  function close() {
    showOutput(false);
    if (root.classList.contains("chr-search--open")) {
      root.classList.remove("chr-search--open");
      opener.setAttribute("aria-expanded", "false");
      if (!WIDE.matches) {
        opener.focus();
      }
    }
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  input.addEventListener("input", function (event) {
    if (!event.isComposing) {
      schedule();
    }
  });
  input.addEventListener("compositionend", run);
  input.addEventListener("focus", function () {
    loadIndex();
    if (!input.value.trim()) {
      return;
    }
    // A query kept by the browser (back to this page) is run; one already answered shown.
    if (root.getAttribute("data-answered") === input.value) {
      showOutput(true);
    } else {
      run();
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.isComposing) {
      return;
    }
    if (event.key === "Enter") {
      event.preventDefault();
      // The first result of what is in the box, once it is shown.
      (timer !== null ? run() : running).then(function () {
        var first = links()[0];
        if (first) {
          first.click();
        }
      });
    } else if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      showOutput(true);
      links()[0].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) {
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      (all[at + 1] || (more.hidden ? all[at] : more)).focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (all[at - 1] || input).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
      close();
    }
  });
  more.addEventListener("keydown", function (event) {
    if (event.key === "ArrowUp") {
      event.preventDefault();
      links()[links().length - 1].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
      close();
    }
  });
  more.addEventListener("click", function () {
    var next = list.children.length;
    showMore(latest, false).then(function () {
      var all = links();
      if (all[next]) {
        all[next].focus();
      }
    });
  });
  opener.addEventListener("click", function () {
    if (root.classList.contains("chr-search--open")) {
      close();
    } else {
      open();
    }
  });
  closer.addEventListener("click", function () {
    input.value = "";
    run();
    close();
    if (WIDE.matches) {
      input.focus();
    }
  });
  // A click or a focus elsewhere on the page hides the results.
  document.addEventListener("pointerdown", function (event) {
    if (!box.contains(event.target) && !opener.contains(event.target)) {
      close();
    }
  });
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) {
      close();
    }
  });
  // "/", "s" or "f" anywhere but in a field opens the search, as in Material.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (
      event.ctrlKey || event.metaKey || event.altKey || event.isComposing ||
      ["/", "s", "f"].indexOf(event.key) < 0 ||
      (target instanceof HTMLElement &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))
    ) {
      return;
    }
    event.preventDefault();
    open();
  });

  root.hidden = false;
})();
