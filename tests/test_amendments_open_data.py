"""The register in time, as a portal and a subscriber see it: the open data exports carry the text in force, every
version and an OCDS-style list of amendments (valid against the schemas they publish), the change list dates
each avenant's signature and entry into force and a termination, and a tariff grid names the act that set it."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.cli import main
from generator.site.open_data import open_data_pages

from conftest import ROOT, copy_project
from helpers import add_avenants, replace_in

AMENDED = "smica-severac-2026cv4"
TERMINATED = "tarn-et-garonne-deux-rives"
TARIFF = "content/tariffs/stockage-sauvegarde-mutualisee.yaml"
AJV = ROOT / "tests" / "tools" / "node_modules" / "ajv"
TERMINATION = """terminated:
  by: cc-deux-rives
  notified: 2026-06-15
  effective: 2026-12-31
  form: lettre recommandée avec avis de réception
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture register with three avenants (two in force on the build date, one not yet), a termination
    notified but not yet effective, and a tariff grid that names its act."""
    project = copy_project(tmp_path_factory.mktemp("amended") / "project")
    add_avenants(project)
    path = project / "content" / "conventions" / f"{TERMINATED}.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + TERMINATION, encoding="utf-8")
    replace_in(
        project,
        TARIFF,
        "  - valid_from: 2022-11-14\n",
        "  - valid_from: 2022-11-14\n    act: délibération n° 2022-31\n",
    )
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    site = project / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    return site


def exported(site: Path, name: str) -> dict:
    return json.loads((site / "donnees-ouvertes" / f"{name}.json").read_text(encoding="utf-8"))


def csv_rows(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "donnees-ouvertes" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def row(rows: list[dict], **match: str) -> dict:
    [found] = [item for item in rows if all(item[key] == value for key, value in match.items())]
    return found


def test_the_conventions_export_carries_the_text_in_force_and_every_version(site):
    convention = row(exported(site, "conventions")["rows"], id=AMENDED)
    assert convention["version_en_vigueur"] == "version-2026-10-01"
    assert convention["version_en_vigueur_du"] == "2026-10-01"
    assert convention["fin"] == "2029-12-31", "avenant 2's four-year term, in force on the build date"
    assert [(v["version"], v["debut"], v["fin"], v["acte"], v["en_vigueur"]) for v in convention["versions"]] == [
        ("version-2026-01-01", "2026-01-01", "2026-03-31", None, "non"),
        ("version-2026-04-01", "2026-04-01", "2026-09-30", "Avenant n° 1", "non"),
        ("version-2026-10-01", "2026-10-01", "2026-12-31", "Avenant n° 2", "oui"),
        ("version-2027-01-01", "2027-01-01", None, "Avenant n° 3", "non"),
    ]
    second = convention["versions"][2]
    assert second["articles_modifies"] == [
        {"id": "article-3", "label": "Article 3", "change": "replace"},
        {"id": "article-6", "label": "Article 6", "change": "delete"},
    ]
    assert second["faits_modifies"] == ["term"]
    assert second["adresse"].endswith(f"/conventions/{AMENDED}/version-2026-10-01/")


def test_each_avenant_is_an_ocds_style_amendment_with_its_dates(site):
    convention = row(exported(site, "conventions")["rows"], id=AMENDED)
    first, second, third = convention["amendments"]
    assert first["id"] == f"{AMENDED}-avenant-n-1"
    assert (first["date"], first["entryIntoForce"], first["status"]) == ("2026-03-10", "2026-04-01", "en vigueur")
    assert first["description"].startswith("Ajoute le module OK-MARCHES")
    assert first["changedClauses"] == [
        {"id": "article-1", "label": "Article 1", "change": "replace"},
        {"id": "article-5-bis", "label": "Article 5 bis", "change": "insert"},
    ]
    assert first["signature"] == {"place": "Rodez", "date": "2026-03-10"}
    assert second["publication"] == {"first": "2026-09-20", "last": "2026-10-02"}
    assert (third["entryIntoForce"], third["status"], third["version"]) == (
        "2027-01-01",
        "à venir",
        "version-2027-01-01",
    )


def test_a_termination_and_the_publication_dates_are_exported(site):
    terminated = row(exported(site, "conventions")["rows"], id=TERMINATED)
    assert terminated["resiliation"]["par"] == "cc-deux-rives"
    assert (terminated["resiliation"]["notifiee"], terminated["resiliation"]["effet"]) == ("2026-06-15", "2026-12-31")
    line = row(csv_rows(site, "conventions"), id=TERMINATED)
    assert (line["resiliation_par"], line["resiliation_notifiee"], line["resiliation_effet"]) == (
        "cc-deux-rives",
        "2026-06-15",
        "2026-12-31",
    )
    assert row(csv_rows(site, "conventions"), id=AMENDED)["avenants"] == "Avenant n° 1 | Avenant n° 2 | Avenant n° 3"


def test_the_csv_files_have_one_row_per_version_and_per_avenant(site):
    versions = [line for line in csv_rows(site, "versions") if line["convention"] == AMENDED]
    assert [(line["version"], line["en_vigueur"]) for line in versions] == [
        ("version-2026-01-01", "non"),
        ("version-2026-04-01", "non"),
        ("version-2026-10-01", "oui"),
        ("version-2027-01-01", "non"),
    ]
    assert versions[1]["articles_modifies"] == "Article 1 | Article 5 bis"
    avenants = csv_rows(site, "avenants")
    assert len(avenants) == 3
    third = row(avenants, reference="Avenant n° 3")
    assert (third["signature_date"], third["entree_en_vigueur"], third["statut"]) == (
        "2026-11-02",
        "2027-01-01",
        "à venir",
    )
    assert third["articles_modifies"] == "Article 4"
    second = row(avenants, reference="Avenant n° 2")
    assert (second["mise_en_ligne"], second["mise_a_jour"], second["faits_modifies"]) == (
        "2026-09-20",
        "2026-10-02",
        "term",
    )


def test_the_exports_follow_the_build_date(project):
    data, problems = check(Project(project), as_of=dt.date(2027, 2, 1))
    assert data is not None, problems
    files = {page.src: page.content for page in open_data_pages(data)}
    convention = row(json.loads(files["donnees-ouvertes/conventions.json"])["rows"], id=AMENDED)
    assert convention["version_en_vigueur"] == "version-2027-01-01"
    assert [item["status"] for item in convention["amendments"]] == ["en vigueur"] * 3


def test_every_json_export_is_valid_against_its_published_schema(site, tmp_path):
    folder = site / "donnees-ouvertes"
    names = sorted(path.name.removesuffix(".schema.json") for path in folder.glob("*.schema.json"))
    assert {"conventions", "versions", "avenants", "tarifs"} <= set(names)
    script = tmp_path / "validate.js"
    script.write_text(
        f"""
const Ajv2020 = require({json.dumps(str(AJV / "dist" / "2020.js"))});
const fs = require("fs");
const folder = {json.dumps(str(folder))};
let failed = 0;
for (const name of {json.dumps(names)}) {{
  const ajv = new Ajv2020({{allErrors: true, strict: false}});
  const validate = ajv.compile(JSON.parse(fs.readFileSync(`${{folder}}/${{name}}.schema.json`, "utf8")));
  if (!validate(JSON.parse(fs.readFileSync(`${{folder}}/${{name}}.json`, "utf8")))) {{
    failed += 1;
    console.log(name, JSON.stringify(validate.errors));
  }}
}}
process.exit(failed ? 1 : 0);
""",
        encoding="utf-8",
    )
    result = subprocess.run(["node", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_rejects_an_export_that_lost_its_versions(site, tmp_path):
    """The validation can fail: a convention without its versions is refused."""
    folder = site / "donnees-ouvertes"
    broken = exported(site, "conventions")
    del broken["rows"][0]["versions"]
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    script = tmp_path / "validate.js"
    script.write_text(
        f"""
const Ajv2020 = require({json.dumps(str(AJV / "dist" / "2020.js"))});
const fs = require("fs");
const validate = new Ajv2020({{strict: false}}).compile(
  JSON.parse(fs.readFileSync({json.dumps(str(folder / "conventions.schema.json"))}, "utf8")));
process.exit(validate(JSON.parse(fs.readFileSync({json.dumps(str(tmp_path / "broken.json"))}, "utf8"))) ? 0 : 3);
""",
        encoding="utf-8",
    )
    assert subprocess.run(["node", str(script)], check=False).returncode == 3


def test_the_open_data_page_links_each_schema(site):
    page = (site / "donnees-ouvertes" / "index.html").read_text(encoding="utf-8")
    for name in ("conventions", "versions", "avenants"):
        assert f'href="../donnees-ouvertes/{name}.schema.json"' in page or f'href="{name}.schema.json"' in page


def test_a_tariff_grid_names_the_act_that_set_it(site):
    page = (site / "tarifs" / "stockage-sauvegarde-mutualisee" / "index.html").read_text(encoding="utf-8")
    assert "Grille fixée par : délibération n° 2022-31." in page
    assert {
        line["acte"]
        for line in csv_rows(site, "tarifs")
        if line["tarif"] == "stockage-sauvegarde-mutualisee" and line["nature"] == "grille"
    } == {"délibération n° 2022-31"}


# --- the change list -------------------------------------------------------------


def changes_rows(site: Path) -> dict[str, str]:
    """Each row of /changements/ by its id, as text."""
    page = (site / "changements" / "index.html").read_text(encoding="utf-8")
    return {key: re.sub(r"<[^>]+>", " ", body) for key, body in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', page, re.S)}


def test_an_avenants_signature_and_entry_into_force_are_dated_changes(site):
    rows = changes_rows(site)
    entry = rows[f"avenant-en-vigueur-{AMENDED}-avenant-n-2-2026-10-01"]
    assert "Entrée en vigueur de l’avenant n° 2 à la convention 2026CV4" in entry
    assert "Article 3 : nouvelle rédaction ; article 6 : abrogation. Change aussi : durée." in entry
    assert "Avenant n° 2 à la convention 2026CV4" in rows[f"avenant-{AMENDED}-avenant-n-2-2026-09-15"]
    page = (site / "changements" / "index.html").read_text(encoding="utf-8")
    assert f'href="../conventions/{AMENDED}/version-2026-10-01/"' in page
    targets = set(re.findall(r'href="\.\./(conventions/[^"#]+/version-[^"#/]+/)"', page))
    assert len(targets) == 3, "each avenant's events lead to the version it opens"
    for target in targets:
        assert (site / target / "index.html").is_file(), target


def test_an_avenant_not_yet_in_force_and_a_termination_are_upcoming(site):
    page = (site / "changements" / "index.html").read_text(encoding="utf-8")
    upcoming, past = page.split('<h2 id="changements-intervenus"', 1)
    assert f'id="avenant-en-vigueur-{AMENDED}-avenant-n-3-2027-01-01"' in upcoming
    assert f'id="fin-par-resiliation-{TERMINATED}-2026-12-31"' in upcoming
    assert f'id="resiliation-{TERMINATED}-2026-06-15"' in past
    feed = (site / "changements" / "atom.xml").read_text(encoding="utf-8")
    assert "avenant-n-3-2027-01-01" not in feed, "the feed holds what happened, not what is to come"
    assert "avenant-en-vigueur-smica-severac-2026cv4-avenant-n-2-2026-10-01" in feed
