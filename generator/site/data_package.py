"""The Frictionless Data Package of the open data (/donnees-ouvertes/datapackage.json): every CSV file with its
Table Schema, read from the same column declarations as the CSV writer (`datasets.Column`), and the licence.

A portal (data.gouv.fr, CKAN) or `frictionless validate` reads it to type and check every cell. Its size
depends on the columns only, never on the rows."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from generator.site.datasets import LIST_SEPARATOR, Column, Dataset
from generator.site.sitedata import SiteData

FILE_NAME = "datapackage.json"


def data_package(data: SiteData, datasets: list[Dataset], homepage: str) -> dict:
    """The package of `datasets`' CSV files, published at `homepage` (the open data page's URL)."""
    config = data.config
    licence = config.licence
    return {
        "profile": "tabular-data-package",
        "name": _package_name(config.site_name),
        "title": config.site_name,
        "description": config.description,
        "homepage": homepage,
        "created": dt.datetime.combine(data.as_of, dt.time(), dt.UTC).isoformat().replace("+00:00", "Z"),
        "language": "fr",
        "licenses": [{"name": licence.id, "title": licence.title, "path": licence.url}],
        "contributors": [{"title": config.publisher.name, "role": "publisher"}],
        "resources": [_resource(dataset) for dataset in datasets],
    }


def _resource(dataset: Dataset) -> dict:
    schema: dict = {"fields": [_field(column) for column in dataset.fields], "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fields), "reference": {"resource": resource, "fields": list(referenced)}}
            for fields, resource, referenced in dataset.foreign_keys
        ]
    return {
        "profile": "tabular-data-resource",
        "name": dataset.name,
        "path": f"{dataset.name}.csv",
        "title": dataset.title,
        "description": dataset.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def _field(column: Column) -> dict:
    description = column.description
    if column.listed:
        description = f"{description} Valeurs séparées par « {LIST_SEPARATOR.strip()} ».".strip()
    field: dict = {
        "name": column.name,
        "title": column.title or column.name,
        "description": description,
        "type": column.type,
    }
    if column.type == "date":
        field["format"] = "default"  # ISO 8601: AAAA-MM-JJ
    elif column.format:
        field["format"] = column.format
    if column.type == "number":
        field["decimalChar"] = "."
    if column.type == "boolean":
        field["trueValues"] = list(column.true_values)
        field["falseValues"] = list(column.false_values)
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _package_name(site_name: str) -> str:
    """« Registre des conventions du SMICA » -> `registre-des-conventions-du-smica` (a package name is lower
    case letters, digits, `-`, `.` and `_`)."""
    ascii_name = unicodedata.normalize("NFKD", site_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "registre"
