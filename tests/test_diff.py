"""The change report: what a change does to the register, on crafted before/after content, and `registre diff`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main
from generator.register.load import load_content
from generator.register.store import Register
from generator.review.diff import compare, compare_revision, word_diff
from generator.review.diff_report import escape, markdown_words, to_data, to_json, to_markdown

from conftest import copy_project
from helpers import replace_in

CONVENTION = "content/conventions/smica-severac-2026cv4.yaml"
TARIFF = "content/tariffs/stockage-sauvegarde-mutualisee.yaml"
NOTICE = "content/notices/bouquet-services-utilisateurs.yaml"


def load(project: Path) -> Register:
    register, problems = load_content(project / "content", project)
    assert [p for p in problems if p.severity == "error"] == []
    return register


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """An untouched snapshot of the project (the « before » of every test)."""
    return copy_project(tmp_path_factory.mktemp("diff") / "before")


@pytest.fixture
def changed(original: Path, tmp_path: Path) -> Path:
    """A copy of the snapshot that a test edits (the « after »)."""
    destination = tmp_path / "after"
    shutil.copytree(original, destination)
    return destination


def diff(original: Path, changed: Path):
    return compare(load(original), load(changed))


# --- pure comparisons --------------------------------------------------------


def test_same_register_has_no_change(original):
    report = compare(load(original), load(original))
    assert report.empty
    assert "Aucun changement du registre." in to_markdown(report)


def test_tariff_cell_change_gives_old_and_new_amount(original, changed):
    replace_in(changed, TARIFF, "'3': 8.64", "'3': 8.70")
    report = diff(original, changed)
    [change] = report.changes
    assert (change.kind, change.id, change.status) == ("tariffs", "stockage-sauvegarde-mutualisee", "changed")
    [cell] = change.cells
    assert (cell.before, cell.after) == (Decimal("8.64"), Decimal("8.70"))
    assert cell.cell == "Catégorie 3"
    assert cell.version.isoformat() == "2022-11-14"
    assert change.fields == ()
    markdown = to_markdown(report)
    assert "Tarif modifié" in markdown
    assert "| Catégorie 3 | 8,64\u00a0€ | 8,70\u00a0€ |" in markdown
    assert to_data(report)["changes"][0]["cells"][0] == {
        "version": "2022-11-14",
        "component": cell.component,
        "cell": "Catégorie 3",
        "before": "8.64",
        "after": "8.70",
    }


def test_tariff_models_built_in_the_test(original):
    """Tariff grids compared without files: a two-dimension grid, one cell changed and one added."""
    from generator.register import models

    register = load(original)
    entry = register.tariffs["stockage-sauvegarde-mutualisee"]
    tariff = entry.item
    version = tariff.versions[0]
    grid = next(component for component in version.components if len(component.over) == 2)
    first_row = next(iter(grid.prices))
    first_column = next(iter(grid.prices[first_row]))
    prices = {row: dict(columns) for row, columns in grid.prices.items()}
    old_amount = prices[first_row][first_column]
    prices[first_row][first_column] = old_amount + Decimal("1.00")
    new_grid = grid.model_copy(update={"prices": prices})
    components = [new_grid if component.id == grid.id else component for component in version.components]
    new_tariff = tariff.model_copy(update={"versions": [version.model_copy(update={"components": components})]})
    after = Register(
        **{
            kind: dict(getattr(register, kind))
            for kind in ("organisations", "services", "topics", "conventions", "tariffs", "notices")
        }
    )
    after.tariffs[tariff.id] = type(entry)(new_tariff, entry.source)

    [change] = compare(register, after).changes
    [cell] = change.cells
    assert (cell.before, cell.after) == (old_amount, old_amount + 1)
    assert cell.component == grid.label
    assert " × " in cell.cell, "a two-dimension cell names both of its values"
    assert isinstance(models.Tariff.model_validate(new_tariff.model_dump()), models.Tariff)


def test_article_reworded_gives_a_word_diff(original, changed):
    replace_in(
        changed,
        CONVENTION,
        "elle est conclue pour une durée de 3 ans.",
        "elle est conclue pour une durée de quatre ans.",
    )
    report = diff(original, changed)
    [change] = report.changes
    [article] = change.articles
    assert (article.key, article.status) == ("article-3", "changed")
    assert article.label.startswith("Article 3 — ")
    removed = [op.text for op in article.words if op.op == "removed"]
    added = [op.text for op in article.words if op.op == "added"]
    assert (removed, added) == (["3"], ["quatre"])
    markdown = to_markdown(report)
    assert "pour une durée de ~~3~~ **quatre** ans." in markdown
    # Unchanged paragraphs of the article are not repeated.
    assert "La dissolution" not in markdown


def test_convention_added_and_removed(original, changed):
    source = changed / CONVENTION
    added = source.with_name("smica-autre-membre.yaml")
    added.write_text(
        source.read_text(encoding="utf-8").replace("id: smica-severac-2026cv4", "id: smica-autre-membre", 1),
        encoding="utf-8",
    )
    (changed / "content/conventions/tarn-et-garonne-deux-rives.yaml").unlink()
    for folder in ("tariffs", "notices"):  # what refers to the removed convention goes with it
        for path in (changed / "content" / folder).glob("*.yaml"):
            if "tarn-et-garonne-deux-rives" in path.read_text(encoding="utf-8"):
                path.unlink()
    report = diff(original, changed)
    statuses = {(change.kind, change.id): change.status for change in report.changes}
    assert statuses[("conventions", "smica-autre-membre")] == "added"
    assert statuses[("conventions", "tarn-et-garonne-deux-rives")] == "removed"
    new = next(change for change in report.changes if change.id == "smica-autre-membre")
    assert dict(new.details)["Signature"] == "17 février 2026 à Rodez"
    markdown = to_markdown(report)
    assert "#### Convention ajoutée : 2026CV4" in markdown
    assert "Fichier : `content/conventions/smica-autre-membre.yaml`" in markdown
    assert "convention supprimée" in markdown.split("\n\n")[2]


def test_parties_dates_and_termination_changes_are_named(original, changed):
    replace_in(changed, CONVENTION, "name: Jean-Louis GRIMAL", "name: Jeanne GRIMAL")
    replace_in(changed, CONVENTION, "  place: Rodez\n  date: 2026-02-17", "  place: Rodez\n  date: 2026-02-18")
    replace_in(changed, CONVENTION, "  notice:\n    months: 2", "  notice:\n    months: 3")
    [change] = diff(original, changed).changes
    fields = {value.field: (value.before, value.after) for value in change.fields}
    assert fields["parties[smica].representative.name"] == ("Jean-Louis GRIMAL", "Jeanne GRIMAL")
    assert fields["signature.date"][1].isoformat() == "2026-02-18"
    assert fields["termination.notice.months"] == (2, 3)
    markdown = to_markdown(compare(load(original), load(changed)))
    assert (
        "| Parties · `parties[smica].representative.name` | Jean\\-Louis GRIMAL |" not in markdown
    )  # no over-escaping
    assert "| Parties · `parties[smica].representative.name` | Jean-Louis GRIMAL | Jeanne GRIMAL |" in markdown
    assert "| Signature · `signature.date` | 17 février 2026 | 18 février 2026 |" in markdown
    assert "| Résiliation · `termination.notice.months` | 2 | 3 |" in markdown


def test_notice_change_is_reported_generically(original, changed):
    replace_in(changed, NOTICE, "Trois ans au plus après", "Deux ans au plus après")
    [change] = diff(original, changed).changes
    assert (change.kind, change.status) == ("notices", "changed")
    [value] = change.fields
    assert value.field == "retention.text"
    assert "Notice modifiée" in to_markdown(compare(load(original), load(changed)))


def test_registers_without_tariffs_or_notices_compare(original):
    register = load(original)
    bare = Register(
        organisations=register.organisations,
        services=register.services,
        topics=register.topics,
        conventions=register.conventions,
    )
    report = compare(bare, bare)
    assert report.empty
    removed = compare(register, bare)
    assert {change.kind for change in removed.changes} == {"tariffs", "notices"}
    assert all(change.status == "removed" for change in removed.changes)


def test_text_from_the_data_is_escaped_in_markdown():
    assert (
        escape("<script>alert(1)</script> **gras** | [lien](x)")
        == "\\<script\\>alert(1)\\</script\\> \\*\\*gras\\*\\* \\| \\[lien\\](x)"
    )
    lines = markdown_words(word_diff("un <b>texte</b>", "un <i>texte</i>"))
    assert lines == ["> un ~~\\<b\\>texte\\</b\\>~~ **\\<i\\>texte\\</i\\>**"]


def test_word_diff_keeps_lines_apart_and_trims_context():
    before = "Premier paragraphe inchangé.\n\n" + " ".join(f"mot{i}" for i in range(40)) + " fin."
    after = before.replace("mot20", "MOT20")
    lines = markdown_words(word_diff(before, after))
    assert lines == [
        "> … mot12 mot13 mot14 mot15 mot16 mot17 mot18 mot19 ~~mot20~~ **MOT20** "
        "mot21 mot22 mot23 mot24 mot25 mot26 mot27 mot28 …"
    ]


def test_json_report_is_valid_json(original, changed):
    replace_in(changed, TARIFF, "'3': 8.64", "'3': 8.70")
    data = json.loads(to_json(diff(original, changed)))
    assert data["empty"] is False
    assert data["changes"][0]["kind"] == "tariffs"


# --- against a git repository ------------------------------------------------


def git(repo: Path, *arguments: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Registre",
            "-c",
            "user.email=registre@example.org",
            "-c",
            "commit.gpgsign=false",
            "-C",
            str(repo),
            *arguments,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture
def repo(original: Path, tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    destination = tmp_path / "repo"
    shutil.copytree(original, destination)
    git(destination, "init", "--quiet", "--initial-branch=main")
    git(destination, "add", "--all")
    git(destination, "commit", "--quiet", "--message", "Registre initial")
    return destination


def reword_article_3(project: Path) -> None:
    """Article 3 says 4 years instead of 3, in the convention and in its source document alike."""
    replace_in(
        project, CONVENTION, "elle est conclue pour une durée de 3 ans.", "elle est conclue pour une durée de 4 ans."
    )
    replace_in(project, "content/sources/2026cv4.txt", "une durée de 3 ans.", "une durée de 4 ans.")
    digest = hashlib.sha256((project / "content/sources/2026cv4.txt").read_bytes()).hexdigest()
    text = (project / CONVENTION).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("  sha256: "))
    (project / CONVENTION).write_text(text.replace(old, f"  sha256: {digest}"), encoding="utf-8")


def test_registre_diff_against_the_merge_base_with_main(repo, capsys):
    git(repo, "switch", "--quiet", "--create", "nouveau-tarif")
    replace_in(repo, TARIFF, "'3': 8.64", "'3': 8.70")
    git(repo, "commit", "--quiet", "--all", "--message", "Nouveau tarif")
    reword_article_3(repo)
    added = repo / "content/conventions/smica-autre-membre.yaml"
    added.write_text(
        (repo / CONVENTION)
        .read_text(encoding="utf-8")
        .replace("id: smica-severac-2026cv4", "id: smica-autre-membre", 1),
        encoding="utf-8",
    )

    assert main(["--project", str(repo), "diff"]) == 0

    report = capsys.readouterr().out
    assert report.startswith("## Changements du registre")
    assert f"Comparaison de `{git(repo, 'rev-parse', 'main')[:10]}`" in report
    assert "| Catégorie 3 | 8,64\u00a0€ | 8,70\u00a0€ |" in report  # committed on the branch
    assert "~~3~~ **4**" in report  # not committed yet
    assert "#### Convention ajoutée" in report
    assert "`/conventions/smica-autre-membre/`" in report  # its pages are new

    assert main(["--project", str(repo), "diff", "HEAD", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {(change["id"], change["status"]) for change in data["changes"]} == {
        ("smica-severac-2026cv4", "changed"),
        ("smica-autre-membre", "added"),
    }
    assert "/conventions/smica-autre-membre/" in data["pages"]["added"]


def test_registre_diff_with_an_unknown_revision(repo, capsys):
    assert main(["--project", str(repo), "diff", "pas-une-revision"]) == 2
    assert "pas-une-revision" in capsys.readouterr().err


def test_a_base_that_no_longer_loads_is_not_reported_as_added(repo):
    replace_in(repo, CONVENTION, "title: Convention (référence 2026CV4)", "title: [")
    git(repo, "commit", "--quiet", "--all", "--message", "Fichier cassé")
    replace_in(repo, CONVENTION, "title: [", "title: Convention (référence 2026CV4)")
    report = compare_revision(repo, "HEAD")
    assert not [change for change in report.changes if change.id == "smica-severac-2026cv4"]
    assert any("la référence" in warning for warning in report.warnings)
    assert not report.pages_compared


def test_tariff_removed_lists_the_prices_it_had(original, changed):
    (changed / TARIFF).unlink()
    report = diff(original, changed)
    [change] = [change for change in report.changes if change.kind == "tariffs"]
    assert change.status == "removed"
    assert change.cells and all(cell.after is None and cell.before is not None for cell in change.cells)
    markdown = to_markdown(report)
    assert "#### Tarif supprimé : " in markdown
    assert "| Catégorie 3 | 8,64\u00a0€ | — |" in markdown
    assert "prix modifié" not in markdown.split("\n\n")[2], "removed prices are not counted as changed"
