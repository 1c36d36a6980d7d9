"""The data of one tariff for the calculator, serialised as JSON that can never break out of its script element.

The pricing engine (`templates/assets/registre/tarifs-moteur.js`) and the form
(`templates/assets/registre/tarifs-calculateur.js`) are static files, the same for every tariff; each tariff
page embeds only its data, built here from the model the Python pricing (generator/tariffs/pricing.py) reads,
in a `<script type="application/json" data-registre-tariff-data="<id>">` block.

Data format (version `DATA_FORMAT`; the engine refuses any other):

- `format`, `id`, `title`, `currency`, `tax_basis` (`"TTC"`, `"HT"` or null), `unit`, `period` (`"month"`, `"year"`);
- `periods_per_year` and `max_periods`: the pricing constants for this tariff's period;
- `parameters`: names of the form fields (and URL parameters) for the number of periods and the date;
- `period_words`: the words of the period (`one`, `many`, `per`, `count_label`);
- `dimensions` (`id`, `label`, `values`: `id`, `label`), `quantities` (`id`, `label`, `default`, `maximum`),
  `options` (`id`, `label`, `default`), `lines` (`component`, `quantity`, `option` or null);
- `versions`, oldest first: `slug` (anchor of the version on the page), `valid_from`, `valid_until` (ISO dates,
  `valid_until` null when open-ended), `components` (`id`, `label`, `over`, `prices`: an integer number of cents,
  or an object by value id of `over[0]`, then of `over[1]`).

Amounts are integer cents: the engine never sees a float. The JSON is compact, its keys sorted, and the
characters that could end a script or open an HTML comment (`<`, `>`, `&`) or end a JavaScript line
(U+2028, U+2029) are written as `\\uXXXX` escapes, so a label containing `</script>` stays a label.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.register import models
from generator.tariffs.pricing import (
    DATE_PARAMETER,
    MAX_PERIODS,
    PERIOD_PARAMETERS,
    PERIODS_PER_YEAR,
    cents,
    version_slug,
)

#: version of the data format; `FORMAT` in templates/assets/registre/tarifs-moteur.js must be the same
DATA_FORMAT = 1

#: words of the calculator by kind of period
PERIOD_WORDS = {
    "month": {"one": "mois", "many": "mois", "per": "par mois", "count_label": "Nombre de mois"},
    "year": {"one": "an", "many": "ans", "per": "par an", "count_label": "Nombre d’années"},
}

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> Markup:
    """JSON for plain data (dicts, lists, str, int, bool, None), safe as the content of any script element.

    Returned as Markup so the templates' HTML escaping leaves it alone: the escaping here is the script one
    (the content of a script element is not HTML-decoded, so `&quot;` would reach JSON.parse as is).
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for character, escape in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escape)
    return Markup(text)


def _grid_cents(prices: models.PriceGrid) -> int | dict:
    if isinstance(prices, dict):
        return {key: _grid_cents(value) for key, value in prices.items()}
    return cents(prices)


def tariff_data(tariff: models.Tariff) -> dict:
    """Everything the engine and the form need to price a tariff, amounts in integer cents."""
    return {
        "format": DATA_FORMAT,
        "id": tariff.id,
        "title": tariff.title,
        "currency": tariff.currency,
        "tax_basis": tariff.tax_basis,
        "unit": tariff.unit,
        "period": tariff.period,
        "periods_per_year": PERIODS_PER_YEAR[tariff.period],
        "max_periods": MAX_PERIODS,
        "parameters": {"periods": PERIOD_PARAMETERS[tariff.period], "date": DATE_PARAMETER},
        "period_words": PERIOD_WORDS[tariff.period],
        "dimensions": [
            {"id": d.id, "label": d.label, "values": [{"id": v.id, "label": v.label} for v in d.values]}
            for d in tariff.dimensions
        ],
        "quantities": [
            {"id": q.id, "label": q.label, "default": q.default, "maximum": q.maximum} for q in tariff.quantities
        ],
        "options": [{"id": o.id, "label": o.label, "default": o.default} for o in tariff.options],
        "lines": [
            {"component": line.component, "quantity": line.quantity, "option": line.option} for line in tariff.lines
        ],
        "versions": [
            {
                "slug": version_slug(version),
                "valid_from": version.valid_from.isoformat(),
                "valid_until": version.valid_until.isoformat() if version.valid_until else None,
                "components": [
                    {"id": c.id, "label": c.label, "over": list(c.over), "prices": _grid_cents(c.prices)}
                    for c in version.components
                ],
            }
            for version in tariff.versions
        ],
    }


def tariff_data_json(tariff: models.Tariff) -> Markup:
    """The tariff's data as the content of its `<script type="application/json">` block."""
    return script_json(tariff_data(tariff))
