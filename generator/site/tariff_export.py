"""The tariffs as open data: one row per grid cell and per indicative amount (/donnees-ouvertes/tarifs.*)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from generator.register import models
from generator.site.datasets import Column, Dataset
from generator.site.sitedata import SiteData
from generator.tariffs.pricing import cell_description

COLUMNS = [
    Column("tarif", "Tarif", "Identifiant du tarif.", required=True),
    Column("titre", "Titre", "Titre du tarif.", required=True),
    Column("convention", "Convention", "Identifiant de la convention qui fixe le tarif.", required=True),
    Column("source", "Source", "La clause qui fixe ce montant : convention et article."),
    Column("services", "Services", "Identifiants des services tarifés.", listed=True),
    Column(
        "nature",
        "Nature",
        "« grille » : une cellule d’une grille de prix ; « indicatif » : un montant indicatif d’une année.",
        required=True,
        enum=("grille", "indicatif"),
    ),
    Column("devise", "Devise", "Code ISO 4217 de la devise.", required=True, enum=("EUR",)),
    Column("base", "Base", "HT ou TTC, quand la convention le dit.", enum=("HT", "TTC")),
    Column("unite", "Unité", "Ce que le montant paie (par an, par poste…).", required=True),
    Column("valide_du", "Valable du", "Premier jour de la grille.", "date"),
    Column("valide_au", "Valable au", "Dernier jour de la grille, vide tant qu’aucune autre ne la remplace.", "date"),
    Column("acte", "Acte", "L’acte qui fixe la grille (délibération, avenant)."),
    Column("annee", "Année", "L’année d’un montant indicatif.", "integer"),
    Column("composante", "Composante", "Identifiant de la composante de la grille."),
    Column("composante_libelle", "Libellé de la composante", "Ce que la composante facture."),
    Column("cellule", "Cellule", "La cellule de la grille : « dimension=valeur » pour chaque dimension.", listed=True),
    Column("cellule_libelle", "Libellé de la cellule", "La cellule en mots."),
    Column(
        "montant",
        "Montant",
        "Montant dans la devise, point décimal (nom du SCDL « Subventions » et des données essentielles de la "
        "commande publique).",
        "number",
        required=True,
    ),
]
NAMES = [column.name for column in COLUMNS]


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
        common = dict.fromkeys(NAMES) | {
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
            foreign_keys=((("convention",), "conventions", ("id",)),),
        )
    ]
