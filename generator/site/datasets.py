"""A table exported as open data, in JSON and CSV, and the declaration of its columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

from generator.site.escaping import csv_cell

#: how the values of a list column are joined in a CSV cell
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Column:
    """One column of a CSV file: what the CSV writer writes and what its Table Schema says of it."""

    name: str
    title: str = ""
    """Its name in words, in French (the Table Schema's `title`); the name itself when not given."""
    description: str = ""
    type: str = "string"
    """Table Schema type of a cell: `string`, `date`, `number`, `integer`, `boolean`."""
    format: str | None = None
    """Table Schema format: `uri` for an address; a date is always ISO (`default`)."""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    listed: bool = False
    """A list of values, joined by « | » in the cell."""
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()
    """A boolean's words (« oui », « non »)."""


def columns_of(columns: Sequence[Column | str]) -> list[Column]:
    """The columns as declared; a bare name is a column of text."""
    return [column if isinstance(column, Column) else Column(column) for column in columns]


@dataclass(frozen=True)
class Dataset:
    """One exported table."""

    name: str
    """File stem: the files are <name>.json and <name>.csv."""
    title: str
    description: str
    columns: Sequence[Column | str]
    """The CSV's columns, each a value (or a list of values) of every row."""
    rows: list[dict]
    nested: tuple[str, ...] = ()
    """Fields of the JSON rows only: lists or objects a CSV cell cannot hold (see the dataset's schema)."""
    row_schema: dict | None = None
    """JSON Schema of one row (its `properties`); None: any columns of text, numbers or lists of text."""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    """(columns, dataset name, its columns): each row's columns name a row of that dataset."""

    @property
    def fields(self) -> list[Column]:
        return columns_of(self.columns)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.fields]

    @property
    def size_text(self) -> str:
        """« 12 lignes », as the open data page says it (« lignes » whatever the count, as it always has)."""
        return f"{len(self.rows)} lignes"

    def json_text(self) -> str:
        return (
            json.dumps(
                {
                    "title": self.title,
                    "description": self.description,
                    "columns": self.column_names,
                    "rows": self.rows,
                },
                ensure_ascii=False,
                indent=2,
                sort_keys=True,
                default=str,
            )
            + "\n"
        )

    def csv_text(self) -> str:
        names = self.column_names
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({column: _cell(row.get(column)) for column in names})
        return buffer.getvalue()


def _cell(value: object) -> str:
    """A value as a CSV cell: a list joined by « | », and never a spreadsheet formula (see csv_cell)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return csv_cell(LIST_SEPARATOR.join(str(item) for item in value))
    return csv_cell(str(value))
