"""The change report in time: an avenant added or changed shows every clause whose text in force changes on the
build date or later, with the version it belongs to; an item whose content changed without its update date
moving is pointed out."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.register.load import load_content
from generator.register.store import Register
from generator.register.versions import convention_history
from generator.review.diff import compare
from generator.review.diff_report import to_data, to_markdown

from conftest import copy_project
from helpers import add_avenants, replace_in

CONVENTION = "content/conventions/smica-severac-2026cv4.yaml"
AS_OF = dt.date(2026, 11, 22)

AVENANT_4 = """  - reference: Avenant n° 4
    signature: {place: Rodez, date: 2027-02-10}
    entry_into_force: {date: 2027-03-01}
    summary: Précise la maintenance, ajoute un article 5 ter et abroge l’article 5.
    changes:
      - replace: {article: '2'}
        text: Le SMICA assure la maintenance des logiciels chaque jour ouvré.
      - insert:
          after: '5 bis'
          number: 5 ter
          title: Réversibilité
          text: À la fin de la convention, le SMICA restitue les données du membre dans un format ouvert.
      - delete: {article: '5'}
    publication: {first: 2027-02-15}
"""


def load(project: Path) -> Register:
    register, problems = load_content(project / "content", project)
    assert [p for p in problems if p.severity == "error"] == []
    return register


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """The fixture register with its three avenants: the « before » of every test."""
    project = copy_project(tmp_path_factory.mktemp("diff-in-time") / "before")
    add_avenants(project)
    return project


@pytest.fixture
def changed(amended: Path, tmp_path: Path) -> Path:
    destination = tmp_path / "after"
    shutil.copytree(amended, destination)
    return destination


def add_avenant_4(project: Path) -> None:
    path = project / CONVENTION
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + AVENANT_4, encoding="utf-8")


def in_force(report) -> list[tuple[str, str, str, str]]:
    [change] = report.changes
    return [(item.key, item.status, item.date.isoformat(), item.version) for item in change.in_force]


def test_an_avenant_added_shows_each_clause_it_changes_and_its_version(amended, changed):
    add_avenant_4(changed)
    report = compare(load(amended), load(changed), as_of=AS_OF)
    assert in_force(report) == [
        ("article-2", "changed", "2027-03-01", "version-2027-03-01"),
        ("article-5", "abrogated", "2027-03-01", "version-2027-03-01"),
        ("article-5-ter", "added", "2027-03-01", "version-2027-03-01"),
    ]
    markdown = to_markdown(report)
    assert "**En bref** : 1 convention modifiée, 3 clauses du texte en vigueur touchées." in markdown
    assert (
        "- **Article 2 — Responsabilités des parties** (nouvelle rédaction) : texte en vigueur le 1er mars 2027, "
        "version du 1er mars 2027 (Avenant n° 4), `version-2027-03-01`"
    ) in markdown
    assert "**assure la maintenance des logiciels chaque** jour" in markdown
    assert "- **Article 5 — Modification de la convention** (abrogé) : texte en vigueur le 1er mars 2027" in markdown
    assert "- **Article 5 ter — Réversibilité** (ajouté au texte en vigueur)" in markdown
    assert "**À la fin de la convention, le SMICA restitue les données du membre dans un format ouvert.**" in markdown
    data = to_data(report)["changes"][0]["in_force"]
    assert {item["act"] for item in data} == {"Avenant n° 4"}


def test_an_avenant_already_in_force_changes_the_text_on_the_build_date(amended, changed):
    replace_in(
        changed,
        CONVENTION,
        "y compris le module de marchés publics OK-MARCHES.",
        "y compris les modules OK-MARCHES et OK-ACTES.",
    )
    report = compare(load(amended), load(changed), as_of=AS_OF)
    assert in_force(report) == [("article-1", "changed", "2026-11-22", "version-2026-10-01")]
    markdown = to_markdown(report)
    assert "texte en vigueur le 22 novembre 2026, version du 1er octobre 2026 (Avenant n° 2)" in markdown
    assert "~~le module de marchés publics OK-MARCHES.~~ **les modules OK-MARCHES et OK-ACTES.**" in markdown


def test_a_clause_changed_only_before_the_build_date_is_not_a_change_in_force(amended, changed):
    """Article 1 as signed was replaced by avenant 1: rewording the signed text changes no text in force."""
    text = (changed / CONVENTION).read_text(encoding="utf-8")
    signed = "La présente convention a pour objet d’organiser et de formaliser les relations des deux parties"
    assert text.count(signed) == 2
    first = text.index(signed)
    text = text[:first] + text[first:].replace(signed, signed.replace("organiser", "encadrer"), 1)
    (changed / CONVENTION).write_text(text, encoding="utf-8")
    report = compare(load(amended), load(changed), as_of=AS_OF)
    [change] = report.changes
    assert [article.key for article in change.articles] == ["article-1"], "the signed text did change"
    assert change.in_force == ()


@pytest.mark.parametrize("day", [AS_OF, dt.date(2026, 5, 1), dt.date(2027, 6, 1)])
def test_no_clause_in_force_changes_silently(amended, changed, day):
    """Whatever the build date, every clause whose text in force differs on that day or on a later version's
    first day is in the report (checked against the text in force each side computes on its own)."""
    add_avenant_4(changed)
    replace_in(changed, CONVENTION, "selon l’indice des prix.", "selon l’indice Syntec.")
    before, after = load(amended), load(changed)
    report = compare(before, after, as_of=day)
    shown = {(item.key, item.date) for change in report.changes for item in change.in_force}
    old = convention_history(before.conventions["smica-severac-2026cv4"].item)
    new = convention_history(after.conventions["smica-severac-2026cv4"].item)
    days = {day} | {v.start for v in old.versions + new.versions if v.start and v.start > day}
    expected = set()
    for each in sorted(days):
        old_text, new_text = old.in_force(each).convention, new.in_force(each).convention
        old_articles = {a.number: a for a in old_text.articles}
        new_articles = {a.number: a for a in new_text.articles}
        for number in set(old_articles) | set(new_articles):
            if old_articles.get(number) != new_articles.get(number):
                expected.add(f"article-{number.replace(' ', '-')}")
    assert expected, "the crafted change must change some text in force"
    assert {key for key, _ in shown} == expected


# --- publication dates -----------------------------------------------------------


def test_content_changed_without_its_update_date_is_pointed_out(amended, changed):
    replace_in(changed, CONVENTION, "Porte la durée de la convention à quatre ans", "Porte à quatre ans la durée")
    markdown = to_markdown(compare(load(amended), load(changed), as_of=AS_OF))
    assert (
        "Le contenu de l’avenant « Avenant n° 2 » de la convention 2026CV4 a changé sans que sa date de mise à jour "
        "(publication.last) ait changé"
    ) in markdown
    assert "content/conventions/smica-severac-2026cv4.yaml" in markdown


def test_an_update_date_moved_with_the_content_is_not_pointed_out(amended, changed):
    replace_in(changed, CONVENTION, "Porte la durée de la convention à quatre ans", "Porte à quatre ans la durée")
    replace_in(changed, CONVENTION, "{first: 2026-09-20, last: 2026-10-02}", "{first: 2026-09-20, last: 2026-11-20}")
    report = compare(load(amended), load(changed), as_of=AS_OF)
    assert not [warning for warning in report.warnings if "publication.last" in warning]
    assert not report.empty


# --- `registre diff` -------------------------------------------------------------


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True)


def test_registre_diff_shows_an_avenant_added_on_a_branch(amended, tmp_path, capsys, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(amended, repo)
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "-c", "user.name=Registre", "-c", "user.email=registre@example.org", "commit", "--quiet", "-m", "Initial")
    add_avenant_4(repo)
    monkeypatch.setenv("REGISTRE_DATE", "2026-11-22")
    assert main(["--project", str(repo), "diff", "main"]) == 0
    output = capsys.readouterr().out
    assert "Texte en vigueur (à la date de publication et après) :" in output
    for label in ("Article 2", "Article 5 ", "Article 5 ter"):
        assert f"- **{label}" in output, label
    assert output.count("`version-2027-03-01`") == 3
