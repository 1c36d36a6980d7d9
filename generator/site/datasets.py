"""A table exported as open data, in JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from generator.site.escaping import csv_cell


@dataclass(frozen=True)
class Dataset:
    """One exported table."""

    name: str
    """File stem: the files are <name>.json and <name>.csv."""
    title: str
    description: str
    columns: list[str]
    """The CSV's columns, each a value (or a list of values) of every row."""
    rows: list[dict]
    nested: tuple[str, ...] = ()
    """Fields of the JSON rows only: lists or objects a CSV cell cannot hold (see the dataset's schema)."""
    row_schema: dict | None = None
    """JSON Schema of one row (its `properties`); None: any columns of text, numbers or lists of text."""

    @property
    def size_text(self) -> str:
        """« 12 lignes », as the open data page says it (« lignes » whatever the count, as it always has)."""
        return f"{len(self.rows)} lignes"

    def json_text(self) -> str:
        return (
            json.dumps(
                {"title": self.title, "description": self.description, "columns": self.columns, "rows": self.rows},
                ensure_ascii=False,
                indent=2,
                sort_keys=True,
                default=str,
            )
            + "\n"
        )

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({column: _cell(row.get(column)) for column in self.columns})
        return buffer.getvalue()


def _cell(value: object) -> str:
    """A value as a CSV cell: a list joined by « | », and never a spreadsheet formula (see csv_cell)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return csv_cell(" | ".join(str(item) for item in value))
    return csv_cell(str(value))
