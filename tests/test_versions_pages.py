"""What a reader sees of a convention's avenants, at several dates: the consolidated text and its markers,
the avenants, the list of versions, each version's permanent page with its word comparison, each article's
history; and the word comparison on its own."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from test_build_site import Page, broken_links, html_files
from test_conformance import HtmlCheck

from generator.cli import main
from generator.site.word_diff import tokens, word_diff

from conftest import copy_project
from helpers import add_avenants
from html_tree import Element, main_content, parse, read_page

CONVENTION = "conventions/smica-severac-2026cv4"
NBSP = "\u00a0"


# --- the word comparison ---------------------------------------------------------------


def test_tokens_give_the_text_back():
    text = "Article 3 :\n\nla  durée est de 3 ans. "
    assert "".join(tokens(text)) == text


def test_word_diff_marks_removed_and_added_words_with_their_spoken_bounds():
    html = str(word_diff("pour une durée de 3 ans.", "pour une durée de 4 ans."))
    tree = parse(html)
    deleted, inserted = tree.find("del"), tree.find("ins")
    assert deleted is not None and inserted is not None
    assert deleted.text == "[début de suppression] 3 [fin de suppression]"
    assert inserted.text == "[début d’insertion] 4 [fin d’insertion]"
    assert [span.text for span in tree.find_all("span", "registre-sr")][:2] == [
        "[début de suppression]",
        "[fin de suppression]",
    ]
    assert tree.text.startswith("pour une durée de ")


def test_word_diff_of_equal_texts_marks_nothing_and_escapes_the_text():
    html = str(word_diff("a <script>x</script> & b\nc", "a <script>x</script> & b\nc"))
    assert "<del>" not in html and "<ins>" not in html
    assert html == "a &lt;script&gt;x&lt;/script&gt; &amp; b&#10;c"


def test_word_diff_escapes_changed_words():
    html = str(word_diff("a b", "a <b>"))
    assert "<ins>" in html and "&lt;b&gt;" in html and "<b>" not in html


def test_word_diff_of_a_long_text_with_one_word_changed_marks_that_word_only():
    words = [f"mot{index}" for index in range(20000)]
    changed = list(words)
    changed[12345] = "nouveau"
    tree = parse(str(word_diff(" ".join(words), " ".join(changed))))
    assert [element.text for element in tree.find_all("del")] == [
        "[début de suppression] mot12345 [fin de suppression]"
    ]
    assert [element.text for element in tree.find_all("ins")] == ["[début d’insertion] nouveau [fin d’insertion]"]


def test_word_diff_of_an_insertion_and_an_abrogation():
    assert str(word_diff("", "texte nouveau")).startswith("<ins>")
    assert str(word_diff("texte ancien", "")).startswith("<del>")


# --- built registers at several dates -----------------------------------------------------


def _build(root: Path, day: str, monkeypatch, published: bool = True) -> Path:
    project = copy_project(root / "project")
    path = add_avenants(project)
    if published:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("\nsignature:", "\npublication: {first: 2026-02-20, last: 2026-10-02}\nsignature:", 1),
            encoding="utf-8",
        )
    else:  # a build before the avenants were put online: their publication dates are not written yet
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith("    publication:")), encoding="utf-8")
    site = root / "site"
    monkeypatch.setenv("REGISTRE_DATE", day)
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="module")
def amended_site(tmp_path_factory) -> Path:
    """The fixture register with its three avenants, built on 2026-11-22: avenants 1 and 2 in force, 3 to come."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _build(tmp_path_factory.mktemp("amended"), "2026-11-22", monkeypatch)


def _page(site: Path, path: str) -> Element:
    return main_content(read_page(site, path))


def _section_text(content: Element, heading_id: str) -> str:
    """The text from the heading `heading_id` to the next heading of the same level."""
    heading = next(element for element in content.iter() if element.attrs.get("id") == heading_id)
    parent = heading.parent
    assert parent is not None
    siblings = [child for child in parent.children if isinstance(child, Element)]
    start = siblings.index(heading)
    text = [heading.text]
    for element in siblings[start + 1 :]:
        if element.tag == heading.tag:
            break
        text.append(element.text)
    return " ".join(text)


def test_convention_page_shows_the_text_in_force_under_the_banner(amended_site):
    content = _page(amended_site, CONVENTION)
    banner = content.find("div", "registre-consolidated")
    assert banner is not None
    assert banner.text.startswith(
        "Version en vigueur au 22 novembre 2026, consolidée par le registre, sans valeur juridique : "
        "seuls les textes signés font foi."
    )
    links = {a.text: a.attrs["href"] for a in banner.find_all("a")}
    assert links["la convention"] == "document-source.txt"
    assert links["l’avenant n° 1"] == "document-source-avenant-1.txt"
    assert links["Toutes les versions"] == "versions/"
    for number in (1, 2, 3):
        source = amended_site / CONVENTION / f"document-source-avenant-{number}.txt"
        assert source.read_bytes().startswith(b"AVENANT") or source.stat().st_size > 0
    article_1 = _section_text(content, "article-1")
    assert "Rédaction issue de l’avenant n° 1 du 10 mars 2026 — rédaction antérieure de l’article 1" in article_1
    assert "y compris le module de marchés publics OK-MARCHES" in article_1
    assert "Rédaction issue de l’avenant n° 1 du 10 mars 2026 — historique" in _section_text(content, "article-5-bis")
    article_6 = _section_text(content, "article-6")
    assert article_6.startswith("Article 6 — Abrogé par l’avenant n° 2 du 15 septembre 2026")
    assert "Tribunal" not in article_6
    # Avenant 3 is not in force yet: article 4 is as signed, without a marker.
    article_4 = _section_text(content, "article-4")
    assert "Rédaction issue" not in article_4 and "révisée" not in article_4
    assert "Nouvelle rédaction à partir du 1er janvier 2027 (avenant n° 3 du 2 novembre 2026)" in article_4
    publication = content.find("p", "registre-publication")
    assert publication.text == "Mis en ligne le 20 février 2026, mis à jour le 2 octobre 2026."


def test_convention_page_lists_the_avenants(amended_site):
    content = _page(amended_site, CONVENTION)
    first = content.find("section", "registre-act", **{"aria-labelledby": "avenant-1"})
    assert first is not None
    text = first.text
    for expected in (
        "Avenant n° 1 du 10 mars 2026",
        "à Rodez, le 10 mars 2026",
        "Entrée en vigueur 1er avril 2026",
        "Syndicat mixte Séverac Carrefour Aveyron (membre bénéficiaire), représenté par",
        "Comité syndical (SMICA), délibération n° 2026-07 du 26 février 2026",
        "Article 1 : nouvelle rédaction (texte)",
        f"«{NBSP}L'article 1 de la convention est remplacé par les dispositions suivantes{NBSP}»",
        "Article 5 bis inséré, après l’article 5 : Protection des données",
        "Mis en ligne le 20 mars 2026",
    ):
        assert expected in text, expected
    second = content.find("section", "registre-act", **{"aria-labelledby": "avenant-2"}).text
    assert "Mis en ligne le 20 septembre 2026, mis à jour le 2 octobre 2026" in second
    assert "Article 6 abrogé" in second and "Durée : " in second
    third = content.find("section", "registre-act", **{"aria-labelledby": "avenant-3"}).text
    assert "(à venir)" in third and "Entre en vigueur le 1er janvier 2027" in third


def test_versions_page_lists_every_version_with_its_dates_and_changes(amended_site):
    content = _page(amended_site, f"{CONVENTION}/versions")
    items = [item.text for item in content.find("ol", "registre-versions").find_all("li") if item.find("h2")]
    assert len(items) == 4
    assert items[0].startswith("Texte signé (antérieure) Version du 1er janvier 2026 au 31 mars 2026.")
    assert items[1].startswith(
        "Avenant n° 1 du 10 mars 2026 (antérieure) Version du 1er avril 2026 au 30 septembre 2026"
    )
    assert "Article 1 : nouvelle rédaction" in items[1] and "Article 5 bis : inséré" in items[1]
    assert items[2].startswith("Avenant n° 2 du 15 septembre 2026 (en vigueur) Version du 1er octobre 2026 au")
    assert "Article 6 : abrogé" in items[2] and "Durée" in items[2]
    assert items[3].startswith("Avenant n° 3 du 2 novembre 2026 (à venir) Version à partir du 1er janvier 2027.")
    hrefs = [a.attrs["href"] for a in content.find_all("a") if a.parent is not None and a.parent.tag == "h2"]
    assert hrefs == [
        "../version-2026-01-01/",
        "../version-2026-04-01/",
        "../version-2026-10-01/",
        "../version-2027-01-01/",
    ]


def test_version_page_compares_the_changed_clauses_word_by_word(amended_site):
    content = _page(amended_site, f"{CONVENTION}/version-2026-10-01")
    compared = content.find("section", "registre-comparison-clause", **{"aria-labelledby": "comparaison-article-3"})
    assert compared is not None
    assert next(d.text for d in compared.find_all("del")) == "[début de suppression] 3 [fin de suppression]"
    assert next(i.text for i in compared.find_all("ins")) == "[début d’insertion] 4 [fin d’insertion]"
    abrogated = content.find("section", "registre-comparison-clause", **{"aria-labelledby": "comparaison-article-6"})
    assert abrogated.find("ins") is None
    assert "Tribunal" in " ".join(deleted.text for deleted in abrogated.find_all("del"))
    # Only what the act changed is compared: article 1 (avenant 1) is not.
    assert content.find("section", **{"aria-labelledby": "comparaison-article-1"}) is None
    # The full text as it stood: every clause, the abrogated one marked, 5 bis in place.
    headings = [h.text for h in content.find_all("h3") if (h.attrs.get("id") or "").startswith("article-")]
    assert headings[-2:] == [
        "Article 5 bis : Protection des données",
        "Article 6 — Abrogé par l’avenant n° 2 du 15 septembre 2026",
    ]


def test_future_version_page_shows_the_wording_to_come(amended_site):
    content = _page(amended_site, f"{CONVENTION}/version-2027-01-01")
    assert "(à venir au 22 novembre 2026)" in content.find("div", "registre-consolidated").text
    compared = content.find("section", **{"aria-labelledby": "comparaison-article-4"})
    inserted = " ".join(element.text for element in compared.find_all("ins"))
    assert "et révision" in inserted and "révisée" in inserted and "indice" in inserted
    assert "1130.00" in " ".join(element.text for element in compared.find_all("del"))


def test_article_page_tells_its_history_and_cites_its_version(amended_site):
    content = _page(amended_site, f"{CONVENTION}/article-3")
    history = content.find("section", "registre-history")
    assert history is not None and history.attrs.get("data-pagefind-ignore") == "all"
    items = [item.text for item in history.find("ol").find_all("li")]
    assert items[0].startswith("Rédaction du 1er janvier 2026 au 30 septembre 2026 (antérieure) Issue du texte signé")
    assert "durée de 3 ans" in items[0]
    assert items[1].startswith(
        "Rédaction depuis le 1er octobre 2026 (en vigueur) Issue de l’avenant n° 2 du 15 septembre 2026"
    )
    assert "durée de 4 ans" in items[1]
    citation = content.find("textarea").text
    assert "article 3, version en vigueur au 22 novembre 2026 (version-2026-10-01)." in citation
    assert citation.endswith("/conventions/smica-severac-2026cv4/version-2026-10-01/#article-3")


def test_abrogated_article_keeps_its_page_and_a_future_article_has_none(amended_site):
    content = _page(amended_site, f"{CONVENTION}/article-6")
    assert "Abrogé par l’avenant n° 2 du 15 septembre 2026." in content.find("p", "registre-abrogated").text
    assert "Tribunal" in content.text
    assert (amended_site / CONVENTION / "article-5-bis" / "index.html").is_file()


def test_version_pages_and_histories_stay_out_of_the_search_index(amended_site):
    for path in ("versions", "version-2026-01-01", "version-2026-10-01", "article-3"):
        html = (amended_site / CONVENTION / path / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html, path
    markers = list(_page(amended_site, CONVENTION).find_all("p", "registre-origin"))
    assert markers and all("data-pagefind-ignore" in marker.attrs for marker in markers)


def test_amended_pages_are_valid_html(amended_site, tmp_path):
    files = {
        path or "convention": amended_site / CONVENTION / path / "index.html"
        for path in ("", "versions", "version-2026-10-01", "version-2027-01-01", "article-3", "article-6")
    }
    findings = HtmlCheck(files, tmp_path / "report.json").findings()
    found = [finding for kind in findings.values() for finding in kind]
    assert found == [], "\n".join(found)


def test_every_link_of_the_amended_site_resolves(amended_site):
    pages = {
        path.relative_to(amended_site).as_posix(): Page(path.read_text(encoding="utf-8"))
        for path in html_files(amended_site)
    }
    assert f"{CONVENTION}/version-2026-04-01/index.html" in pages
    broken = broken_links(amended_site, pages)
    assert broken == [], "\n".join(broken)


def test_before_the_first_avenant_the_text_is_as_signed(tmp_path, monkeypatch):
    site = _build(tmp_path, "2026-03-15", monkeypatch, published=False)
    content = _page(site, CONVENTION)
    assert content.find("div", "registre-consolidated").text.startswith("Version en vigueur au 15 mars 2026")
    assert "OK-MARCHES" not in _section_text(content, "article-1")
    assert "Tribunal" in _section_text(content, "article-6")
    assert content.find(None, **{"id": "article-5-bis"}) is None
    assert not (site / CONVENTION / "article-5-bis").exists()
    assert (site / CONVENTION / "version-2026-04-01" / "index.html").is_file()
    first = content.find("section", "registre-act", **{"aria-labelledby": "avenant-1"}).text
    assert "Entre en vigueur le 1er avril 2026" in first


def test_after_the_third_avenant_article_4_has_its_new_wording(tmp_path, monkeypatch):
    site = _build(tmp_path, "2027-02-01", monkeypatch)
    content = _page(site, CONVENTION)
    article_4 = _section_text(content, "article-4")
    assert article_4.startswith("Article n°4 : Rémunération et révision")
    assert "Rédaction issue de l’avenant n° 3 du 2 novembre 2026" in article_4
    history = _page(site, f"{CONVENTION}/article-4").find("section", "registre-history").text
    assert "Rédaction du 1er janvier 2026 au 31 décembre 2026 (antérieure)" in history


def test_an_avenant_source_naming_a_private_person_is_not_published_as_is(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    path = add_avenants(project)
    source = project / "content" / "sources" / "2026cv4-avenant-2.txt"
    old_hash = hashlib.sha256(source.read_bytes()).hexdigest()
    source.write_text(source.read_text(encoding="utf-8") + "\nSuivi par DAVID ALLARD.\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old_hash, hashlib.sha256(source.read_bytes()).hexdigest()), encoding="utf-8")
    monkeypatch.setenv("REGISTRE_DATE", "2026-11-22")
    site = tmp_path / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert not (site / CONVENTION / "document-source-avenant-2.txt").exists()
    assert (site / CONVENTION / "document-source-avenant-1.txt").is_file()
    content = _page(site, CONVENTION)
    assert "l’avenant n° 2 (non publié tel quel)" in content.find("div", "registre-consolidated").text
    second = content.find("section", "registre-act", **{"aria-labelledby": "avenant-2"}).text
    assert "non publié tel quel car il contient des données personnelles" in second
    assert "ALLARD" not in (site / CONVENTION / "index.html").read_text(encoding="utf-8")
