"""A staff member edits the register in the browser: the editor (/admin/) against its local backend, in real
headless Chromium, on a temporary git repository of the fixture register.

They log in, create an organisation and a convention with two articles through the forms and save: the
files appear under content/, `registre check --fix-format` passes, and a build shows the new pages. Then
they change one article's text and save again: once the layout is restored, `git diff` shows that line only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main

from conftest import ROOT, copy_project, served

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "tests" / "tools" / "node_modules" / "decap-server" / "dist" / "index.js"
ORGANISATION = "content/organisations/cc-haut-val.yaml"
CONVENTION = "content/conventions/haut-val-teletransmission.yaml"
SOURCE_TEXT = (
    "CONVENTION DE TÉLÉTRANSMISSION\n\nArticle 1 - Objet\nLa présente convention a pour objet la "
    "télétransmission des actes.\n\nArticle 2 - Durée\nElle est conclue pour une durée indéterminée.\n"
)
FIRST_TEXT = "La présente convention a pour objet la télétransmission des actes."
SECOND_TEXT = "Elle est conclue pour une durée indéterminée."
EDITED_TEXT = "Elle est conclue pour une durée de trois ans."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(repository: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@exemple.fr", *arguments],
        cwd=repository,
        capture_output=True,
        check=True,
        text=True,
    ).stdout


@contextlib.contextmanager
def local_backend(repository: Path, port: int) -> Iterator[None]:
    """Decap's local backend (decap-server) on 127.0.0.1, writing into `repository`."""
    environment = os.environ | {"PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(repository)}
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            assert server.poll() is None and time.monotonic() < deadline, "decap-server did not start"
            time.sleep(0.1)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def build(project: Path, site: Path) -> None:
    from generator.publishing.publish import build_site

    build_site(project / "mkdocs.yml", site)


@pytest.fixture
def editing(tmp_path, monkeypatch, browser):
    """The editor's page served from a built site, its local backend on a git repository of the register."""
    if not DECAP_SERVER.is_file():
        pytest.skip("tests/tools is not installed (make test installs it)")
    project = copy_project(tmp_path / "project")
    (project / "content" / "sources" / "haut-val-teletransmission.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "registre")
    port = free_port()
    monkeypatch.setenv("REGISTRE_EDITOR_LOCAL_PORT", str(port))
    build(project, tmp_path / "site")
    with local_backend(project, port), served(tmp_path / "site") as url:
        context = browser.new_context(locale="fr-FR", viewport={"width": 1300, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        tab.requested = []
        tab.on("request", lambda request: tab.requested.append(request.url))
        tab.goto(url + "admin/")
        tab.get_by_role("button", name="Se connecter").click()
        tab.get_by_text("Conventions").first.wait_for()
        yield project, url, tab
        context.close()


def field(tab, name: str, index: int = 0):
    """The `index`-th visible input of the fields called `name`, in the form's order."""
    return tab.locator(f"[id^='{name}-field-']:visible").nth(index)


def labelled(tab, name: str):
    return tab.locator(f"label[for^='{name}-field-']").first


def markdown(tab, index: int):
    """The `index`-th article text (a Markdown field called `text`)."""
    return tab.locator(
        '[aria-label="markdown field"]:has(label[for^="text-field-"]) [contenteditable="true"]:visible'
    ).nth(index)


def pick(tab, name: str, index: int, typed: str, shown: str) -> None:
    """Choose a file in a relation field: type, then click the suggestion."""
    field(tab, name, index).fill(typed)
    tab.get_by_role("option", name=shown).click()


def write_markdown(tab, index: int, text: str) -> None:
    editor = markdown(tab, index)
    editor.click()
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    tab.keyboard.type(text)
    tab.keyboard.press("Tab")


def publish(tab, project: Path, relative: str, before: bytes | None = None) -> None:
    tab.get_by_role("button", name="Publier", exact=True).click()
    tab.get_by_role("menuitem", name="Publier maintenant").click()
    target = project / relative
    deadline = time.monotonic() + 20
    while not target.is_file() or target.read_bytes() == before:
        assert time.monotonic() < deadline, f"{relative} was not saved"
        time.sleep(0.1)
    tab.get_by_text(re.compile("^Entrée (enregistrée|publiée)")).last.wait_for()


def check_and_fix(project: Path, capsys) -> tuple[int, str]:
    status = main(["--project", str(project), "check", "--fix-format"])
    return status, capsys.readouterr().err


def test_staff_create_and_edit_a_convention_in_the_browser(editing, capsys, tmp_path):
    project, url, tab = editing

    tab.goto(url + "admin/#/collections/organisations/new")
    field(tab, "id").fill("cc-haut-val")
    field(tab, "name").fill("Communauté de communes du Haut-Val")
    field(tab, "kind").fill("communauté de communes")
    publish(tab, project, ORGANISATION)

    tab.goto(url + "admin/#/collections/conventions/new")
    labelled(tab, "parties").wait_for()
    field(tab, "id").fill("haut-val-teletransmission")
    field(tab, "title").fill("Convention de télétransmission du Haut-Val")
    field(tab, "summary").fill("L’accès de la communauté de communes à la télétransmission des actes.")
    for index, (typed, shown, role, name, function, mandate) in enumerate(
        [
            (
                "smica",
                "Syndicat mixte pour la Modernisation",
                "prestataire",
                "Jean Dupont",
                "Président",
                "délibération",
            ),
            ("haut", "Communauté de communes du Haut-Val", "membre bénéficiaire", "Marie Martin", "Présidente", "vote"),
        ]
    ):
        tab.get_by_role("button", name="Ajouter partie").first.click()
        pick(tab, "organisation", index, typed, shown)
        field(tab, "role", index).fill(role)
        field(tab, "name", index).fill(name)
        field(tab, "function", index).fill(function)
        field(tab, "mandate", index).fill(mandate)
    field(tab, "not_stated", 0).click()  # entry into force
    field(tab, "not_stated", 1).click()  # term
    for index, (title, text) in enumerate([("Objet", FIRST_TEXT), ("Durée", SECOND_TEXT)]):
        tab.get_by_role("button", name="Ajouter article").first.click()
        field(tab, "number", index).fill(str(index + 1))
        field(tab, "heading", index).fill(f"Article {index + 1} - {title}")
        field(tab, "title", index + 1).fill(title)
        write_markdown(tab, index, text)
    digest = hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest()
    field(tab, "file").fill("sources/haut-val-teletransmission.txt")
    field(tab, "sha256").fill(digest)
    field(tab, "description", 1).fill("texte du document signé")
    publish(tab, project, CONVENTION)

    status, report = check_and_fix(project, capsys)
    assert status == 0, report
    assert f"Mise en forme rétablie : {CONVENTION}" in report
    saved = (project / CONVENTION).read_text(encoding="utf-8")
    assert saved.startswith("id: haut-val-teletransmission\ntitle:"), saved
    assert f"    text: {SECOND_TEXT}\n" in saved
    build(project, tmp_path / "built")
    page = (tmp_path / "built" / "conventions" / "haut-val-teletransmission" / "index.html").read_text("utf-8")
    assert "Convention de télétransmission du Haut-Val" in page and "Communauté de communes du Haut-Val" in page
    assert (tmp_path / "built" / "organisations" / "cc-haut-val" / "index.html").is_file()
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "nouvelle convention")

    tab.goto(url + "admin/#/collections/conventions/entries/haut-val-teletransmission")
    markdown(tab, 1).wait_for()
    write_markdown(tab, 1, EDITED_TEXT)
    publish(tab, project, CONVENTION, before=saved.encode("utf-8"))
    status, report = check_and_fix(project, capsys)
    # the text no longer is the signed document's: the check says where, as CI would on the merge request
    assert status == 1
    assert f"{CONVENTION}:32: articles[1].text (texte de l’article n° 2): le texte diffère du document" in report
    changed = [line for line in git(project, "diff", "--unified=0").splitlines() if line[:1] in "+-"]
    assert changed == [
        f"--- a/{CONVENTION}",
        f"+++ b/{CONVENTION}",
        f"-    text: {SECOND_TEXT}",
        f"+    text: {EDITED_TEXT}",
    ]
    assert all(request.startswith(url) or request.startswith("http://127.0.0.1:") for request in tab.requested)
