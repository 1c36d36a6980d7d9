// Copy buttons: shown only when JavaScript can copy; the text stays selectable without it.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  var source = document.getElementById(button.getAttribute("data-copy-target"));
  var status = button.parentNode.querySelector("[role=status]");
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value || source.textContent).then(
      function () { if (status) status.textContent = "Référence copiée."; },
      function () { source.select(); if (status) status.textContent = "Sélectionnée : copiez avec Ctrl+C."; }
    );
  });
});

// Material wraps wide tables in a scrolling box; make it reachable and named for keyboard users (RGAA 12.13).
// Each box is named by the table's caption, else by the paragraph just before it (its title), kept unique.
function registreScrollableTables() {
  var used = {};
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box, index) {
    if (box.hasAttribute("tabindex") || box.querySelector("a, button, input, select, textarea, [tabindex]")) return;
    var caption = box.querySelector("caption");
    var before = box.previousElementSibling;
    var name = caption ? caption.textContent.trim() : (before && before.tagName === "P" ? before.textContent.trim() : "");
    name = name || "Tableau " + (index + 1);
    if (used[name]) name += " (" + (index + 1) + ")";
    used[name] = true;
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name);
  });
}
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(registreScrollableTables);
} else {
  document.addEventListener("DOMContentLoaded", registreScrollableTables);
}
