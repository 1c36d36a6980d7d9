"""The tariff data handed to the generated calculator, serialised so that it can never break out of its script.

Amounts become integer cents: the JavaScript engine never sees a float. Every string is JSON-encoded and the
characters that could end a script or an HTML comment (`<`, `>`, `&`) or a JavaScript line (U+2028, U+2029)
are written as `\\uXXXX` escapes, so a label containing `</script>` stays a label.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator import formatting
from generator.register import models
from generator.tariffs.pricing import (
    DATE_PARAMETER,
    MAX_PERIODS,
    PERIOD_PARAMETERS,
    PERIODS_PER_YEAR,
    cents,
    version_slug,
)

#: words of the calculator by kind of period
PERIOD_WORDS = {
    "month": {"one": "mois", "many": "mois", "per": "par mois", "count_label": "Nombre de mois"},
    "year": {"one": "an", "many": "ans", "per": "par an", "count_label": "Nombre d’années"},
}

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_literal(value: object) -> Markup:
    """A JavaScript literal for plain data (dicts, lists, str, int, bool, None), safe in any script context.

    Returned as Markup so the templates' HTML escaping leaves it alone: the escaping here is the JavaScript one.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for character, escape in _JS_UNSAFE.items():
        text = text.replace(character, escape)
    return Markup(text)


def _grid_cents(prices: models.PriceGrid) -> int | dict:
    if isinstance(prices, dict):
        return {key: _grid_cents(value) for key, value in prices.items()}
    return cents(prices)


def tariff_data(tariff: models.Tariff) -> dict:
    """Everything the calculator needs to price a tariff, amounts in integer cents."""
    return {
        "id": tariff.id,
        "title": tariff.title,
        "currency": tariff.currency,
        "tax_basis": tariff.tax_basis,
        "unit": tariff.unit,
        "period": tariff.period,
        "dimensions": [{"id": d.id, "label": d.label, "values": [{"id": v.id, "label": v.label} for v in d.values]}
                       for d in tariff.dimensions],
        "quantities": [{"id": q.id, "label": q.label, "default": q.default, "maximum": q.maximum}
                       for q in tariff.quantities],
        "options": [{"id": o.id, "label": o.label, "default": o.default} for o in tariff.options],
        "lines": [{"component": line.component, "quantity": line.quantity, "option": line.option}
                  for line in tariff.lines],
        "versions": [{
            "slug": version_slug(version),
            "valid_from": version.valid_from.isoformat(),
            "valid_until": version.valid_until.isoformat() if version.valid_until else None,
            "components": [{"id": c.id, "label": c.label, "over": list(c.over), "prices": _grid_cents(c.prices)}
                           for c in version.components],
        } for version in tariff.versions],
    }


def engine_config() -> dict:
    """Constants of the generic engine, taken from the Python side so both agree."""
    return {
        "max_periods": MAX_PERIODS,
        "periods_per_year": PERIODS_PER_YEAR,
        "period_parameters": PERIOD_PARAMETERS,
        "date_parameter": DATE_PARAMETER,
        "period_words": PERIOD_WORDS,
        "months": formatting.MONTHS,
        "nbsp": formatting.NBSP,
        "nnbsp": formatting.NNBSP,
    }
