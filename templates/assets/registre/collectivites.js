// « Trouver ma collectivité » (home page): filters the list of organisations as one types. Without
// JavaScript the list is a plain list of links and the filter stays hidden.
(function () {
  var finder = document.querySelector("[data-registre-finder]");
  if (!finder) return;
  var filter = finder.querySelector(".registre-finder__filter");
  var input = finder.querySelector("input[type=search]");
  var status = finder.querySelector("[role=status]");
  var folded = finder.querySelector("details");
  var items = Array.prototype.slice.call(finder.querySelectorAll("[data-finder-key]"));
  var groups = Array.prototype.slice.call(finder.querySelectorAll(".registre-finder__group"));
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

  function countText(shown) {
    if (shown === 0) return "Aucune organisation ne correspond.";
    var noun = shown > 1 ? " organisations affichées" : " organisation affichée";
    return shown + noun + " sur " + items.length + ".";
  }

  var pending = null;
  function apply() {
    var words = normalise(input.value).split(" ").filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var key = " " + item.getAttribute("data-finder-key");
      var matches = words.every(function (word) { return key.indexOf(" " + word) !== -1; });
      item.hidden = !matches;
      if (matches) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-finder-key]:not([hidden])");
    });
    if (folded && words.length) folded.open = true;
    // Announced once typing pauses, not at every key.
    clearTimeout(pending);
    pending = setTimeout(function () { status.textContent = words.length ? countText(shown) : ""; }, 250);
  }

  filter.hidden = false;
  input.addEventListener("input", apply);
  if (input.value) apply();
})();
