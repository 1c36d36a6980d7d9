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

// Tables wider than their box scroll inside it, never the page (registre.css draws shadows at its edges).
// Every scrolling box is reachable and named for keyboard users (RGAA 12.13), by the table's caption, else by the
// paragraph just before it (its title), kept unique; while its table does not fit, a hint says to scroll it.
var registreScrollNames = {};
var registreScrollCount = 0;
var SCROLL_HINT = "Faites défiler le tableau horizontalement pour voir toutes ses colonnes.";

function registreScrollName(box) {
  var caption = box.querySelector("caption");
  var before = box.previousElementSibling;
  var name = caption ? caption.textContent.trim() : (before && before.tagName === "P" ? before.textContent.trim() : "");
  name = name || "Tableau " + registreScrollCount;
  if (registreScrollNames[name]) name += " (" + registreScrollCount + ")";
  registreScrollNames[name] = true;
  return name;
}

function registreScrollBox(box) {
  if (box.registreScroll) return;
  box.registreScroll = true;
  registreScrollCount += 1;
  var focusable = box.hasAttribute("tabindex");
  if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", registreScrollName(box));
  var hint = box.querySelector(".registre-scroll__hint");
  if (!hint) {
    hint = document.createElement("p");
    hint.className = "registre-scroll__hint";
    hint.textContent = SCROLL_HINT;
    hint.hidden = true;
    box.insertBefore(hint, box.firstChild);
  }
  if (!hint.id) hint.id = "defilement-" + registreScrollCount;
  var check = function () {
    var overflowing = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("registre-scroll--overflow", overflowing);
    hint.hidden = !overflowing;
    if (overflowing) box.setAttribute("aria-describedby", hint.id);
    else box.removeAttribute("aria-describedby");
    if (focusable) return;
    if (overflowing) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
    }
  };
  check();
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(check);
    observer.observe(box);
    Array.prototype.forEach.call(box.children, function (child) { observer.observe(child); });
  } else {
    window.addEventListener("resize", check);
  }
}

function registreScrollBoxes() {
  document.querySelectorAll(".registre-scroll, .registre-table, .md-typeset__scrollwrap").forEach(function (box) {
    if (box.parentElement && box.parentElement.closest(".registre-scroll, .registre-table")) return;  // the outer box scrolls
    registreScrollBox(box);
  });
}
window.registreScrollBox = registreScrollBox;
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(registreScrollBoxes);
} else {
  document.addEventListener("DOMContentLoaded", registreScrollBoxes);
}
