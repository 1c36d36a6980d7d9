"""`registre new KIND ID`: a commented skeleton that `registre check` refuses until every « À COMPLÉTER »
is replaced, and accepts once it is filled in with values of the fixture register.

The skeletons are filled in as the staff would: at the lines `registre check` names, by replacing the
placeholder with the value for the field it names.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

from generator.authoring.skeletons import FOLDERS, MODELS, fields_without_hint, skeleton
from generator.cli import main
from generator.register.placeholders import MESSAGE, PLACEHOLDER, is_placeholder

from helpers import run_check, snapshot

#: for each kind, the value of every field its skeleton asks for, as check names the field
FILLED = {
    "organisation": {
        "name": "Communauté de Communes du Briançonnais",
        "kind": "communauté de communes",
    },
    "service": {
        "name": "OK-ESSAI",
        "description": "Service d’essai mis à disposition par le SMICA.",
    },
    "notice": {
        "title": "Référents des membres",
        "conventions[0]": "tarn-et-garonne-deux-rives",
        "last_reviewed": "2026-11-22",
        "controller": "tarn-et-garonne-amenagement",
        "controller_contact.text": "Syndicat mixte Tarn-et-Garonne Aménagement, 82000 Montauban.",
        "dpo_contact.text": "Délégué à la protection des données du Syndicat mixte : contact@82numerique.fr",
        "purposes[0].text": "Permettre au référent d’être l’interface entre le Syndicat mixte et le membre.",
        "purposes[0].legal_basis": "mission d'intérêt public",
        "data_categories[0].text": "Prénom, nom et fonction du référent.",
        "data_subjects[0].text": "Le référent désigné par chaque membre.",
        "recipients[0].text": "Les agents du Syndicat mixte chargés du bouquet de services.",
        "transfers_outside_eu.text": "Aucun transfert de données hors de l’Union européenne n’est prévu.",
        "retention.text": "Pendant la durée de la convention, puis un an.",
        "rights[0].text": "Accès, rectification et effacement, auprès du délégué à la protection des données.",
        "requirement.text": "La désignation d’un référent est prévue par la convention.",
        "automated_decisions.text": "Aucune décision individuelle automatisée n’est prise.",
    },
    "tariff": {
        "title": "Rémunération annuelle du SMICA",
        "convention": "smica-severac-2026cv4",
        "services[0]": "ok-acte",
        "source.article": "4",
        "unit": "par an",
        "period": "year",
        "indicative[0].year": "2025",
        "indicative[0].amount": "1130.00",
        "indicative[0].description": "A titre indicatif, le montant de cette rémunération s’est élevé à 1130.00 €.",
    },
    "convention": {
        "title": "Convention d’essai",
        "summary": "Convention par laquelle le SMICA assure pour la communauté de communes un service d’essai.",
        "parties[0].organisation": "smica",
        "parties[0].role": "prestataire",
        "parties[0].representative.name": "Jean-Louis GRIMAL",
        "parties[0].representative.function": "Président",
        "parties[0].mandate": "dûment habilité par délibération du Conseil Syndical",
        "parties[1].organisation": "cc-deux-rives",
        "parties[1].role": "membre bénéficiaire",
        "parties[1].representative.name": "Jean-Michel BAYLET",
        "parties[1].representative.function": "Président",
        "parties[1].mandate": "dûment habilité à signer la présente convention",
        "signature.place": "Rodez",
        "signature.date": "2026-02-17",
        "entry_into_force.date": "2026-03-01",
        "entry_into_force.source.article": "1",
        "term.duration.years": "3",
        "term.description": "Conclue pour une durée de 3 ans à compter du 1er mars 2026.",
        "term.source.article": "1",
        "termination.kind": "any_time",
        "termination.notice.months": "2",
        "termination.by": "chaque partie",
        "termination.source.article": "1",
        "services[0]": "ok-acte",
        "articles[0].number": "1",
        "articles[0].heading": "Article 1 : Objet et durée",
        "articles[0].title": "Objet et durée",
        "articles[0].text": "La présente convention est conclue pour une durée de 3 ans à compter du 1er mars 2026.",
        "source.description": "Texte d’essai du document signé.",
    },
}

IDENTIFIER = "cc-du-brianconnais"
SOURCE = f"content/sources/{IDENTIFIER}.txt"
SOURCE_TEXT = """Convention d’essai

Entre le SMICA et la Communauté de Communes des Deux Rives

Article 1 : Objet et durée

La présente convention est conclue pour une durée de 3 ans
à compter du 1er mars 2026.
"""


def relative(kind: str) -> str:
    return f"content/{FOLDERS[kind]}/{IDENTIFIER}.yaml"


def run_new(project: Path, capsys, *arguments: str) -> tuple[int, str]:
    """`registre new` on `project`: its exit status and what it printed on stderr."""
    code = main(["--project", str(project), "new", *arguments])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err


def placeholders_reported(project: Path, capsys, name: str) -> dict[str, int]:
    """`registre check` fails; the line of each placeholder it reports in the file `name`, by field."""
    code, lines = run_check(project, capsys)
    assert code == 1
    pattern = re.compile(rf"{re.escape(name)}:(\d+): (\S+)(?: \(.*\))?: {re.escape(MESSAGE)}( Celle du fichier .*)?$")
    return {match[2]: int(match[1]) for match in map(pattern.match, lines) if match}


def fill_in(path: Path, at: dict[str, int], values: dict[str, str]) -> None:
    """Replace the placeholder on each reported line by the value for its field."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for field, number in at.items():
        assert lines[number - 1].count(PLACEHOLDER) == 1, f"line {number} of {path.name} for {field}"
        lines[number - 1] = lines[number - 1].replace(PLACEHOLDER, values[field])
    path.write_text("".join(lines), encoding="utf-8")


def active_placeholder_lines(text: str) -> int:
    """Lines holding the placeholder outside a comment."""
    return sum(1 for line in text.splitlines() if PLACEHOLDER in line and not line.lstrip().startswith("#"))


def uncomment(text: str, *keys: str) -> str:
    """Uncomment the top-level fields `keys`, as the skeleton's header says: remove the first « # » of
    each line of the field's block (its own line and the indented lines under it)."""
    lines = text.splitlines()
    for key in keys:
        start = (
            lines.index(f"# {key}:")
            if f"# {key}:" in lines
            else next(index for index, line in enumerate(lines) if line.startswith(f"# {key}: "))
        )
        end = start + 1
        while end < len(lines) and lines[end].startswith("#  "):
            end += 1
        lines[start:end] = [line[2:] for line in lines[start:end]]
    return "\n".join(lines) + "\n"


def without_block(text: str, key: str) -> str:
    """`text` without the top-level field `key` and the indented lines under it."""
    lines = text.splitlines()
    start = lines.index(f"{key}:")
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return "\n".join(lines[:start] + lines[end:]) + "\n"


# --- each kind, from skeleton to valid content ----------------------------------


@pytest.mark.parametrize("kind", ["organisation", "service", "notice", "tariff"])
def test_new_file_fails_check_until_its_placeholders_are_filled_in(project, capsys, kind):
    code, err = run_new(project, capsys, kind, IDENTIFIER)
    assert code == 0
    assert f"Fichier écrit : {relative(kind)}" in err
    assert "registre check" in err
    path = project / relative(kind)
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["id"] == IDENTIFIER

    at = placeholders_reported(project, capsys, relative(kind))
    assert set(at) == set(FILLED[kind])
    assert len(at) == active_placeholder_lines(text)
    fill_in(path, at, FILLED[kind])
    code, lines = run_check(project, capsys)
    assert code == 0, "\n".join(lines)


def test_new_convention_with_its_source_document_records_its_hash(project, capsys):
    (project / SOURCE).write_text(SOURCE_TEXT, encoding="utf-8")
    digest = hashlib.sha256((project / SOURCE).read_bytes()).hexdigest()
    code, err = run_new(project, capsys, "convention", IDENTIFIER)
    assert code == 0
    assert f"Fichier écrit : {relative('convention')}" in err
    assert f"L’empreinte SHA-256 de {SOURCE} y est écrite" in err
    path = project / relative("convention")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["source"] == {"file": f"sources/{IDENTIFIER}.txt", "sha256": digest, "description": PLACEHOLDER}

    at = placeholders_reported(project, capsys, relative("convention"))
    assert set(at) == set(FILLED["convention"])
    fill_in(path, at, FILLED["convention"])
    code, lines = run_check(project, capsys)
    assert code == 0, "\n".join(lines)


def test_new_convention_without_its_source_document_says_where_to_put_it(project, capsys):
    code, err = run_new(project, capsys, "convention", IDENTIFIER)
    assert code == 0
    assert f"Placez le texte du document signé dans {SOURCE}, puis lancez « registre check »" in err
    path = project / relative("convention")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["source"]["sha256"] == PLACEHOLDER

    (project / SOURCE).write_text(SOURCE_TEXT, encoding="utf-8")
    digest = hashlib.sha256((project / SOURCE).read_bytes()).hexdigest()
    code, lines = run_check(project, capsys)
    assert code == 1
    # check gives the hash to write, on the line of source.sha256
    assert any(
        line.startswith(f"{relative('convention')}:") and ": source.sha256 (" in line and digest in line
        for line in lines
    ), "\n".join(lines)

    at = placeholders_reported(project, capsys, relative("convention"))
    assert set(at) == set(FILLED["convention"]) | {"source.sha256"}
    fill_in(path, at, {**FILLED["convention"], "source.sha256": digest})
    code, lines = run_check(project, capsys)
    assert code == 0, "\n".join(lines)


def test_optional_blocks_of_a_convention_are_valid_once_uncommented(project, capsys):
    """The commented-out blocks are YAML of the right shape: uncommented and filled in, they pass."""
    source = SOURCE_TEXT + "\nANNEXE 1\n\nArticle A : Accès\n\nL’accès est ouvert aux agents du membre.\n"
    (project / SOURCE).write_text(source, encoding="utf-8")
    assert run_new(project, capsys, "convention", IDENTIFIER)[0] == 0
    path = project / relative("convention")
    path.write_text(
        uncomment(path.read_text(encoding="utf-8"), "providers", "referent", "annexes", "amendments", "notes"),
        encoding="utf-8",
    )
    values = {
        **FILLED["convention"],
        "providers[0]": "netexplorer",
        "referent.function": "Directeur du service informatique",
        "annexes[0].number": "1",
        "annexes[0].heading": "ANNEXE 1",
        "annexes[0].title": "Accès",
        "annexes[0].articles[0].number": "A",
        "annexes[0].articles[0].heading": "Article A : Accès",
        "annexes[0].articles[0].title": "Accès",
        "annexes[0].articles[0].text": "L’accès est ouvert aux agents du membre.",
        "amendments[0].reference": "Avenant n° 1",
        "amendments[0].signature.date": "2026-06-01",
        "amendments[0].summary": "Précise l’objet de la convention.",
        "amendments[0].changes[0].wording": "L’article 1 est remplacé par les dispositions suivantes :",
        "amendments[0].changes[0].replace.article": "1",
        "amendments[0].changes[0].text": "La présente convention est conclue pour trois ans dès le 1er mars 2026.",
        "notes[0].text": "Note d’essai du registre.",
    }
    at = placeholders_reported(project, capsys, relative("convention"))
    assert set(at) == set(values)
    fill_in(path, at, values)
    code, lines = run_check(project, capsys)
    assert code == 0, "\n".join(lines)


def test_a_tariff_skeleton_becomes_a_price_grid(project, capsys):
    """The tariff skeleton is an indicative fee; its commented-out blocks make it a price grid."""
    assert run_new(project, capsys, "tariff", IDENTIFIER)[0] == 0
    path = project / relative("tariff")
    text = uncomment(
        path.read_text(encoding="utf-8"), "tax_basis", "dimensions", "quantities", "options", "lines", "versions"
    )
    path.write_text(without_block(text, "indicative"), encoding="utf-8")
    values = {
        "title": "Stockage mutualisé — tarif mensuel par utilisateur",
        "convention": "tarn-et-garonne-deux-rives",
        "services[0]": "stockage-sauvegarde",
        "source.article": "4",
        "tax_basis": "TTC",
        "unit": "par utilisateur et par mois",
        "period": "month",
        "dimensions[0].id": "categorie",
        "dimensions[0].label": "Catégorie",
        "dimensions[0].values[0].id": "1",
        "dimensions[0].values[0].label": "Catégorie 1",
        "quantities[0].id": "utilisateurs",
        "quantities[0].label": "Nombre d’utilisateurs",
        "options[0].id": "gfu",
        "options[0].label": "Avec le GFU",
        "lines[0].component": "stockage",
        "lines[0].quantity": "utilisateurs",
        "versions[0].valid_from": "2022-11-14",
        "versions[0].components[0].id": "stockage",
        "versions[0].components[0].label": "Tarif (€ TTC/mois)",
        "versions[0].components[0].over[0]": "categorie",
        "versions[0].components[0].prices": "{'1': 9.60}",
        "versions[0].components[0].source.article": "4",
    }
    at = placeholders_reported(project, capsys, relative("tariff"))
    assert set(at) == set(values)
    fill_in(path, at, values)
    code, lines = run_check(project, capsys)
    assert code == 0, "\n".join(lines)


# --- what the command refuses ---------------------------------------------------------


def test_an_existing_file_is_never_overwritten(project, capsys):
    before = snapshot(project / "content")
    code, err = run_new(project, capsys, "organisation", "smica")
    assert code == 1
    assert "registre : content/organisations/smica.yaml existe déjà : il n’a pas été modifié." in err
    assert snapshot(project / "content") == before


def test_a_file_written_by_new_is_not_written_again(project, capsys):
    assert run_new(project, capsys, "service", IDENTIFIER)[0] == 0
    path = project / relative("service")
    path.write_text(path.read_text(encoding="utf-8").replace(PLACEHOLDER, "Déjà commencé", 1), encoding="utf-8")
    before = path.read_bytes()
    code, err = run_new(project, capsys, "service", IDENTIFIER)
    assert code == 1
    assert "existe déjà" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("identifier", ["CC du Briançonnais", "cc-du-briançonnais", "Smica", "smica-", "a--b", ""])
def test_an_invalid_id_is_refused(project, capsys, identifier):
    before = snapshot(project / "content")
    code, err = run_new(project, capsys, "organisation", identifier)
    assert code == 1
    assert (
        f"registre : identifiant « {identifier} » invalide : identifiant sans accent ni espace, en "
        "minuscules, chiffres et tirets, par exemple cc-du-brianconnais."
    ) in err
    assert snapshot(project / "content") == before


def test_an_unknown_kind_is_a_usage_error(project, capsys):
    with pytest.raises(SystemExit) as exit_status:
        main(["--project", str(project), "new", "contrat", IDENTIFIER])
    assert exit_status.value.code == 2
    assert "registre new : « contrat » n’est pas possible ici." in capsys.readouterr().err


def test_a_folder_without_content_is_refused(tmp_path, capsys):
    code, err = run_new(tmp_path, capsys, "service", IDENTIFIER)
    assert code == 1
    assert "pas de dossier content/" in err
    assert list(tmp_path.iterdir()) == []


# --- the skeletons and the placeholder check ----------------------------------------


@pytest.mark.parametrize("kind", sorted(FOLDERS))
def test_a_skeleton_lists_every_field_of_its_model_in_order(kind):
    text = skeleton(kind, IDENTIFIER)
    top_level = [match[1] for match in re.finditer(r"^(?:# )?([a-z_0-9]+):", text, re.MULTILINE)]
    assert top_level == list(MODELS[kind].model_fields)
    assert fields_without_hint(kind) == []


def test_not_stated_is_offered_for_the_entry_into_force_and_the_term():
    text = skeleton("convention", IDENTIFIER)
    assert text.splitlines().count("  # not_stated: true") == 2  # entry_into_force and term
    assert "Non précisé par le document : décommentez not_stated: true" in text
    assert "Durée non précisée par le document : décommentez not_stated: true" in text


def test_an_id_yaml_would_read_as_another_type_is_quoted():
    assert yaml.safe_load(skeleton("service", "2026"))["id"] == "2026"
    assert yaml.safe_load(skeleton("service", "no"))["id"] == "no"


@pytest.mark.parametrize("value", ["À COMPLÉTER", "à compléter", "A COMPLETER", "  À  Compléter\n", "a completer"])
def test_placeholder_in_any_case_with_or_without_accents(value):
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["Code service : à compléter", "À COMPLÉTER plus tard", "", 3, None])
def test_a_text_that_merely_contains_the_words_is_not_a_placeholder(value):
    assert not is_placeholder(value)


def test_placeholders_are_reported_with_the_other_problems_of_the_file(project, capsys):
    path = project / "content/services/gfu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Groupement Fermé d’Utilisateurs", "name: a compléter")
        + "couleur: bleu\n",
        encoding="utf-8",
    )
    code, lines = run_check(project, capsys)
    assert code == 1
    assert f"content/services/gfu.yaml:2: name (nom): {MESSAGE}" in lines
    assert any(line.startswith("content/services/gfu.yaml:5: couleur: ") for line in lines)
