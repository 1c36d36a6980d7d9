// The search page: the form of /recherche/ driven by Pagefind's JavaScript API (pagefind.js).
//
// Pagefind cannot cancel a search once started, and at a few thousand conventions a search for a word
// found everywhere takes a tenth of a second or more. So at most one search runs at a time: keys typed
// meanwhile only replace the one waiting, and results of a query already overtaken are not shown.
// The state (query, filters, order) lives in the URL, so a search can be shared and the header form lands here.
//
// What Pagefind alone does not do for French, done here (see also generator/publishing/search_index.py):
// - elided words: the index splits `l’adhérent` into `l` and `adhérent`, and the query is split the same way,
//   its elided articles dropped; the index's texts are given back their apostrophes (`readerText`);
// - a word found nowhere: Pagefind then searches ever shorter beginnings of it, down to a single letter
//   (« anticonstitutionnel » finds « à »); such results are not shown (`foundEveryWord`);
// - exact phrases, between "…" or « … »: the results are those whose text has the words in that order.
(function () {
  var form = document.getElementById("registre-search");
  var input = document.getElementById("registre-search-input");
  var status = document.getElementById("registre-search-status");
  var output = document.getElementById("registre-search-results");
  if (!form || !input || !status || !output) return;

  var TYPING_PAUSE_MS = 100;     // a search starts once typing pauses this long
  var LIVE_MINIMUM = 3;          // shorter words are searched on submit only (they match most of the register)
  var FIRST_SEARCH_LENGTH = 5;   // see the input handler
  var ANNOUNCE_PAUSE_MS = 800;   // results found while the reader types are announced once typing pauses this long
  var BATCH = 5;                 // results shown at once; each costs one fragment download
  var SUB_RESULTS = 3;           // articles shown under each convention
  var SHORTEST_CHECKED = 3;      // shorter query words are not checked against the words Pagefind found

  // Apostrophes, and the ASCII marks that stand for them in the index (search_index.APOSTROPHE_MARKS).
  var APOSTROPHES = /[\u2019'\u02bc`^]/;
  var MARKS = [[/([\p{L}\p{N}_])`(?=[\p{L}\p{N}_])/gu, "$1\u2019"], [/([\p{L}\p{N}_])\^(?=[\p{L}\p{N}_])/gu, "$1\u02bc"]];
  var ELIDED = ["l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu"];
  var PHRASE = /"([^"]*)"|\u00ab([^\u00bb]*)\u00bb|\u201c([^\u201d]*)\u201d/g;

  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  // Filters whose values the page lists are left out of the first load: Pagefind counts every filter it has
  // loaded on every search, and these are only worth that time once a reader uses them.
  var readFromIndex = selects.filter(function (select) { return !select.hasAttribute("data-listed"); });
  var clauseTypeSelect = form.querySelector("select[data-anchors-filter]");
  var sortSelect = document.getElementById("registre-search-sort");
  var signatureFilter = form.getAttribute("data-signature-filter");
  // The filters Pagefind has loaded, and so counts on every search.
  var counted = readFromIndex.map(function (select) { return select.getAttribute("data-filter"); });
  var pagefind = null;
  var loading = null;
  var waiting = null;     // the newest query not searched yet
  var running = false;
  var shown = null;       // the query whose results are on screen
  var results = [];
  var timer = null;
  var searched = false;   // whether this page has run a search yet
  var lastInput = -Infinity;
  var announcement = null;

  function load() {
    if (!loading) {
      // Resolved against the page: import() would resolve a relative path against this script's address.
      var bundle = new URL(form.getAttribute("data-bundle"), document.baseURI);
      var siteRoot = new URL("..", bundle).pathname;
      loading = import(new URL("pagefind.js", bundle).href).then(function (module) {
        return module.options({ excerptLength: 30, baseUrl: siteRoot }).then(function () {
          return module.init();
        }).then(function () {
          pagefind = module;
          // Pagefind's start-up work for a first search (about 50 ms) is done now rather than on the reader's
          // query, with a word that no part of the index can hold: a halfwidth Hangul letter, whose UTF-8
          // bytes sort after every French word (a word like "zzzzzz" can still fall in the last index chunk's
          // range and fetch it). Naming the filters loads them, and the answer lists all their values.
          var filters = {};
          readFromIndex.forEach(function (select) { filters[select.getAttribute("data-filter")] = []; });
          return module.search("\uffda", { filters: filters });
        });
      }).then(function (warmUp) { fillFilters(warmUp.totalFilters); });
    }
    return loading;
  }

  function fillFilters(available) {
    selects.forEach(function (select) {
      var wanted = select.getAttribute("data-wanted") || select.value;
      if (select.hasAttribute("data-listed")) {
        select.value = wanted;
        if (select.selectedIndex < 0) select.value = "";
        return;
      }
      var values = Object.keys(available[select.getAttribute("data-filter")] || {});
      values.sort(function (a, b) { return a.localeCompare(b, "fr"); });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        option.setAttribute("data-label", value);
        select.appendChild(option);
      });
      select.value = values.indexOf(wanted) >= 0 ? wanted : "";
    });
    form.querySelector(".registre-search__filters").hidden = false;
  }

  // Text without case, accents, apostrophes or punctuation: words separated by single spaces.
  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // A text of the index as the reader knows it: its apostrophes back.
  function readerText(text) {
    return MARKS.reduce(function (result, mark) { return result.replace(mark[0], mark[1]); }, text || "");
  }

  // The words to give Pagefind, split on apostrophes like the index, without elided articles (« l’ », « qu’ »);
  // the query's words, to check what Pagefind found; its exact phrases.
  function parse(text) {
    var phrases = [];
    var match;
    PHRASE.lastIndex = 0;
    while ((match = PHRASE.exec(text))) {
      var phrase = fold(match[1] || match[2] || match[3]);
      if (phrase) phrases.push(phrase);
    }
    var words = [];
    text.replace(/["\u00ab\u00bb\u201c\u201d]/g, " ").split(/\s+/).forEach(function (token) {
      var parts = token.split(APOSTROPHES);
      parts.forEach(function (part, index) {
        if (index < parts.length - 1 && ELIDED.indexOf(fold(part)) >= 0) return;
        if (fold(part)) words.push(part);
      });
    });
    return { words: words.join(" "), checked: fold(words.join(" ")).split(" "), phrases: phrases };
  }

  function currentQuery() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = [select.value];
    });
    var term = input.value.trim();
    var sort = sortSelect ? sortSelect.value : "";
    return { term: term, parsed: parse(term), filters: filters, sort: sort,
             key: term + "\u0000" + JSON.stringify(filters) + "\u0000" + sort };
  }

  function hasFilters(query) { return Object.keys(query.filters).length > 0; }

  function request(query) {
    waiting = query;
    if (!running) pump();
  }

  function pump() {
    running = true;
    searched = true;
    var query = waiting;
    waiting = null;
    load().then(function () {
      return execute(query);
    }).then(function (found) {
      // Overtaken while it ran (a newer query waits, or the form no longer asks for it): not shown.
      if (waiting || query.key !== currentQuery().key) return null;
      if (query.countsOnly) return updateCounts(found.filters);
      return show(query, found);
    }).catch(unavailable).then(function () {
      running = false;
      if (waiting) pump();
    });
  }

  // Pagefind's search, then what it does not do: the results (each with `data()`) and the counts of the
  // loaded filters' values.
  function execute(query) {
    if (!query.parsed.words) return Promise.resolve({ results: [], filters: countsOf([], {}) });
    var options = { filters: Object.assign({}, query.filters) };
    // Naming a filter loads it: from then on Pagefind counts it.
    counted.forEach(function (name) { if (!options.filters[name]) options.filters[name] = []; });
    if (query.sort && sortSelect) {
      options.sort = {};
      options.sort[sortSelect.getAttribute("data-sort-key")] = query.sort;
    }
    return pagefind.search(query.parsed.words, options).then(function (search) {
      if (!search.results.length) return { results: [], filters: search.filters };
      // Pagefind shortens a word found nowhere for every page alike: the first result tells.
      return search.results[0].data().then(function (first) {
        if (!foundEveryWord(first, query.parsed.checked)) return { results: [], filters: countsOf([], search.filters) };
        if (!query.parsed.phrases.length) return { results: search.results, filters: search.filters };
        return Promise.all(search.results.map(function (result) { return result.data(); })).then(function (all) {
          var kept = all.filter(function (data) { return hasPhrases(data, query.parsed.phrases); });
          return {
            results: kept.map(function (data) { return { data: function () { return Promise.resolve(data); } }; }),
            filters: countsOf(kept, search.filters)
          };
        });
      });
    });
  }

  // Whether each query word is the beginning of a word Pagefind found on the page, or shares with it a
  // beginning at least half its length (the part its stemming keeps: « résiliation » finds « résilier »).
  function foundEveryWord(data, words) {
    var content = data.content.split(/\s+/);
    var found = fold((data.locations || []).map(function (at) { return content[at] || ""; }).join(" ") + " " +
      ((data.meta && data.meta.title) || "")).split(" ");
    return words.every(function (word) {
      if (word.length < SHORTEST_CHECKED) return true;
      var needed = Math.min(word.length, Math.max(SHORTEST_CHECKED, Math.floor(word.length / 2)));
      return found.some(function (other) {
        var same = 0;
        while (same < word.length && word.charAt(same) === other.charAt(same)) same++;
        return same >= needed;
      });
    });
  }

  function hasPhrases(data, phrases) {
    var text = " " + fold(data.content) + " ";
    return phrases.every(function (phrase) { return text.indexOf(" " + phrase + " ") >= 0; });
  }

  // The counts of the values of the filters Pagefind counted, over the pages kept.
  function countsOf(kept, counts) {
    var result = {};
    Object.keys(counts).forEach(function (name) {
      result[name] = {};
      Object.keys(counts[name]).forEach(function (value) { result[name][value] = 0; });
      kept.forEach(function (data) {
        ((data.filters || {})[name] || []).forEach(function (value) { result[name][value] = (result[name][value] || 0) + 1; });
      });
    });
    return result;
  }

  function unavailable() {
    announce("La recherche n’a pas pu être chargée. Rechargez la page pour réessayer.", false);
  }

  // The status line is a live region: a screen reader reads each change. Results shown while the reader
  // types are announced once typing pauses, so that only the count of the word typed is read out.
  function announce(text, live) {
    clearTimeout(announcement);
    var wait = live ? lastInput + ANNOUNCE_PAUSE_MS - performance.now() : 0;
    if (wait <= 0) {
      status.textContent = text;
      return;
    }
    announcement = setTimeout(function () { announce(text, live); }, wait);
  }

  function show(query, found) {
    shown = query;
    results = found.results;
    updateCounts(found.filters);
    output.textContent = "";
    if (!results.length) {
      announce("Aucune convention ne correspond à « " + query.term + " »" +
        (hasFilters(query) ? " avec ces filtres." : "."), query.live);
      return null;
    }
    var list = document.createElement("ol");
    list.className = "registre-results";
    list.setAttribute("data-query", query.term);
    output.appendChild(list);
    return more(list, query).then(function () {
      announce(results.length + (results.length > 1 ? " conventions trouvées" : " convention trouvée") +
        " pour « " + query.term + " »" + (hasFilters(query) ? " avec ces filtres" : "") + ".", query.live);
    });
  }

  // The next batch of results, rendered once all its fragments are in.
  function more(list, query) {
    var start = list.children.length;
    return Promise.all(results.slice(start, start + BATCH).map(function (result) { return result.data(); }))
      .then(function (batch) {
        if (shown !== query) return;
        batch.forEach(function (data) { list.appendChild(renderResult(data)); });
        var button = output.querySelector(".registre-results__more");
        if (button) button.remove();
        var left = results.length - list.children.length;
        if (left > 0) {
          button = document.createElement("button");
          button.type = "button";
          button.className = "registre-results__more";
          button.textContent = "Afficher " + Math.min(left, BATCH) + " résultats de plus (" + left + " restants)";
          button.addEventListener("click", function () {
            var first = list.children.length;
            more(list, query).then(function () {
              var link = list.children[first] && list.children[first].querySelector("a");
              if (link) link.focus();
            });
          });
          output.appendChild(button);
        }
      });
  }

  function renderResult(data) {
    var item = document.createElement("li");
    item.className = "registre-result";
    var title = document.createElement("h2");
    title.className = "registre-result__title";
    var link = document.createElement("a");
    link.className = "registre-result__link";
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(link);
    item.appendChild(title);
    var signature = signatureFilter && ((data.filters || {})[signatureFilter] || [])[0];
    if (signature) {
      var signed = document.createElement("p");
      signed.className = "registre-result__signature";
      signed.textContent = "Signature : " + signature;
      item.appendChild(signed);
    }
    var articles = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
    var clauseType = clauseTypeSelect && clauseTypeSelect.value;
    if (clauseType) articles = articlesOfType(data, articles, clauseType);
    articles = articles.sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, SUB_RESULTS);
    if (!articles.length) {
      item.appendChild(excerpt(data.excerpt));
      return item;
    }
    if (articles[0].elsewhere) {
      var note = document.createElement("p");
      note.className = "registre-result__note";
      note.textContent = "Les mots cherchés figurent ailleurs dans cette convention. Ses articles « " + clauseType + " » :";
      item.appendChild(note);
    }
    var subs = document.createElement("ul");
    subs.className = "registre-result__articles";
    articles.forEach(function (sub) {
      var entry = document.createElement("li");
      var anchor = document.createElement("a");
      anchor.href = sub.url;
      anchor.textContent = readerText(sub.title);
      entry.appendChild(anchor);
      if (sub.excerpt) entry.appendChild(excerpt(sub.excerpt));
      subs.appendChild(entry);
    });
    item.appendChild(subs);
    return item;
  }

  // With a clause type chosen, the articles shown are those of that type: the ones where the words were found,
  // or else all of them (without excerpt), since the convention was found for words elsewhere in its text.
  // A match under a clause's own sub-heading belongs to that clause.
  function articlesOfType(data, subResults, clauseType) {
    var clauses = {};
    var wanted = {};
    ((data.filters || {})[clauseTypeSelect.getAttribute("data-anchors-filter")] || []).forEach(function (value) {
      var split = value.lastIndexOf("#");
      var id = value.slice(split + 1);
      clauses[id] = true;
      if (value.slice(0, split) === clauseType) wanted[id] = true;
    });
    var owner = {};
    var current = null;
    (data.anchors || []).forEach(function (anchor) {
      var level = /^h[1-6]$/.test(anchor.element) ? Number(anchor.element.charAt(1)) : 7;
      if (clauses[anchor.id]) current = { id: anchor.id, level: level };
      else if (current && level <= current.level) current = null;
      owner[anchor.id] = current && current.id;
    });
    var found = subResults.filter(function (sub) { return sub.anchor && wanted[owner[sub.anchor.id]]; });
    if (found.length) return found;
    return (data.anchors || []).filter(function (anchor) { return wanted[anchor.id]; }).map(function (anchor) {
      return { url: data.url + "#" + anchor.id, title: readerText(anchor.text), locations: [], excerpt: "", elsewhere: true };
    });
  }

  // Pagefind's excerpt is HTML with <mark> around the words found: keep the text and the marks only.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "registre-result__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + (html || ""), "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = readerText(node.textContent);
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(readerText(node.textContent)));
      }
    });
    return paragraph;
  }

  function updateCounts(counts) {
    selects.forEach(function (select) {
      var byValue = counts[select.getAttribute("data-filter")];  // absent for a filter not loaded yet
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        option.textContent = option.getAttribute("data-label") + (byValue ? " (" + (byValue[option.value] || 0) + ")" : "");
      });
    });
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query.term) params.set("q", query.term);
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    if (query.sort) params.set(sortSelect.name, query.sort);
    var search = params.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function searchNow(live) {
    clearTimeout(timer);
    var query = currentQuery();
    query.live = live;  // typed, rather than submitted or filtered: announced once typing pauses
    // Filters refine a search for words. Pagefind answers filters alone by downloading its whole index
    // (about 9 MB at 2,000 conventions), so they are not searched alone: the lists of the page do that job.
    if (!query.term) {
      waiting = null;
      shown = null;
      output.textContent = "";
      announce(hasFilters(query) ? "Saisissez un mot à rechercher : les filtres affinent les résultats." : "", false);
      remember(query);
      return;
    }
    if (live && query.term.length < LIVE_MINIMUM) return;
    if (shown && shown.key === query.key && !waiting) return;
    remember(query);
    request(query);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    var term = input.value.trim();
    clearTimeout(timer);
    lastInput = performance.now();
    // A page's first search with results costs Pagefind 50 to 100 ms more than the next ones at 2,000
    // conventions. So it starts without waiting for a pause once the word has five letters: that cost is
    // paid while the reader types on (a shorter prefix would match too many words to be quick).
    if (!searched && term.length >= FIRST_SEARCH_LENGTH) {
      searchNow(true);
      return;
    }
    if (term.length >= LIVE_MINIMUM && pagefind) pagefind.preload(parse(term).words);
    timer = setTimeout(function () { searchNow(true); }, TYPING_PAUSE_MS);
  });
  selects.forEach(function (select) { select.addEventListener("change", function () { searchNow(false); }); });
  if (sortSelect) sortSelect.addEventListener("change", function () { searchNow(false); });
  // A filter left out of the first load is loaded, and its values counted, once a reader comes to it.
  selects.forEach(function (select) {
    var name = select.getAttribute("data-filter");
    if (!select.hasAttribute("data-listed")) return;
    select.addEventListener("focus", function () {
      if (counted.indexOf(name) >= 0) return;
      counted.push(name);
      if (shown && !waiting && shown.key === currentQuery().key) request(Object.assign({}, shown, { countsOnly: true }));
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    searchNow(false);
  });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) { select.setAttribute("data-wanted", params.get(select.name) || ""); });
  if (sortSelect && params.get(sortSelect.name)) {
    sortSelect.value = params.get(sortSelect.name);
    if (sortSelect.selectedIndex < 0) sortSelect.value = "";
  }
  var asked = input.value.trim() || selects.some(function (select) { return select.getAttribute("data-wanted"); });
  load().then(function () {
    if (asked) searchNow(false);
  }, function () {
    if (asked) unavailable();
  });
})();
