// The search page: the form of /recherche/ driven by Pagefind's JavaScript API (pagefind.js).
//
// Pagefind cannot cancel a search once started, and at a few thousand conventions a search for a word
// found everywhere takes a tenth of a second or more. So at most one search runs at a time: keys typed
// meanwhile only replace the one waiting, and results of a query already overtaken are not shown.
// The state (query and filters) lives in the URL, so a search can be shared and the header form lands here.
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

  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  // Filters whose values the page lists are left out of the first load: Pagefind counts every filter it has
  // loaded on every search, and these are only worth that time once a reader uses them.
  var readFromIndex = selects.filter(function (select) { return !select.hasAttribute("data-listed"); });
  var clauseTypeSelect = form.querySelector("select[data-anchors-filter]");
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

  function currentQuery() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = [select.value];
    });
    return { term: input.value.trim(), filters: filters, key: input.value.trim() + "\u0000" + JSON.stringify(filters) };
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
      return pagefind.search(query.term, { filters: query.filters });
    }).then(function (search) {
      // Overtaken while it ran (a newer query waits, or the form no longer asks for it): not shown.
      if (waiting || query.key !== currentQuery().key) return null;
      return show(query, search);
    }).catch(unavailable).then(function () {
      running = false;
      if (waiting) pump();
    });
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

  function show(query, search) {
    shown = query;
    results = search ? search.results : [];
    updateCounts(search);
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
      anchor.textContent = sub.title;
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
      return { url: data.url + "#" + anchor.id, title: anchor.text, locations: [], excerpt: "", elsewhere: true };
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
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function updateCounts(search) {
    var counts = (search && search.filters) || {};
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
    if (term.length >= LIVE_MINIMUM && pagefind) pagefind.preload(term);
    timer = setTimeout(function () { searchNow(true); }, TYPING_PAUSE_MS);
  });
  selects.forEach(function (select) { select.addEventListener("change", function () { searchNow(false); }); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    searchNow(false);
  });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) { select.setAttribute("data-wanted", params.get(select.name) || ""); });
  var asked = input.value.trim() || selects.some(function (select) { return select.getAttribute("data-wanted"); });
  load().then(function () {
    if (asked) searchNow(false);
  }, function () {
    if (asked) unavailable();
  });
})();
