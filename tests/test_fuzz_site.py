"""A hostile register is refused where it is written, or built into a site where nothing runs, nothing loads
from another host and no personal data shows.

Property-based: Hypothesis takes a copy of the fixture register and plants, each in a field kind drawn at
random (names, titles, descriptions, labels, article and annex texts, notes, tariff and notice texts, site
config fields), a hostile payload (the probe's payloads of tests/test_injection.py and a few more: scripts,
event handlers, the end of RCDATA elements, links and images to other hosts, `javascript:` addresses) and a
personal-data plant (a written form of tests/test_personal_data_plants.py: a declared private person's
name, phone or e-mail, or an undeclared phone or e-mail). It runs `registre check` and `registre build`
in-process. Either both exit 1 and every problem is located (`file:line: field: message`; an undeclared
plant among them, at its file), or the site is built: served on a loopback port and opened in Chromium on
the pages where the payload lands, no script runs (no dialog, no `window.__pwned`, no inline handler, no
`javascript:` address), no request leaves 127.0.0.1, and the detector of tests/test_personal_data_plants.py
finds no planted personal data in any file (Pagefind's compressed files decompressed).

`make test` runs a few derandomised examples and one the check refuses, opening a few of the pages where
the payload lands; `make fuzz` (the `nightly` profile of tests/test_fuzz.py) runs FUZZ_SITE_EXAMPLES of
them, 100 by default, opening every such page.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_fuzz import run_check  # also registers the `default` and `nightly` profiles and loads the chosen one
from test_injection import FIELDS as NAME_FIELDS
from test_injection import FIRE_HANDLERS, INLINE_HANDLERS, MARKDOWN_SYNTAX, PAYLOADS
from test_personal_data_plants import FIELDS as TEXT_FIELDS
from test_personal_data_plants import (
    FORMS,
    UNDECLARED,
    declare_agent,
    edit_yaml,
    leaks_in,
    plant,
    repeat_in_source,
    residues_in,
    site_texts,
    unmarked,
)

from generator.cli import main

from conftest import copy_project, served
from helpers import add_avenants

NIGHTLY = os.environ.get("HYPOTHESIS_PROFILE") == "nightly"
EXAMPLES = int(os.environ.get("FUZZ_SITE_EXAMPLES", "100")) if NIGHTLY else 3
#: pages opened per example where the payload lands, spread over them (every one in the nightly run)
MAX_PAGES = None if NIGHTLY else 5

HOSTILE_PAYLOADS = [
    *PAYLOADS,
    " ".join(PAYLOADS),
    "[lien](javascript:window.__pwned=5)",
    '<a href="javascript:alert(5)">lien</a>',
    "<svg/onload=alert(6)>",
    '<iframe src="https://evil.invalid/"></iframe>',
    "![i](//evil.invalid/i.png)",
    "<style>@import url(https://evil.invalid/x.css)</style>",
    '<form action="https://evil.invalid/"><button formaction="javascript:alert(7)">x</button></form>',
    *MARKDOWN_SYNTAX[:2],
]
#: every field kind a value may be planted in: file, path, whether the source document must repeat it
FIELD_KINDS = sorted(set(TEXT_FIELDS) | {(relative, (key,), False) for relative, key, _ in NAME_FIELDS})
#: the payload's first word, to find the pages it lands on
MARKER = "CHARGEHOSTILE"
PLANT = "PLANT1"
#: a problem at its file, line and field
LOCATED = re.compile(r"^[^\s:][^:]*:\d+: [^\s:][^:]*?: \S")

JAVASCRIPT_ADDRESSES = """() => [...document.querySelectorAll("[href], [src], [action], [formaction]")]
  .flatMap(element => ["href", "src", "action", "formaction"].map(name => element.getAttribute(name) || "")
    .filter(value => /^[\\s\\x00-\\x1f]*(javascript|vbscript|data):/i.test(value))
    .map(value => element.tagName + " " + value))"""


@dataclass(frozen=True)
class Case:
    payload: str
    payload_field: tuple[str, tuple, bool]
    form: str
    form_field: tuple[str, tuple, bool]

    @property
    def declared(self) -> bool:
        return self.form in FORMS


#: run first, whatever the budget: every payload at once in a name shown on many pages, and a case
#: `registre check` refuses (an undeclared phone, in Markdown, in a label)
EVERY_PAYLOAD = Case(
    " ".join(HOSTILE_PAYLOADS[:-2]),
    ("content/organisations/smica.yaml", ("name",), False),
    FORMS[0],
    ("content/services/ok-acte.yaml", ("description",), False),
)
REFUSED = Case(PAYLOADS[1], FIELD_KINDS[0], UNDECLARED[1], ("content/topics/duree.yaml", ("label",), False))


@st.composite
def cases(draw) -> Case:
    return Case(
        draw(st.sampled_from(HOSTILE_PAYLOADS)),
        draw(st.sampled_from(FIELD_KINDS)),
        draw(st.sampled_from(FORMS + UNDECLARED)),
        draw(st.sampled_from(FIELD_KINDS)),
    )


def write_case(project: Path, case: Case) -> None:
    """The payload and the plant in their fields; a transcribed field's source document repeats them (the
    plant without its Markdown marks, as a signed document writes it)."""
    declare_agent(project)
    additions = [
        (case.payload_field, f"{MARKER} {case.payload}", f"{MARKER} {case.payload}"),
        (case.form_field, f"{PLANT} « {case.form} » FIN1", unmarked(f"{PLANT} « {case.form} » FIN1")),
    ]
    for (relative, path, _), text, _ in additions:
        edit_yaml(project / relative, lambda data, path=path, text=text: plant(data, path, text))
    for field in dict.fromkeys(field for field, _, _ in additions):
        if field[2]:
            repeat_in_source(project, field[0], [in_document for where, _, in_document in additions if where == field])


def run_build(project: Path, site: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--project", str(project), "build", "--site-dir", str(site)])
    return code, err.getvalue() + out.getvalue()


def problems_of(output: str) -> list[str]:
    return [
        line
        for line in output.splitlines()
        if line and not re.match(r"^(Le contenu est valide|\d+ problèmes? trouvés?\.$|Site built in )", line)
    ]


def landing_pages(site: Path) -> list[str]:
    """The pages that show the payload, spread over at most MAX_PAGES; the search for it when it is indexed."""
    pages = sorted(
        path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
        if MARKER in path.read_text(encoding="utf-8", errors="ignore")
    )
    pages = [("" if page == "./" else page) for page in pages]
    if MAX_PAGES is not None and len(pages) > MAX_PAGES:
        step = math.ceil(len(pages) / MAX_PAGES)
        pages = pages[::step]
    indexed = any(MARKER.lower() in text.lower() for name, text in site_texts(site) if name.endswith(".pf_fragment"))
    return pages + ([f"recherche/?q={MARKER.lower()}"] if indexed else [])


def what_runs(browser, base: str, pages: list[str]) -> list[str]:
    """Everything a page lets run or load from elsewhere, page by page."""
    context = browser.new_context(locale="fr-FR")
    found: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if url.startswith(base):
            route.continue_()
        else:
            found.append(f"request to {url}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (found.append(f"dialog {dialog.message!r}"), dialog.dismiss()))
    try:
        for path in pages:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.ok, f"/{path} answered {response and response.status}"
            if path.startswith("recherche/"):
                page.locator(".registre-result__link").first.wait_for(timeout=15_000)
            page.evaluate(FIRE_HANDLERS)
            page.wait_for_timeout(50)
            if page.evaluate("typeof window.__pwned") != "undefined":
                found.append(f"/{path}: window.__pwned = {page.evaluate('window.__pwned')}")
            found += [f"/{path}: {handler}" for handler in page.evaluate(INLINE_HANDLERS)]
            found += [f"/{path}: {address}" for address in page.evaluate(JAVASCRIPT_ADDRESSES)]
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz-site")
    yield root
    shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count()


@pytest.mark.browser
@settings(max_examples=EXAMPLES)
@given(case=cases())
@example(EVERY_PAYLOAD)
@example(REFUSED)
def test_a_hostile_register_is_refused_where_it_is_written_or_built_into_a_harmless_site(browser, workspace, case):
    folder = workspace / f"case-{next(_numbers)}"
    project, site = copy_project(folder / "project"), folder / "site"
    add_avenants(project)  # the avenants' fields are field kinds too
    try:
        write_case(project, case)
        code, output = run_check(project)
        assert "Traceback" not in output, output[-3000:]
        assert code in (0, 1), output[-3000:]
        problems = problems_of(output)
        built, build_output = run_build(project, site)
        assert built == code, build_output[-3000:]
        if code == 1:
            assert problems and all(LOCATED.match(line) for line in problems), problems
            assert not site.exists()
            if not case.declared:
                assert [line for line in problems if line.startswith(f"{case.form_field[0]}:")], problems
            return
        assert case.declared, f"an undeclared {case.form!r} in {case.form_field} is accepted"
        leaks, tags, _ = leaks_in(site)
        assert leaks == {}, {number: files[:3] for number, files in leaks.items()}
        assert 1 in tags, "the plant is not published at all: the detector sees nothing"
        assert residues_in(site) == {}
        pages = landing_pages(site)
        assert pages, "the payload is shown on no page"
        with served(site) as base:
            assert what_runs(browser, base, pages) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)
