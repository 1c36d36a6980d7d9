"""Helpers shared by the test modules: `registre check` on a project copy, editing and reading its files,
snapshots of a folder, the site's base URL and French euro amounts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from generator.cli import main

from conftest import REGISTER

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
