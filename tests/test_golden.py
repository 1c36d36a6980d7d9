"""Golden tests: what a reader sees, file by file.

The fixture register, the new member's convention (tests/fixtures/new-member) and the crafted cases of
tests/fixtures/golden-cases (two conventions terminated before each anniversary, one of them on its
notice deadline; one ended; one not yet in force) are generated as of the tests' fixed date. Every
generated file (Markdown pages, Atom, iCalendar, open data, JavaScript, published source documents)
is compared byte for byte with its expected copy under tests/golden/, at the same relative path. Only
the static assets copied from templates/assets are left out: nothing in them comes from the data.

When a change of output is intended, rewrite the expected files from the current output and review
the difference with git before committing it:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil

import pytest

from generator.build import Project, generate

from conftest import AS_OF, REGISTER, ROOT, copy_project

GOLDEN = ROOT / "tests" / "golden"
EXTRA_CONTENT = [
    ROOT / "tests" / "fixtures" / "new-member" / "content",
    ROOT / "tests" / "fixtures" / "golden-cases" / "content",
]
#: generated files that are copies of templates/assets, not generated from the data
STATIC_ASSETS = "assets/"
#: a failure shows the diffs of the first FILES_SHOWN differing files, DIFF_LINES lines each at most
DIFF_LINES = 40
FILES_SHOWN = 12
UPDATE_HINT = "If the change is intended: .venv/bin/python -m pytest tests/test_golden.py --update-golden"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, bytes]:
    """Every generated file of the golden register, as bytes, by path relative to the site root."""
    project = copy_project(tmp_path_factory.mktemp("golden") / "project", REGISTER)
    for content in EXTRA_CONTENT:
        shutil.copytree(content, project / "content", dirs_exist_ok=True)
    files = generate(Project(project), dt.date.fromisoformat(AS_OF)).files
    return {
        path: value if isinstance(value, bytes) else value.encode("utf-8")
        for path, value in sorted(files.items())
        if not path.startswith(STATIC_ASSETS)
    }


def golden_files() -> dict[str, bytes]:
    return {
        path.relative_to(GOLDEN).as_posix(): path.read_bytes() for path in sorted(GOLDEN.rglob("*")) if path.is_file()
    }


def write_golden(files: dict[str, bytes]) -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for name, data in files.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def file_diff(name: str, expected: bytes, actual: bytes) -> str:
    """The first DIFF_LINES lines of a unified diff of one file, expected (golden) to actual."""
    before = expected.decode("utf-8", errors="replace").splitlines()
    after = actual.decode("utf-8", errors="replace").splitlines()
    lines = list(difflib.unified_diff(before, after, f"tests/golden/{name}", f"generated/{name}", lineterm=""))
    if not lines:
        return f"--- {name}: same lines, different line endings or final newline"
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + [f"... ({len(lines) - DIFF_LINES} more diff lines)"]
    return "\n".join(lines)


def report(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """Missing and extra files, then the diffs of the differing ones; empty when all match."""
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    differing = [name for name in sorted(expected.keys() & actual.keys()) if expected[name] != actual[name]]
    parts = []
    if missing:
        parts.append("Expected but not generated:\n" + "\n".join(f"  {name}" for name in missing))
    if extra:
        parts.append("Generated but not expected:\n" + "\n".join(f"  {name}" for name in extra))
    if differing:
        parts.append(f"{len(differing)} file(s) differ:\n" + "\n".join(f"  {name}" for name in differing))
        parts += [file_diff(name, expected[name], actual[name]) for name in differing[:FILES_SHOWN]]
        if len(differing) > FILES_SHOWN:
            parts.append(f"... diffs of {len(differing) - FILES_SHOWN} more file(s) not shown")
    return "\n\n".join(parts)


def test_generated_files_are_the_golden_files(generated, request):
    if request.config.getoption("--update-golden"):
        write_golden(generated)
    problems = report(golden_files(), generated)
    if problems:
        pytest.fail(f"The generated site differs from tests/golden/.\n\n{problems}\n\n{UPDATE_HINT}", pytrace=False)


def golden_text(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # A notice deadline and the end it leads to, each in its place.
        (
            "conventions/alpes-archivage-anniversaire/index.md",
            "Prochaine date limite pour notifier : 1er décembre 2026, pour une fin au 1er mars 2027",
        ),
        (
            "conventions/alpes-messagerie-preavis-ce-jour/index.md",
            "Prochaine date limite pour notifier : 22 novembre 2026, pour une fin au 22 février 2027",
        ),
        (
            "echeances/index.md",
            '<time datetime="2026-12-01">1er décembre 2026</time></td>'
            '<th scope="row">Date limite de préavis (la convention)</th>',
        ),
        (
            "conventions/alpes-archivage-anniversaire/index.md",
            "<dd>Renouvelée (1er renouvellement, en cours jusqu’au 28 février 2027) <small>",
        ),
        ("conventions/smica-severac-2026cv4/index.md", "<dd>En vigueur <small>"),
        ("conventions/alpes-cartographie-echue/index.md", "<dd>Échue <small>"),
        ("conventions/alpes-formation-a-venir/index.md", "<dd>À venir <small>"),
        ("conventions/alpes-formation-a-venir/index.md", "un préavis de 6 mois et 10 jours"),
        ("conventions/smica-severac-2026cv4/index.md", "<dd>3 ans"),
        ("conventions/alpes-archivage-anniversaire/index.md", "<dd>1 an, renouvelable 4 fois 1 an"),
    ],
)
def test_the_golden_files_say_what_a_reader_must_see(name, expected):
    """A few facts checked by hand, so that --update-golden cannot bless a wrong output unnoticed."""
    assert expected in golden_text(name)
