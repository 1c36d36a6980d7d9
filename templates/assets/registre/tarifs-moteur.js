/* Moteur de calcul des tarifs du registre (assets/registre/tarifs-moteur.js). Fichier statique, le même pour tous
 * les tarifs : il ne connaît aucune grille. Les données d’un tarif (grilles en centimes entiers, constantes de
 * calcul) sont produites par generator/tariffs/javascript.py et publiées dans la page du tarif, dans un bloc
 * <script type="application/json" data-registre-tariff-data>.
 * Les montants sont des centimes entiers ; le résultat est identique à celui du module Python
 * generator/tariffs/pricing.py (tests/test_tariff_js.py le vérifie sur toutes les combinaisons).
 * Aucun accès au DOM : sous Node (tests), le fichier exporte le moteur ; dans le navigateur, il définit
 * window.RegistreTarifsMoteur, qu’utilise le formulaire (assets/registre/tarifs-calculateur.js). */
(function (global) {
  "use strict";

  /* Version du format des données d’un tarif (DATA_FORMAT dans generator/tariffs/javascript.py). */
  var FORMAT = 1;
  /* Typographie française, comme generator/formatting.py. */
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"];
  var NBSP = "\u00a0", NNBSP = "\u202f";

  function has(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  function isWhole(value, minimum, maximum) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value &&
      value >= minimum && value <= maximum;
  }

  /* --- Montants et dates au format français ----------------------------------------------------------- */

  function groupThousands(units) {
    var groups = [];
    while (units.length > 3) {
      groups.unshift(units.slice(-3));
      units = units.slice(0, -3);
    }
    groups.unshift(units);
    return groups.join(NNBSP);
  }

  function formatEuros(cents) {
    var sign = cents < 0 ? "-" : "";
    var absolute = Math.abs(cents);
    var rest = String(absolute % 100);
    if (rest.length < 2) rest = "0" + rest;
    return sign + groupThousands(String(Math.floor(absolute / 100))) + "," + rest + NBSP + "€";
  }

  function formatInteger(value) {
    return groupThousands(String(value));
  }

  function isIsoDate(text) {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var parts = text.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return date.getUTCFullYear() === parts[0] && date.getUTCMonth() === parts[1] - 1 && date.getUTCDate() === parts[2];
  }

  function frenchDate(iso) {
    var parts = iso.split("-").map(Number);
    return (parts[2] === 1 ? "1er" : String(parts[2])) + " " + MONTHS[parts[1] - 1] + " " + String(parts[0]);
  }

  /* --- Le calcul ------------------------------------------------------------------------------------------ */

  /* La version dont la période de validité contient la date (bornes comprises), ou null.
   * Les dates AAAA-MM-JJ se comparent comme des chaînes. */
  function versionAt(tariff, date) {
    for (var i = 0; i < tariff.versions.length; i++) {
      var version = tariff.versions[i];
      if (version.valid_from <= date && (version.valid_until === null || date <= version.valid_until)) return version;
    }
    return null;
  }

  function cellDescription(tariff, cell) {
    var parts = [];
    tariff.dimensions.forEach(function (dimension) {
      if (!has(cell, dimension.id)) return;
      dimension.values.forEach(function (value) {
        if (value.id === cell[dimension.id]) parts.push(dimension.label + " " + value.label);
      });
    });
    return parts.join(", ");
  }

  /* input : {date: "AAAA-MM-JJ", dimensions: {id: valeur}, quantities: {id: entier}, options: {id: booléen},
   *          periods: entier}. Renvoie l’estimation, ou {error: code} (mêmes codes que PricingError). */
  function estimate(tariff, input) {
    if (!tariff.versions.length) return {error: "no-grid"};
    var version = isIsoDate(input.date) ? versionAt(tariff, input.date) : null;
    if (version === null) return {error: "no-version"};
    if (!isWhole(input.periods, 1, tariff.max_periods)) return {error: "bad-periods"};
    var axes = {};
    tariff.dimensions.forEach(function (dimension) { axes[dimension.id] = dimension; });
    var dimensions = input.dimensions || {};
    for (var key in dimensions) {
      if (!has(dimensions, key)) continue;
      if (!has(axes, key)) return {error: "bad-dimension"};
      var known = axes[key].values.some(function (value) { return value.id === dimensions[key]; });
      if (!known) return {error: "bad-dimension"};
    }
    var counts = {};
    for (var q = 0; q < tariff.quantities.length; q++) {
      var quantity = tariff.quantities[q];
      var count = has(input.quantities, quantity.id) ? input.quantities[quantity.id] : quantity.default;
      if (!isWhole(count, 0, quantity.maximum)) return {error: "bad-quantity"};
      counts[quantity.id] = count;
    }
    var chosen = {};
    tariff.options.forEach(function (option) {
      chosen[option.id] = has(input.options, option.id) ? Boolean(input.options[option.id]) : option.default;
    });
    var components = {};
    version.components.forEach(function (component) { components[component.id] = component; });
    var lines = [];
    for (var l = 0; l < tariff.lines.length; l++) {
      var line = tariff.lines[l];
      if (line.option !== null && !chosen[line.option]) continue;
      var component = components[line.component];
      var keys = [], cell = {}, price = component.prices;
      for (var a = 0; a < component.over.length; a++) {
        var axis = component.over[a];
        if (!has(dimensions, axis)) return {error: "bad-dimension"};
        keys.push(dimensions[axis]);
        cell[axis] = dimensions[axis];
        price = price[dimensions[axis]];
      }
      lines.push({
        component: component.id,
        label: component.label,
        cell: cell,
        cell_label: cellDescription(tariff, cell),
        anchor: [version.slug, component.id].concat(keys).join("-"),
        unit_cents: price,
        quantity_id: line.quantity,
        quantity: counts[line.quantity],
        subtotal_cents: price * counts[line.quantity]
      });
    }
    var periodTotal = 0;
    lines.forEach(function (item) { periodTotal += item.subtotal_cents; });
    return {
      version: version.valid_from,
      lines: lines,
      periods: input.periods,
      period_total_cents: periodTotal,
      yearly_total_cents: periodTotal * tariff.periods_per_year,
      total_cents: periodTotal * input.periods
    };
  }

  var api = {
    format: FORMAT,
    estimate: estimate,
    versionAt: versionAt,
    cellDescription: cellDescription,
    isWhole: isWhole,
    isIsoDate: isIsoDate,
    formatEuros: formatEuros,
    formatInteger: formatInteger,
    frenchDate: frenchDate
  };

  if (typeof module === "object" && module && module.exports) module.exports = api;
  else global.RegistreTarifsMoteur = api;
})(this);
