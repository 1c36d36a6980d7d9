"""Shared fixtures: a temporary copy of the project, the real site built once, a local server, real Chromium."""

from __future__ import annotations

import ast
import contextlib
import functools
import http.server
import importlib.util
import os
import re
import shutil
import sys
import threading
import types
import urllib.request
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


#: the test that proves no test depends on the staff's folders (tests/test_staff_register.py): it copies them
WHOLE_SUITE_PROOF = "tests/test_staff_register.py::test_the_whole_suite_passes_whatever_content_holds"


def pytest_collection_modifyitems(items):
    """The longest test first: with `make test`'s workers (pytest-xdist), one runs it while the others start
    on the rest."""
    items.sort(key=lambda item: item.nodeid != WHOLE_SUITE_PROOF)


# The staff folders' guard. Every file a test opens, lists, copies or removes, and every process it starts,
# goes through a Python audit hook (PEP 578): touching the repository's content/ or site_config/ fails the
# test, naming the path. What the hook cannot follow is what a started process reads: the whole-suite
# proof reruns, on a changed content/, every test that starts processes (`process_tests`), and the guard
# fails a test that starts one where `process_tests` does not see it.

#: what the staff edit at will, so that no test may read it
STAFF_FOLDERS = (str(ROOT / "content"), str(ROOT / "site_config"))
#: the audit events that name paths: how many paths, and where their folder's descriptor (dir_fd) is
_PATH_EVENTS = {
    "open": (1, None),
    "os.listdir": (1, None),
    "os.scandir": (1, None),
    "os.remove": (1, 1),
    "os.rmdir": (1, 1),
    "os.mkdir": (1, 2),
    "shutil.rmtree": (1, 1),
    "os.rename": (2, 2),
    "shutil.copytree": (2, None),
    "shutil.copyfile": (2, None),
}
#: the standard library's walks that open names relative to a folder's descriptor, which the "open" event
#: does not pass: their folder was checked when it was opened
_DESCRIPTOR_WALKS = {"_rmtree_safe_fd", "_fwalk"}


def _package_folder(name: str) -> str | None:
    spec = importlib.util.find_spec(name)
    return os.path.realpath(Path(spec.origin).parent) if spec and spec.origin else None


#: the register's software: the processes it starts (git, Pagefind) are given their paths in their arguments
GENERATOR = _package_folder("generator")
#: the driver Playwright starts for the `browser` fixture: Chromium loads what the tests serve it
PLAYWRIGHT = _package_folder("playwright")
#: `ctypes.util.find_library` runs `ldconfig -p` to find a system library (WeasyPrint's Pango): no content
LIBRARY_LOOKUP = _package_folder("ctypes")


class StaffFolderTouched(AssertionError):
    """Raised where a test touches content/ or site_config/, and reported as its failure."""


#: the modules the tests import from the repository (tests/helpers.py, benchmarks/synth.py…)
LOCAL_MODULES = (ROOT / "tests", ROOT / "benchmarks")
#: what starts a process: these names, and the functions of `os` that replace or fork the process
_PROCESS_NAMES = {"subprocess", "Popen", "multiprocessing", "create_subprocess_exec", "create_subprocess_shell"}
_OS_PROCESS = re.compile(r"os\.(system|popen|fork\w*|exec\w*|spawn\w*|posix_spawnp?)$")


def _references(node: ast.AST) -> set[str]:
    """The names a definition uses, `os.x` as one name, and its parameters (the fixtures a test asks for)."""
    names: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            names.add(child.id)
        elif isinstance(child, ast.Attribute):
            names.add(child.attr)
            if isinstance(child.value, ast.Name):
                names.add(f"{child.value.id}.{child.attr}")
        elif isinstance(child, ast.arg):
            names.add(child.arg)
    return names


@functools.cache
def process_starters(module: Path) -> frozenset[str]:
    """The module-level names of a test module (or of one it imports from) that start processes, directly
    or through its other definitions, the local modules' and tests/conftest.py's fixtures."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    uses: dict[str, set[str]] = {}
    starters: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            uses[statement.name] = _references(statement)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    uses[target.id] = _references(statement)
        elif isinstance(statement, ast.ImportFrom) and statement.module and statement.level == 0:
            found = [folder / f"{statement.module}.py" for folder in LOCAL_MODULES]
            local = next((path for path in found if path.is_file() and path != module), None)
            for alias in statement.names:
                if local is not None and alias.name in process_starters(local):
                    starters.add(alias.asname or alias.name)
    conftest = ROOT / "tests" / "conftest.py"
    fixtures = process_starters(conftest) if module != conftest else frozenset()
    for name, used in uses.items():
        if used & (_PROCESS_NAMES | fixtures) or any(_OS_PROCESS.match(word) for word in used):
            starters.add(name)
    while True:  # what uses a starter starts processes too
        more = {name for name, used in uses.items() if name not in starters and used & starters}
        if not more:
            return frozenset(starters)
        starters |= more


@functools.cache
def autouse_process_fixtures(module: Path) -> frozenset[str]:
    """The fixtures of a module that start processes and that every test of the module uses unasked."""
    return frozenset(
        definition.name
        for definition in ast.parse(module.read_text(encoding="utf-8")).body
        if isinstance(definition, ast.FunctionDef)
        and definition.name in process_starters(module)
        and any(
            isinstance(keyword.value, ast.Constant) and keyword.arg == "autouse" and keyword.value.value is True
            for decorator in definition.decorator_list
            if isinstance(decorator, ast.Call)
            for keyword in decorator.keywords
        )
    )


def process_tests(test_file: Path) -> list[str]:
    """The tests of a file that start processes, whose reads the guard cannot see: the whole-suite proof
    reruns them on a changed content/."""
    return sorted(name for name in process_starters(test_file) if name.startswith(("test_", "Test")))


def _starts_processes(item: pytest.Item, frame: types.FrameType | None) -> bool:
    """Whether the proof reruns what starts a process: the test, or, for a fixture every test of the module
    uses unasked, the module's tests that start processes."""
    definition = item.cls.__name__ if item.cls is not None else getattr(item, "originalname", item.name)
    if definition in process_tests(item.path):
        return True
    autouse = autouse_process_fixtures(item.path)
    while autouse and process_tests(item.path) and frame is not None:
        if frame.f_code.co_filename == str(item.path) and frame.f_code.co_qualname.split(".")[0] in autouse:
            return True
        frame = frame.f_back
    return False


def _inside(path: str, folder: str | None) -> bool:
    return folder is not None and (path == folder or path.startswith(folder + os.sep))


def _staff_path(name: object, base: str | None = None, relative: bool = True) -> str | None:
    """`name` (relative to `base`, the current folder by default, unless not `relative`), resolved, when it is
    in a staff folder."""
    if isinstance(name, str) and name.startswith("-") and "=" in name:  # --project=PATH
        name = name.split("=", 1)[1]
    if not isinstance(name, (str, bytes, os.PathLike)):  # a file descriptor was checked when it was opened
        return None
    try:
        path = os.fsdecode(name)
        if not relative and not os.path.isabs(path):
            return None
        resolved = os.path.realpath(path if os.path.isabs(path) or base is None else os.path.join(base, path))
    except (TypeError, ValueError, OSError):
        return None
    return resolved if any(_inside(resolved, folder) for folder in STAFF_FOLDERS) else None


def _caller_file(frame: types.FrameType | None) -> str:
    """The file of the nearest caller of `frame` in the repository or in Playwright: who starts a process."""
    while frame is not None:
        name = frame.f_code.co_filename
        if _inside(name, str(ROOT)) or _inside(name, PLAYWRIGHT):
            return name
        frame = frame.f_back
    return ""


def _looks_up_a_library(frame: types.FrameType | None) -> bool:
    while frame is not None:
        if _inside(frame.f_code.co_filename, LIBRARY_LOOKUP):
            return True
        frame = frame.f_back
    return False


class _StaffFolderGuard:
    def __init__(self) -> None:
        self.item: pytest.Item | None = None
        self.touched: list[str] = []

    def _process_problem(self, command: object, cwd: object, env: object, frame: types.FrameType) -> str | None:
        arguments = [command] if isinstance(command, (str, bytes, os.PathLike)) else list(command or [])
        base = os.path.abspath(os.fsdecode(cwd)) if isinstance(cwd, (str, bytes, os.PathLike)) else None
        values = list(env.values()) if isinstance(env, dict) else []
        for argument in [base, *arguments, *values]:
            if path := _staff_path(argument, base):
                return f"a process started with {path}"
        caller = _caller_file(frame)
        if _inside(caller, GENERATOR) or _inside(caller, PLAYWRIGHT) or _looks_up_a_library(frame):
            return None
        if self.item is not None and not _starts_processes(self.item, frame):
            return (
                f"a process ({arguments[:1]}) started by {self.item.name}, which the whole-suite proof does not "
                "see start processes: it reruns the tests that use subprocess, in their code or in the functions "
                "and fixtures of their module, of tests/conftest.py and of the local modules they import from"
            )
        return None

    def problem(self, event: str, arguments: tuple, frame: types.FrameType) -> str | None:
        if event == "subprocess.Popen":
            return self._process_problem(*arguments[1:4], frame)
        count, descriptor = _PATH_EVENTS[event]
        relative_to_descriptor = (
            frame.f_code.co_name in _DESCRIPTOR_WALKS
            if descriptor is None
            else any(folder is not None for folder in arguments[descriptor:])
        )
        for name in arguments[:count]:
            if path := _staff_path(name, relative=not relative_to_descriptor):
                return f"{event}({path})"
        return None

    def __call__(self, event: str, arguments: tuple) -> None:
        if event not in _PATH_EVENTS and event != "subprocess.Popen":
            return
        if self.item is not None and self.item.nodeid == WHOLE_SUITE_PROOF:
            return
        problem = self.problem(event, arguments, sys._getframe(1))
        if problem is not None:
            self.touched.append(problem)
            raise StaffFolderTouched(f"no test may touch the staff's content/ or site_config/: {problem}")


_guard = _StaffFolderGuard()
sys.addaudithook(_guard)  # an audit hook cannot be removed: it watches the whole process


def _guard_request(request) -> None:
    """Chromium reads the files it is sent to (`browser`'s contexts): one in a staff folder fails the test."""
    if request.url.startswith("file:") and (path := _staff_path(urllib.request.url2pathname(request.url[5:]))):
        _guard.touched.append(f"Chromium loaded {path}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item):
    _guard.item = item
    try:
        return (yield)
    finally:
        _guard.item = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that touched a staff folder fails, even where its code caught the guard's exception."""
    report = yield
    if _guard.touched:
        touched, _guard.touched[:] = list(_guard.touched), []
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} touched the staff's folders ({call.when}): "
            + "; ".join(dict.fromkeys(touched))
            + ". Tests build their own registers from tests/fixtures (see copy_project)."
        )
    return report


def pytest_sessionfinish(session):
    """What touched a staff folder outside any test (while collecting, say) fails the run too."""
    if _guard.touched:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print("\nThe staff's folders were touched outside any test: " + "; ".join(_guard.touched), file=sys.stderr)


@pytest.fixture(autouse=True, scope="session")
def shared_pdf_cache(tmp_path_factory):
    """The PDFs of one test build are reused by the next builds of the same texts (one cache per worker)."""
    previous = os.environ.get("REGISTRE_PDF_CACHE")
    os.environ["REGISTRE_PDF_CACHE"] = str(tmp_path_factory.mktemp("pdf-cache"))
    yield
    if previous is None:
        os.environ.pop("REGISTRE_PDF_CACHE", None)
    else:
        os.environ["REGISTRE_PDF_CACHE"] = previous


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
        new_context = chromium.new_context

        def guarded_context(*args, **kwargs):
            # The tests inject axe-core into the pages they check: the site's content security policy is
            # tested on its own, with bypass_csp=False (tests/test_csp.py).
            kwargs.setdefault("bypass_csp", True)
            context = new_context(*args, **kwargs)
            context.on("request", _guard_request)
            return context

        chromium.new_context = guarded_context
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
