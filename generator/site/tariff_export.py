"""The tariffs as open data: one row per grid cell and per indicative amount (/donnees-ouvertes/tarifs.*)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from generator.register import models
from generator.site.datasets import Dataset
from generator.site.sitedata import SiteData
from generator.tariffs.pricing import cell_description

COLUMNS = [
    "tarif",
    "titre",
    "convention",
    "source",
    "services",
    "nature",
    "devise",
    "base",
    "unite",
    "valide_du",
    "valide_au",
    "acte",
    "annee",
    "composante",
    "composante_libelle",
    "cellule",
    "cellule_libelle",
    "montant",
]


def _cells(prices: models.PriceGrid, over: list[str], prefix: tuple = ()):
    if not over:
        yield prefix, prices
        return
    # A grid is as deep as `over` is long (tariffs.checks reports any other shape): its type cannot say so.
    for key, value in cast("Mapping[str, models.PriceGrid]", prices).items():
        yield from _cells(value, over[1:], prefix + ((over[0], key),))


def _source(data: SiteData, tariff: models.Tariff, ref: models.ClauseRef) -> str:
    clause = data.clause(ref, tariff.convention)
    return f"{ref.convention or tariff.convention}, {clause.label.lower()}" if clause else ""


def tariffs_dataset(data: SiteData) -> list[Dataset]:
    rows = []
    for tariff in data.register.items("tariffs"):
        common = dict.fromkeys(COLUMNS) | {
            "tarif": tariff.id,
            "titre": tariff.title,
            "convention": tariff.convention,
            "services": tariff.services,
            "devise": tariff.currency,
            "base": tariff.tax_basis,
            "unite": tariff.unit,
        }
        for version in tariff.versions:
            for component in version.components:
                for cell, amount in _cells(component.prices, list(component.over)):
                    rows.append(
                        common
                        | {
                            "source": _source(data, tariff, component.source),
                            "nature": "grille",
                            "valide_du": version.valid_from.isoformat(),
                            "valide_au": version.valid_until.isoformat() if version.valid_until else None,
                            "acte": version.act,
                            "composante": component.id,
                            "composante_libelle": component.label,
                            "cellule": [f"{dimension}={value}" for dimension, value in cell],
                            "cellule_libelle": cell_description(tariff, dict(cell)),
                            "montant": str(amount),
                        }
                    )
        for amount in tariff.indicative:
            rows.append(
                common
                | {
                    "source": _source(data, tariff, tariff.source),
                    "nature": "indicatif",
                    "annee": amount.year,
                    "montant": str(amount.amount),
                }
            )
    return [
        Dataset(
            "tarifs",
            "Tarifs",
            "Les montants des tarifs, en euros (point décimal) : une ligne par cellule de grille, "
            "et une par montant indicatif.",
            COLUMNS,
            rows,
        )
    ]
