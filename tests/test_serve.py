"""`registre serve` shows the site and rebuilds it when content/, templates/ or site_config/ change."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


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


@pytest.fixture
def server(project: Path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent,
    )
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=20)


def test_preview_reloads_on_content_and_site_config_edits(server, project: Path):
    page = server + "conventions/smica-severac-2026cv4/"
    _wait_for(page, "Convention (référence 2026CV4)")

    convention = project / "content/conventions/smica-severac-2026cv4.yaml"
    text = convention.read_text(encoding="utf-8")
    convention.write_text(text.replace("title: Convention (référence 2026CV4)",
                                       "title: Convention (référence 2026CV4) modifiée en direct"), encoding="utf-8")
    _wait_for(page, "modifiée en direct")

    site_config = project / "site_config/site.yaml"
    site_config.write_text(site_config.read_text(encoding="utf-8").replace(
        "publication_director: Le Président du syndicat mixte éditeur",
        "publication_director: La Présidente du syndicat éditeur"), encoding="utf-8")
    _wait_for(server + "mentions-legales/", "La Présidente du syndicat éditeur")

    template = project / "templates/pages/legal.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("## Hébergement", "## Hébergeur du site"),
                        encoding="utf-8")
    _wait_for(server + "mentions-legales/", "Hébergeur du site")


def test_preview_renders_again_only_the_pages_an_edit_can_change(project: Path, tmp_path: Path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.build import Project, generate

    monkeypatch.setenv("REGISTRE_SEARCH", "defer")
    started = []

    def preview_build():
        """What `registre serve` does on each change: the plugin instance outlives the rebuilds."""
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        if not started:
            config.plugins.on_startup(command="serve", dirty=True)
            started.append(config)
        build(config, dirty=True)
        return config.plugins["registre"]

    def assert_preview_is_exact(plugin):
        expected = {path: content for path, content in generate(Project(project)).files.items() if path.endswith(".md")}
        assert {path: (plugin.sources / path).read_text(encoding="utf-8") for path in expected} == expected

    smica, tarn = "conventions/smica-severac-2026cv4/index.md", "conventions/tarn-et-garonne-deux-rives/index.md"
    plugin = preview_build()
    try:
        before = dict(plugin.rendered_from)
        convention = project / "content/conventions/tarn-et-garonne-deux-rives.yaml"
        convention.write_text(convention.read_text(encoding="utf-8").replace(
            "title: Convention d’accès", "title: Convention révisée d’accès", 1), encoding="utf-8")
        assert preview_build() is plugin
        assert_preview_is_exact(plugin)
        assert plugin.rendered_from[smica] is before[smica], "a page that shows nothing of the edit is kept"
        assert plugin.rendered_from[tarn] is not before[tarn]
        # 2026CV4's articles list the clauses of the same type in the edited convention: rendered again.
        assert "Convention révisée d’accès" in (plugin.sources / "conventions/smica-severac-2026cv4/article-3.md"
                                               ).read_text(encoding="utf-8")

        before = dict(plugin.rendered_from)
        organisation = project / "content/organisations/smica.yaml"
        organisation.write_text(organisation.read_text(encoding="utf-8").replace(
            "short_name: SMICA", "short_name: SMICA-82"), encoding="utf-8")
        preview_build()
        assert_preview_is_exact(plugin)
        assert all(plugin.rendered_from[path] is not inputs for path, inputs in before.items())
        assert "SMICA-82" in (plugin.sources / smica).read_text(encoding="utf-8")
    finally:
        plugin.on_shutdown()
