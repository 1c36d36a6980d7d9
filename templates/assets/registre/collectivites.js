// « Trouver ma collectivité » (home page). A small register's organisations are listed in the page: the field
// filters that list as one types. A larger register's are not: the field searches the index of the
// organisations (`data-index`, organisation_pages.finder_index), fetched once the reader focuses or types in
// it, and shows the first matches below it. Without JavaScript the field stays hidden: the page lists every
// organisation, or links to the list of them all.
(function () {
  var finder = document.querySelector("[data-registre-finder]");
  if (!finder) return;
  var filter = finder.querySelector(".registre-finder__filter");
  var input = finder.querySelector("input[type=search]");
  var status = finder.querySelector("[role=status]");
  if (!filter || !input || !status) return;

  // The same normalisation as the keys (organisation_pages.search_key): no accents, no case, one space
  // between words.
  function normalise(text) {
    return text
      .replace(/œ/g, "oe").replace(/Œ/g, "Oe").replace(/æ/g, "ae").replace(/Æ/g, "Ae")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(/[^a-z0-9]+/).filter(Boolean).join(" ");
  }

  // Every typed word starts a word of the key.
  function matches(key, words) {
    var spaced = " " + key;
    return words.every(function (word) { return spaced.indexOf(" " + word) !== -1; });
  }

  function typedWords() {
    return normalise(input.value).split(" ").filter(Boolean);
  }

  // Announced once typing pauses, not at every key.
  var pending = null;
  function announce(text) {
    clearTimeout(pending);
    pending = setTimeout(function () { status.textContent = text; }, 250);
  }

  function listed() {
    var items = Array.prototype.slice.call(finder.querySelectorAll("[data-finder-key]"));
    var groups = Array.prototype.slice.call(finder.querySelectorAll(".registre-finder__group"));

    function countText(shown) {
      if (shown === 0) return "Aucune organisation ne correspond.";
      var noun = shown > 1 ? " organisations affichées" : " organisation affichée";
      return shown + noun + " sur " + items.length + ".";
    }

    return function apply() {
      var words = typedWords();
      var shown = 0;
      items.forEach(function (item) {
        var found = matches(item.getAttribute("data-finder-key"), words);
        item.hidden = !found;
        if (found) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-finder-key]:not([hidden])");
      });
      announce(words.length ? countText(shown) : "");
    };
  }

  function searched() {
    var list = finder.querySelector("#registre-finder-list");
    var shownAtMost = parseInt(finder.getAttribute("data-shown"), 10) || 20;
    var root = new URL(finder.getAttribute("data-site-root") || "./", document.baseURI);
    var indexUrl = new URL(finder.getAttribute("data-index"), document.baseURI);
    var loading = null;
    var organisations = null;

    function load() {
      if (!loading) {
        loading = fetch(indexUrl.href, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (entries) { organisations = entries; })
          .catch(function () {
            loading = null;
            announce("La liste des organisations n’a pas pu être chargée : utilisez le lien « Voir toutes les organisations ».");
          });
      }
      return loading;
    }

    function countText(found) {
      if (found === 0) return "Aucune organisation ne correspond.";
      if (found === 1) return "1 organisation correspond.";
      var text = found + " organisations correspondent";
      return text + (found > shownAtMost ? ", les " + shownAtMost + " premières sont affichées." : ".");
    }

    function item(entry) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(entry.url, root).href;
      link.textContent = entry.name + (entry.short_name ? " (" + entry.short_name + ")" : "");
      var kind = document.createElement("small");
      kind.textContent = entry.kind;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      return li;
    }

    function show() {
      if (!organisations) return;  // not loaded: the failure is announced
      var words = typedWords();
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!words.length) {
        list.hidden = true;
        announce("");
        return;
      }
      var found = organisations.filter(function (entry) { return matches(entry.key, words); });
      found.slice(0, shownAtMost).forEach(function (entry) { list.appendChild(item(entry)); });
      list.hidden = found.length === 0;
      announce(countText(found.length));
    }

    input.addEventListener("focus", load);
    return function apply() {
      if (organisations) show();
      else load().then(show);
    };
  }

  var apply = finder.hasAttribute("data-index") ? searched() : listed();
  filter.hidden = false;
  input.addEventListener("input", apply);
  if (input.value) apply();
})();
