"""The clause type pages (/clauses/<topic>/): a table compares the conventions' facts, each cell linked to
the clause it comes from, then the texts, each in a collapsible block. Read from the built fixture site."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from generator.publishing.publish import build_site
from generator.site import pages

from helpers import replace_in
from html_tree import Element, ids, main_content, parse, read_page, resolve

SMICA = "2026CV4"
DEUX_RIVES = (
    "Convention d’accès au bouquet de services numériques pour les membres du syndicat mixte "
    "Tarn-et-Garonne Aménagement"
)
DEUX_RIVES_ANNEX = f"{DEUX_RIVES} Annexe 2"


def comparison_table(document: Element) -> Element:
    table = main_content(document).find("div", "registre-comparison__scroll")
    assert table is not None, "no comparison table"
    return table


def table_rows(document: Element) -> dict[str, dict[str, str]]:
    """Each row of the comparison table by its header, as {column header: cell text}."""
    table = comparison_table(document)
    headers = [cell.text for cell in table.find_all("th", scope="col")]
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        cells = [cell for cell in row.children if isinstance(cell, Element) and cell.tag in ("th", "td")]
        rows[cells[0].text] = dict(zip(headers[1:], [cell.text for cell in cells[1:]], strict=True))
    return rows


def test_the_term_table_gives_each_conventions_dates(built_site: Path):
    rows = table_rows(read_page(built_site, "clauses/duree/"))
    assert list(rows) == [SMICA, DEUX_RIVES, DEUX_RIVES_ANNEX]
    assert rows[SMICA] | {"Règle": ""} == {
        "Début": "1er janvier 2026",
        "Durée initiale": "3 ans",
        "Renouvellement": "non précisé",
        "Échéance": "31 décembre 2028",
        "Règle": "",
    }
    assert rows[DEUX_RIVES]["Début"] == "À la date de signature effective (non précisée par le document)"
    assert rows[DEUX_RIVES]["Durée initiale"] == rows[DEUX_RIVES]["Échéance"] == "non précisé"
    assert rows[DEUX_RIVES_ANNEX] | {"Règle": ""} == {
        "Début": "14 novembre 2022",
        "Durée initiale": "2 ans",
        "Renouvellement": "2 fois 1 an",
        "Échéance": "13 novembre 2024, au plus tard le 13 novembre 2026 avec les renouvellements",
        "Règle": "",
    }


def test_the_termination_table_gives_notice_form_and_who(built_site: Path):
    rows = table_rows(read_page(built_site, "clauses/resiliation/"))
    assert rows[SMICA] == {
        "Préavis": "2 mois",
        "Point de départ": "À tout moment",
        "Forme": "lettre recommandée avec avis de réception",
        "Qui peut résilier": "Chaque partie",
        "Effet": "Notifiée le 22 novembre 2026, une résiliation prendrait effet le 22 janvier 2027",
    }
    assert set(rows[DEUX_RIVES].values()) == {"non précisé"}  # its own article sends to each annex
    assert rows[DEUX_RIVES_ANNEX] == {
        "Préavis": "2 mois",
        "Point de départ": "Avant chaque date anniversaire du 14 novembre (signature du marché entre le Syndicat "
        "mixte et la société NETEXPLORER)",
        "Forme": "non précisé",
        "Qui peut résilier": "L’établissement public membre",
        "Effet": "Terme atteint : plus de préavis à calculer (au 22 novembre 2026).",
    }


def test_the_fees_table_links_the_tariffs(built_site: Path):
    document = read_page(built_site, "clauses/remuneration/")
    rows = table_rows(document)
    assert rows[SMICA]["Montant ou tarif"] == "1\u202f130,00\u00a0€ en 2025 (à titre indicatif)"
    assert rows[SMICA]["Taxes"] == "non précisé"
    assert rows[DEUX_RIVES]["Montant ou tarif"] == "Grille : prix unitaires de 1,80\u00a0€ à 23,34\u00a0€"
    assert rows[DEUX_RIVES]["Taxes"] == "TTC"
    assert rows[DEUX_RIVES]["Unité"] == "par utilisateur et par mois"
    links = [link.attrs["href"] for link in comparison_table(document).find_all("a")]
    assert "../../tarifs/stockage-sauvegarde-mutualisee/" in links
    assert "../../tarifs/smica-severac-2026cv4-remuneration/" in links


@pytest.mark.parametrize("topic", ["duree", "resiliation", "remuneration", "donnees-personnelles", "litiges"])
def test_every_fact_links_to_a_page_or_anchor_that_exists(built_site: Path, topic: str):
    page_path = f"clauses/{topic}/"
    table = comparison_table(read_page(built_site, page_path))
    for row in table.find("tbody").find_all("tr"):
        cells = [cell for cell in row.children if isinstance(cell, Element) and cell.tag == "td"]
        for cell in cells:
            links = list(cell.find_all("a"))
            unstated = list(cell.find_all("span", "registre-comparison__unstated"))
            assert links or unstated, f"{topic}: a cell with neither a source nor « non précisé »: {cell.text}"
            for link in links:
                target, fragment = resolve(built_site, page_path, link.attrs["href"] or "")
                assert target.is_file(), f"{topic}: {link.attrs['href']} leads nowhere"
                if fragment:
                    assert fragment in ids(parse(target.read_text(encoding="utf-8"))), link.attrs["href"]


def test_the_texts_follow_in_collapsible_blocks_under_ordered_headings(built_site: Path):
    document = read_page(built_site, "clauses/referent/")
    content = main_content(document)
    blocks = list(content.find_all("details", "registre-compare"))
    summaries = [block.find("summary").text for block in blocks]
    assert summaries[0] == f"{DEUX_RIVES} — Article 3 : Modalités d’accès aux services du Syndicat mixte"
    assert "3.1 : Désignation d’un référent" in [heading.text for heading in blocks[0].find_all("h3")]
    for topic in ("duree", "referent", "donnees-personnelles", "remuneration"):
        levels = [
            int(element.tag[1])
            for element in main_content(read_page(built_site, f"clauses/{topic}/")).iter()
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6")
        ]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels)), (topic, levels)


def test_a_topic_without_columns_of_its_own_and_pages_of_a_long_list(project: Path, tmp_path, monkeypatch):
    """A topic the staff add gets the fallback table (its clauses and the status); a list split into
    pages compares, on each page, the conventions of that page's clauses."""
    (project / "content/topics/sous-traitance.yaml").write_text(
        "id: sous-traitance\nlabel: Sous-traitance\ndescription: Recours à des prestataires.\norder: 200\n",
        encoding="utf-8",
    )
    (project / "content/topics/penalites.yaml").write_text(
        "id: penalites\nlabel: Pénalités\ndescription: Sanctions d’un manquement.\norder: 210\n", encoding="utf-8"
    )
    replace_in(
        project,
        "content/conventions/smica-severac-2026cv4.yaml",
        "      - responsabilite\n      - confidentialite\n",
        "      - responsabilite\n      - confidentialite\n      - sous-traitance\n",
    )
    monkeypatch.setattr(pages, "CLAUSES_PER_PAGE", 2)
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site)

    added = read_page(site, "clauses/sous-traitance/")
    assert table_rows(added) == {SMICA: {"Clauses": "Article 2 : Responsabilités des parties", "Statut": "En vigueur"}}
    assert [block.find("summary").text for block in main_content(added).find_all("details")] == [
        "Convention (référence 2026CV4) — Article n° 2 : Responsabilités des parties"
    ]
    empty = main_content(read_page(site, "clauses/penalites/"))
    assert "Aucune clause de ce type dans le registre pour l’instant." in empty.text
    assert empty.find("table") is None

    first, second = read_page(site, "clauses/duree/"), read_page(site, "clauses/duree/page/2/")
    assert "Page 1 sur 2 : éléments 1 à 2 sur 3." in main_content(first).text
    assert list(table_rows(first)) == [SMICA, DEUX_RIVES, DEUX_RIVES_ANNEX]
    assert len(list(main_content(first).find_all("details"))) == 2
    assert list(table_rows(second)) == [DEUX_RIVES, DEUX_RIVES_ANNEX]
    assert [block.attrs["id"] for block in main_content(second).find_all("details")] == [
        "tarn-et-garonne-deux-rives-annexe-2-article-c"
    ]
    pager_links = [link.attrs["href"] for link in main_content(second).find("nav", "registre-pages").find_all("a")]
    assert "../../" in pager_links  # back to the first page


@pytest.mark.parametrize("topic", ["duree", "resiliation", "remuneration"])
def test_on_a_phone_the_table_scrolls_in_its_box_not_the_page(page, site_url: str, topic: str):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}clauses/{topic}/")
    widths = page.evaluate(
        """() => {
          const box = document.querySelector('.registre-comparison__scroll');
          return {page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
                  box: box.clientWidth, table: box.scrollWidth, overflow: getComputedStyle(box).overflowX};
        }"""
    )
    assert widths["page"] <= widths["viewport"] == 390, widths
    assert widths["table"] > widths["box"] and widths["overflow"] == "auto", widths
    assert page.locator(".registre-comparison__scroll .registre-scroll__hint").is_visible()
    page.locator("details.registre-compare summary").first.click()
    assert page.locator("details.registre-compare").first.evaluate("block => block.open")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
