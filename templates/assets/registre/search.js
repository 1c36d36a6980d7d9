// Pagefind's interface on the search page; the query comes from ?q= so header and home forms land here.
(function () {
  var host = document.getElementById("registre-search");
  if (!host || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#registre-search",
    bundlePath: host.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    // Pagefind waits 300 ms after a keystroke by default; its search takes a few milliseconds.
    debounceTimeoutMs: 100,
    translations: { placeholder: "Rechercher dans les conventions" }
  });
  // Pagefind's field is named by its title only: give it a visible label (RGAA 11.1).
  var input = host.querySelector(".pagefind-ui__search-input");
  if (input && !input.id) {
    input.id = "registre-search-input";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "registre-search__label";
    label.textContent = "Rechercher dans les conventions";
    host.insertBefore(label, host.firstChild);
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
