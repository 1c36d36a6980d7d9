"""Shared fixtures: a temporary copy of the project, the real site built once, a local server, real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the register the tests build: frozen copies of the two seed conventions, their tariffs and notices.
#: Tests never read the real `content/` or `site_config/`, which the staff edit at will.
REGISTER = ROOT / "tests" / "fixtures" / "register"
sys.path.insert(0, str(ROOT / "benchmarks"))  # the synthetic register (benchmarks/synth.py) for scale tests
CONTENT = REGISTER / "content"
AS_OF = "2026-11-22"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (see tests/test_golden.py)",
    )


#: the test that runs the whole suite again on a copy of the repository (tests/test_staff_register.py)
WHOLE_SUITE_PROOF = "tests/test_staff_register.py::test_the_whole_suite_passes_whatever_content_holds"


def pytest_collection_modifyitems(items):
    """The longest test first: with `make test`'s workers (pytest-xdist), one runs it while the others share
    the rest."""
    items.sort(key=lambda item: item.nodeid != WHOLE_SUITE_PROOF)


@pytest.fixture(autouse=True, scope="session")
def fixed_build_date():
    """Every build in the tests computes its dates as of the same day."""
    previous = os.environ.get("REGISTRE_DATE")
    os.environ["REGISTRE_DATE"] = AS_OF
    yield
    if previous is None:
        os.environ.pop("REGISTRE_DATE", None)
    else:
        os.environ["REGISTRE_DATE"] = previous


def copy_project(destination: Path, register: Path = REGISTER) -> Path:
    """A project made of a register's data (the fixture register by default) and the software's
    templates and `mkdocs.yml`, that a test may break at will."""
    for name in ("content", "site_config"):
        shutil.copytree(register / name, destination / name)
    shutil.copytree(ROOT / "templates", destination / "templates")
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Path:
    """The fixture register as a project, shared by the tests that only read it."""
    return copy_project(tmp_path_factory.mktemp("fixture") / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, fixture_project, fixed_build_date) -> Path:
    """The fixture register, built once with MkDocs + Material (strict) and indexed by Pagefind."""
    from generator.publishing.publish import build_site

    site = tmp_path_factory.mktemp("built") / "site"
    build_site(fixture_project / "mkdocs.yml", site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` served on a loopback port while the block runs: yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on a loopback port."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian chromium is required for browser tests (make test installs it)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser tab that records every URL it requests (`page.requested`)."""
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()
