"""Tariffs: the grid as transcribed, the Python pricing, `registre check` on bad grids, pages and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.cli import main
from generator.register import models
from generator.tariffs.pricing import PricingError, estimate, past_versions, version_in_force

from conftest import CONTENT, REGISTER
from helpers import assert_problems, euros, line_of, replace_in, run_check

ROOT = Path(__file__).resolve().parent.parent
GRID = "content/tariffs/stockage-sauvegarde-mutualisee.yaml"
FEE = "content/tariffs/smica-severac-2026cv4-remuneration.yaml"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def data():
    site_data, problems = check(Project(REGISTER), TODAY)
    assert site_data is not None, problems
    return site_data


@pytest.fixture(scope="module")
def grid(data) -> models.Tariff:
    return data.tariff("stockage-sauvegarde-mutualisee")


# --- the grid is the document's, cell for cell --------------------------------------------------------------


def printed_rows() -> dict[str, list[Decimal]]:
    """The rows of annex 2 section D, read from the source text of the signed document."""
    text = (CONTENT / "sources" / "tarn-et-garonne-deux-rives.txt").read_text(encoding="utf-8")
    section = text[text.index("D] GRILLE TARIFAIRE") : text.index("E] SOUSCRIPTION")]
    rows = {}
    for line in section.splitlines():
        amounts = re.findall(r"(\d+,\d\d) €", line)
        if amounts:
            label = line[: line.index(amounts[0])].strip()
            rows[label] = [euros(amount) for amount in amounts]
    return rows


def test_the_source_text_has_the_seven_printed_rows():
    rows = printed_rows()
    assert list(rows) == ["au GFU (OF)", "Participation au GFU (exploitant)", "1 To", "2 To", "3 To", "4 To", "5 To"]
    assert all(len(amounts) == 11 for amounts in rows.values())


def test_grid_is_transcribed_cell_for_cell(grid):
    rows = printed_rows()
    (version,) = grid.versions
    components = {component.id: component for component in version.components}
    categories = [str(number) for number in range(1, 12)]
    assert [components["gfu-of"].prices[c] for c in categories] == rows["au GFU (OF)"]
    assert [components["gfu-exploitant"].prices[c] for c in categories] == rows["Participation au GFU (exploitant)"]
    for volume in range(1, 6):
        assert [components["netexplorer"].prices[str(volume)][c] for c in categories] == rows[f"{volume} To"]


def test_printed_cells_that_break_the_progression_are_kept(grid):
    """4 To category 2 is printed 19,73 € (5 % off 20,76 would be 19,72): the contract's figure wins."""
    netexplorer = grid.versions[0].components[2]
    assert netexplorer.prices["4"]["2"] == Decimal("19.73")
    assert netexplorer.prices["5"]["3"] == Decimal("21.01")


def test_grid_metadata(grid):
    assert grid.tax_basis == "TTC" and grid.period == "month" and grid.convention == "tarn-et-garonne-deux-rives"
    assert (grid.source.annex, grid.source.article) == ("2", "D")
    assert grid.services == ["stockage-sauvegarde", "gfu"]
    assert grid.versions[0].valid_from == dt.date(2022, 11, 14)
    assert "ajout du registre" in grid.versions[0].notes[0].text


def test_indicative_fee_is_data(data):
    fee = data.tariff("smica-severac-2026cv4-remuneration")
    assert not fee.versions and not fee.lines
    (amount,) = fee.indicative
    assert (amount.year, amount.amount) == (2025, Decimal("1130.00"))
    assert amount.description == "A titre indicatif, le montant de cette rémunération s’est élevé en 2025 à 1130.00 €."
    article = data.clause(fee.source, fee.convention).article
    assert amount.description in article.text
    assert fee.revision in article.text


# --- pricing --------------------------------------------------------------------------------------------------


def test_category_3_two_terabytes_twelve_users_with_gfu(grid):
    result = estimate(grid, TODAY, {"categorie": "3", "volume": "2"}, {"utilisateurs": 12}, {"gfu": True}, 12)
    assert [(line.component.id, line.unit_price, line.quantity, line.subtotal) for line in result.lines] == [
        ("gfu-of", Decimal("8.64"), 12, Decimal("103.68")),
        ("gfu-exploitant", Decimal("1.80"), 12, Decimal("21.60")),
        ("netexplorer", Decimal("12.96"), 12, Decimal("155.52")),
    ]
    assert result.period_total == Decimal("280.80")
    assert result.yearly_total == Decimal("3369.60")
    assert result.total == Decimal("3369.60")
    assert result.lines[2].cell == (("volume", "2"), ("categorie", "3"))
    assert result.lines[2].cell_label == "Catégorie 3, Volume NetExplorer 2 To"
    assert result.lines[2].anchor == "grille-2022-11-14-netexplorer-2-3"


def test_without_gfu_only_netexplorer_counts(grid):
    result = estimate(grid, TODAY, {"categorie": "3", "volume": "2"}, {"utilisateurs": 12}, {"gfu": False}, 36)
    assert [line.component.id for line in result.lines] == ["netexplorer"]
    assert result.period_total == Decimal("155.52")
    assert result.total == Decimal("5598.72")


def test_amounts_stay_exact_decimals(grid):
    result = estimate(grid, TODAY, {"categorie": "11", "volume": "5"}, {"utilisateurs": 999}, {"gfu": True}, 7)
    per_user = Decimal("4.80") + Decimal("1.80") + Decimal("11.68")
    assert result.period_total == per_user * 999 == Decimal("18261.72")
    assert result.total == Decimal("127832.04")
    assert all(isinstance(line.subtotal, Decimal) for line in result.lines)


def test_defaults_and_zero_users(grid):
    result = estimate(grid, TODAY, {"categorie": "1", "volume": "1"}, {})
    assert result.periods == 1 and result.lines[0].quantity == 1  # default of the quantity, GFU on by default
    assert result.period_total == Decimal("9.60") + Decimal("1.80") + Decimal("10.80")
    zero = estimate(grid, TODAY, {"categorie": "1", "volume": "1"}, {"utilisateurs": 0})
    assert zero.period_total == 0 and zero.total == 0


@pytest.mark.parametrize(
    "dimensions, quantities, periods, code",
    [
        ({"categorie": "12", "volume": "1"}, {"utilisateurs": 1}, 1, "bad-dimension"),
        ({"categorie": "1", "volume": "6"}, {"utilisateurs": 1}, 1, "bad-dimension"),
        ({"categorie": "1"}, {"utilisateurs": 1}, 1, "bad-dimension"),
        ({"categorie": "1", "volume": "1", "couleur": "bleu"}, {"utilisateurs": 1}, 1, "bad-dimension"),
        ({"categorie": "1", "volume": "1"}, {"utilisateurs": -1}, 1, "bad-quantity"),
        ({"categorie": "1", "volume": "1"}, {"utilisateurs": 100001}, 1, "bad-quantity"),
        ({"categorie": "1", "volume": "1"}, {"utilisateurs": 1}, 0, "bad-periods"),
    ],
)
def test_inputs_outside_the_grid_are_refused(grid, dimensions, quantities, periods, code):
    with pytest.raises(PricingError) as error:
        estimate(grid, TODAY, dimensions, quantities, {}, periods)
    assert error.value.code == code


def test_no_grid_before_the_market(grid):
    with pytest.raises(PricingError) as error:
        estimate(grid, dt.date(2022, 11, 13), {"categorie": "1", "volume": "1"}, {})
    assert error.value.code == "no-version"
    assert estimate(grid, dt.date(2022, 11, 14), {"categorie": "1", "volume": "1"}, {}).version is grid.versions[0]


def test_indicative_fee_cannot_be_priced(data):
    with pytest.raises(PricingError) as error:
        estimate(data.tariff("smica-severac-2026cv4-remuneration"), TODAY, {}, {})
    assert error.value.code == "no-grid"


def revised(grid: models.Tariff) -> models.Tariff:
    """The grid with a second version from 2025-01-01 (every price + 1 €), the first ending the day before."""
    first = grid.versions[0].model_copy(update={"valid_until": dt.date(2024, 12, 31)})

    def plus_one(prices):
        return {k: plus_one(v) for k, v in prices.items()} if isinstance(prices, dict) else prices + 1

    second = models.TariffVersion(
        valid_from=dt.date(2025, 1, 1),
        components=[
            component.model_copy(update={"prices": plus_one(component.prices)}) for component in first.components
        ],
    )
    return grid.model_copy(update={"versions": [first, second]})


def test_the_date_picks_the_version_in_force(grid):
    tariff = revised(grid)
    inputs = ({"categorie": "3", "volume": "2"}, {"utilisateurs": 1}, {"gfu": False})
    assert estimate(tariff, dt.date(2024, 12, 31), *inputs).period_total == Decimal("12.96")
    assert estimate(tariff, dt.date(2025, 1, 1), *inputs).period_total == Decimal("13.96")
    assert estimate(tariff, dt.date(2025, 1, 1), *inputs).lines[0].anchor == "grille-2025-01-01-netexplorer-2-3"
    assert version_in_force(tariff, TODAY) is tariff.versions[1]
    assert past_versions(tariff, TODAY) == [tariff.versions[0]]


# --- registre check on bad grids ------------------------------------------------------------------------------


def test_fixture_tariffs_are_valid(fixture_project, capsys):
    assert main(["--project", str(fixture_project), "check"]) == 0
    assert "Le contenu est valide." in capsys.readouterr().err


def test_missing_cell(project, capsys):
    replace_in(project, GRID, "          '11': 4.80\n", "")
    line = line_of(project / GRID, "prices:")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[0].prices (prix unitaires de la grille n° 1 de la version n° 1): "
        "Il manque le montant pour categorie « 11 ».",
    )


def test_missing_cell_in_a_two_dimension_grid(project, capsys):
    replace_in(project, GRID, "'9': 14.00, ", "")
    line = line_of(project / GRID, "'5': {'1': 23.34")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[2].prices.5 "
        "(prix unitaires (« 5 ») de la grille n° 3 de la version n° 1): Il manque le montant pour categorie « 9 ».",
    )


def test_cell_for_an_unknown_category(project, capsys):
    replace_in(project, GRID, "          '11': 4.80\n", "          '11': 4.80\n          '12': 4.32\n")
    line = line_of(project / GRID, "'12': 4.32")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[0].prices.12 "
        "(prix unitaires (« 12 ») de la grille n° 1 de la version n° 1): "
        "Valeur « 12 » inconnue pour la dimension « categorie » : "
        "les valeurs possibles sont 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.",
    )


def test_negative_amount(project, capsys):
    replace_in(project, GRID, "          '3': 8.64\n", "          '3': -8.64\n")
    line = line_of(project / GRID, "'3': -8.64")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[0].prices.3 "
        "(prix unitaires (« 3 ») de la grille n° 1 de la version n° 1): "
        "Montant négatif (-8.64) : un prix est positif ou nul.",
    )


def test_three_decimal_amount(project, capsys):
    replace_in(project, GRID, "'2': 13.68,", "'2': 13.685,")
    line = line_of(project / GRID, "'2': 13.685")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[2].prices.2.2 "
        "(prix unitaires (« 2 », « 2 ») de la grille n° 3 de la version n° 1): "
        "Le montant 13.685 a plus de deux décimales : "
        "écrivez-le comme sur le document, en euros et centimes.",
    )


def test_three_decimal_indicative_amount(project, capsys):
    replace_in(project, FEE, "amount: 1130.00", "amount: 1130.005")
    line = line_of(project / FEE, "amount: 1130.005")
    assert_problems(
        project,
        capsys,
        f"{FEE}:{line}: indicative[0].amount (montant du montant indicatif n° 1): Le montant 1130.005 a plus de "
        "deux décimales : écrivez-le comme sur le document, en euros et centimes.",
    )


def second_version(project: Path, valid_from: str) -> None:
    """Append to the grid a copy of its version, starting on `valid_from`."""
    text = (project / GRID).read_text(encoding="utf-8")
    start, end = text.index("  - valid_from: 2022-11-14\n"), text.index("\nnotes:\n")
    copy = re.sub(r"    valid_until: .*\n", "", text[start : end + 1]).replace(
        "valid_from: 2022-11-14", f"valid_from: {valid_from}"
    )
    (project / GRID).write_text(text[: end + 1] + copy + text[end + 1 :], encoding="utf-8")


def test_overlapping_validity_periods(project, capsys):
    second_version(project, "2025-01-01")  # the first version has no end: both would be in force
    line = line_of(project / GRID, "valid_from: 2025-01-01")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[1].valid_from (début de validité de la version n° 2): "
        "Cette version commence avant la fin de la "
        "précédente : donnez à la précédente un valid_until antérieur à ce valid_from.",
    )


def test_overlap_by_one_day(project, capsys):
    replace_in(
        project, GRID, "  - valid_from: 2022-11-14\n", "  - valid_from: 2022-11-14\n    valid_until: 2025-01-01\n"
    )
    second_version(project, "2025-01-01")
    line = line_of(project / GRID, "valid_from: 2025-01-01")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[1].valid_from (début de validité de la version n° 2): "
        "Cette version commence avant la fin de la "
        "précédente : donnez à la précédente un valid_until antérieur à ce valid_from.",
    )


def test_consecutive_versions_are_valid(project, capsys):
    replace_in(
        project, GRID, "  - valid_from: 2022-11-14\n", "  - valid_from: 2022-11-14\n    valid_until: 2024-12-31\n"
    )
    second_version(project, "2025-01-01")
    assert run_check(project, capsys)[0] == 0


def test_unknown_component_in_a_line(project, capsys):
    replace_in(project, GRID, "  - component: netexplorer\n", "  - component: netexplorr\n")
    line = line_of(project / GRID, "component: netexplorr")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: lines[2].component (grille de la ligne de calcul n° 3): "
        "Grille inconnue « netexplorr » dans la version "
        "1 : elle doit figurer dans ses components. Voulez-vous dire « netexplorer » ?",
    )


def test_unquoted_grid_key(project, capsys):
    replace_in(project, GRID, "          '3': 8.64\n", "          3: 8.64\n")
    line = line_of(project / GRID, "prices:")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[0].prices (prix unitaires de la grille n° 1 de la version n° 1): "
        "La clé de grille 3 doit être écrite entre apostrophes : '3'.",
    )


def test_amount_written_with_a_comma(project, capsys):
    replace_in(project, GRID, "          '3': 8.64\n", "          '3': 8,64\n")
    line = line_of(project / GRID, "prices:")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{line}: versions[0].components[0].prices (prix unitaires de la grille n° 1 de la version n° 1): "
        "Montant attendu (par exemple 9.60) ou une grille de montants, pas « 8,64 ».",
    )


def test_unknown_quantity_and_option(project, capsys):
    replace_in(
        project,
        GRID,
        "  - component: gfu-of\n    quantity: utilisateurs\n    option: gfu\n",
        "  - component: gfu-of\n    quantity: postes\n    option: fibre\n",
    )
    quantity, option = line_of(project / GRID, "quantity: postes"), line_of(project / GRID, "option: fibre")
    assert_problems(
        project,
        capsys,
        f"{GRID}:{quantity}: lines[0].quantity (quantité de la ligne de calcul n° 1): Quantité inconnue « postes » : "
        "elle doit figurer dans quantities.",
        f"{GRID}:{option}: lines[0].option (option de la ligne de calcul n° 1): Option inconnue « fibre » : "
        "elle doit figurer dans options.",
    )


def test_input_name_reserved_for_the_calculator(project, capsys):
    replace_in(project, GRID, "  - id: utilisateurs\n", "  - id: mois\n")
    replace_in(
        project,
        GRID,
        "    quantity: utilisateurs\n    option: gfu\n  - component: gfu-exploitant",
        "    quantity: mois\n    option: gfu\n  - component: gfu-exploitant",
    )
    code, lines = run_check(project, capsys)
    line = line_of(project / GRID, "  - id: mois")
    assert (
        f"{GRID}:{line}: quantities[0].id (identifiant de la quantité n° 1): "
        "« mois » est un nom réservé au calculateur : choisissez-en un autre." in lines
    )
    assert code == 1


def test_grid_without_tax_basis(project, capsys):
    replace_in(project, GRID, "tax_basis: TTC\n", "")
    assert_problems(
        project, capsys, f"{GRID}:1: (document): Une grille de prix demande sa base : tax_basis: TTC ou tax_basis: HT."
    )


def test_broken_grid_publishes_nothing(project):
    from generator.build import generate
    from generator.problems import ContentError

    replace_in(project, GRID, "          '11': 4.80\n", "")
    with pytest.raises(ContentError):
        generate(Project(project))


# --- pages ----------------------------------------------------------------------------------------------------


def html(built_site: Path, url: str) -> str:
    return (built_site / url / "index.html").read_text(encoding="utf-8")


def test_tariff_page_has_accessible_grid_tables(built_site):
    page = html(built_site, "tarifs/stockage-sauvegarde-mutualisee")
    assert page.count("<caption>") == 3
    assert '<th scope="row">2 To</th>' in page
    assert '<th scope="col"><span class="registre-sr">Catégorie </span>3</th>' in page
    assert '<td class="registre-amount" id="grille-2022-11-14-netexplorer-2-3">12,96\u00a0€</td>' in page
    assert '<td class="registre-amount" id="grille-2022-11-14-netexplorer-4-2">19,73\u00a0€</td>' in page
    assert '<td class="registre-amount" id="grille-2022-11-14-gfu-exploitant-11">1,80\u00a0€</td>' in page
    assert 'href="../../conventions/tarn-et-garonne-deux-rives/annexe-2-article-d/"' in page
    assert "Version du 14 novembre 2022" in page and "Versions antérieures" in page


def test_tariff_page_has_the_calculator_and_its_fallback(built_site):
    page = html(built_site, "tarifs/stockage-sauvegarde-mutualisee")
    assert '<noscript><p class="registre-note">Le calculateur a besoin de JavaScript' in page
    assert 'aria-live="polite"' in page
    for name in ("categorie", "volume", "utilisateurs", "gfu", "mois", "date"):
        assert f'<label for="champ-{name}">' in page
        assert f'id="champ-{name}" name="{name}"' in page
    assert '<script type="application/json" data-registre-tariff-data="stockage-sauvegarde-mutualisee">' in page
    engine = page.index('<script src="../../assets/registre/tarifs-moteur.js"></script>')
    assert engine < page.index('<script src="../../assets/registre/tarifs-calculateur.js"></script>')
    assert (built_site / "assets" / "registre" / "tarifs-moteur.js").is_file()


def test_indicative_fee_page(built_site):
    page = html(built_site, "tarifs/smica-severac-2026cv4-remuneration")
    assert "<strong>1\u202f130,00\u00a0€</strong> en 2025, à titre indicatif." in page
    assert "A titre indicatif, le montant de cette rémunération s’est élevé en 2025 à 1130.00 €." in page
    assert "fixé chaque année par son Conseil Syndical" in page
    assert 'href="../../conventions/smica-severac-2026cv4/article-4/"' in page
    assert "<form" not in page.split("<article", 1)[1] and "tarifs-calculateur.js" not in page
    assert "data-registre-tariff-data" not in page


def test_tariffs_index_lists_both(built_site):
    page = html(built_site, "tarifs")
    assert 'href="stockage-sauvegarde-mutualisee/"' in page and 'href="smica-severac-2026cv4-remuneration/"' in page
    assert "1\u202f130,00\u00a0€ en 2025" in page
    assert 'href="tarifs/"' in html(built_site, "") or 'href="./tarifs/"' in html(built_site, "")


def test_convention_and_service_pages_link_their_tariffs(built_site):
    assert 'href="../../tarifs/stockage-sauvegarde-mutualisee/"' in html(
        built_site, "conventions/tarn-et-garonne-deux-rives"
    )
    assert 'href="../../tarifs/smica-severac-2026cv4-remuneration/"' in html(
        built_site, "conventions/smica-severac-2026cv4"
    )
    for service in ("stockage-sauvegarde", "gfu"):
        assert 'href="../../tarifs/stockage-sauvegarde-mutualisee/"' in html(built_site, f"services/{service}")
    assert 'href="../../tarifs/smica-severac-2026cv4-remuneration/"' in html(built_site, "services/ok-acte")


# --- open data ------------------------------------------------------------------------------------------------


def test_tariffs_json_export_has_every_cell(built_site):
    exported = json.loads((built_site / "donnees-ouvertes" / "tarifs.json").read_text(encoding="utf-8"))
    rows = exported["rows"]
    grid_rows = [row for row in rows if row["nature"] == "grille"]
    assert len(grid_rows) == 11 + 11 + 5 * 11
    cell = next(
        row for row in grid_rows if row["composante"] == "netexplorer" and row["cellule"] == ["volume=4", "categorie=2"]
    )
    assert cell["montant"] == "19.73" and cell["base"] == "TTC" and cell["valide_du"] == "2022-11-14"
    assert cell["cellule_libelle"] == "Catégorie 2, Volume NetExplorer 4 To"
    assert cell["source"] == "tarn-et-garonne-deux-rives, annexe 2, section d"
    (fee,) = [row for row in rows if row["nature"] == "indicatif"]
    assert (fee["tarif"], fee["annee"], fee["montant"]) == ("smica-severac-2026cv4-remuneration", 2025, "1130.00")
    assert set(exported["columns"]) == set(rows[0])


def test_tariffs_csv_export(built_site):
    text = (built_site / "donnees-ouvertes" / "tarifs.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 78
    cell = next(row for row in rows if row["composante"] == "gfu-of" and row["cellule"] == "categorie=1")
    assert cell["montant"] == "9.60" and cell["services"] == "stockage-sauvegarde | gfu"
    assert "tarifs.csv" in html(built_site, "donnees-ouvertes")
