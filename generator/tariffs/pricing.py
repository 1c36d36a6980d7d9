"""Estimates from a tariff's grids, in exact `Decimal`: the reference the generated JavaScript must match.

An estimate is the sum of the tariff's lines that apply (a line with an option counts only when the option is
chosen); each line is the unit price found in its component's grid, at the cell the chosen dimension values
point to, times one of the quantities. The total for a period is multiplied by the number of periods asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from generator.register import models

#: how many periods (months, years) an estimate may cover
MAX_PERIODS = 1200
#: periods in a year, by kind of period
PERIODS_PER_YEAR = {"month": 12, "year": 1}
#: name of the number of periods in the calculator's form and URL, by kind of period
PERIOD_PARAMETERS = {"month": "mois", "year": "annees"}
#: name of the date in the calculator's form and URL
DATE_PARAMETER = "date"
RESERVED_PARAMETERS = {DATE_PARAMETER, *PERIOD_PARAMETERS.values()}


class PricingError(ValueError):
    """The inputs do not designate an estimate. `code` is shared with the JavaScript engine."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class EstimateLine:
    """One line of an estimate."""

    component: models.Component
    cell: tuple[tuple[str, str], ...]
    """The grid cell: (dimension id, value id) for each dimension of the component, outermost first."""
    cell_label: str
    """The cell in words: « Catégorie 3, Volume NetExplorer 2 To »."""
    anchor: str
    """Id of the grid cell on the tariff's page."""
    unit_price: Decimal
    quantity_id: str
    quantity: int
    subtotal: Decimal


@dataclass(frozen=True)
class Estimate:
    """What the chosen inputs cost under the version in force on `date`."""

    tariff: models.Tariff
    date: dt.date
    version: models.TariffVersion
    lines: tuple[EstimateLine, ...]
    periods: int
    period_total: Decimal
    """Total for one period (one month for a monthly tariff)."""
    yearly_total: Decimal
    total: Decimal
    """Total for `periods` periods."""

    def as_dict(self) -> dict:
        """Plain data in integer cents, the shape the JavaScript engine returns (used to compare them)."""
        return {
            "version": self.version.valid_from.isoformat(),
            "lines": [
                {
                    "component": line.component.id,
                    "label": line.component.label,
                    "cell": dict(line.cell),
                    "cell_label": line.cell_label,
                    "anchor": line.anchor,
                    "unit_cents": cents(line.unit_price),
                    "quantity_id": line.quantity_id,
                    "quantity": line.quantity,
                    "subtotal_cents": cents(line.subtotal),
                }
                for line in self.lines
            ],
            "periods": self.periods,
            "period_total_cents": cents(self.period_total),
            "yearly_total_cents": cents(self.yearly_total),
            "total_cents": cents(self.total),
        }


def cents(amount: Decimal) -> int:
    """Exact integer number of cents of an amount with at most two decimals."""
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(value)


def version_slug(version: models.TariffVersion) -> str:
    """Stable id of a version on the tariff's page: `grille-2022-11-14`."""
    return f"grille-{version.valid_from.isoformat()}"


def cell_anchor(version: models.TariffVersion, component: models.Component, keys: list[str]) -> str:
    """Id of a grid cell on the tariff's page: `grille-2022-11-14-netexplorer-2-3`."""
    return "-".join([version_slug(version), component.id, *keys])


def version_in_force(tariff: models.Tariff, date: dt.date) -> models.TariffVersion | None:
    """The version whose validity period contains `date` (bounds included)."""
    for version in tariff.versions:
        if version.valid_from <= date and (version.valid_until is None or date <= version.valid_until):
            return version
    return None


def past_versions(tariff: models.Tariff, date: dt.date) -> list[models.TariffVersion]:
    """Versions that ended before `date`, most recent first."""
    return [v for v in reversed(tariff.versions) if v.valid_until is not None and v.valid_until < date]


def future_versions(tariff: models.Tariff, date: dt.date) -> list[models.TariffVersion]:
    return [v for v in tariff.versions if v.valid_from > date]


def cell_price(component: models.Component, keys: list[str]) -> Decimal:
    # One key per dimension of `over`, and a grid as deep as `over` is long (`checks` reports any other
    # shape): the type of `prices` cannot tie its depth to `over`.
    price: object = component.prices
    for key in keys:
        price = cast("Mapping[str, object]", price)[key]
    return cast(Decimal, price)


def estimate(
    tariff: models.Tariff,
    date: dt.date,
    dimensions: Mapping[str, str],
    quantities: Mapping[str, int],
    options: Mapping[str, bool] | None = None,
    periods: int = 1,
) -> Estimate:
    """Price the inputs under the version of `tariff` in force on `date`.

    Missing quantities and options take their defaults; a dimension a line needs must be given.
    Raises PricingError when the inputs designate nothing.
    """
    options = options or {}
    if not tariff.versions:
        raise PricingError("no-grid", "this tariff is indicative: it has no grid to price")
    version = version_in_force(tariff, date)
    if version is None:
        raise PricingError("no-version", f"no version of the grid is in force on {date.isoformat()}")
    if isinstance(periods, bool) or not (isinstance(periods, int) and 1 <= periods <= MAX_PERIODS):
        raise PricingError("bad-periods", f"the number of periods must be a whole number from 1 to {MAX_PERIODS}")
    axes = {dimension.id: dimension for dimension in tariff.dimensions}
    for identifier, value in dimensions.items():
        dimension = axes.get(identifier)
        if dimension is None:
            raise PricingError("bad-dimension", f"unknown dimension '{identifier}'")
        if value not in [v.id for v in dimension.values]:
            raise PricingError("bad-dimension", f"unknown value '{value}' of dimension '{identifier}'")
    counts = {}
    for quantity in tariff.quantities:
        count = quantities.get(quantity.id, quantity.default)
        if not (isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= quantity.maximum):
            raise PricingError("bad-quantity", f"{quantity.id} must be a whole number from 0 to {quantity.maximum}")
        counts[quantity.id] = count
    chosen = {option.id: bool(options.get(option.id, option.default)) for option in tariff.options}
    components = {component.id: component for component in version.components}
    lines = []
    for line in tariff.lines:
        if line.option is not None and not chosen[line.option]:
            continue
        component = components[line.component]
        keys = []
        for axis in component.over:
            if axis not in dimensions:
                raise PricingError("bad-dimension", f"choose a value of dimension '{axis}'")
            keys.append(dimensions[axis])
        unit_price = cell_price(component, keys)
        # `keys` has one value per dimension of `over`
        cell_label = cell_description(tariff, dict(zip(component.over, keys, strict=True)))
        lines.append(
            EstimateLine(
                component,
                tuple(zip(component.over, keys, strict=True)),
                cell_label,
                cell_anchor(version, component, keys),
                unit_price,
                line.quantity,
                counts[line.quantity],
                unit_price * counts[line.quantity],
            )
        )
    period_total = sum((line.subtotal for line in lines), Decimal("0.00"))
    return Estimate(
        tariff,
        date,
        version,
        tuple(lines),
        periods,
        period_total,
        period_total * PERIODS_PER_YEAR[tariff.period],
        period_total * periods,
    )


def cell_description(tariff: models.Tariff, cell: Mapping[str, str]) -> str:
    """A grid cell in words, dimensions in the tariff's order: « Catégorie 3, Volume NetExplorer 2 To »."""
    return ", ".join(
        f"{dimension.label} {value.label}"
        for dimension in tariff.dimensions
        if dimension.id in cell
        for value in dimension.values
        if value.id == cell[dimension.id]
    )
