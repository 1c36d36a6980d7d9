"""Open data a portal can take as it is: the Data Package that describes every CSV file validates with the
reference validator (`frictionless validate`, offline) and stops validating when a cell is wrong, the sitemap
dates each convention page by its data, and robots.txt points crawlers to the sitemap."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import shutil
import socket
import sys
from pathlib import Path

import pytest
from frictionless import validate

from generator.cli import main
from generator.publishing.publish import source_date_epoch

from conftest import AS_OF, ROOT, copy_project
from helpers import add_avenants, base_url

AMENDED = "smica-severac-2026cv4"
#: the latest date the amended convention's data gives up to the build date: avenant n° 3's publication (its
#: entry into force, 2027-01-01, is after the build date)
AMENDED_LAST_CHANGE = "2026-11-10"
LICENCE = """licence:
  id: odbl-1.0
  title: Open Database License (ODbL) 1.0
  url: https://opendatacommons.org/licenses/odbl/1-0/
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture register with its avenants, under a licence of its own."""
    project = copy_project(tmp_path_factory.mktemp("data-package") / "project")
    add_avenants(project)
    config = project / "site_config" / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\n" + LICENCE, encoding="utf-8")
    site = project / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    return site


@pytest.fixture
def offline(monkeypatch):
    """Any connection attempt fails: the validation reads the package's own files only."""

    def refuse(*_args, **_kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # Frictionless looks for its plugins in every folder of the import path, the repository's too (where
    # `python -m pytest` runs): it need not look there.
    monkeypatch.setattr(sys, "path", [path for path in sys.path if path not in ("", str(ROOT))])


def package(site: Path) -> dict:
    return json.loads((site / "donnees-ouvertes" / "datapackage.json").read_text(encoding="utf-8"))


def resource(site: Path, name: str) -> dict:
    [found] = [item for item in package(site)["resources"] if item["name"] == name]
    return found


def field(site: Path, dataset: str, name: str) -> dict:
    [found] = [item for item in resource(site, dataset)["schema"]["fields"] if item["name"] == name]
    return found


def errors(folder: Path) -> list[tuple[str, str]]:
    """(resource, error type) of each error `frictionless validate` finds in `folder`'s datapackage.json."""
    report = validate(str(folder / "datapackage.json"))
    found = [(task.name, error.type) for task in report.tasks for error in task.errors]
    found += [("package", error.type) for error in report.errors]
    return found


def broken_copy(site: Path, tmp_path: Path, name: str, change) -> Path:
    """A copy of the open data folder in which `change` rewrote the rows of `name`.csv."""
    folder = tmp_path / "donnees-ouvertes"
    shutil.copytree(site / "donnees-ouvertes", folder)
    path = folder / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    header = list(rows[0])
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_the_data_package_describes_every_csv_file_and_validates_offline(site, offline):
    described = package(site)
    csv_files = sorted(path.name for path in (site / "donnees-ouvertes").glob("*.csv"))
    assert sorted(item["path"] for item in described["resources"]) == csv_files
    assert errors(site / "donnees-ouvertes") == []


def test_the_package_says_its_licence_its_site_and_its_date(site):
    described = package(site)
    assert described["licenses"] == [
        {
            "name": "odbl-1.0",
            "title": "Open Database License (ODbL) 1.0",
            "path": "https://opendatacommons.org/licenses/odbl/1-0/",
        }
    ]
    assert described["homepage"] == base_url() + "donnees-ouvertes/"
    assert described["created"] == f"{AS_OF}T00:00:00Z"
    assert (described["name"], described["title"]) == ("registre-des-conventions", "Registre des conventions")


def test_each_field_is_typed_titled_and_constrained_in_french(site):
    assert field(site, "conventions", "dateConvention") | {"description": ""} == {
        "name": "dateConvention",
        "title": "Date de signature",
        "description": "",
        "type": "date",
        "format": "default",
    }
    assert set(field(site, "conventions", "statut")["constraints"]["enum"]) >= {"en-vigueur", "echue", "resiliee"}
    amount = field(site, "tarifs", "montant")
    assert (amount["type"], amount["decimalChar"], amount["constraints"]) == ("number", ".", {"required": True})
    in_force = field(site, "versions", "en_vigueur")
    assert (in_force["type"], in_force["trueValues"], in_force["falseValues"]) == ("boolean", ["oui"], ["non"])
    assert field(site, "versions", "numero")["type"] == "integer"
    assert "séparées par « | »" in field(site, "conventions", "parties")["description"]
    schema = resource(site, "avenants")["schema"]
    assert schema["primaryKey"] == ["id"]
    assert schema["foreignKeys"] == [
        {"fields": ["convention"], "reference": {"resource": "conventions", "fields": ["id"]}}
    ]
    assert resource(site, "versions")["schema"]["primaryKey"] == ["convention", "version"]
    assert all(item["title"] and item["description"] for item in package(site)["resources"])


def test_the_csv_columns_carry_the_national_names(site):
    with (site / "donnees-ouvertes" / "conventions.csv").open(encoding="utf-8", newline="") as file:
        conventions = {line["id"]: line for line in csv.DictReader(file)}
    assert conventions[AMENDED]["dateConvention"] == "2026-02-17"
    assert "datePublicationDonnees" in conventions[AMENDED]
    # « 248 200 016 00017 » in the organisation's file: 14 digits, as SCDL writes a SIRET
    assert conventions["tarn-et-garonne-deux-rives"]["parties_siret"] == "24820001600017"
    exported = json.loads((site / "donnees-ouvertes" / "conventions.json").read_text(encoding="utf-8"))
    assert "dateConvention" in exported["columns"]
    schema = json.loads((site / "donnees-ouvertes" / "conventions.schema.json").read_text(encoding="utf-8"))
    assert "dateConvention" in schema["properties"]["rows"]["items"]["required"]


def test_a_date_written_wrong_makes_the_package_invalid(site, tmp_path, offline):
    def wrong_date(rows):
        rows[0]["dateConvention"] = "17/02/2026"

    assert errors(broken_copy(site, tmp_path, "conventions", wrong_date)) == [("conventions", "type-error")]


def test_a_missing_required_value_makes_the_package_invalid(site, tmp_path, offline):
    def no_amount(rows):
        rows[-1]["montant"] = ""

    assert errors(broken_copy(site, tmp_path, "tarifs", no_amount)) == [("tarifs", "constraint-error")]


def test_an_avenant_of_an_unknown_convention_makes_the_package_invalid(site, tmp_path, offline):
    def unknown(rows):
        rows[0]["convention"] = "convention-inconnue"

    assert errors(broken_copy(site, tmp_path, "avenants", unknown)) == [("avenants", "foreign-key")]


def sitemap_dates(text: str) -> dict[str, str]:
    return dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", text))


def test_the_sitemap_dates_a_convention_page_by_its_data(site):
    dates = sitemap_dates((site / "sitemap.xml").read_text(encoding="utf-8"))
    convention = base_url() + f"conventions/{AMENDED}/"
    assert dates[convention] == AMENDED_LAST_CHANGE != AS_OF
    assert dates[convention + "article-1/"] == AMENDED_LAST_CHANGE
    assert dates[convention + "versions/"] == AMENDED_LAST_CHANGE
    assert dates[base_url() + "conventions/"] == AS_OF, "a page the data does not date keeps the build date"


def test_the_compressed_sitemap_is_the_same_with_the_build_date_in_its_header(site):
    compressed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(compressed) == (site / "sitemap.xml").read_bytes()
    day = dt.date.fromisoformat(AS_OF)
    assert int.from_bytes(compressed[4:8], "little") == source_date_epoch(day)


def test_robots_txt_allows_everything_and_points_to_the_sitemap(site):
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {base_url()}sitemap.xml\n"
    )


def test_the_open_data_page_links_to_the_data_package(site):
    page = (site / "donnees-ouvertes" / "index.html").read_text(encoding="utf-8")
    assert 'href="datapackage.json"' in page
