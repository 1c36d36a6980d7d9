"""The `registre` command as the syndicate's staff and CI run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.authoring import editor_schemas
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def registre(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the installed `registre` command (its console script), as a user types it."""
    executable = shutil.which("registre", path=str(Path(sys.executable).parent)) or shutil.which("registre")
    command = [executable] if executable else [sys.executable, "-m", "generator.cli"]
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "REGISTRE_DATE": os.environ.get("REGISTRE_DATE", "2026-11-22")},
    )


def test_check_of_the_fixture_register_passes(project):
    result = registre("--project", str(project), "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "Le contenu est valide."
    assert "Traceback" not in result.stderr


def test_check_with_project_option(project, capsys):
    assert main(["--project", str(project), "check"]) == 0
    assert capsys.readouterr().err.strip().splitlines()[-1] == "Le contenu est valide."


def test_check_from_another_folder(project, tmp_path):
    result = registre("--project", str(project), "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Le contenu est valide." in result.stderr


def test_check_reports_a_problem_and_exits_1(project):
    path = project / "content" / "topics" / "duree.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "couleur: bleu\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    result = registre("--project", str(project), "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"content/topics/duree.yaml:{line}: couleur: Champ inconnu « couleur ». Vérifiez "
        "l’orthographe et l’indentation (les champs possibles sont décrits par "
        "`registre schema`).",
        "1 problème trouvé.",
    ]
    assert "Le contenu est valide." not in result.stderr


def test_schema_prints_the_json_schema_of_every_kind_of_file():
    result = registre("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert {"conventions", "organisations", "services", "topics"} <= set(schema)
    conventions = schema["conventions"]
    assert conventions["type"] == "object"
    assert conventions["title"] == "Convention"
    assert conventions["additionalProperties"] is False
    assert {"id", "parties", "signature", "source"} <= set(conventions["required"])
    # what a convention signed on a model may leave to it is required of the others
    assert {"if": {"not": {"required": ["model"]}}, "then": {"required": list(editor_schemas.FROM_MODEL)}} in (
        conventions["allOf"]
    )
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
    assert "Le contenu est valide." in result.stderr
    assert (site / "index.html").is_file()
    assert (site / "conventions" / "smica-severac-2026cv4" / "article-1" / "index.html").is_file()
    assert (site / "pagefind").is_dir()
    assert not (site / "ancienne-page.html").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]


def test_a_malformed_build_date_stops_the_build_before_it_writes(project, tmp_path, monkeypatch, capsys):
    """The build date is read once, by the command, before anything else."""
    monkeypatch.setenv("REGISTRE_DATE", "22/11/2026")
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "site")]) == 2
    assert "REGISTRE_DATE doit être une date écrite AAAA-MM-JJ" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"]


def test_unknown_command_is_a_usage_error():
    result = registre("chek")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "registre : « chek » n’est pas possible ici. Voulez-vous dire « check » ? "
        "Choix possibles : check, build, serve, edit, schema, diff, new, import, verify."
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["new", "convention"], "registre new : il manque : id (voir --help)."),
        (
            ["check", "--format", "xml"],
            "registre check : « xml » n’est pas possible ici. Choix possibles : text, json, github, gitlab.",
        ),
        (["check", "--stricte"], "registre : argument inconnu : --stricte (voir --help)."),
        (["serve", "--dev-addr"], "registre serve : --dev-addr attend une valeur (voir --help)."),
    ],
)
def test_usage_errors_are_told_in_french(capsys, arguments, expected):
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == expected


def test_a_malformed_build_date_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setenv("REGISTRE_DATE", "22/11/2026")
    assert main(["check"]) == 2
    assert (
        "REGISTRE_DATE doit être une date écrite AAAA-MM-JJ entre 1900 et 2199, par exemple 2026-11-22, "
        "pas '22/11/2026'" in capsys.readouterr().err
    )


# --- output for programs and forges ---------------------------------------------------------------------------


def break_a_topic(project: Path) -> int:
    path = project / "content" / "topics" / "duree.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "couleur: bleu\n", encoding="utf-8")
    return len(path.read_text(encoding="utf-8").splitlines())


def test_check_as_json(project):
    line = break_a_topic(project)
    result = registre("--project", str(project), "check", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["problems"] == [
        {
            "file": "content/topics/duree.yaml",
            "line": line,
            "field": "couleur",
            "field_in_words": "",
            "severity": "error",
            "message": "Champ inconnu « couleur ». Vérifiez l’orthographe et l’indentation (les champs possibles sont "
            "décrits par `registre schema`).",
        }
    ]


def test_check_as_github_annotations(project):
    line = break_a_topic(project)
    result = registre("--project", str(project), "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=content/topics/duree.yaml,line={line},title=couleur::Champ inconnu « couleur ». Vérifiez "
        "l’orthographe et l’indentation (les champs possibles sont décrits par `registre schema`).",
    ]


def test_check_as_gitlab_code_quality_report(project):
    line = break_a_topic(project)
    result = registre("--project", str(project), "check", "--format", "gitlab")
    assert result.returncode == 1
    [issue] = json.loads(result.stdout)
    assert issue["location"] == {"path": "content/topics/duree.yaml", "lines": {"begin": line}}
    assert issue["severity"] == "major" and issue["check_name"] == "registre-check"
    assert issue["description"].startswith("couleur : Champ inconnu « couleur ».")
    assert len(issue["fingerprint"]) == 64


def test_placeholders_in_the_site_config_warn_and_fail_with_strict(project):
    path = project / "site_config" / "site.yaml"
    text = path.read_text(encoding="utf-8")
    base_url = next(line for line in text.splitlines() if line.startswith("base_url:"))
    path.write_text(text.replace(base_url, "base_url: https://registre.example.org/"), encoding="utf-8")
    line = text.splitlines().index(base_url) + 1
    expected = (
        f"site_config/site.yaml:{line}: base_url (adresse publique): avertissement : "
        "Valeur provisoire « example.org » : "
        "remplacez-la par la vraie valeur avant de publier (`registre check --strict`, utilisé pour la "
        "branche principale, refuse de publier ainsi)."
    )
    lenient = registre("--project", str(project), "check")
    assert lenient.returncode == 0
    assert lenient.stderr.splitlines() == [expected, "Le contenu est valide (1 avertissement)."]
    strict = registre("--project", str(project), "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [expected, "1 problème trouvé."]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("REGISTRE_DATE", "2026-02-30"),
        ("REGISTRE_DATE", "9999-12-31"),
        ("REGISTRE_DATE", "0001-01-01"),
        ("REGISTRE_DATE", "20261201"),
        ("REGISTRE_DATE", "2026-W48-1"),
        ("SOURCE_DATE_EPOCH", "-1"),
        ("SOURCE_DATE_EPOCH", "garbage"),
        ("SOURCE_DATE_EPOCH", "99999999999999"),
    ],
)
def test_a_bad_build_date_stops_the_build_before_anything_is_written(project, tmp_path, variable, value):
    environment = {key: item for key, item in os.environ.items() if key not in ("REGISTRE_DATE", "SOURCE_DATE_EPOCH")}
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(project), "build", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        env={**environment, variable: value},
        check=False,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"registre : {variable} doit être"), result.stderr
    assert not site.exists()
