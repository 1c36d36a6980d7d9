"""The JSON Schema of each open data file (/donnees-ouvertes/<name>.schema.json): what a portal can rely on."""

from __future__ import annotations

from generator.site.datasets import Dataset

DIALECT = "https://json-schema.org/draft/2020-12/schema"

TEXT = {"type": "string"}
OPTIONAL_TEXT = {"type": ["string", "null"]}
DAY = {"type": "string", "format": "date"}
OPTIONAL_DAY = {"type": ["string", "null"], "format": "date"}
URL = {"type": "string", "format": "uri"}
TEXTS = {"type": "array", "items": TEXT}
PUBLICATION = {
    "type": ["object", "null"],
    "description": "Mise en ligne (first) et dernière mise à jour (last, null tant qu’il n’y en a pas).",
    "properties": {"first": DAY, "last": OPTIONAL_DAY},
    "required": ["first", "last"],
    "additionalProperties": False,
}

#: a column of a dataset that declares no row schema
ANY_COLUMN = {"type": ["string", "integer", "null", "array"], "items": TEXT}


def dataset_schema(dataset: Dataset) -> dict:
    """The schema of `dataset`'s JSON file: its title, description, columns and rows."""
    properties = dataset.row_schema or dict.fromkeys(dataset.column_names, ANY_COLUMN)
    return {
        "$schema": DIALECT,
        "title": dataset.title,
        "description": dataset.description,
        "type": "object",
        "properties": {
            "title": {"const": dataset.title},
            "description": TEXT,
            "columns": {"const": dataset.column_names},
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": properties,
                    "required": [*dataset.column_names, *dataset.nested],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["title", "description", "columns", "rows"],
        "additionalProperties": False,
    }
