"""Bad input never crashes or hangs `registre check`, and what it accepts never crashes the generation.

Property-based: Hypothesis takes a file of the fixture register and breaks it — a value replaced by a
hostile one (deep nesting, an alias bomb, YAML tags, dates and numbers at the edge, control characters,
very long text, markup), a field dropped, the text cut or sprinkled with odd bytes — then runs `registre
check` in-process. Every case must end with exit 0 or 1, no traceback, every problem located as
`file:line: field: message`, within a few seconds; and a case the check accepts must generate its
pages without an exception. `make test` runs a fixed, derandomised budget; `make fuzz` runs the long one
(the `nightly` profile).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Project, generate
from generator.cli import main

from conftest import REGISTER, copy_project

settings.register_profile(
    "default",
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "nightly",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FILES = sorted(path.relative_to(REGISTER).as_posix() for path in (REGISTER / "content").rglob("*.yaml"))
LOCATED = re.compile(r"^[^\s:][^:]*:\d+: \S.*$")
SECONDS = 20  # a generous bound on 2 shared cores; a hang shows as far more

HOSTILE_VALUES = [
    "[" * 5000 + "]" * 5000,
    "{a: " * 2000 + "1" + "}" * 2000,
    "!!int abc",
    "!!float x",
    "!!timestamp 2026-13-45",
    "!!binary ???",
    "!!python/name:os.system",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    2147483648,
    10**400,
    "1.0e+309",
    -1,
    0,
    "\x00",
    "\x1b[31mrouge",
    "ligne\u2028séparée",
    "\ufeff",
    "é" * 100_000,
    "<script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "[a](javascript:alert(1))",
    '=HYPERLINK("https://x.invalid")',
    "{{ 7 * 7 }}",
    "{% raw %}",
    "*&ancre",
    "&ancre *ancre",
    None,
    True,
    [],
    {},
    [[[[[]]]]],
]
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [" + ", ".join([f"*{chr(97 + level)}"] * 9) + "]\n" for level in range(8)
)


def scalar_paths(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from scalar_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from scalar_paths(value, (*path, index))
    yield path


def set_at(node, path, value):
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def delete_at(node, path):
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


@st.composite
def broken_file(draw):
    """(relative path, new bytes) for one file of the fixture register."""
    relative = draw(st.sampled_from(FILES))
    text = (REGISTER / relative).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["value", "value", "value", "drop", "cut", "bytes", "alias-bomb", "tab"]))
    if kind in ("value", "drop"):
        data = yaml.safe_load(text)
        paths = [path for path in scalar_paths(data) if path]
        path = draw(st.sampled_from(paths))
        if kind == "drop":
            delete_at(data, path)
        else:
            hostile = draw(st.sampled_from(HOSTILE_VALUES))
            if isinstance(hostile, str) and hostile.startswith(("!!", "[", "{", "*", "&")):
                # written as YAML syntax, not as a quoted string
                marker = "VALEUR-HOSTILE-0000"
                set_at(data, path, marker)
                dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
                return relative, dumped.replace(marker, hostile, 1).encode("utf-8")
            set_at(data, path, hostile)
        return relative, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    raw = text.encode("utf-8")
    if kind == "cut":
        return relative, raw[: draw(st.integers(0, len(raw)))]
    if kind == "bytes":
        at = draw(st.integers(0, len(raw)))
        junk = draw(st.binary(min_size=1, max_size=8))
        return relative, raw[:at] + junk + raw[at:]
    if kind == "tab":
        lines = text.splitlines(keepends=True)
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] = "\t" + lines[index]
        return relative, "".join(lines).encode("utf-8")
    return relative, (ALIAS_BOMB + text).encode("utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


def run_check(project: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--project", str(project), "check"])
        except SystemExit as stopped:  # argparse only: a usage error
            code = stopped.code
    return code, err.getvalue() + out.getvalue()


@given(broken=broken_file())
def test_bad_input_is_reported_never_crashes(workspace, broken):
    relative, content = broken
    original = (REGISTER / relative).read_bytes()
    path = workspace / relative
    path.write_bytes(content)
    try:
        started = time.monotonic()
        code, output = run_check(workspace)
        elapsed = time.monotonic() - started
        assert "Traceback" not in output, output[-3000:]
        assert code in (0, 1), output[-3000:]
        assert elapsed < SECONDS, f"check took {elapsed:.1f} s"
        lines = output.splitlines()
        problems = [
            line
            for line in lines
            if not line.startswith(("Le contenu est valide", "1 problème", "site_config"))
            and not re.match(r"^\d+ problèmes? trouvés?\.$", line)
        ]
        assert all(LOCATED.match(line) for line in problems), [line for line in problems if not LOCATED.match(line)]
        if code == 0:
            generate(Project(workspace), dt.date(2026, 11, 22))
    finally:
        path.write_bytes(original)
