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
    translations: { placeholder: "Rechercher dans les conventions" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
