"""A failed build leaves the previous site whole: exit status 1, the file:line error, and not one byte changed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from helpers import line_of, snapshot

ROOT = Path(__file__).resolve().parent.parent
BROKEN_FILE = "content/conventions/smica-severac-2026cv4.yaml"


@pytest.fixture
def published(project: Path, capsys) -> tuple[Path, Path, dict[str, bytes]]:
    """A project whose site was built once with `registre build`, and that site's bytes."""
    site = project.parent / "published"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    assert "index.html" in before and "sitemap.xml" in before
    return project, site, before


def leftovers(site: Path) -> list[str]:
    """Staging or backup folders a build would leave next to the site if it did not clean up."""
    return sorted(path.name for path in site.parent.iterdir() if path.name.startswith(f".{site.name}-"))


def test_broken_content_leaves_the_site_untouched(published, capsys):
    project, site, before = published
    content = project / BROKEN_FILE
    text = content.read_text(encoding="utf-8")
    assert "  date: 2026-02-17\n" in text
    content.write_text(text.replace("  date: 2026-02-17\n", "  date: 2026-02-30\n", 1), encoding="utf-8")
    line = line_of(content, "date: 2026-02-30")

    status = main(["--project", str(project), "build", "--site-dir", str(site)])

    error = capsys.readouterr().err
    assert status == 1
    assert re.search(rf"^{re.escape(BROKEN_FILE)}:{line}: signature\.date \(date de la signature\): .+", error, re.M), error
    assert "Traceback" not in error
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_broken_template_leaves_the_site_untouched(published):
    project, site, before = published
    template = project / "templates" / "pages" / "home.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")

    # In a process of its own, so that what reaches stderr is what a user sees (no test log capture).
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(project), "build",
                             "--site-dir", str(site)], capture_output=True, text=True, cwd=ROOT, check=False)

    assert result.returncode == 1
    assert re.search(r"templates/pages/home\.md\.j2:\d+: template error", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_a_successful_build_replaces_the_site(published, capsys):
    project, site, before = published
    content = project / BROKEN_FILE
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("place: Rodez", "place: Millau", 1), encoding="utf-8")
    (site / "stale.html").write_text("left by an older build", encoding="utf-8")

    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0

    after = snapshot(site)
    assert "stale.html" not in after, "the new site is a fresh folder, not the old one patched"
    assert after != before
    assert leftovers(site) == []


def test_a_register_with_errors_writes_nothing(project: Path, tmp_path: Path):
    """The check comes first: with an error, not even the site's folder is created."""
    from generator.publishing.publish import build_site

    content = project / BROKEN_FILE
    content.write_text(content.read_text(encoding="utf-8").replace("  date: 2026-02-17\n", "  date: 2026-02-30\n", 1),
                       encoding="utf-8")
    site = tmp_path / "not-yet" / "site"

    report = build_site(project / "mkdocs.yml", site, isolated=True)

    assert [(problem.file, problem.field) for problem in report.errors] == [(BROKEN_FILE, "signature.date")]
    assert not site.parent.exists()


def test_the_child_process_returns_its_report(project: Path, tmp_path: Path):
    """In `registre build`, MkDocs runs in a child process: the problems and what to index come back as the
    function's value, and Pagefind indexes the pages it names once the child has exited."""
    from generator.publishing.publish import build_site

    site = tmp_path / "site"
    report = build_site(project / "mkdocs.yml", site, isolated=True)

    assert report.errors == []
    assert report.search and report.search_glob == "conventions/*/index.html"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert leftovers(site) == []
