"""French search in real Chromium: elided words, words found nowhere, the register's notes, filter counts,
exact phrases and the order by signature date.

The site is the fixture register with one paragraph more in 2026CV4, written for these searches: each
word after an apostrophe (’, ʼ or ') appears nowhere else, and « deux mois de préavis » only there."""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from urllib.parse import parse_qs, quote, urlsplit

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from conftest import copy_project, served

pytestmark = pytest.mark.browser

SMICA = "smica-severac-2026cv4"
TARN = "tarn-et-garonne-deux-rives"
RESULT = ".registre-result"
STATUS = "#registre-search-status"
ADDED = (
    "L’adhérent dispose d’hébergement sur les serveurs du SMICA, de lʼemphytéose des salles et de "
    "l'usufruit des équipements, sous deux mois de préavis."
)
ANCHOR = "notifié par lettre recommandée avec avis de réception."


@pytest.fixture(scope="module")
def french_site(tmp_path_factory, fixed_build_date):
    from generator.publishing.publish import build_site

    root = tmp_path_factory.mktemp("french")
    project = copy_project(root / "project")
    convention = project / "content" / "conventions" / f"{SMICA}.yaml"
    text = convention.read_text(encoding="utf-8")
    source = project / "content" / "sources" / "2026cv4.txt"  # the document the register's text is checked against
    document = source.read_bytes()
    assert text.count(ANCHOR) == 1 and document.count(ANCHOR.encode()) == 1
    source.write_bytes(document.replace(ANCHOR.encode(), f"{ANCHOR}\n{ADDED}".encode()))
    text = text.replace(ANCHOR, f"{ANCHOR}\n\n      {ADDED}")
    text = text.replace(hashlib.sha256(document).hexdigest(), hashlib.sha256(source.read_bytes()).hexdigest())
    convention.write_text(text, encoding="utf-8")
    site = root / "site"
    report = build_site(project / "mkdocs.yml", site)
    assert not report.errors, [problem.message for problem in report.errors]
    with served(site) as url:
        yield url


@contextmanager
def search_tab(browser, base: str, query: str = "", **params: str):
    """A fresh tab on the search page for `query`, that records the URLs it requests (`tab.requested`)."""
    context = browser.new_context(locale="fr-FR")
    try:
        tab = context.new_page()
        tab.requested = []
        tab.on("request", lambda request: tab.requested.append(request.url))
        extra = "".join(f"&{name}={quote(value)}" for name, value in params.items())
        tab.goto(f"{base}recherche/?q={quote(query)}{extra}")
        yield tab
    finally:
        context.close()


def shown(tab) -> list[str]:
    """The conventions found, in order, once the results are announced."""
    expect(tab.locator(STATUS)).to_contain_text("trouvée", timeout=15000)
    return [
        urlsplit(href).path.strip("/").split("/")[-1]
        for href in tab.locator(f"{RESULT} .registre-result__link").evaluate_all("links => links.map(l => l.href)")
    ]


def excerpts_of(tab, convention: str) -> list[str]:
    item = tab.locator(RESULT, has=tab.locator(f'.registre-result__link[href$="/{convention}/"]'))
    return item.locator(".registre-result__excerpt").all_inner_texts()


@pytest.mark.parametrize(
    "query, reader_text",
    [
        ("adhérent", "L’adhérent"),
        ("adherent", "L’adhérent"),
        ("l’adhérent", "L’adhérent"),
        ("hébergement", "d’hébergement"),
        ("emphytéose", "lʼemphytéose"),
        ("usufruit", "l'usufruit"),
    ],
)
def test_a_word_after_an_apostrophe_is_found(browser, french_site, query, reader_text):
    with search_tab(browser, french_site, query) as tab:
        assert SMICA in shown(tab)
        texts = excerpts_of(tab, SMICA)
        # The excerpt shows the reader's text, its apostrophe included, the word found marked.
        assert any(reader_text in text for text in texts), texts
        marks = tab.locator(f"{RESULT} mark").all_inner_texts()
        assert reader_text in marks, marks


@pytest.mark.parametrize("query", ["anticonstitutionnel", "désordonnément"])
def test_a_word_found_nowhere_finds_nothing(browser, french_site, query):
    # Pagefind would search ever shorter beginnings of it, down to « à » or the « d » of « d’une ».
    with search_tab(browser, french_site, query) as tab:
        expect(tab.locator(STATUS)).to_have_text(f"Aucune convention ne correspond à « {query} ».", timeout=15000)
        expect(tab.locator(RESULT)).to_have_count(0)


@pytest.mark.parametrize(
    "query, status",
    [
        ("désordre", "Aucune convention ne correspond à « désordre »."),
        ("anniversaire retenue", "1 convention trouvée pour « anniversaire retenue »."),
    ],
)
def test_the_register_notes_are_not_shown_as_convention_text(browser, french_site, query, status):
    # Tarn-et-Garonne's notes say « … sont dans le désordre » and « La date anniversaire retenue … »; its text
    # has « retenue » and « date d’anniversaire » elsewhere.
    with search_tab(browser, french_site, query) as tab:
        expect(tab.locator(STATUS)).to_have_text(status, timeout=15000)
        texts = tab.locator(f"{RESULT} .registre-result__excerpt").all_inner_texts()
        notes = ("Note du registre", "texte signé", "désordre", "anniversaire retenue")
        assert not [text for text in texts if any(words in text for words in notes)], texts


def test_the_clause_type_filter_counts_once_reached(browser, french_site):
    with search_tab(browser, french_site, "préavis") as tab:
        assert sorted(shown(tab)) == [SMICA, TARN]
        clause_type = tab.get_by_label("Type de clause")
        termination = clause_type.locator("option", has_text="Résiliation")
        tab.wait_for_load_state("networkidle")
        filters = [url for url in tab.requested if "/pagefind/filter/" in url]
        assert len(filters) == 2, "the clause types are loaded once a reader comes to them"
        expect(termination).to_have_text("Résiliation")

        clause_type.focus()
        expect(termination).to_have_text("Résiliation (2)")
        labels = clause_type.locator("option").all_inner_texts()
        assert all(re.fullmatch(r".+ \(\d+\)", label) for label in labels[1:]), labels
        assert "Préambule (1)" in labels, labels
        assert len([url for url in tab.requested if "/pagefind/filter/" in url]) == 3
        assert sorted(shown(tab)) == [SMICA, TARN]


@pytest.mark.parametrize(
    "query", ['"deux mois de préavis"', "« deux mois de préavis »", "«\u00a0deux mois de préavis\u00a0»"]
)
def test_an_exact_phrase_finds_its_words_in_that_order(browser, french_site, query):
    with search_tab(browser, french_site, "deux mois de préavis") as tab:
        assert sorted(shown(tab)) == [SMICA, TARN], "both have these words"
    with search_tab(browser, french_site, query) as tab:
        assert shown(tab) == [SMICA]
        expect(tab.locator(STATUS)).to_have_text(f"1 convention trouvée pour « {query} ».")
        expect(tab.get_by_label("Organisation partie").locator("option", has_text="SMICA")).to_have_text("SMICA (1)")
        expect(
            tab.get_by_label("Organisation partie").locator("option", has_text="Tarn-et-Garonne Aménagement")
        ).to_have_text("Tarn-et-Garonne Aménagement (0)")
    with search_tab(browser, french_site, '"préavis de deux mois"') as tab:
        assert sorted(shown(tab)) == [SMICA, TARN]
    with search_tab(browser, french_site, '"mois deux préavis"') as tab:
        expect(tab.locator(STATUS)).to_have_text('Aucune convention ne correspond à « "mois deux préavis" ».')


def test_results_can_be_sorted_by_signature_date(browser, french_site):
    # « services »: Tarn-et-Garonne (undated) is the most relevant; 2026CV4 was signed on 17 February 2026.
    with search_tab(browser, french_site, "services") as tab:
        assert shown(tab) == [TARN, SMICA]
        order = tab.get_by_label("Trier par")
        expect(order).to_have_value("")
        order.select_option(label="Date de signature, la plus récente d’abord")
        expect(tab.locator(f"{RESULT} .registre-result__link").first).to_have_attribute(
            "href", f"/conventions/{SMICA}/"
        )
        assert shown(tab) == [SMICA, TARN], "newest first, the undated one last"
        signed = tab.locator(f"{RESULT} .registre-result__signature").all_inner_texts()
        assert signed == [
            "Signature : à Rodez, le 17 février 2026",
            "Signature : Lieu et date non précisés par le document",
        ]
        assert parse_qs(urlsplit(tab.url).query) == {"q": ["services"], "tri": ["desc"]}

        order.select_option(label="Pertinence")
        expect(tab.locator(f"{RESULT} .registre-result__link").first).to_have_attribute("href", f"/conventions/{TARN}/")
        assert shown(tab) == [TARN, SMICA]
    with search_tab(browser, french_site, "services", tri="desc") as tab:
        assert shown(tab) == [SMICA, TARN]
        expect(tab.get_by_label("Trier par")).to_have_value("desc")


def test_the_search_form_is_a_named_landmark(browser, french_site):
    with search_tab(browser, french_site) as tab:
        expect(tab.get_by_role("search", name="Recherche dans les conventions")).to_have_count(1)
