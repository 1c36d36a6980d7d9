/* Formulaire du calculateur des tarifs (assets/registre/tarifs-calculateur.js). Fichier statique, le même pour tous
 * les tarifs : il lit les champs du formulaire de la page, fait calculer l’estimation par le moteur
 * (assets/registre/tarifs-moteur.js, chargé avant lui) et l’affiche dans la zone annoncée (aria-live).
 * Chaque calculateur [data-registre-tariff="<id>"] prend ses données dans le bloc
 * <script type="application/json" data-registre-tariff-data="<id>"> de la page. Sans moteur ou sans données
 * lisibles, le calculateur reste masqué : la grille publiée reste lisible. */
(function (global) {
  "use strict";

  var engine = global.RegistreTarifsMoteur;
  if (!engine || typeof document === "undefined") return;

  var TRUE_WORDS = ["oui", "1", "on", "true"], FALSE_WORDS = ["non", "0", "off", "false"];
  var formatEuros = engine.formatEuros, formatInteger = engine.formatInteger, frenchDate = engine.frenchDate;
  var isIsoDate = engine.isIsoDate, isWhole = engine.isWhole;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function labelOf(control) {
    return control.labels && control.labels.length ? control.labels[0].textContent.trim() : control.name;
  }

  function wholeNumber(text) {
    return /^\s*\d{1,12}\s*$/.test(text) ? parseInt(text, 10) : NaN;
  }

  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function Calculator(root, tariff) {
    this.root = root;
    this.tariff = tariff;
    this.form = root.querySelector("form");
    this.output = root.querySelector("[aria-live]");
    this.periodName = tariff.parameters.periods;
    this.dateName = tariff.parameters.date;
    this.words = tariff.period_words;
    this.shown = null;
  }

  Calculator.prototype.control = function (name) {
    return this.form.elements.namedItem(name);
  };

  Calculator.prototype.applyQuery = function (search) {
    var params = new URLSearchParams(search), self = this;
    this.tariff.dimensions.forEach(function (dimension) {
      var value = params.get(dimension.id), control = self.control(dimension.id);
      var known = dimension.values.some(function (item) { return item.id === value; });
      if (value !== null && known) control.value = value;
    });
    this.tariff.quantities.forEach(function (quantity) {
      if (params.has(quantity.id)) self.control(quantity.id).value = params.get(quantity.id);
    });
    this.tariff.options.forEach(function (option) {
      var value = (params.get(option.id) || "").toLowerCase();
      if (TRUE_WORDS.indexOf(value) >= 0) self.control(option.id).checked = true;
      if (FALSE_WORDS.indexOf(value) >= 0) self.control(option.id).checked = false;
    });
    if (params.has(this.periodName)) this.control(this.periodName).value = params.get(this.periodName);
    var date = params.get(this.dateName);
    this.control(this.dateName).value = isIsoDate(date) ? date : todayIso();
  };

  Calculator.prototype.query = function () {
    var params = new URLSearchParams(), self = this;
    this.tariff.dimensions.forEach(function (d) { params.set(d.id, self.control(d.id).value); });
    this.tariff.quantities.forEach(function (q) { params.set(q.id, self.control(q.id).value); });
    this.tariff.options.forEach(function (o) { params.set(o.id, self.control(o.id).checked ? "oui" : "non"); });
    params.set(this.periodName, this.control(this.periodName).value);
    params.set(this.dateName, this.control(this.dateName).value);
    return params.toString();
  };

  /* Lit le formulaire ; renvoie {input} ou {problems: [messages]}. */
  Calculator.prototype.read = function () {
    var self = this, input = {dimensions: {}, quantities: {}, options: {}}, problems = [];
    var maxPeriods = this.tariff.max_periods;
    this.tariff.dimensions.forEach(function (d) { input.dimensions[d.id] = self.control(d.id).value; });
    this.tariff.quantities.forEach(function (q) {
      var control = self.control(q.id), value = wholeNumber(control.value);
      if (!isWhole(value, 0, q.maximum)) {
        problems.push("« " + labelOf(control) + " » : indiquez un nombre entier de 0 à " + formatInteger(q.maximum) + ".");
      }
      input.quantities[q.id] = value;
    });
    this.tariff.options.forEach(function (o) { input.options[o.id] = self.control(o.id).checked; });
    var periods = this.control(this.periodName);
    input.periods = wholeNumber(periods.value);
    if (!isWhole(input.periods, 1, maxPeriods)) {
      problems.push("« " + labelOf(periods) + " » : indiquez un nombre entier de 1 à " + formatInteger(maxPeriods) + ".");
    }
    var date = this.control(this.dateName);
    input.date = date.value;
    if (!isIsoDate(input.date)) problems.push("« " + labelOf(date) + " » : indiquez une date.");
    return problems.length ? {problems: problems} : {input: input};
  };

  Calculator.prototype.renderProblems = function (messages) {
    var list = element("ul", {}, messages.map(function (message) { return element("li", {}, [message]); }));
    return [element("p", {"class": "registre-estimate__error"}, ["L’estimation ne peut pas être calculée :"]), list];
  };

  Calculator.prototype.renderResult = function (input, result) {
    var tariff = this.tariff, words = this.words;
    var taxes = tariff.tax_basis ? " " + tariff.tax_basis : "";
    var version = engine.versionAt(tariff, input.date);
    var periodsLabel = "pour " + formatInteger(result.periods) + " " + (result.periods > 1 ? words.many : words.one);
    var summary = element("p", {"class": "registre-estimate__summary"}, [
      "Estimation : ",
      element("strong", {"data-total": "period"}, [formatEuros(result.period_total_cents)]),
      " " + words.per + taxes + ", soit ",
      element("strong", {"data-total": "year"}, [formatEuros(result.yearly_total_cents)]),
      " par an et ",
      element("strong", {"data-total": "periods"}, [formatEuros(result.total_cents)]),
      " " + periodsLabel + "."
    ]);
    var context = element("p", {"class": "registre-estimate__version"}, [
      "Grille appliquée le " + frenchDate(input.date) + " : ",
      element("a", {href: "#" + version.slug}, [
        "version en vigueur depuis le " + frenchDate(version.valid_from) +
        (version.valid_until ? " et jusqu’au " + frenchDate(version.valid_until) : "")
      ]),
      "."
    ]);
    var head = element("thead", {}, [element("tr", {}, [
      element("th", {scope: "col"}, ["Composante"]),
      element("th", {scope: "col"}, ["Cellule de la grille"]),
      element("th", {scope: "col"}, ["Prix unitaire " + words.per]),
      element("th", {scope: "col"}, ["Quantité"]),
      element("th", {scope: "col"}, ["Sous-total " + words.per])
    ])]);
    var body = element("tbody", {}, result.lines.map(function (line) {
      return element("tr", {"data-component": line.component}, [
        element("th", {scope: "row"}, [line.label]),
        element("td", {}, [element("a", {href: "#" + line.anchor}, [line.cell_label || "montant unique"])]),
        element("td", {"class": "registre-amount"}, [formatEuros(line.unit_cents)]),
        element("td", {"class": "registre-amount"}, [formatInteger(line.quantity)]),
        element("td", {"class": "registre-amount"}, [formatEuros(line.subtotal_cents)])
      ]);
    }));
    if (!result.lines.length) {
      body.appendChild(element("tr", {}, [element("td", {colspan: "5"}, ["Aucune ligne ne s’applique avec ces choix."])]));
    }
    var total = function (label, cents, name) {
      return element("tr", {}, [
        element("th", {scope: "row", colspan: "4"}, [label]),
        element("td", {"class": "registre-amount", "data-total": name}, [formatEuros(cents)])
      ]);
    };
    var foot = element("tfoot", {}, [
      total("Total " + words.per, result.period_total_cents, "period"),
      total("Total par an", result.yearly_total_cents, "year"),
      total("Total " + periodsLabel, result.total_cents, "periods")
    ]);
    var table = element("div", {"class": "registre-table"}, [element("table", {}, [
      element("caption", {}, ["Détail de l’estimation (montants" + taxes + ")"]), head, body, foot
    ])]);
    var share = element("p", {"class": "registre-estimate__share"}, [
      element("a", {href: "?" + this.query()}, ["Lien vers cette estimation"]),
      " (à copier pour la partager : il redonne les mêmes choix)."
    ]);
    return [summary, context, table, share];
  };

  Calculator.prototype.update = function () {
    var read = this.read(), nodes, key;
    if (read.problems) {
      nodes = this.renderProblems(read.problems);
      key = "problems:" + read.problems.join("|");
    } else {
      var result = engine.estimate(this.tariff, read.input);
      if (result.error === "no-version") {
        nodes = this.renderProblems(["aucune version de la grille n’est en vigueur le " + frenchDate(read.input.date) +
          " ; choisissez une autre date (versions publiées : ci-dessous)."]);
      } else if (result.error) {
        nodes = this.renderProblems(["les choix ne correspondent à aucune cellule de la grille."]);
      } else {
        nodes = this.renderResult(read.input, result);
      }
      key = JSON.stringify([read.input, result]);
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + "?" + this.query() + window.location.hash);
    }
    if (key === this.shown) return;  // nothing new to announce
    this.shown = key;
    while (this.output.firstChild) this.output.removeChild(this.output.firstChild);
    var output = this.output;
    nodes.forEach(function (node) { output.appendChild(node); });
  };

  Calculator.prototype.start = function () {
    var self = this, update = function () { self.update(); };
    this.applyQuery(window.location.search);
    this.root.hidden = false;
    this.form.addEventListener("input", update);
    this.form.addEventListener("change", update);
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    update();
  };

  /* Les données du tarif `id`, lues dans son bloc JSON ; null si elles manquent ou ne sont pas au format du moteur. */
  function tariffData(id) {
    var blocks = document.querySelectorAll('script[type="application/json"][data-registre-tariff-data]');
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].getAttribute("data-registre-tariff-data") !== id) continue;
      var data;
      try {
        data = JSON.parse(blocks[i].textContent);
      } catch (error) {
        return null;
      }
      return data && data.format === engine.format && data.id === id ? data : null;
    }
    return null;
  }

  function startAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-registre-tariff]"), function (root) {
      var tariff = tariffData(root.getAttribute("data-registre-tariff"));
      if (tariff) new Calculator(root, tariff).start();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})(this);
