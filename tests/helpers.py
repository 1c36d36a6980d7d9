"""Helpers shared by the test modules: `registre check` on a project copy, editing and reading its files,
snapshots of a folder, the site's base URL, French euro amounts, and axe-core run on an open page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from generator.cli import main

from conftest import REGISTER, ROOT

#: the current axe-core, from npm (tests/tools, installed by `make test`)
AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    # off by default (axe counts it experimental): the visible text of a control must be in its name
    "rules": {"label-content-name-mismatch": {"enabled": True}},
    "resultTypes": ["violations"],  # the other groups name their rules but not each node: faster
}

NBSP, NNBSP = "\u00a0", "\u202f"


def run_check(project: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    """`registre check` on `project` (with `extra` arguments): its exit status and the lines it printed on stderr."""
    code = main(["--project", str(project), "check", *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err.splitlines()


def assert_problems(project: Path, capsys, *expected: str) -> None:
    """`registre check` on `project` fails and prints exactly the `expected` problems, then their count."""
    code, lines = run_check(project, capsys)
    count = len(expected)
    assert lines == [*expected, f"{count} problème{'s' if count > 1 else ''} trouvé{'s' if count > 1 else ''}."]
    assert code == 1


def replace_in(project: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in the file `relative` to `project` by `new`."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the `occurrence`-th `needle` of the file."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in {path}")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its relative POSIX path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def base_url() -> str:
    """The fixture register's `base_url`, as configured in its site_config/site.yaml."""
    with open(REGISTER / "site_config" / "site.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["base_url"]


def euros(text: str) -> Decimal:
    """A French amount as printed, « 3 369,60 € » or « 9,60 », -> Decimal('3369.60'), Decimal('9.60')."""
    cleaned = text.replace(NNBSP, "").replace(NBSP, "").replace(" ", "").replace("€", "").replace(",", ".")
    return Decimal(cleaned)


def axe_results(tab) -> dict:
    """axe-core's result on the document open in `tab` (a Playwright page)."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci --prefix tests/tools` (make test does)"
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("options => axe.run(document, options)", AXE_OPTIONS)


def axe_violations(tab) -> list[str]:
    """Each node of the open document in violation of a rule, as « rule: target: help [markup] »."""
    return [
        f"{violation['id']}: {' '.join(str(part) for part in node['target'])}: {violation['help']} "
        f"[{' '.join(node['html'].split())}]"
        for violation in axe_results(tab)["violations"]
        for node in violation["nodes"]
    ]


AVENANTS = ROOT / "tests" / "fixtures" / "avenants"
AMENDED_CONVENTION = "content/conventions/smica-severac-2026cv4.yaml"


def add_avenants(project: Path) -> Path:
    """The fixture register's SMICA convention with the three avenants of tests/fixtures/avenants, and their
    signed texts; returns the convention's file."""
    for source in (AVENANTS / "content" / "sources").iterdir():
        (project / "content" / "sources" / source.name).write_bytes(source.read_bytes())
    path = project / AMENDED_CONVENTION
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + (AVENANTS / "amendments.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path
