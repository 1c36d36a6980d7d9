"""`registre check` on broken content: one test per class of bad input, each asserting the exact line printed.

Every test breaks a copy of the real project (the `project` fixture) and reads what `registre check`
prints, as the syndicate's staff would see it: `content/<file>.yaml:LINE: field.path: message`.
Lines are computed from the edited file, so that the tests keep pointing at the right line when the
content grows.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import assert_problems, line_of, replace_in, run_check, snapshot

ROOT = Path(__file__).resolve().parent.parent
SMICA = "content/conventions/smica-severac-2026cv4.yaml"
TARN = "content/conventions/tarn-et-garonne-deux-rives.yaml"


# --- syntax and files --------------------------------------------------------


def test_malformed_yaml(project, capsys):
    (project / "content/topics/duree.yaml").write_text("id: duree\nlabel: [Durée\ndescription: x\n", encoding="utf-8")
    assert_problems(project, capsys, "content/topics/duree.yaml:3: (syntax): invalid YAML: expected ',' or ']', but got ':'")


def test_malformed_yaml_in_a_convention_names_the_line(project, capsys):
    replace_in(project, SMICA, "  place: Rodez\n", "  place: 'Rodez\n")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert len(lines) == 2
    assert lines[0].startswith(f"{SMICA}:")
    assert ": (syntax): invalid YAML: " in lines[0]
    # The parser stops where the unclosed quote makes the file unreadable: after the place line, never before.
    line = int(lines[0].split(":")[1])
    assert line >= line_of(project / SMICA, "place: 'Rodez")


def test_empty_file(project, capsys):
    (project / "content/organisations/smica.yaml").write_text("", encoding="utf-8")
    code, lines = run_check(project, capsys)
    # The empty file is reported; the conventions that name `smica` are not checked against a half-read register.
    assert lines == ["content/organisations/smica.yaml:1: (document): file is empty", "1 problem found."]
    assert code == 1


def test_file_that_is_not_a_mapping(project, capsys):
    (project / "content/services/gfu.yaml").write_text("- gfu\n- stockage\n", encoding="utf-8")
    assert_problems(project, capsys, "content/services/gfu.yaml:1: (document): expected a mapping of fields at the top level")


def test_file_not_utf8(project, capsys):
    (project / "content/topics/litiges.yaml").write_bytes("id: litiges\nlabel: Réglement\n".encode("latin-1"))
    assert_problems(project, capsys, "content/topics/litiges.yaml:1: (file): not valid UTF-8 (invalid continuation byte)")


def test_missing_content_folder(project, capsys):
    shutil.rmtree(project / "content")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert lines[0].endswith(":1: (folder): content folder not found")


# --- schema ------------------------------------------------------------------


def test_missing_required_top_level_field(project, capsys):
    replace_in(project, SMICA, "title: Convention (référence 2026CV4)\n", "")
    assert_problems(project, capsys, f"{SMICA}:1: title: required")


def test_missing_required_nested_field(project, capsys):
    """A missing field is located at the mapping it belongs in."""
    replace_in(project, SMICA, "      name: Jean-Louis GRIMAL\n      function: Président\n",
               "      name: Jean-Louis GRIMAL\n")
    line = line_of(project / SMICA, "representative:", occurrence=2)
    assert_problems(project, capsys, f"{SMICA}:{line}: parties[1].representative.function: required")


def test_date_that_is_not_a_date(project, capsys):
    replace_in(project, SMICA, "  date: 2026-02-17\n", "  date: 17 février 2026\n")
    line = line_of(project / SMICA, "date: 17 février 2026")
    assert_problems(project, capsys,
                    f"{SMICA}:{line}: signature.date: Input should be a valid date or datetime, invalid character in year")


def test_impossible_date(project, capsys):
    replace_in(project, SMICA, "    mandate_date: 2021-10-20\n", "    mandate_date: 2021-02-30\n")
    line = line_of(project / SMICA, "mandate_date: 2021-02-30")
    assert_problems(project, capsys, f"{SMICA}:{line}: parties[0].mandate_date: "
                                     "Input should be a valid date or datetime, day value is outside expected range")


def test_number_that_is_not_a_number(project, capsys):
    replace_in(project, SMICA, "  duration:\n    years: 3\n", "  duration:\n    years: trois\n")
    line = line_of(project / SMICA, "years: trois")
    assert_problems(project, capsys,
                    f"{SMICA}:{line}: term.duration.years: Input should be a valid integer, unable to parse string as an integer")


def test_text_where_a_list_is_expected(project, capsys):
    replace_in(project, SMICA, "    topics:\n      - litiges\n", "    topics: litiges\n")
    line = line_of(project / SMICA, "topics: litiges")
    index = 5  # article 6 is the sixth article
    assert_problems(project, capsys, f"{SMICA}:{line}: articles[{index}].topics: Input should be a valid list")


def test_invalid_termination_kind(project, capsys):
    replace_in(project, SMICA, "  kind: any_time\n", "  kind: whenever\n")
    line = line_of(project / SMICA, "kind: whenever")
    assert_problems(project, capsys, f"{SMICA}:{line}: termination.kind: Input should be 'any_time' or 'before_anniversary'")


def test_unknown_field(project, capsys):
    replace_in(project, SMICA, "reference: 2026CV4\n", "reference: 2026CV4\ncolour: bleu\n")
    line = line_of(project / SMICA, "colour: bleu")
    assert_problems(project, capsys, f"{SMICA}:{line}: colour: unknown field")


def test_misspelt_field_in_an_article(project, capsys):
    replace_in(project, SMICA, "    title: Rémunération\n", "    titre: Rémunération\n")
    line = line_of(project / SMICA, "titre: Rémunération")
    article = line_of(project / SMICA, "- number: '4'")
    code, lines = run_check(project, capsys)
    assert sorted(lines[:-1]) == sorted([
        f"{SMICA}:{article}: articles[3].title: required",
        f"{SMICA}:{line}: articles[3].titre: unknown field",
    ])
    assert lines[-1] == "2 problems found."
    assert code == 1


def test_duplicate_key(project, capsys):
    replace_in(project, SMICA, "reference: 2026CV4\n", "reference: 2026CV4\nreference: 2026CV5\n")
    line = line_of(project / SMICA, "reference: 2026CV5")
    assert_problems(project, capsys, f"{SMICA}:{line}: reference: duplicate key")


def test_bad_identifier(project, capsys):
    (project / "content/topics/duree.yaml").rename(project / "content/topics/Durée.yaml")
    replace_in(project, "content/topics/Durée.yaml", "id: duree\n", "id: Durée\n")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert lines[0] == "content/topics/Durée.yaml:1: id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'"


def test_invalid_siret(project, capsys):
    path = "content/organisations/cc-deux-rives.yaml"
    text = (project / path).read_text(encoding="utf-8")
    assert "siret:" in text
    lines = text.splitlines()
    number = next(index for index, line in enumerate(lines) if line.startswith("siret:"))
    lines[number] = "siret: 248 200 016"
    (project / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_problems(project, capsys, f"{path}:{number + 1}: siret: SIRET must have 14 digits")


# --- identifiers -------------------------------------------------------------


def test_id_not_matching_file_name(project, capsys):
    replace_in(project, SMICA, "id: smica-severac-2026cv4\n", "id: autre-convention\n")
    assert_problems(project, capsys, f"{SMICA}:1: id: must match the file name 'smica-severac-2026cv4'")


def test_duplicate_id(project, capsys):
    """Two files with the same stem (.yaml and .yml) define the same topic twice."""
    shutil.copy(project / "content/topics/duree.yaml", project / "content/topics/duree.yml")
    assert_problems(project, capsys, "content/topics/duree.yml:1: id: duplicate id 'duree'")


def test_duplicate_article_number(project, capsys):
    replace_in(project, SMICA, "  - number: '5'\n", "  - number: '4'\n")
    line = line_of(project / SMICA, "- number: '4'", occurrence=2)
    assert_problems(project, capsys, f"{SMICA}:{line}: articles[4].number: duplicate article number '4'")


# --- references --------------------------------------------------------------


def test_unknown_organisation_in_parties(project, capsys):
    replace_in(project, SMICA, "  - organisation: smica\n", "  - organisation: smica-inconnu\n")
    line = line_of(project / SMICA, "organisation: smica-inconnu")
    assert_problems(project, capsys, f"{SMICA}:{line}: parties[1].organisation: unknown organisation 'smica-inconnu'")


def test_unknown_topic_on_an_article(project, capsys):
    replace_in(project, SMICA, "      - litiges\n", "      - contentieux\n")
    line = line_of(project / SMICA, "- contentieux")
    assert_problems(project, capsys, f"{SMICA}:{line}: articles[5].topics[0]: unknown topic 'contentieux'")


def test_unknown_service(project, capsys):
    replace_in(project, SMICA, "  - safetender\n", "  - safe-tender\n")
    line = line_of(project / SMICA, "- safe-tender")
    assert_problems(project, capsys, f"{SMICA}:{line}: services[3]: unknown service 'safe-tender'")


def test_unknown_provider_of_a_service(project, capsys):
    path = "content/services/stockage-sauvegarde.yaml"
    text = (project / path).read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(index for index, line in enumerate(lines) if line.startswith("provider:"))
    lines[number] = "provider: net-explorer"
    (project / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_problems(project, capsys, f"{path}:{number + 1}: provider: unknown organisation 'net-explorer'")


def test_clause_source_pointing_to_a_missing_article(project, capsys):
    text = (project / SMICA).read_text(encoding="utf-8")
    start = text.index("\nterm:\n")
    source = text.index("  source:\n    article: '3'", start)
    text = text[:source] + "  source:\n    article: '12'" + text[source + len("  source:\n    article: '3'"):]
    (project / SMICA).write_text(text, encoding="utf-8")
    line = line_of(project / SMICA, "article: '12'") - 1  # the `source:` key
    assert_problems(project, capsys, f"{SMICA}:{line}: term.source: no article 12 in convention 'smica-severac-2026cv4'")


def test_clause_source_pointing_to_a_missing_annex_article(project, capsys):
    text = (project / TARN).read_text(encoding="utf-8")
    termination = text.index("    termination:\n      kind: before_anniversary")
    old = "      source:\n        annex: '2'\n        article: C\n"
    at = text.index(old, termination)
    text = text[:at] + "      source:\n        annex: '2'\n        article: Z\n" + text[at + len(old):]
    (project / TARN).write_text(text, encoding="utf-8")
    line = line_of(project / TARN, "article: Z") - 2  # the `source:` key
    assert_problems(project, capsys,
                    f"{TARN}:{line}: annexes[1].termination.source: no annex 2, article Z in convention "
                    "'tarn-et-garonne-deux-rives'")


def test_source_document_hash_mismatch(project, capsys):
    source = project / "content/sources/2026cv4.txt"
    source.write_bytes(source.read_bytes() + b"\nune ligne ajoutee\n")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    line = line_of(project / SMICA, "  sha256:")
    assert_problems(project, capsys, f"{SMICA}:{line}: source.sha256: does not match the file (its SHA-256 is {digest})")


def test_missing_source_document(project, capsys):
    (project / "content/sources/2026cv4.txt").unlink()
    line = line_of(project / SMICA, "  file: sources/2026cv4.txt")
    assert_problems(project, capsys, f"{SMICA}:{line}: source.file: file not found: content/sources/2026cv4.txt")


def test_source_document_outside_content(project, capsys):
    replace_in(project, SMICA, "  file: sources/2026cv4.txt\n", "  file: ../mkdocs.yml\n")
    line = line_of(project / SMICA, "  file: ../mkdocs.yml")
    assert_problems(project, capsys, f"{SMICA}:{line}: source.file: must be a path inside content/")


# --- all problems at once ----------------------------------------------------


def test_problems_in_several_files_are_reported_together(project, capsys):
    (project / "content/topics/duree.yaml").write_text("", encoding="utf-8")
    replace_in(project, "content/organisations/smica.yaml", "id: smica\n", "id: smica\nsigle: SMICA\n")
    replace_in(project, SMICA, "  date: 2026-02-17\n", "  date: demain\n")
    replace_in(project, TARN, "title: Convention d’accès", "titre: Convention d’accès")
    code, lines = run_check(project, capsys)
    assert code == 1
    expected = [
        "content/topics/duree.yaml:1: (document): file is empty",
        f"content/organisations/smica.yaml:{line_of(project / 'content/organisations/smica.yaml', 'sigle:')}: "
        "sigle: unknown field",
        f"{SMICA}:{line_of(project / SMICA, 'date: demain')}: signature.date: "
        "Input should be a valid date or datetime, input is too short",
        f"{TARN}:1: title: required",
        f"{TARN}:{line_of(project / TARN, 'titre:')}: titre: unknown field",
    ]
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == "5 problems found."


def test_reference_problems_in_several_files_are_reported_together(project, capsys):
    replace_in(project, SMICA, "  - organisation: smica\n", "  - organisation: smica-inconnu\n")
    replace_in(project, TARN, "services:\n  - stockage-sauvegarde\n  - gfu\n",
               "services:\n  - stockage-sauvegarde\n  - gfu-inconnu\n")  # the convention's own services list
    (project / "content/sources/tarn-et-garonne-deux-rives.txt").write_text("autre texte\n", encoding="utf-8")
    code, lines = run_check(project, capsys)
    assert code == 1
    digest = hashlib.sha256(b"autre texte\n").hexdigest()
    expected = [
        f"{SMICA}:{line_of(project / SMICA, 'smica-inconnu')}: parties[1].organisation: unknown organisation 'smica-inconnu'",
        f"{TARN}:{line_of(project / TARN, '- gfu-inconnu')}: services[1]: unknown service 'gfu-inconnu'",
        f"{TARN}:{line_of(project / TARN, '  sha256:')}: source.sha256: does not match the file (its SHA-256 is {digest})",
    ]
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == "3 problems found."


# --- nothing is published ----------------------------------------------------


@pytest.mark.parametrize("breakage", ["content", "template"])
def test_build_with_broken_input_leaves_the_site_untouched(project, tmp_path, breakage):
    site = tmp_path / "public" / "site"
    (site / "conventions").mkdir(parents=True)
    (site / "index.html").write_text("<p>le site d’hier</p>\n", encoding="utf-8")
    (site / "conventions" / "marqueur.txt").write_bytes(b"ne pas toucher \x00\xff\n")
    before = snapshot(site)
    if breakage == "content":
        replace_in(project, SMICA, "  date: 2026-02-17\n", "  date: 17/02/2026\n")
        expected = f"{SMICA}:{line_of(project / SMICA, 'date: 17/02/2026')}: signature.date: "
    else:
        with (project / "templates/pages/article.md.j2").open("a", encoding="utf-8") as template:
            template.write("{% if %}\n")
        line = len((project / "templates/pages/article.md.j2").read_text(encoding="utf-8").splitlines())
        expected = f"templates/pages/article.md.j2:{line}: template error: "
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build", "--site-dir", str(site)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert snapshot(site) == before
    # No half-written site is left next to it either.
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]
