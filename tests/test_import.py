"""`registre import`: a signed convention (text, PDF, DOCX, ODT) read back into draft content files.

The seeds' hand-made conventions are the expected result: importing their source text, a PDF printed from
it by Chromium (with a ruled price grid, running headers and page numbers) or a DOCX written from it gives
the same articles, annexes, parties and dates, word for word once whitespace is normalised.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.cli import main

from conftest import REGISTER
from helpers import run_check

SOURCES = REGISTER / "content" / "sources"
CONVENTIONS = REGISTER / "content" / "conventions"
SEEDS = {
    "smica-severac-2026cv4": SOURCES / "2026cv4.txt",
    "tarn-et-garonne-deux-rives": SOURCES / "tarn-et-garonne-deux-rives.txt",
}
PLACEHOLDER = "À COMPLÉTER"
RUNNING_HEADER = "Exemplaire signé — registre des conventions"


def words(text: object) -> list[str]:
    return str(text or "").split()


def hand_made(seed: str) -> dict:
    return yaml.safe_load((CONVENTIONS / f"{seed}.yaml").read_text(encoding="utf-8"))


def run_import(project: Path, document: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["--project", str(project), "import", str(document), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err


def imported(project: Path, document: Path, capsys, identifier: str = "importee") -> tuple[dict, str]:
    code, report = run_import(project, document, capsys, "--id", identifier)
    assert code == 0, report
    path = project / "content" / "conventions" / f"{identifier}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")), report


def assert_same_section(got: dict, expected: dict, where: str, text_too: bool = True) -> None:
    assert str(got["number"]) == str(expected["number"]), where
    assert got["title"] == expected["title"], where
    assert words(got["heading"]) == words(expected["heading"]), where
    if text_too:
        assert words(got["text"]) == words(expected["text"]), where


def amounts(text: str) -> Counter:
    return Counter(re.findall(r"\d+,\d\d\s*€", text.replace(" €", "€")))


def assert_reproduces(got: dict, seed: str, grid_as_table: bool) -> None:
    """The draft has the hand-made convention's articles, annexes, parties and dates."""
    expected = hand_made(seed)
    assert got["title"] == expected["title"]
    assert got["reference"] == expected["reference"]
    assert [a["number"] for a in got["articles"]] == [a["number"] for a in expected["articles"]]
    for got_article, article in zip(got["articles"], expected["articles"], strict=True):
        assert_same_section(got_article, article, f"article {article['number']}")
    assert [a["number"] for a in got.get("annexes", [])] == [a["number"] for a in expected.get("annexes", [])]
    for got_annex, annex in zip(got.get("annexes", []), expected.get("annexes", []), strict=True):
        assert got_annex["heading"] == annex["heading"] and got_annex["title"] == annex["title"]
        assert [s["number"] for s in got_annex["articles"]] == [s["number"] for s in annex["articles"]]
        for got_section, section in zip(got_annex["articles"], annex["articles"], strict=True):
            rebuilt = "transcription" in section and not grid_as_table
            assert_same_section(got_section, section, f"annex {annex['number']} {section['number']}", not rebuilt)
            if rebuilt:  # the text extraction's jumbled grid: the same amounts, each as many times
                assert amounts(got_section["text"]) == amounts(section["text"])
    assert words(got.get("preamble")) == words(expected.get("preamble"))
    assert words(got.get("closing")) == words(expected.get("closing"))
    assert got["signature"] == expected["signature"]
    for got_party, party in zip(got["parties"], expected["parties"], strict=True):
        assert got_party["organisation"] == party["organisation"]
        assert got_party["mandate"] == party["mandate"]
        assert got_party.get("mandate_date") == party.get("mandate_date")
        assert got_party.get("designation") == party.get("designation")
        representative = got_party["representative"]
        assert representative["name"] == party["representative"]["name"]
        assert representative["civility"] == party["representative"]["civility"]
        # the parties block of the bouquet convention does not give the member's representative's function
        assert representative["function"] in (party["representative"]["function"], PLACEHOLDER)
    entry = expected["entry_into_force"]
    assert got["entry_into_force"] == {key: entry[key] for key in ("date", "on_signature", "source") if key in entry}
    if "duration" in expected["term"]:
        assert got["term"]["duration"] == expected["term"]["duration"]


# --- the seeds' source texts ------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_importing_a_seed_text_reproduces_its_hand_made_convention(project, capsys, seed):
    got, report = imported(project, SEEDS[seed], capsys)
    assert_reproduces(got, seed, grid_as_table=False)
    source = (project / "content" / "sources" / "importee.txt").read_text(encoding="utf-8")
    assert words(source) == words(SEEDS[seed].read_text(encoding="utf-8"))  # nothing dropped
    assert "organisation connue" in report and "nouvelle organisation" not in report
    assert "Fichiers écrits : content/sources/importee.txt, content/conventions/importee.yaml." in report


def test_check_on_a_draft_lists_what_remains_to_complete(project, capsys):
    (project / "content" / "conventions" / "smica-severac-2026cv4.yaml").unlink()
    (project / "content" / "tariffs" / "smica-severac-2026cv4-remuneration.yaml").unlink()
    imported(project, SEEDS["smica-severac-2026cv4"], capsys, "smica-severac-2026cv4")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert [line.split(": ")[1].split(" (")[0] for line in lines[:-1]] == [
        "summary",
        "parties[0].role",
        "parties[1].role",
        "services[0]",
    ]
    assert all("À compléter : remplacez « À COMPLÉTER »" in line for line in lines[:-1])
    assert lines[-1] == "4 problèmes trouvés."  # `registre build` refuses a register that fails check
    draft = project / "content" / "conventions" / "smica-severac-2026cv4.yaml"
    completed = draft.read_text(encoding="utf-8").replace("summary: À COMPLÉTER", "summary: Une convention.")
    completed = completed.replace("role: À COMPLÉTER", "role: partie").replace("- À COMPLÉTER", "- ok-acte")
    draft.write_text(completed, encoding="utf-8")
    assert run_check(project, capsys) == (0, ["Le contenu est valide."])  # word for word with its source
    draft.write_text(completed.replace("préavis de deux mois", "préavis de trois mois"), encoding="utf-8")
    code, lines = run_check(project, capsys)
    assert code == 1 and "« un préavis de deux mois, notifié par » dans le document" in lines[0]


def test_an_existing_file_is_never_overwritten(project, capsys):
    target = project / "content" / "sources" / "2026cv4.txt"
    before = target.read_bytes()
    code, report = run_import(project, SEEDS["smica-severac-2026cv4"], capsys, "--id", "2026cv4")
    assert code == 1
    assert "content/sources/2026cv4.txt existe déjà : rien n’a été écrit" in report
    assert target.read_bytes() == before
    assert not (project / "content" / "conventions" / "2026cv4.yaml").exists()


def test_model_alignment_is_refused_in_french(project, capsys):
    code, report = run_import(project, SEEDS["smica-severac-2026cv4"], capsys, "--model", "accompagnement")
    assert code == 2
    assert "--model n’est pas encore possible" in report


def test_a_file_it_cannot_read_is_told_in_french(project, capsys, tmp_path):
    for name, content in (
        ("convention.rtf", b"{\\rtf1}"),
        ("abimee.pdf", b"%PDF-1.4 tronque"),
        ("latin1.txt", b"\xe9t\xe9"),
    ):
        path = tmp_path / name
        path.write_bytes(content)
        code, report = run_import(project, path, capsys)
        assert code == 2
        assert report.startswith(f"registre : {name} : ")
    assert not (project / "content" / "sources" / "abimee.txt").exists()


# --- every heading style, on openings written for the test -------------------------

OPENING = """\
CONVENTION DE MISE À DISPOSITION
SOMMAIRE
Article 1 - Objet ........ 2
Article 2 - Durée ........ 2
Article 3 - Rémunération ........ 3
Annexe 1 ........ 4

ENTRE

La Commune de Saint-Exemple
1 place de la Mairie
81000 ALBI
représentée par son Maire Madame Claire MARTIN, dûment habilitée par délibération n° 2023-41 du 4 décembre 2023
(ci-après désignée la Commune)
d’une part,

ET

Le Syndicat mixte Exemple Numérique
2 rue des Écoles
81000 ALBI
représenté par son Président Monsieur Paul DURAND, dûment habilité par délibération du comité syndical
en date du 1er décembre 2023
d’autre part,

VU le code général des collectivités territoriales ;
VU la délibération n° 2023-41 du 4 décembre 2023 ;

PRÉAMBULE

Le Syndicat mixte met ses outils à la disposition de ses membres.

Il a été convenu ce qui suit :

{first}

La présente convention porte sur les services concer-
nés par l’adhésion :
\uf0b7 la messagerie ;
\uf0d8 son annuaire ;
\uf0b7 le stockage.

ARTICLE 2 : DURÉE La présente convention prend effet le 1er janvier 2026.
Elle est conclue pour une durée de 2 ans. La suite du texte se termine ici. Article 3 : Rémunération
3.1 Montant
. Une contribution annuelle ;
o calculée par habitant.
3.2 Paiement
Le paiement intervient chaque année.

Fait à Albi le 04 12 2023

Le Maire, Le Président

ANNEXE N° 1
Conditions techniques
A] Présentation
Le service est accessible en ligne.
B) Assistance
L’assistance répond sous deux jours.
"""
FIRST_ARTICLES = {
    "Article n°1 : Objet": "Article n°1 : Objet",
    "Article 1er : Objet": "Article 1er : Objet",
    "ARTICLE 1 - OBJET": "ARTICLE 1 - OBJET",
    "Article 1 – Objet": "Article 1 – Objet",
    "Art. 1 - Objet": "Art. 1 - Objet",
    "Article premier : Objet": "Article premier : Objet",
    "Article 1er :\nObjet": "Article 1er :\nObjet",
}


@pytest.mark.parametrize("first", sorted(FIRST_ARTICLES))
def test_every_heading_style_is_recognised(project, capsys, tmp_path, first):
    document = tmp_path / "exemple.txt"
    document.write_text(OPENING.format(first=first), encoding="utf-8")
    got, report = imported(project, document, capsys)
    articles = got["articles"]
    assert [a["number"] for a in articles] == ["preambule", "1", "2", "3"]
    preamble, objet, duree, remuneration = articles
    assert preamble["label"] == "Préambule" and preamble["heading"] == "PRÉAMBULE"
    assert words(preamble["text"]) == words(
        "Le Syndicat mixte met ses outils à la disposition de ses membres. Il a été convenu ce qui suit :"
    )
    assert words(got["preamble"]) == words(
        "VU le code général des collectivités territoriales ; VU la délibération n° 2023-41 du 4 décembre 2023 ;"
    )
    assert objet["heading"] == FIRST_ARTICLES[first]
    assert objet["title"] in ("Objet", "OBJET")
    assert objet["text"] == (
        "La présente convention porte sur les services concernés par l’adhésion :\n\n"
        "- la messagerie ;\n    - son annuaire ;\n- le stockage."
    )
    assert (duree["heading"], duree["title"]) == ("ARTICLE 2 : DURÉE", "DURÉE")
    assert words(duree["text"]) == words(
        "La présente convention prend effet le 1er janvier 2026. Elle est conclue pour une durée de 2 ans. "
        "La suite du texte se termine ici."
    )
    assert (remuneration["heading"], remuneration["title"]) == ("Article 3 : Rémunération", "Rémunération")
    assert remuneration["text"] == (
        "### 3.1 Montant\n\n- Une contribution annuelle ;\n    - calculée par habitant.\n\n"
        "### 3.2 Paiement\n\nLe paiement intervient chaque année."
    )
    (annex,) = got["annexes"]
    assert (annex["number"], annex["heading"], annex["title"]) == (
        "1",
        "ANNEXE N° 1\nConditions techniques",
        "Conditions techniques",
    )
    assert [(s["number"], s["title"], s["text"]) for s in annex["articles"]] == [
        ("A", "Présentation", "Le service est accessible en ligne."),
        ("B", "Assistance", "L’assistance répond sous deux jours."),
    ]
    assert got["signature"] == {"place": "Albi", "date": __import__("datetime").date(2023, 12, 4)}
    assert got["entry_into_force"] == {"date": __import__("datetime").date(2026, 1, 1), "source": {"article": "2"}}
    assert got["term"]["duration"] == {"years": 2}
    commune, syndicat = got["parties"]
    assert commune["representative"] == {"civility": "Madame", "name": "Claire MARTIN", "function": "Maire"}
    assert commune["mandate"] == "dûment habilitée par délibération n° 2023-41 du 4 décembre 2023"
    assert str(commune["mandate_date"]) == "2023-12-04"
    assert commune["designation"] == "ci-après désignée la Commune"
    assert str(syndicat["mandate_date"]) == "2023-12-01"
    assert "sommaire de 4 entrées" in report and "césure « concernés »" in report
    source = (project / "content" / "sources" / "importee.txt").read_text(encoding="utf-8")
    assert "SOMMAIRE" not in source and "........" not in source
    for name in ("commune-de-saint-exemple", "syndicat-mixte-exemple-numerique"):  # unknown: drafts
        organisation = yaml.safe_load((project / "content" / "organisations" / f"{name}.yaml").read_text("utf-8"))
        assert organisation["id"] == name and organisation["address"][-1] == "81000 ALBI"
    assert "nouvelle organisation (brouillon)" in report


def test_the_report_lists_what_it_could_not_place_with_its_line(project, capsys, tmp_path):
    text = OPENING.format(first="Article 1 : Objet").replace(
        "CONVENTION DE MISE À DISPOSITION\n",
        "CONVENTION DE MISE À DISPOSITION\nDocument reçu en préfecture le 5 décembre 2023.\n",
    )
    document = tmp_path / "exemple.txt"
    document.write_text(text, encoding="utf-8")
    _, report = imported(project, document, capsys)
    source = (project / "content" / "sources" / "importee.txt").read_text(encoding="utf-8").splitlines()
    line = source.index("Document reçu en préfecture le 5 décembre 2023.") + 1
    assert (
        f"  content/sources/importee.txt:{line} : Texte avant le bloc des parties, non placé : "
        "« Document reçu en préfecture le 5 décembre 2023. »."
    ) in report.splitlines()
    assert "thèmes suggérés d’après le titre (objet), à vérifier." in report


# --- PDF and DOCX made from the seeds -----------------------------------------------


def seed_with_grid(seed: str) -> list[str | list[list[str]]]:
    """The seed's lines; the bouquet convention's price grid, which its text extraction jumbled, as the
    tables the hand-made convention rebuilt."""
    lines: list[str | list[list[str]]] = list(SEEDS[seed].read_text(encoding="utf-8").splitlines())
    if seed != "tarn-et-garonne-deux-rives":
        return lines
    grid = next(s for s in hand_made(seed)["annexes"][1]["articles"] if s["number"] == "D")["text"]
    start = next(i for i, line in enumerate(lines) if str(line).startswith("D] GRILLE")) + 1
    end = next(i for i, line in enumerate(lines) if str(line).startswith("E] SOUSCRIPTION"))
    rebuilt: list[str | list[list[str]]] = [""]
    for block in grid.split("\n\n"):
        if block.startswith("|"):
            rows = [row for row in block.splitlines() if not re.fullmatch(r"[|\s:-]+", row)]
            rebuilt += [[[cell.strip() for cell in row.strip("|").split("|")] for row in rows], ""]
        else:
            rebuilt += [block, ""]
    return lines[:start] + rebuilt + lines[end:]


def as_html(items: list[str | list[list[str]]]) -> str:
    body = []
    for item in items:
        if isinstance(item, list):
            cells = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in item)
            body.append(f"<table>{cells}</table>")
        else:
            # Wingdings bullets have no glyph in the browser's fonts: the PDF would give no character for them
            text = item.replace("\uf0b7", "•").replace("\uf0d8", "•")
            body.append(f"<div>{html.escape(text) or '<br>'}</div>")
    style = (
        "body{font:9pt sans-serif} div{white-space:pre-wrap} table{border-collapse:collapse}"
        " td{border:1px solid #000;padding:2px}"
    )
    return f"<!doctype html><html lang=fr><meta charset=utf-8><style>{style}</style><body>{''.join(body)}</body></html>"


def printed_pdf(browser, items, path: Path) -> Path:
    context = browser.new_context()
    page = context.new_page()
    page.set_content(as_html(items))
    page.pdf(
        path=str(path),
        display_header_footer=True,
        header_template=f"<div style='font-size:8px;width:100%;text-align:center'>{RUNNING_HEADER}</div>",
        footer_template="<div style='font-size:8px;width:100%;text-align:center'>"
        "<span class='pageNumber'></span> / <span class='totalPages'></span></div>",
        margin={"top": "2cm", "bottom": "2cm", "left": "1.5cm", "right": "1.5cm"},
    )
    context.close()
    return path


def written_docx(items, path: Path) -> Path:
    import docx

    document = docx.Document()
    for item in items:
        if isinstance(item, list):
            table = document.add_table(rows=len(item), cols=len(item[0]))
            table.style = "Table Grid"
            for row, cells in zip(table.rows, item, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
        else:
            document.add_paragraph(item)
    document.save(str(path))
    return path


def assert_grid_draft(project: Path) -> None:
    """The ruled grid became a draft tariff with the hand-made tariff's cells."""
    draft = yaml.safe_load((project / "content" / "tariffs" / "importee-grille.yaml").read_text(encoding="utf-8"))
    expected = yaml.safe_load((REGISTER / "content" / "tariffs" / "stockage-sauvegarde-mutualisee.yaml").read_text())
    components = {c["label"]: c for c in draft["versions"][0]["components"]}
    by_id = {c["id"]: c["prices"] for c in expected["versions"][0]["components"]}

    def prices(label: str) -> dict:
        return {key: Decimal(str(value)) for key, value in components[label]["prices"].items()}

    assert prices("Tarif GFU (€ TTC/mois) — au GFU (OF)") == {k: Decimal(str(v)) for k, v in by_id["gfu-of"].items()}
    assert prices("Participation au GFU (exploitant)") == {
        k: Decimal(str(v)) for k, v in by_id["gfu-exploitant"].items()
    }
    for volume in "12345":
        assert prices(f"{volume} To") == {k: Decimal(str(v)) for k, v in by_id["netexplorer"][volume].items()}
    assert draft["source"] == {"annex": "2", "article": "D"} and draft["tax_basis"] == "TTC"
    assert draft["dimensions"][0]["label"] == "Catégorie"
    assert draft["title"] == PLACEHOLDER and draft["versions"][0]["valid_from"] == PLACEHOLDER


@pytest.mark.browser
def test_a_pdf_printed_from_a_seed_with_its_ruled_grid_is_imported_back(project, capsys, browser, tmp_path):
    seed = "tarn-et-garonne-deux-rives"
    pdf = printed_pdf(browser, seed_with_grid(seed), tmp_path / "bouquet.pdf")
    got, report = imported(project, pdf, capsys)
    assert_reproduces(got, seed, grid_as_table=True)
    assert_grid_draft(project)
    source = (project / "content" / "sources" / "importee.txt").read_text(encoding="utf-8")
    assert RUNNING_HEADER not in source
    assert not re.search(r"^\s*\d+ / \d+\s*$", source, re.MULTILINE)
    assert f"en-tête ou pied de page « {RUNNING_HEADER} »" in report and "numéro de page « 1 / " in report


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_docx_written_from_a_seed_is_imported_back(project, capsys, tmp_path, seed):
    document = written_docx(seed_with_grid(seed), tmp_path / "convention.docx")
    got, _ = imported(project, document, capsys)
    grid = seed == "tarn-et-garonne-deux-rives"
    assert_reproduces(got, seed, grid_as_table=grid)
    if grid:
        assert_grid_draft(project)


def test_an_odt_is_imported(project, capsys, tmp_path):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in SEEDS["smica-severac-2026cv4"].read_text(encoding="utf-8").splitlines():
        document.text.addElement(P(text=line))
    path = tmp_path / "convention.odt"
    document.save(str(path))
    got, _ = imported(project, path, capsys)
    assert_reproduces(got, "smica-severac-2026cv4", grid_as_table=False)
