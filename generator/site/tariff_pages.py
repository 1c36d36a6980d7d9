"""Pages of the tariffs: /tarifs/, /tarifs/<id>/ (grids and calculator), and the generated calculator scripts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.register import models
from generator.register.clauses import Clause
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData
from generator.tariffs.javascript import PERIOD_WORDS, engine_config, js_literal, tariff_data
from generator.tariffs.pricing import (
    DATE_PARAMETER,
    MAX_PERIODS,
    PERIOD_PARAMETERS,
    PERIODS_PER_YEAR,
    cell_anchor,
    future_versions,
    past_versions,
    version_in_force,
    version_slug,
)

FOLDER = "tarifs"
ENGINE_SRC = f"{FOLDER}/calculateur.js"


def tariff_src(tariff_id: str) -> str:
    return f"{FOLDER}/{tariff_id}/index.md"


def tariff_data_src(tariff_id: str) -> str:
    return f"{FOLDER}/{tariff_id}/tarif.js"


@dataclass(frozen=True)
class GridCell:
    anchor: str
    amount: object


@dataclass(frozen=True)
class GridTable:
    """One component's grid laid out as an HTML table: rows by `over[0]` (when it has two dimensions),
    columns by the last dimension."""

    component: models.Component
    row_dimension: models.Dimension | None
    column_dimension: models.Dimension | None
    columns: list[models.DimensionValue]
    rows: list[tuple[str, list[GridCell]]]
    """(row header, cells) in printed order."""
    source: Clause | None


@dataclass(frozen=True)
class VersionView:
    version: models.TariffVersion
    slug: str
    tables: list[GridTable]

    @property
    def sources(self) -> list[Clause]:
        """The clauses its grids are printed in, each once."""
        return list({table.source.src: table.source for table in self.tables if table.source}.values())


@dataclass(frozen=True)
class TariffView:
    tariff: models.Tariff
    src: str
    convention_src: str
    convention_name: str
    source: Clause | None
    in_force: VersionView | None
    past: list[VersionView]
    future: list[VersionView]

    @property
    def has_grid(self) -> bool:
        return bool(self.tariff.versions)

    @property
    def period_words(self) -> dict[str, str]:
        return PERIOD_WORDS[self.tariff.period]

    @property
    def period_parameter(self) -> str:
        return PERIOD_PARAMETERS[self.tariff.period]

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.tariff.period]


def grid_tables(data: SiteData, tariff: models.Tariff, version: models.TariffVersion) -> list[GridTable]:
    dimensions = {dimension.id: dimension for dimension in tariff.dimensions}
    tables = []
    for component in version.components:
        source = data.clause(component.source, tariff.convention)
        axes = [dimensions[name] for name in component.over]
        if not axes:
            tables.append(GridTable(component, None, None, [],
                                    [(component.label, [GridCell(cell_anchor(version, component, []),
                                                                 component.prices)])], source))
        elif len(axes) == 1:
            cells = [GridCell(cell_anchor(version, component, [value.id]), component.prices[value.id])
                     for value in axes[0].values]
            tables.append(GridTable(component, None, axes[0], axes[0].values, [(component.label, cells)], source))
        else:
            rows = [(row.label, [GridCell(cell_anchor(version, component, [row.id, column.id]),
                                          component.prices[row.id][column.id]) for column in axes[1].values])
                    for row in axes[0].values]
            tables.append(GridTable(component, axes[0], axes[1], axes[1].values, rows, source))
    return tables


def tariff_view(data: SiteData, tariff: models.Tariff, as_of: dt.date) -> TariffView:
    convention = data.conventions[tariff.convention]

    def version_view(version: models.TariffVersion) -> VersionView:
        return VersionView(version, version_slug(version), grid_tables(data, tariff, version))

    in_force = version_in_force(tariff, as_of)
    return TariffView(
        tariff=tariff,
        src=tariff_src(tariff.id),
        convention_src=convention.src,
        convention_name=convention.display_name,
        source=data.clause(tariff.source, tariff.convention),
        in_force=version_view(in_force) if in_force else None,
        past=[version_view(version) for version in past_versions(tariff, as_of)],
        future=[version_view(version) for version in future_versions(tariff, as_of)],
    )


def tariff_pages(data: SiteData) -> list[PageSpec]:
    """The tariffs index, one page per tariff, the generic calculator engine and each grid's data script."""
    views = [tariff_view(data, tariff, data.as_of) for tariff in data.register.items("tariffs")]
    pages = [PageSpec(f"{FOLDER}/index.md", "tariffs.md.j2", {"views": views})]
    if any(view.has_grid for view in views):
        pages.append(PageSpec(ENGINE_SRC, "calculateur.js.j2", {"js": js_literal, "engine": engine_config()}))
    for view in views:
        pages.append(PageSpec(view.src, "tariff.md.j2", {
            "view": view,
            "tariff": view.tariff,
            "engine_src": ENGINE_SRC,
            "data_src": tariff_data_src(view.tariff.id),
            "date_parameter": DATE_PARAMETER,
            "max_periods": MAX_PERIODS,
        }))
        if view.has_grid:
            pages.append(PageSpec(tariff_data_src(view.tariff.id), "tarif.js.j2",
                                  {"js": js_literal, "tariff_data": tariff_data(view.tariff)}))
    return pages
