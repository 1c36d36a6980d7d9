"""The staff add, edit and remove conventions without touching a test: the tests never read `content/`.

The proof has two halves. In every run, the guard of tests/conftest.py fails any test that opens, lists,
copies or removes something in `content/` or `site_config/` (or sends Chromium there), and any test that
starts a process the proof would not rerun. What the guard cannot see is what those processes read: so the
proof reruns every test that starts processes on a copy of the repository whose `content/` is another
register (the fixture register, never the repository's own) that the staff have changed: a new member's
convention with its new organisations, service and source document, one
convention removed with what depended on it, another one edited. Mistakes in a new convention are for
`registre check`, which reports them and stops the build before anything is published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from conftest import REGISTER, ROOT, process_tests
from helpers import line_of, replace_in, run_check, snapshot

NEW_MEMBER = ROOT / "tests" / "fixtures" / "new-member" / "content"
NEW_CONVENTION = "content/conventions/haut-val-teletransmission.yaml"
INNER_RUN = "REGISTRE_TEST_INNER_RUN"


#: the staff's folders: a copy of the repository never takes them from the repository
STAFF_FOLDERS = ("content/", "site_config/")


def copy_repository(destination: Path, register: Path = REGISTER) -> Path:
    """The software's files git tracks (and the new ones it does not ignore), as a clone would have them,
    with the content and site config of `register` (the fixture register by default), never the
    repository's own: what the staff keep there can break no test."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        if name.startswith(STAFF_FOLDERS):
            continue
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    tools = ROOT / "tests" / "tools" / "node_modules"  # installed by `make test`, not tracked
    if tools.is_dir():
        (destination / "tests" / "tools" / "node_modules").symlink_to(tools, target_is_directory=True)
    for folder in STAFF_FOLDERS:
        shutil.copytree(register / folder, destination / folder)
    return destination


def add_new_member(content: Path) -> None:
    shutil.copytree(NEW_MEMBER, content, dirs_exist_ok=True)


def remove_convention(content: Path, convention_id: str) -> None:
    """What a staff member removes with a convention: its file, its source, its tariffs and notices."""
    for folder in ("tariffs", "notices"):
        for path in (content / folder).glob("*.yaml"):
            if convention_id in path.read_text(encoding="utf-8"):
                path.unlink()
    convention = content / "conventions" / f"{convention_id}.yaml"
    source = next(
        line.split(":", 1)[1].strip()
        for line in convention.read_text(encoding="utf-8").splitlines()
        if line.startswith("  file: ")
    )
    (content / source).unlink()
    convention.unlink()


@pytest.mark.skipif(os.environ.get(INNER_RUN) == "1", reason="this test is what runs the inner suite")
def test_the_whole_suite_passes_whatever_content_holds(tmp_path):
    """The tests that start processes pass on a changed `content/`; the guard covers the others."""
    copy = copy_repository(tmp_path / "repository")
    content = copy / "content"
    conventions = sorted(path.stem for path in (content / "conventions").glob("*.yaml"))
    removed, edited = conventions[0], conventions[-1]  # two of the staff's conventions, not the new one
    assert removed != edited, conventions
    add_new_member(content)
    remove_convention(content, removed)
    path = content / "conventions" / f"{edited}.yaml"
    text = path.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("summary: "))
    path.write_text(text.replace(summary, summary + " Résumé revu par le secrétariat."), encoding="utf-8")

    check = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(copy), "check"],
        capture_output=True,
        text=True,
        cwd=copy,
        check=False,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr

    rerun = [
        f"{path.relative_to(copy).as_posix()}::{test}"
        for path in sorted((copy / "tests").glob("test_*.py"))
        for test in process_tests(path)
    ]
    assert "tests/test_cli.py::test_check_of_the_fixture_register_passes" in rerun, rerun
    environment = {**os.environ, INNER_RUN: "1", "PYTHONPATH": str(copy)}
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *rerun],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=1500,
    )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout.splitlines()[-1]


def test_a_valid_new_convention_is_published(project, capsys, tmp_path):
    add_new_member(project / "content")
    assert run_check(project, capsys) == (0, ["Le contenu est valide."])
    site = tmp_path / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    page = (site / "conventions" / "haut-val-teletransmission" / "index.html").read_text(encoding="utf-8")
    assert "Convention de télétransmission des actes" in page
    # What the document does not say, the page says it does not say, and cites no clause for it.
    assert "<dt>Entrée en vigueur</dt>\n<dd>Non précisée par le document</dd>" in page
    assert "<dd>à Briançon, date non précisée par le document</dd>" in page
    # The unnumbered section has its own label and address.
    preamble = site / "conventions" / "haut-val-teletransmission" / "article-preambule" / "index.html"
    assert "Préambule" in preamble.read_text(encoding="utf-8")
    assert "Article preambule" not in page + preamble.read_text(encoding="utf-8")
    assert (site / "organisations" / "cc-du-haut-val" / "index.html").is_file()
    assert (site / "services" / "teletransmission-actes" / "index.html").is_file()


def test_an_invalid_new_convention_is_reported_and_publishes_nothing(project, capsys, tmp_path):
    site = tmp_path / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    add_new_member(project / "content")
    replace_in(project, NEW_CONVENTION, "  - organisation: cc-du-haut-val\n", "  - organisation: cc-haut-val\n")
    line = line_of(project / NEW_CONVENTION, "organisation: cc-haut-val")
    expected = (
        f"{NEW_CONVENTION}:{line}: parties[1].organisation (organisation de la partie n° 2): "
        "L’organisation « cc-haut-val » n’existe pas. "
        "Voulez-vous dire « cc-du-haut-val » ? Les identifiants connus sont les noms des fichiers de "
        "content/organisations/ (sans .yaml)."
    )
    assert run_check(project, capsys) == (1, [expected, "1 problème trouvé."])

    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 1
    assert expected in capsys.readouterr().err
    assert snapshot(site) == before


GUARDED = """
import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

CONVENTION = ROOT / "content" / "conventions" / "a.yaml"


def test_opens():
    CONVENTION.read_text(encoding="utf-8")


def test_lists_and_hides_the_error():
    try:
        sorted((ROOT / "site_config").iterdir())
    except BaseException:
        pass


def test_copies(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")


def test_reads_through_a_link(tmp_path):
    (tmp_path / "link").symlink_to(ROOT / "content")
    (tmp_path / "link" / "conventions" / "a.yaml").read_bytes()


def test_has_a_process_read(tmp_path):
    subprocess.run(["cat", "content/conventions/a.yaml"], cwd=ROOT, check=False)


def test_sends_chromium_there(browser):
    context = browser.new_context()
    context.new_page().goto(CONVENTION.as_uri())
    context.close()


def test_reads_its_own_files(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "b.yaml").write_text("id: b", encoding="utf-8")
    assert os.listdir(tmp_path / "content") == ["b.yaml"]
"""

HIDDEN_PROCESS = """
from launcher import run


def test_starts_a_process_the_proof_would_not_rerun():
    run(["true"])
"""


def test_the_guard_fails_every_test_that_touches_content(tmp_path):
    """A throwaway repository with the real tests/conftest.py: only the test that keeps to its own files
    passes."""
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", tests / "conftest.py")
    for folder, name in (("content/conventions", "a.yaml"), ("site_config", "site.yaml")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / name).write_text("id: a\n", encoding="utf-8")
    (tests / "test_guarded.py").write_text(GUARDED, encoding="utf-8")
    (tests / "test_hidden_process.py").write_text(HIDDEN_PROCESS, encoding="utf-8")
    (tests / "launcher.py").write_text("from subprocess import run as run\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-rf", "tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    failed = sorted(line.split(" ")[1] for line in result.stdout.splitlines() if line.startswith("FAILED "))
    assert failed == [
        "tests/test_guarded.py::test_copies",
        "tests/test_guarded.py::test_has_a_process_read",
        "tests/test_guarded.py::test_lists_and_hides_the_error",
        "tests/test_guarded.py::test_opens",
        "tests/test_guarded.py::test_reads_through_a_link",
        "tests/test_guarded.py::test_sends_chromium_there",
        "tests/test_hidden_process.py::test_starts_a_process_the_proof_would_not_rerun",
    ], result.stdout
    assert "7 failed, 1 passed" in result.stdout.splitlines()[-1]
    assert f"open({tmp_path / 'content' / 'conventions' / 'a.yaml'})" in result.stdout
    assert f"a process started with {tmp_path / 'content' / 'conventions' / 'a.yaml'}" in result.stdout
    assert "started by test_starts_a_process_the_proof_would_not_rerun, which the whole-suite proof" in result.stdout
    assert f"Chromium loaded {tmp_path / 'content' / 'conventions' / 'a.yaml'}" in result.stdout


STARTERS = """
import subprocess

from launcher import run

RUN = subprocess.run


def build(project):
    return RUN(["registre", "--project", str(project), "build"])


def served_site(tmp_path):
    return build(tmp_path)


def test_builds(tmp_path):
    build(tmp_path)


def test_serves(served_site):
    pass


def test_launches():
    run(["true"])


def test_reads(tmp_path):
    (tmp_path / "a").read_text(encoding="utf-8")
"""


def test_the_proof_reruns_the_tests_that_start_processes_through_functions_and_fixtures(tmp_path):
    module = tmp_path / "test_starters.py"
    module.write_text(STARTERS, encoding="utf-8")
    assert process_tests(module) == ["test_builds", "test_serves"]
