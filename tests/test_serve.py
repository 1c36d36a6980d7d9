"""`registre serve` shows the site and rebuilds it when content/, templates/ or site_config/ change."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = _fetch(url)
        if text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def _answer(url: str) -> tuple[int, str]:
    """The status and body of a page, an error page included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@contextlib.contextmanager
def _serving(project: Path, terminal: Path):
    """`registre serve` on a free port, what it prints written to `terminal`; always terminated."""
    port = _free_port()
    with terminal.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator.cli",
                "--project",
                str(project),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.fixture
def server(project: Path, tmp_path: Path):
    with _serving(project, tmp_path / "serve.log") as url:
        yield url


def test_preview_reloads_on_content_and_site_config_edits(server, project: Path):
    page = server + "conventions/smica-severac-2026cv4/"
    _wait_for(page, "Convention (référence 2026CV4)")

    convention = project / "content/conventions/smica-severac-2026cv4.yaml"
    text = convention.read_text(encoding="utf-8")
    convention.write_text(
        text.replace(
            "title: Convention (référence 2026CV4)", "title: Convention (référence 2026CV4) modifiée en direct"
        ),
        encoding="utf-8",
    )
    _wait_for(page, "modifiée en direct")

    site_config = project / "site_config/site.yaml"
    site_config.write_text(
        site_config.read_text(encoding="utf-8").replace(
            "  function: Président du syndicat mixte éditeur",
            "  function: La Présidente du syndicat éditeur",
        ),
        encoding="utf-8",
    )
    _wait_for(server + "mentions-legales/", "La Présidente du syndicat éditeur")

    template = project / "templates/pages/legal.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace("## Hébergement", "## Hébergeur du site"), encoding="utf-8"
    )
    _wait_for(server + "mentions-legales/", "Hébergeur du site")


def test_preview_renders_again_only_the_pages_an_edit_can_change(project: Path, tmp_path: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.build import Project, generate

    started = []

    def preview_build():
        """What `registre serve` does on each change: the plugin instance, and its preview, outlive the rebuilds."""
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins["registre"].config.search = False  # no Pagefind in the background
        if not started:
            config.plugins.on_startup(command="serve", dirty=True)
            started.append(config)
        build(config, dirty=True)
        return config.plugins["registre"]

    def assert_preview_is_exact(preview):
        expected = {path: content for path, content in generate(Project(project)).files.items() if path.endswith(".md")}
        assert {path: (preview.sources / path).read_text(encoding="utf-8") for path in expected} == expected

    smica, tarn = "conventions/smica-severac-2026cv4/index.md", "conventions/tarn-et-garonne-deux-rives/index.md"
    plugin = preview_build()
    preview = plugin.preview
    try:
        before = dict(preview.rendered_from)
        convention = project / "content/conventions/tarn-et-garonne-deux-rives.yaml"
        convention.write_text(
            convention.read_text(encoding="utf-8").replace(
                "title: Convention d’accès", "title: Convention révisée d’accès", 1
            ),
            encoding="utf-8",
        )
        assert preview_build() is plugin and plugin.preview is preview
        assert_preview_is_exact(preview)
        assert preview.rendered_from[smica] is before[smica], "a page that shows nothing of the edit is kept"
        assert preview.rendered_from[tarn] is not before[tarn]
        # 2026CV4's articles list the clauses of the same type in the edited convention: rendered again.
        assert "Convention révisée d’accès" in (
            preview.sources / "conventions/smica-severac-2026cv4/article-3.md"
        ).read_text(encoding="utf-8")

        before = dict(preview.rendered_from)
        organisation = project / "content/organisations/smica.yaml"
        organisation.write_text(
            organisation.read_text(encoding="utf-8").replace("short_name: SMICA", "short_name: SMICA-82"),
            encoding="utf-8",
        )
        preview_build()
        assert_preview_is_exact(preview)
        assert all(preview.rendered_from[path] is not inputs for path, inputs in before.items())
        assert "SMICA-82" in (preview.sources / smica).read_text(encoding="utf-8")
    finally:
        plugin.on_shutdown()
    assert not preview.sources.exists(), "the preview's copy of the site goes with the server"


def test_the_preview_reads_again_only_the_files_that_changed(project: Path):
    """The preview's load cache is its own object, handed to each check: an unchanged file's item is kept."""
    from generator.build import Project, check
    from generator.register.load import LoadedFiles

    loaded = LoadedFiles()
    first = check(Project(project), cache=loaded).data.register
    convention = project / "content/conventions/tarn-et-garonne-deux-rives.yaml"
    convention.write_text(
        convention.read_text(encoding="utf-8").replace(
            "title: Convention d’accès", "title: Convention révisée d’accès", 1
        ),
        encoding="utf-8",
    )
    second = check(Project(project), cache=loaded).data.register
    uncached = check(Project(project)).data.register

    smica, tarn = "smica-severac-2026cv4", "tarn-et-garonne-deux-rives"
    assert second.conventions[smica].item is first.conventions[smica].item
    assert second.conventions[tarn].item is not first.conventions[tarn].item
    assert uncached.conventions[smica].item is not second.conventions[smica].item, "no cache shared between callers"


def test_error_page_lists_each_problem_as_text():
    from generator.problems import Problem
    from generator.publishing.preview_errors import error_page_html, heading

    page = error_page_html(
        [
            Problem("content/conventions/a.yaml", 3, "title", "<script>alert(1)</script> & « guillemets »"),
            Problem("content/conventions/b.yaml", 12, "signature.date", "date au mauvais format"),
        ]
    )
    assert f"<h1>{heading(2)}</h1>" in page and "2 problèmes" in heading(2) and "1 problème :" in heading(1)
    assert "<code>content/conventions/a.yaml:3</code>" in page and "<code>signature.date</code>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; « guillemets »" in page and "<script>" not in page
    assert page.rstrip().endswith("</body>\n</html>"), "MkDocs' livereload script goes before </body>"


@pytest.mark.browser
def test_preview_shows_the_problems_in_the_open_tab_until_they_are_corrected(project: Path, tmp_path: Path, browser):
    from playwright.sync_api import expect

    convention = project / "content/conventions/smica-severac-2026cv4.yaml"
    correct = convention.read_text(encoding="utf-8")
    line = correct.splitlines().index("  date: 2026-02-17") + 1  # signature.date
    where = f"content/conventions/smica-severac-2026cv4.yaml:{line}"
    terminal = tmp_path / "serve.log"
    with _serving(project, terminal) as server:
        address = server + "conventions/smica-severac-2026cv4/"
        _wait_for(address, "Convention (référence 2026CV4)")
        context = browser.new_context(locale="fr-FR")
        try:
            tab = context.new_page()
            tab.goto(address)
            heading = tab.locator("h1").first
            expect(heading).to_contain_text("Convention (référence 2026CV4)")
            loads = []
            tab.on("load", lambda loaded: loads.append(loaded.url))

            convention.write_text(correct.replace("  date: 2026-02-17", "  date: 17/02/2026", 1), encoding="utf-8")
            expect(heading).to_have_text(re.compile(r"^Le registre contient 1 problème"), timeout=60_000)
            problem = tab.locator("li", has_text=where)
            expect(problem).to_have_count(1)
            expect(problem.locator("dd").nth(1)).to_have_text("signature.date")
            # The home page, every page of the last good build and any other address show it too, and
            # each will reload by itself.
            for url, status in (
                (server, 200),
                (server + "conventions/tarn-et-garonne-deux-rives/", 200),
                (server + "404.html", 200),
                (server + "n-existe-pas/", 404),
            ):
                answer = _answer(url)
                assert answer[0] == status and "Le registre contient 1 problème" in answer[1], url
                assert where in answer[1] and "livereload(" in answer[1], url

            convention.write_text(correct, encoding="utf-8")
            expect(heading).to_contain_text("Convention (référence 2026CV4)", timeout=60_000)
            assert tab.url == address and loads, "livereload reloaded the tab by itself"
            expect(tab.get_by_text("Le registre contient")).to_have_count(0)
            other = _answer(server + "conventions/tarn-et-garonne-deux-rives/")
            assert other[0] == 200 and "Convention d’accès au bouquet" in other[1]
            assert "Le registre contient" not in other[1]
        finally:
            context.close()
    output = terminal.read_text(encoding="utf-8")
    assert f"Aperçu du registre : {server} — il se recharge" in output
    assert f"{where}: signature.date (date de la signature): " in output
