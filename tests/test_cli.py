"""The `registre` command as the syndicate's staff and CI run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def registre(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the installed `registre` command (its console script), as a user types it."""
    executable = shutil.which("registre", path=str(Path(sys.executable).parent)) or shutil.which("registre")
    command = [executable] if executable else [sys.executable, "-m", "generator.cli"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300,
                          env={**os.environ, "REGISTRE_DATE": os.environ.get("REGISTRE_DATE", "2026-11-22")})


def test_check_of_the_fixture_register_passes(project):
    result = registre("--project", str(project), "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "Content is valid."
    assert "Traceback" not in result.stderr


def test_check_with_project_option(project, capsys):
    assert main(["--project", str(project), "check"]) == 0
    assert capsys.readouterr().err.strip().splitlines()[-1] == "Content is valid."


def test_check_from_another_folder(project, tmp_path):
    result = registre("--project", str(project), "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Content is valid." in result.stderr


def test_check_reports_a_problem_and_exits_1(project):
    path = project / "content" / "topics" / "duree.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "couleur: bleu\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    result = registre("--project", str(project), "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"content/topics/duree.yaml:{line}: couleur: unknown field", "1 problem found."]
    assert "Content is valid." not in result.stderr


def test_schema_prints_the_json_schema_of_every_kind_of_file():
    result = registre("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert {"conventions", "organisations", "services", "topics"} <= set(schema)
    conventions = schema["conventions"]
    assert conventions["type"] == "object"
    assert conventions["title"] == "Convention"
    assert conventions["additionalProperties"] is False
    assert {"id", "title", "parties", "signature", "entry_into_force", "term", "articles", "source"} <= \
        set(conventions["required"])
    assert {"termination", "annexes", "referent", "services", "providers"} <= set(conventions["properties"])
    # Editors show the fields' documentation as the user types.
    assert conventions["properties"]["id"]["description"]
    definitions = conventions["$defs"]
    assert definitions["Termination"]["properties"]["kind"]["enum"] == ["any_time", "before_anniversary"]
    assert definitions["Article"]["properties"]["heading"]["description"]


def test_schema_is_stable_text():
    first, second = registre("schema"), registre("schema")
    assert first.stdout == second.stdout
    assert first.stdout == json.dumps(json.loads(first.stdout), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_build_replaces_the_site_folder_whole(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "ancienne-page.html").write_text("<p>périmée</p>", encoding="utf-8")
    result = registre("--project", str(project), "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert "Content is valid." in result.stderr
    assert (site / "index.html").is_file()
    assert (site / "conventions" / "smica-severac-2026cv4" / "article-1" / "index.html").is_file()
    assert (site / "pagefind").is_dir()
    assert not (site / "ancienne-page.html").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]


def test_unknown_command_is_a_usage_error():
    result = registre("publier")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_build_date_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setenv("REGISTRE_DATE", "22/11/2026")
    assert main(["check"]) == 2
    assert "REGISTRE_DATE must be a date written YYYY-MM-DD, not '22/11/2026'" in capsys.readouterr().err
