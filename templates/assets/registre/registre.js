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
