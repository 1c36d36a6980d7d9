"""Checks of a tariff's grids: every cell present, known keys, amounts in cents, versions apart."""

from __future__ import annotations

from decimal import Decimal

from . import models
from .pricing import RESERVED_PARAMETERS
from .problems import Problem
from .register import Entry


def check_tariff(entry: Entry) -> list[Problem]:
    tariff: models.Tariff = entry.item
    problems: list[Problem] = []
    dimensions = {dimension.id: dimension for dimension in tariff.dimensions}
    quantities = {quantity.id for quantity in tariff.quantities}
    options = {option.id for option in tariff.options}
    for index, version in enumerate(tariff.versions):
        path = ("versions", index)
        if version.valid_until and version.valid_until < version.valid_from:
            problems.append(entry.source.problem(path + ("valid_until",), "ends before it starts"))
        if index:
            previous = tariff.versions[index - 1]
            if previous.valid_until is None or previous.valid_until >= version.valid_from:
                problems.append(entry.source.problem(path + ("valid_from",),
                                                     "overlaps the previous version's validity period"))
        component_ids = set()
        for c_index, component in enumerate(version.components):
            c_path = path + ("components", c_index)
            if component.id in component_ids:
                problems.append(entry.source.problem(c_path + ("id",), f"duplicate component '{component.id}'"))
            component_ids.add(component.id)
            unknown = [name for name in component.over if name not in dimensions]
            for name in unknown:
                problems.append(entry.source.problem(c_path + ("over",), f"unknown dimension '{name}'"))
            if not unknown:
                axes = [dimensions[name] for name in component.over]
                problems += _check_grid(entry, c_path + ("prices",), component.prices, axes)
        for l_index, line in enumerate(tariff.lines):
            if line.component not in component_ids:
                problems.append(entry.source.problem(("lines", l_index, "component"),
                                                     f"unknown component '{line.component}' in version {index + 1}"))
    for q_index, quantity in enumerate(tariff.quantities):
        if quantity.default > quantity.maximum:
            problems.append(entry.source.problem(("quantities", q_index, "default"),
                                                 f"default {quantity.default} is above the maximum {quantity.maximum}"))
    for l_index, line in enumerate(tariff.lines):
        if line.quantity not in quantities:
            problems.append(entry.source.problem(("lines", l_index, "quantity"), f"unknown quantity '{line.quantity}'"))
        if line.option is not None and line.option not in options:
            problems.append(entry.source.problem(("lines", l_index, "option"), f"unknown option '{line.option}'"))
    for index, amount in enumerate(tariff.indicative):
        problems += _check_amount(entry, ("indicative", index, "amount"), amount.amount)
    problems += _check_input_names(entry)
    return problems


def _check_input_names(entry: Entry) -> list[Problem]:
    """Dimensions, quantities and options are the calculator's inputs and URL parameters: one name each."""
    tariff: models.Tariff = entry.item
    problems = []
    seen: set[str] = set()
    for kind in ("dimensions", "quantities", "options"):
        for index, item in enumerate(getattr(tariff, kind)):
            if item.id in RESERVED_PARAMETERS:
                problems.append(entry.source.problem((kind, index, "id"),
                                                     f"'{item.id}' is reserved for the calculator"))
            elif item.id in seen:
                problems.append(entry.source.problem((kind, index, "id"), f"duplicate input name '{item.id}'"))
            seen.add(item.id)
    for index, dimension in enumerate(tariff.dimensions):
        values = [value.id for value in dimension.values]
        for v_index, value in enumerate(values):
            if value in values[:v_index]:
                problems.append(entry.source.problem(("dimensions", index, "values", v_index, "id"),
                                                     f"duplicate value '{value}'"))
    return problems


def _check_grid(entry: Entry, path: tuple, prices, axes: list[models.Dimension]) -> list[Problem]:
    if not axes:
        if isinstance(prices, dict):
            return [entry.source.problem(path, "expected one amount: the component has no dimension")]
        return _check_amount(entry, path, prices)
    if not isinstance(prices, dict):
        return [entry.source.problem(path, f"expected a mapping by {axes[0].label.lower()}")]
    problems = []
    expected = [value.id for value in axes[0].values]
    for key in prices:
        if key not in expected:
            problems.append(entry.source.problem(path + (key,), f"unknown value '{key}' of dimension '{axes[0].id}'"))
    for key in expected:
        if key not in prices:
            problems.append(entry.source.problem(path, f"missing cell for {axes[0].id} '{key}'"))
        else:
            problems += _check_grid(entry, path + (key,), prices[key], axes[1:])
    return problems


def _check_amount(entry: Entry, path: tuple, amount: Decimal) -> list[Problem]:
    if not amount.is_finite():
        return [entry.source.problem(path, "not a number")]
    if amount < 0:
        return [entry.source.problem(path, f"negative amount {amount}")]
    if amount != amount.quantize(Decimal("0.01")):
        return [entry.source.problem(path, f"amount {amount} has more than two decimals")]
    return []
