"""The facts a public body must publish about its site: the mentions légales (publisher, publication director
by name, host with address and phone, licence), the licence of the open data, and the accessibility statement
(audit, plans, contact, recourse). Built with MkDocs from the fixture register; `registre check` refuses each
missing fact at its file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.register.site_config import load_site_config

from conftest import copy_project
from helpers import assert_problems, line_of, replace_in, run_check
from html_tree import main_content, read_page

CONFIG = "site_config/site.yaml"
DIRECTOR = "Claude Fabre-Vialle"
MASK = "[donnée personnelle occultée]"


@pytest.fixture(scope="module")
def site(tmp_path_factory, fixed_build_date) -> Path:
    from generator.publishing.publish import build_site

    project = copy_project(tmp_path_factory.mktemp("facts") / "project")
    replace_in(project, "mkdocs.yml", "  - registre\n", "  - registre:\n      search: false\n")
    build_site(project / "mkdocs.yml", project / "site")
    return project / "site"


def section(page, heading: str) -> str:
    """The text between the `<h2>` whose text is `heading` and the next `<h2>`."""
    content = main_content(page)
    texts, inside = [], False
    for child in content.children:
        if not hasattr(child, "tag"):
            continue
        if child.tag == "h2":
            inside = child.text == heading
        elif inside:
            texts.append(child.text)
    assert texts, f"no section « {heading} »"
    return " ".join(texts)


def links(page) -> dict[str, str]:
    """Each link of the page's content: its text -> its address."""
    return {link.text: link.attrs.get("href") or "" for link in main_content(page).iter("a")}


# --- what the pages show -------------------------------------------------------------------------------


def test_the_legal_notices_name_the_publisher_the_director_and_the_host(site):
    page = read_page(site, "mentions-legales")
    assert "Registre des conventions des syndicats mixtes" in section(page, "Éditeur")
    assert section(page, "Directeur de la publication") == f"{DIRECTOR}, Président du syndicat mixte éditeur"
    assert section(page, "Hébergement") == (
        "Hébergeur de démonstration 1 rue de l’Hébergement, 82000 Montauban Téléphone : 05 63 00 00 00"
    )
    licence = "Licence Ouverte / Open Licence version 2.0"
    assert licence in section(page, "Réutilisation")
    assert links(page)[licence] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def test_the_director_s_name_is_published_while_private_agents_are_masked(site):
    # The fixture register has a private referent (DAVID ALLARD): the masker is at work on this site, and
    # leaves the director alone, who is no declared agent.
    assert MASK in main_content(read_page(site, "conventions/tarn-et-garonne-deux-rives")).text
    legal = main_content(read_page(site, "mentions-legales")).text
    assert DIRECTOR in legal
    assert MASK not in legal


def test_the_open_data_page_gives_its_licence(site):
    page = read_page(site, "donnees-ouvertes")
    text = main_content(page).text
    assert (
        "Licence : ces données sont publiées par Registre des conventions des syndicats mixtes sous la licence "
        "Licence Ouverte / Open Licence version 2.0 (identifiant etalab-2.0)"
    ) in text
    assert links(page)["Licence Ouverte / Open Licence version 2.0"] == (
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    )


def test_the_accessibility_statement_gives_its_audit_plans_contact_and_recourse(site):
    page = read_page(site, "accessibilite")
    assert "Ce site est partiellement conforme" in section(page, "État de conformité")
    assert section(page, "Résultats des tests").startswith(
        "Un audit de conformité a été réalisé le 16 novembre 2026 par Service numérique du syndicat mixte "
        "éditeur : 82,5\u00a0% des critères du RGAA applicables sont respectés."
    )
    assert section(page, "Établissement de cette déclaration") == (
        "Cette déclaration a été établie le 22 novembre 2026, sur la base de l’audit du 16 novembre 2026. "
        "Elle sera mise à jour après tout changement substantiel du site, et au plus tard le 16 novembre 2029."
    )
    found = links(page)
    assert found["Schéma pluriannuel de mise en accessibilité 2026-2028"] == (
        "https://www.syndicat-editeur.test/accessibilite/schema-pluriannuel-2026-2028/"
    )
    # The action plan has no address of its own: its text is on the page, and the introduction links to it.
    assert found["Plan d’action 2026"] == "#plan-d-action"
    plan = main_content(page).find("h3", id="plan-d-action")
    assert plan is not None and plan.text == "Plan d’action 2026"
    assert "Corriger les défauts signalés" in section(page, "Schéma pluriannuel et plan d’action")
    assert "contact@82numerique.fr" in section(page, "Retour d’information et contact")
    recourse = section(page, "Voies de recours")
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in recourse
    assert found["formulaire de contact en ligne"] == "https://formulaire.defenseurdesdroits.fr/"


def test_the_licence_is_the_licence_ouverte_unless_the_config_names_another(project: Path):
    default = check(Project(project), dt.date(2026, 11, 22)).data
    assert default is not None
    assert (default.config.licence.id, default.config.licence.title, default.config.licence.url) == (
        "etalab-2.0",
        "Licence Ouverte / Open Licence version 2.0",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    )
    _append(
        project,
        "licence:\n  id: odc-odbl-1.0\n  title: Open Database License (ODbL) 1.0\n"
        "  url: https://opendatacommons.org/licenses/odbl/1-0/\n",
    )
    chosen = check(Project(project), dt.date(2026, 11, 22)).data
    assert chosen is not None
    assert chosen.config.licence.id == "odc-odbl-1.0"
    assert chosen.config.licence.url == "https://opendatacommons.org/licenses/odbl/1-0/"


#: markup a name or a title must show as it is, never as HTML or Markdown
HOSTILE = "<script>window.__pwned=1</script> [a](https://x.invalid/) **gras** _em_ `code` {: #ident }"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, fixed_build_date) -> Path:
    from generator.publishing.publish import build_site

    project = copy_project(tmp_path_factory.mktemp("hostile-facts") / "project")
    replace_in(project, "mkdocs.yml", "  - registre\n", "  - registre:\n      search: false\n")
    replace_in(project, CONFIG, f"  name: {DIRECTOR}\n", f"  name: 'DIRECTEUR {HOSTILE}'\n")
    replace_in(project, CONFIG, "  name: Hébergeur de démonstration\n", f"  name: 'HÉBERGEUR {HOSTILE}'\n")
    replace_in(project, CONFIG, "    title: Plan d’action 2026\n", f"    title: 'PLAN {HOSTILE}'\n")
    _append(
        project,
        f"licence:\n  id: odc-odbl-1.0\n  title: 'LICENCE {HOSTILE}'\n"
        "  url: https://opendatacommons.org/licenses/odbl/1-0/?a=1&b=(2)\n",
    )
    build_site(project / "mkdocs.yml", project / "site")
    return project / "site"


@pytest.mark.parametrize(
    ("page", "values"),
    [
        ("mentions-legales", ["DIRECTEUR", "HÉBERGEUR", "LICENCE"]),
        ("donnees-ouvertes", ["LICENCE"]),
        ("accessibilite", ["PLAN"]),
    ],
)
def test_the_facts_show_as_written_whatever_they_hold(hostile_site, page, values):
    document = read_page(hostile_site, page)
    content = main_content(document)
    for value in values:
        assert f"{value} {HOSTILE}" in content.text
    assert [script for script in content.iter("script")] == []
    assert [element.tag for element in content.iter() if element.tag in ("strong", "em")] == (
        ["strong"] if page in ("accessibilite", "donnees-ouvertes") else []  # the page's own « Licence : », status
    )
    assert content.find("a", href="https://x.invalid/") is None
    if "LICENCE" in values:
        # the same address, its parentheses percent-encoded so that no Markdown link can end there
        assert links(document)[f"LICENCE {HOSTILE}"] == "https://opendatacommons.org/licenses/odbl/1-0/?a=1&b=%282%29"


# --- what `registre check` refuses -----------------------------------------------------------------------


def _append(project: Path, text: str) -> None:
    path = project / CONFIG
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _line(project: Path, needle: str) -> int:
    return line_of(project / CONFIG, needle)


def test_check_refuses_a_missing_director_name(project: Path, capsys):
    replace_in(project, CONFIG, f"  name: {DIRECTOR}\n", "")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'publication_director:')}: publication_director.name (nom du directeur de la "
        "publication): Champ obligatoire « name » manquant : ajoutez-le.",
    )


def test_check_refuses_an_empty_director_name(project: Path, capsys):
    replace_in(project, CONFIG, f"  name: {DIRECTOR}\n", "  name: ' '\n")
    line = _line(project, "  name: ' '")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{line}: publication_director.name (nom du directeur de la publication): "
        "Texte attendu : ce champ ne peut pas être vide.",
    )


def test_check_says_how_to_write_the_director_given_as_a_function_only(project: Path, capsys):
    replace_in(
        project,
        CONFIG,
        f"publication_director:\n  name: {DIRECTOR}\n  function: Président du syndicat mixte éditeur\n",
        "publication_director: Président du syndicat mixte éditeur\n",
    )
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'publication_director:')}: publication_director (directeur de la publication): "
        "Le directeur de la publication s’écrit en deux champs, indentés sous publication_director : name (son "
        "nom, que la loi impose de publier) et function (sa fonction, par exemple « Président du syndicat mixte "
        "éditeur »).",
    )


def test_a_placeholder_director_name_is_refused_by_strict_check(project: Path, capsys):
    replace_in(project, CONFIG, f"  name: {DIRECTOR}\n", "  name: à compléter\n")
    expected = (
        f"{CONFIG}:{_line(project, '  name: à compléter')}: publication_director.name (nom du directeur de la "
        "publication): avertissement : Valeur provisoire « à compléter » : remplacez-la par la vraie valeur avant "
        "de publier (`registre check --strict`, utilisé pour la branche principale, refuse de publier ainsi)."
    )
    code, lines = run_check(project, capsys)
    assert (code, lines) == (0, [expected, "Le contenu est valide (1 avertissement)."])
    code, lines = run_check(project, capsys, "--strict")
    assert code == 1
    assert lines[0] == expected


def test_check_refuses_a_host_without_phone_or_with_a_wrong_one(project: Path, capsys):
    replace_in(project, CONFIG, "  phone: 05 63 00 00 00\n", "")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'host:')}: host.phone (téléphone de l’hébergeur): Champ obligatoire « phone » "
        "manquant : ajoutez-le.",
    )
    replace_in(project, CONFIG, "  address: 1 rue", "  phone: par courrier\n  address: 1 rue")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'phone: par courrier')}: host.phone (téléphone de l’hébergeur): Numéro de "
        "téléphone attendu, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89.",
    )


def test_the_host_s_phone_is_published_as_a_functional_number(project: Path, capsys):
    """The law has the host's phone published: it needs no entry in allowed_phones."""
    replace_in(project, CONFIG, "allowed_phones:\n  - 05 63 00 00 00\n", "")
    assert run_check(project, capsys)[0] == 0


def test_check_refuses_a_licence_without_title_or_address(project: Path, capsys):
    _append(project, "licence:\n  id: odc-odbl-1.0\n  title: ''\n")
    title = _line(project, "  title: ''")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'licence:')}: licence.url (adresse de la licence des données ouvertes): "
        "Champ obligatoire « url » manquant : ajoutez-le.",
        f"{CONFIG}:{title}: licence.title (titre de la licence des données ouvertes): "
        "Texte attendu : ce champ ne peut pas être vide.",
    )


def test_check_refuses_an_empty_licence_or_one_that_does_not_look_like_one(project: Path, capsys):
    _append(project, "licence:\n")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'licence:')}: licence (licence des données ouvertes): Groupe de champs attendu "
        "(nom: valeur), indenté sous ce champ.",
    )
    _append(project, "  id: Licence libre\n  title: Licence libre\n  url: www.licence.fr\n")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'id: Licence libre')}: licence.id (identifiant de la licence des données ouvertes): "
        "Identifiant de licence attendu : minuscules, chiffres, « . » et « - », par exemple etalab-2.0, "
        "odc-odbl-1.0 ou cc-by-4.0.",
        f"{CONFIG}:{_line(project, 'url: www.licence.fr')}: licence.url (adresse de la licence des données ouvertes): "
        "Adresse web attendue, commençant par https:// ou http://, sans espace, par exemple "
        "https://www.exemple.fr/accessibilite/.",
    )


def test_check_refuses_an_accessibility_document_with_neither_address_nor_text(project: Path, capsys):
    replace_in(
        project,
        CONFIG,
        "    url: https://www.syndicat-editeur.test/accessibilite/schema-pluriannuel-2026-2028/\n",
        "",
    )
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'multi_year_schema:')}: accessibility.multi_year_schema (schéma pluriannuel "
        "de la déclaration d’accessibilité): Donnez l’adresse du document (url) ou son texte (text), affiché sur "
        "la page.",
    )


def test_check_refuses_a_statement_established_before_its_audit(project: Path, capsys):
    replace_in(project, CONFIG, "  established: 2026-11-22\n", "  established: 2026-11-15\n")
    assert_problems(
        project,
        capsys,
        f"{CONFIG}:{_line(project, 'accessibility:')}: accessibility (déclaration d’accessibilité): La déclaration "
        "(established) ne peut pas être établie avant l’audit sur lequel elle repose (audit.date) : vérifiez les "
        "deux dates.",
    )


OUTDATED = (
    "accessibility.audit.date (date de l’audit de la déclaration d’accessibilité): avertissement : Déclaration "
    "d’accessibilité fondée sur un audit du 2023-11-21, il y a plus de 3 ans au 2026-11-22 : faites réaliser un "
    "nouvel audit RGAA, puis mettez à jour la déclaration (audit, established)."
)


def test_check_warns_when_the_statement_s_audit_is_older_than_its_validity(project: Path, capsys):
    replace_in(project, CONFIG, "    date: 2026-11-16\n", "    date: 2023-11-21\n")
    code, lines = run_check(project, capsys)
    expected = f"{CONFIG}:{_line(project, 'date: 2023-11-21')}: {OUTDATED}"
    assert (code, lines) == (0, [expected, "Le contenu est valide (1 avertissement)."])
    code, lines = run_check(project, capsys, "--strict")
    assert (code, lines[0]) == (1, expected)


@pytest.mark.parametrize(
    ("audit", "validity", "outdated"),
    [
        ("2023-11-21", "", True),  # three years and a day before the build date
        ("2023-11-22", "", False),  # three years to the day: still valid
        ("2023-11-21", "  validity_years: 4\n", False),
        ("2024-11-21", "  validity_years: 2\n", True),
    ],
)
def test_the_statement_s_validity_counts_calendar_years_from_its_audit(project: Path, audit, validity, outdated):
    replace_in(project, CONFIG, "    date: 2026-11-16\n", f"    date: {audit}\n")
    replace_in(project, CONFIG, "  validity_years: 3\n", validity)
    config, problems = load_site_config(project / CONFIG, CONFIG, dt.date(2026, 11, 22))
    assert config is not None
    assert [problem.severity for problem in problems] == (["warning"] if outdated else [])
