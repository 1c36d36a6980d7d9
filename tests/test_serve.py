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
