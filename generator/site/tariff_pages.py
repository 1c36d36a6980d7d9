"""Pages of the tariffs: /tarifs/ and /tarifs/<id>/ (grids and calculator).

The calculator is two static scripts of templates/assets/ (the pricing engine and the form), shared by every
tariff; a tariff page embeds only its data, as JSON (generator/tariffs/javascript.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.formatting import euros, french_date
from generator.register import models
from generator.register.clauses import Clause
from generator.site import urls
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData
from generator.tariffs.javascript import PERIOD_WORDS, tariff_data_json
from generator.tariffs.pricing import (
    DATE_PARAMETER,
    MAX_PERIODS,
    PERIOD_PARAMETERS,
    PERIODS_PER_YEAR,
    cell_anchor,
    cell_price,
    future_versions,
    past_versions,
    version_in_force,
    version_slug,
)

#: the calculator's static scripts (files of templates/assets/), loaded in this order by a page with a grid
ENGINE_SRC = urls.asset("registre/tarifs-moteur.js")
FORM_SRC = urls.asset("registre/tarifs-calculateur.js")


# --- a tariff's terms in words -----------------------------------------------------


def tax_basis_words(tariff: models.Tariff) -> str:
    """« toutes taxes comprises (TTC) », « hors taxes (HT) », or that the convention does not say which."""
    if not tariff.tax_basis:
        return "TTC ou HT : non précisé par la convention"
    return "toutes taxes comprises (TTC)" if tariff.tax_basis == "TTC" else "hors taxes (HT)"


def amounts_text(tariff: models.Tariff) -> str:
    """« hors taxes (HT), en euros, par utilisateur et par mois »."""
    return f"{tax_basis_words(tariff)}, en euros, {tariff.unit}"


def short_terms_text(tariff: models.Tariff) -> str:
    """« (HT, par utilisateur et par mois) », or « (par commune et par an) » when the convention does not say."""
    basis = f"{tariff.tax_basis}, " if tariff.tax_basis else ""
    return f"({basis}{tariff.unit})"


def indicative_amounts_text(tariff: models.Tariff) -> str:
    """« — à titre indicatif, 1 130,00 € en 2026 » for each indicative amount, or nothing."""
    return "".join(f" — à titre indicatif, {euros(amount.amount)} en {amount.year}" for amount in tariff.indicative)


def listed_amounts_text(tariff: models.Tariff, has_grid: bool) -> str:
    """What the tariffs' list says of the amounts: « Grille HT, par mois, avec calculateur »,
    « Montant indicatif TTC, par an »."""
    if has_grid:
        return f"Grille {tariff.tax_basis}, {tariff.unit}, avec calculateur"
    basis = f" {tariff.tax_basis}" if tariff.tax_basis else ""
    return f"Montant indicatif{basis}, {tariff.unit}"


def indicative_amount_lines(tariff: models.Tariff) -> list[str]:
    """« 1 130,00 € en 2026 », one line per indicative amount."""
    return [f"{euros(amount.amount)} en {amount.year}" for amount in tariff.indicative]


def validity_text(version: models.TariffVersion) -> str:
    """« Valable du 1er janvier 2026 au 31 décembre 2026. », or « Valable à partir du …, sans date de fin connue. »."""
    if version.valid_until:
        return f"Valable du {french_date(version.valid_from)} au {french_date(version.valid_until)}."
    return f"Valable à partir du {french_date(version.valid_from)}, sans date de fin connue."


def act_text(version: models.TariffVersion) -> str | None:
    """« Grille fixée par : avenant n° 2. »; None when the data does not name the act."""
    return f"Grille fixée par : {version.act}." if version.act else None


def until_text(version: models.TariffVersion) -> str:
    """After « Version du … »: « , jusqu’au 31 décembre 2026 » or « , sans date de fin connue »."""
    if version.valid_until:
        return f", jusqu’au {french_date(version.valid_until)}"
    return ", sans date de fin connue"


@dataclass(frozen=True)
class DateField:
    """The calculator's date field, written as French forms write a date: « 22/11/2026 »."""

    value: str
    pattern: str = "jj/mm/aaaa"


def date_field(date: dt.date) -> DateField:
    return DateField(f"{date.day:02d}/{date.month:02d}/{date.year:04d}")


@dataclass(frozen=True)
class TariffMention:
    """A tariff as another page (a convention's summary card, a service) mentions it."""

    tariff: models.Tariff

    @property
    def src(self) -> str:
        return urls.tariff(self.tariff.id)

    @property
    def terms_text(self) -> str:
        return short_terms_text(self.tariff)

    @property
    def indicative_text(self) -> str:
        return indicative_amounts_text(self.tariff)


def tariff_mentions(data: SiteData, tariff_ids: list[str]) -> list[TariffMention]:
    return [TariffMention(data.tariff(identifier)) for identifier in tariff_ids]


@dataclass(frozen=True)
class GridCell:
    anchor: str
    amount: object


@dataclass(frozen=True)
class GridTable:
    """One component's grid laid out as an HTML table: rows by `over[0]` (when it has two dimensions),
    columns by the last dimension."""

    component: models.Component
    key: str
    """Unique on the page: the version's slug and the component's id."""
    region_label: str
    """The name of its scrolling box, unique on the page: « Grille : Hébergement, version du 1er janvier 2026 »."""
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

    @property
    def title_text(self) -> str:
        return f"Version du {french_date(self.version.valid_from)}"

    @property
    def until_text(self) -> str:
        return until_text(self.version)

    @property
    def validity_text(self) -> str:
        """Its dates and, when the data names it, the act that set it."""
        act = act_text(self.version)
        return f"{validity_text(self.version)} {act}" if act else validity_text(self.version)


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
    def amounts_text(self) -> str:
        return amounts_text(self.tariff)

    @property
    def grid_amounts_text(self) -> str:
        """Said under each version of the grid: « Montants en euros HT, par utilisateur et par mois. »."""
        return f"Montants en euros {self.tariff.tax_basis}, {self.tariff.unit}."

    @property
    def listed_amounts_text(self) -> str:
        return listed_amounts_text(self.tariff, self.has_grid)

    @property
    def listed_in_force_lines(self) -> list[str]:
        """What the tariffs' list says is in force: the grid's version, or the indicative amounts."""
        if not self.has_grid:
            return indicative_amount_lines(self.tariff)
        return [self.in_force.title_text if self.in_force else "Aucune version"]

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
        key = f"{version_slug(version)}-{component.id}"
        region_label = f"Grille : {component.label}, version du {french_date(version.valid_from)}"
        axes = [dimensions[name] for name in component.over]
        if not axes:
            tables.append(
                GridTable(
                    component,
                    key,
                    region_label,
                    None,
                    None,
                    [],
                    [(component.label, [GridCell(cell_anchor(version, component, []), component.prices)])],
                    source,
                )
            )
        elif len(axes) == 1:
            cells = [
                GridCell(cell_anchor(version, component, [value.id]), cell_price(component, [value.id]))
                for value in axes[0].values
            ]
            tables.append(
                GridTable(
                    component, key, region_label, None, axes[0], axes[0].values, [(component.label, cells)], source
                )
            )
        else:
            rows = [
                (
                    row.label,
                    [
                        GridCell(
                            cell_anchor(version, component, [row.id, column.id]),
                            cell_price(component, [row.id, column.id]),
                        )
                        for column in axes[1].values
                    ],
                )
                for row in axes[0].values
            ]
            tables.append(GridTable(component, key, region_label, axes[0], axes[1], axes[1].values, rows, source))
    return tables


def tariff_view(data: SiteData, tariff: models.Tariff, as_of: dt.date) -> TariffView:
    convention = data.conventions[tariff.convention]

    def version_view(version: models.TariffVersion) -> VersionView:
        return VersionView(version, version_slug(version), grid_tables(data, tariff, version))

    in_force = version_in_force(tariff, as_of)
    return TariffView(
        tariff=tariff,
        src=urls.tariff(tariff.id),
        convention_src=convention.src,
        convention_name=convention.display_name,
        source=data.clause(tariff.source, tariff.convention),
        in_force=version_view(in_force) if in_force else None,
        past=[version_view(version) for version in past_versions(tariff, as_of)],
        future=[version_view(version) for version in future_versions(tariff, as_of)],
    )


def tariff_pages(data: SiteData) -> list[PageSpec]:
    """The tariffs index and one page per tariff (a page with a grid embeds its calculator data)."""
    views = [tariff_view(data, tariff, data.as_of) for tariff in data.register.items("tariffs")]
    pages = [PageSpec(urls.tariffs(), "tariffs.md.j2", {"views": views})]
    for view in views:
        pages.append(
            PageSpec(
                view.src,
                "tariff.md.j2",
                {
                    "view": view,
                    "tariff": view.tariff,
                    "engine_src": ENGINE_SRC,
                    "form_src": FORM_SRC,
                    "tariff_json": tariff_data_json(view.tariff) if view.has_grid else None,
                    "date_parameter": DATE_PARAMETER,
                    "date_field": date_field(data.as_of),
                    "max_periods": MAX_PERIODS,
                },
            )
        )
    return pages
