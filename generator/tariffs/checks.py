"""Checks of a tariff's grids: every cell present, known keys, amounts in cents, versions apart."""

from __future__ import annotations

from decimal import Decimal

from generator.problems import Problem
from generator.register import models
from generator.register.store import Entry, Register
from generator.tariffs.pricing import RESERVED_PARAMETERS
from generator.wording import did_you_mean


def check_tariffs(register: Register) -> list[Problem]:
    """The problems of every tariff's grids."""
    return [problem for entry in register.tariffs.values() for problem in check_tariff(entry)]


def check_tariff(entry: Entry) -> list[Problem]:
    tariff: models.Tariff = entry.item
    problems: list[Problem] = []
    dimensions = {dimension.id: dimension for dimension in tariff.dimensions}
    quantities = {quantity.id for quantity in tariff.quantities}
    options = {option.id for option in tariff.options}
    for index, version in enumerate(tariff.versions):
        path = ("versions", index)
        if version.valid_until and version.valid_until < version.valid_from:
            problems.append(
                entry.source.problem(
                    path + ("valid_until",),
                    "La version se termine avant de commencer : vérifiez valid_from et valid_until.",
                )
            )
        if index:
            previous = tariff.versions[index - 1]
            if previous.valid_until is None or previous.valid_until >= version.valid_from:
                problems.append(
                    entry.source.problem(
                        path + ("valid_from",),
                        (
                            "Cette version commence avant la fin de la précédente : donnez à la précédente "
                            "un valid_until antérieur à ce valid_from."
                        ),
                    )
                )
        component_ids = set()
        for c_index, component in enumerate(version.components):
            c_path = path + ("components", c_index)
            if component.id in component_ids:
                problems.append(
                    entry.source.problem(
                        c_path + ("id",), f"Deux grilles portent l’identifiant « {component.id} » dans cette version."
                    )
                )
            component_ids.add(component.id)
            unknown = [name for name in component.over if name not in dimensions]
            for name in unknown:
                problems.append(
                    entry.source.problem(
                        c_path + ("over",),
                        f"Dimension inconnue « {name} » : elle doit figurer dans "
                        f"dimensions.{did_you_mean(name, dimensions)}",
                    )
                )
            if not unknown:
                axes = [dimensions[name] for name in component.over]
                problems += _check_grid(entry, c_path + ("prices",), component.prices, axes)
        for l_index, line in enumerate(tariff.lines):
            if line.component not in component_ids:
                problems.append(
                    entry.source.problem(
                        ("lines", l_index, "component"),
                        (
                            f"Grille inconnue « {line.component} » dans la version {index + 1} : elle doit figurer "
                            f"dans ses components.{did_you_mean(line.component, component_ids)}"
                        ),
                    )
                )
    for q_index, quantity in enumerate(tariff.quantities):
        if quantity.default > quantity.maximum:
            problems.append(
                entry.source.problem(
                    ("quantities", q_index, "default"),
                    f"La valeur par défaut {quantity.default} dépasse le maximum {quantity.maximum}.",
                )
            )
    for l_index, line in enumerate(tariff.lines):
        if line.quantity not in quantities:
            problems.append(
                entry.source.problem(
                    ("lines", l_index, "quantity"),
                    f"Quantité inconnue « {line.quantity} » : elle doit figurer dans "
                    f"quantities.{did_you_mean(line.quantity, quantities)}",
                )
            )
        if line.option is not None and line.option not in options:
            problems.append(
                entry.source.problem(
                    ("lines", l_index, "option"),
                    f"Option inconnue « {line.option} » : elle doit figurer dans "
                    f"options.{did_you_mean(line.option, options)}",
                )
            )
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
                problems.append(
                    entry.source.problem(
                        (kind, index, "id"),
                        f"« {item.id} » est un nom réservé au calculateur : choisissez-en un autre.",
                    )
                )
            elif item.id in seen:
                problems.append(
                    entry.source.problem(
                        (kind, index, "id"),
                        f"Le nom « {item.id} » est déjà pris par une autre dimension, quantité ou option.",
                    )
                )
            seen.add(item.id)
    for index, dimension in enumerate(tariff.dimensions):
        values = [value.id for value in dimension.values]
        for v_index, value in enumerate(values):
            if value in values[:v_index]:
                problems.append(
                    entry.source.problem(
                        ("dimensions", index, "values", v_index, "id"),
                        f"La valeur « {value} » figure deux fois dans cette dimension.",
                    )
                )
    return problems


def _check_grid(entry: Entry, path: tuple, prices, axes: list[models.Dimension]) -> list[Problem]:
    if not axes:
        if isinstance(prices, dict):
            return [
                entry.source.problem(
                    path, "Un seul montant attendu ici : cette grille n’a pas de dimension (over est vide)."
                )
            ]
        return _check_amount(entry, path, prices)
    if not isinstance(prices, dict):
        return [
            entry.source.problem(
                path, f"Une grille attendue ici : un montant par valeur de « {axes[0].label} » (par exemple '1': 9.60)."
            )
        ]
    problems = []
    expected = [value.id for value in axes[0].values]
    for key in prices:
        if key not in expected:
            problems.append(
                entry.source.problem(
                    path + (key,),
                    (
                        f"Valeur « {key} » inconnue pour la dimension « {axes[0].id} » : les valeurs "
                        f"possibles sont {', '.join(expected)}."
                    ),
                )
            )
    for key in expected:
        if key not in prices:
            problems.append(entry.source.problem(path, f"Il manque le montant pour {axes[0].id} « {key} »."))
        else:
            problems += _check_grid(entry, path + (key,), prices[key], axes[1:])
    return problems


def _check_amount(entry: Entry, path: tuple, amount: Decimal) -> list[Problem]:
    if not amount.is_finite():
        return [entry.source.problem(path, "Montant attendu, par exemple 9.60.")]
    if amount < 0:
        return [entry.source.problem(path, f"Montant négatif ({amount}) : un prix est positif ou nul.")]
    if amount != amount.quantize(Decimal("0.01")):
        return [
            entry.source.problem(
                path,
                f"Le montant {amount} a plus de deux décimales : écrivez-le comme sur le document, "
                "en euros et centimes.",
            )
        ]
    return []
