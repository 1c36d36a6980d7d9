/* Formulaire du calculateur des tarifs (assets/registre/tarifs-calculateur.js). Fichier statique, le même pour tous
 * les tarifs : il lit les champs du formulaire de la page, fait calculer l’estimation par le moteur
 * (assets/registre/tarifs-moteur.js, chargé avant lui) et l’affiche ; une zone à part (aria-live) annonce seulement
 * le total, une fois la saisie terminée. Un champ invalide est marqué (aria-invalid) et relié à son message.
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
  var SETTLE_MS = 800;  // the total is announced once typing has paused this long

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

  function pad(n) {
    return (Number(n) < 10 ? "0" : "") + Number(n);
  }

  function todayIso() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* Le champ de date s’écrit jj/mm/aaaa (22/11/2026 ; 22.11.2026 et 22-11-2026 aussi) ; l’adresse et le moteur
   * gardent AAAA-MM-JJ, que le champ accepte aussi. Renvoie la date AAAA-MM-JJ, ou null si elle n’existe pas. */
  function isoFromField(text) {
    var value = String(text).trim();
    if (isIsoDate(value)) return value;
    var match = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(value);
    if (!match) return null;
    var iso = match[3] + "-" + pad(match[2]) + "-" + pad(match[1]);
    return isIsoDate(iso) ? iso : null;
  }

  function fieldFromIso(iso) {
    var parts = iso.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function Calculator(root, tariff) {
    this.root = root;
    this.tariff = tariff;
    this.form = root.querySelector("form");
    this.output = root.querySelector(".registre-estimate");
    this.announcer = root.querySelector(".registre-estimate__announce");
    this.periodName = tariff.parameters.periods;
    this.dateName = tariff.parameters.date;
    this.words = tariff.period_words;
    this.shown = null;
    this.announced = null;
    this.timer = null;
    this.errors = {};
    this.describedBy = {};
  }

  /* Les champs que l’on tape, donc que l’on peut mal remplir. */
  Calculator.prototype.typedNames = function () {
    return this.tariff.quantities.map(function (q) { return q.id; }).concat([this.periodName, this.dateName]);
  };

  /* Sous chaque champ tapé, la place de son message d’erreur. */
  Calculator.prototype.prepareFields = function () {
    var self = this;
    this.typedNames().forEach(function (name) {
      var control = self.control(name);
      var error = element("small", {"class": "registre-field__error", id: "erreur-" + control.id});
      error.hidden = true;
      control.parentNode.appendChild(error);
      self.errors[name] = error;
      self.describedBy[name] = control.getAttribute("aria-describedby") || "";
    });
  };

  /* Marque les champs en erreur (aria-invalid, message relié par aria-describedby) et démarque les autres. */
  Calculator.prototype.markFields = function (problems) {
    var self = this, wrong = {};
    problems.forEach(function (problem) { if (problem.name) wrong[problem.name] = problem.message; });
    this.typedNames().forEach(function (name) {
      var control = self.control(name), error = self.errors[name], described = self.describedBy[name];
      if (Object.prototype.hasOwnProperty.call(wrong, name)) {
        error.textContent = wrong[name];
        error.hidden = false;
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", (error.id + " " + described).trim());
      } else {
        error.textContent = "";
        error.hidden = true;
        control.removeAttribute("aria-invalid");
        if (described) control.setAttribute("aria-describedby", described);
        else control.removeAttribute("aria-describedby");
      }
    });
  };

  /* Annonce `text` une fois la saisie posée, et seulement s’il a changé depuis la dernière annonce. */
  Calculator.prototype.announce = function (text, now) {
    var self = this;
    if (this.timer) global.clearTimeout(this.timer);
    this.timer = null;
    var say = function () {
      self.timer = null;
      if (text === self.announced) return;
      self.announced = text;
      self.announcer.textContent = text;
    };
    if (now) say();
    else this.timer = global.setTimeout(say, SETTLE_MS);
  };

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
    this.control(this.dateName).value = fieldFromIso(isIsoDate(date) ? date : todayIso());
  };

  Calculator.prototype.query = function () {
    var params = new URLSearchParams(), self = this;
    this.tariff.dimensions.forEach(function (d) { params.set(d.id, self.control(d.id).value); });
    this.tariff.quantities.forEach(function (q) { params.set(q.id, self.control(q.id).value); });
    this.tariff.options.forEach(function (o) { params.set(o.id, self.control(o.id).checked ? "oui" : "non"); });
    params.set(this.periodName, this.control(this.periodName).value);
    var date = this.control(this.dateName).value;
    params.set(this.dateName, isoFromField(date) || date);
    return params.toString();
  };

  /* Lit le formulaire ; renvoie {input} ou {problems: [{name, message}]}. */
  Calculator.prototype.read = function () {
    var self = this, input = {dimensions: {}, quantities: {}, options: {}}, problems = [];
    var maxPeriods = this.tariff.max_periods;
    this.tariff.dimensions.forEach(function (d) { input.dimensions[d.id] = self.control(d.id).value; });
    this.tariff.quantities.forEach(function (q) {
      var control = self.control(q.id), value = wholeNumber(control.value);
      if (!isWhole(value, 0, q.maximum)) {
        problems.push({name: q.id, message: "« " + labelOf(control) + " » : indiquez un nombre entier de 0 à " +
          formatInteger(q.maximum) + "."});
      }
      input.quantities[q.id] = value;
    });
    this.tariff.options.forEach(function (o) { input.options[o.id] = self.control(o.id).checked; });
    var periods = this.control(this.periodName);
    input.periods = wholeNumber(periods.value);
    if (!isWhole(input.periods, 1, maxPeriods)) {
      problems.push({name: this.periodName, message: "« " + labelOf(periods) + " » : indiquez un nombre entier de 1 à " +
        formatInteger(maxPeriods) + "."});
    }
    var date = this.control(this.dateName);
    input.date = isoFromField(date.value);
    if (input.date === null) {
      problems.push({name: this.dateName, message: "« " + labelOf(date) + " » : indiquez une date qui existe, au format " +
        "jj/mm/aaaa (par exemple 22/11/2026)."});
    }
    return problems.length ? {problems: problems} : {input: input};
  };

  Calculator.prototype.renderProblems = function (problems) {
    var list = element("ul", {}, problems.map(function (problem) { return element("li", {}, [problem.message]); }));
    return [element("p", {"class": "registre-estimate__error"}, ["L’estimation ne peut pas être calculée :"]), list];
  };

  function problemsText(problems) {
    return "L’estimation ne peut pas être calculée : " + problems.map(function (p) { return p.message; }).join(" ");
  }

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
    // On a phone the detail is a list of cards: each value carries its column's name (data-label).
    var columns = ["Composante", "Cellule de la grille", "Prix unitaire " + words.per, "Quantité", "Sous-total " + words.per];
    var head = element("thead", {}, [element("tr", {}, columns.map(function (name) {
      return element("th", {scope: "col"}, [name]);
    }))]);
    var body = element("tbody", {}, result.lines.map(function (line) {
      return element("tr", {"data-component": line.component}, [
        element("th", {scope: "row"}, [line.label]),
        element("td", {"data-label": columns[1]}, [
          element("a", {href: "#" + line.anchor}, [line.cell_label || "montant unique"])
        ]),
        element("td", {"class": "registre-amount", "data-label": columns[2]}, [formatEuros(line.unit_cents)]),
        element("td", {"class": "registre-amount", "data-label": columns[3]}, [formatInteger(line.quantity)]),
        element("td", {"class": "registre-amount", "data-label": columns[4]}, [formatEuros(line.subtotal_cents)])
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
    var table = element("div", {"class": "registre-table registre-list"}, [element("table", {}, [
      element("caption", {}, ["Détail de l’estimation (montants" + taxes + ")"]), head, body, foot
    ])]);
    var share = element("p", {"class": "registre-estimate__share"}, [
      element("a", {href: "?" + this.query()}, ["Lien vers cette estimation"]),
      " (à copier pour la partager : il redonne les mêmes choix)."
    ]);
    return {nodes: [summary, context, table, share], announcement: summary.textContent};
  };

  /* Met à jour l’estimation affichée tout de suite, et son annonce une fois la saisie posée (`now` : sans attendre,
   * `silent` : sans annoncer, au chargement de la page). */
  Calculator.prototype.update = function (now, silent) {
    var read = this.read(), problems = read.problems || [], rendered = null, key;
    if (!problems.length) {
      var result = engine.estimate(this.tariff, read.input);
      if (result.error === "no-version") {
        problems = [{name: this.dateName, message: "aucune version de la grille n’est en vigueur le " +
          frenchDate(read.input.date) + " ; choisissez une autre date (versions publiées : ci-dessous)."}];
      } else if (result.error) {
        problems = [{name: null, message: "les choix ne correspondent à aucune cellule de la grille."}];
      } else {
        rendered = this.renderResult(read.input, result);
      }
      key = JSON.stringify([read.input, result]);
    } else {
      key = "problems:" + JSON.stringify(problems);
    }
    var nodes = rendered ? rendered.nodes : this.renderProblems(problems);
    var announcement = rendered ? rendered.announcement : problemsText(problems);
    this.markFields(problems);
    if (silent) this.announced = announcement;
    else this.announce(announcement, now);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + "?" + this.query() + window.location.hash);
    }
    if (key === this.shown) return;  // nothing new to announce
    this.shown = key;
    while (this.output.firstChild) this.output.removeChild(this.output.firstChild);
    var output = this.output;
    nodes.forEach(function (node) { output.appendChild(node); });
    // the shared script of every page (registre.js) marks a table that does not fit its box
    Array.prototype.forEach.call(output.querySelectorAll(".registre-table"), function (box) {
      if (typeof global.registreScrollBox === "function") global.registreScrollBox(box);
    });
  };

  Calculator.prototype.start = function () {
    var self = this, update = function () { self.update(false, false); };
    this.prepareFields();
    this.applyQuery(window.location.search);
    this.root.hidden = false;
    this.form.addEventListener("input", update);
    this.form.addEventListener("change", update);
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.update(true, false);
    });
    this.update(true, true);
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
