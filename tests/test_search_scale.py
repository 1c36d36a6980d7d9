"""The synthetic register (benchmarks/synth.py), the scale measures, and the French search in real Chromium.

The benchmark itself (benchmarks/run.py, `make benchmark`) is not part of the test suite: these tests
only check, at a small N, what it relies on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import markdown
import pytest
import yaml

from generator.build import Project, check, generate
from generator.cli import main as registre
from generator.problems import errors_only
from generator.publishing.fast_markdown import FastRawHtml
from generator.register import models
from generator.register.versions import convention_history
from generator.site import privacy_pages
from generator.site.paging import paginate

from conftest import AS_OF, REGISTER, served
from synth import synthesize

ROOT = Path(__file__).resolve().parent.parent

MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "def_list", "toc"]


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


# --- the synthetic register ---------------------------------------------------------


def test_synthesize_is_deterministic_for_a_seed(tmp_path):
    first = _tree(synthesize(tmp_path / "a", 15, seed=7, site_config=REGISTER / "site_config") / "content")
    second = _tree(synthesize(tmp_path / "b", 15, seed=7, site_config=REGISTER / "site_config") / "content")
    other = _tree(synthesize(tmp_path / "c", 15, seed=8, site_config=REGISTER / "site_config") / "content")
    assert first == second
    assert first != other
    assert len([name for name in first if name.startswith("conventions/")]) == 15


def test_synthetic_register_passes_check(tmp_path, capsys):
    project = synthesize(tmp_path / "synth", 25, seed=3, site_config=REGISTER / "site_config")
    data, problems = check(Project(project))
    assert errors_only(problems) == []
    assert data is not None and len(data.conventions) == 25
    for view in data.conventions.values():
        clauses = len(view.clauses)
        assert 10 <= clauses <= 20, (view.id, clauses)
    assert registre(["--project", str(project), "check"]) == 0
    assert "Le contenu est valide." in capsys.readouterr().err


def test_synth_command_writes_a_project(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "synth.py"),
            "--conventions",
            "3",
            "--seed",
            "1",
            "--output",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in (
        "content/conventions",
        "content/organisations",
        "content/sources",
        "site_config/site.yaml",
        "templates/pages",
        "mkdocs.yml",
    ):
        assert (tmp_path / "out" / name).exists(), name


def _avenants(project: Path) -> list[tuple[models.Convention, models.Amendment]]:
    conventions = [
        models.Convention.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted((project / "content" / "conventions").glob("*.yaml"))
    ]
    return [(convention, amendment) for convention in conventions for amendment in convention.amendments]


def test_synthetic_avenants_apply_to_the_text_in_force_on_their_day(tmp_path):
    project = synthesize(tmp_path / "synth", 120, seed=3, site_config=REGISTER / "site_config")
    avenants = _avenants(project)
    amended = {convention.id: convention for convention, _ in avenants}
    assert 0.15 * 120 <= len(amended) <= 0.4 * 120
    assert all(1 <= len(convention.amendments) <= 3 for convention in amended.values())
    kinds = {change.kind for _, amendment in avenants for change in amendment.changes}
    assert {"replace", "insert", "delete", "term", "services"} <= kinds
    assert any(change.insert and change.insert.number.endswith(" bis") for _, a in avenants for change in a.changes)
    for convention in amended.values():
        assert convention_history(convention).problems == (), convention.id
    as_of = dt.date.fromisoformat(AS_OF)
    upcoming = [amendment for _, amendment in avenants if amendment.in_force_from > as_of]
    assert upcoming and len(upcoming) < len(avenants) / 2
    for convention, amendment in avenants:
        assert amendment.source is not None and amendment.publication is not None
        signed = (project / "content" / amendment.source.file).read_bytes()
        assert hashlib.sha256(signed).hexdigest() == amendment.source.sha256
        text = signed.decode("utf-8")
        assert all(change.wording in text for change in amendment.changes if change.wording), amendment.source.file
        assert amendment.signature.date <= amendment.publication.first <= as_of
        assert convention.publication is not None and convention.publication.first <= as_of


def test_synthetic_avenants_pass_check(tmp_path, capsys):
    project = synthesize(tmp_path / "synth", 60, seed=9, site_config=REGISTER / "site_config")
    assert _avenants(project)
    assert registre(["--project", str(project), "check"]) == 0
    assert "Le contenu est valide" in capsys.readouterr().err


# --- what keeps a large register light --------------------------------------------------


def test_fast_raw_html_gives_the_same_html(tmp_path, fixture_project):
    """The fast path for raw HTML blocks changes the time of a conversion, never its output."""
    projects = [
        Project(fixture_project),
        Project(synthesize(tmp_path / "synth", 12, seed=5, site_config=REGISTER / "site_config")),
    ]
    pages = [
        content for project in projects for path, content in generate(project).files.items() if path.endswith(".md")
    ]
    assert len(pages) > 150
    configs = {"toc": {"permalink": False}}
    for content in pages:
        plain = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=configs).convert(content)
        fast = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS + [FastRawHtml()], extension_configs=configs).convert(
            content
        )
        assert fast == plain


def test_long_lists_are_split_into_pages():
    specs = paginate("clauses/objet", "topic.md.j2", {"topic": None}, "clauses", range(101), 20)
    assert [spec.src for spec in specs][:3] == [
        "clauses/objet/index.md",
        "clauses/objet/page/2/index.md",
        "clauses/objet/page/3/index.md",
    ]
    assert len(specs) == 6
    assert list(specs[5].context["clauses"]) == [100]
    pager = specs[0].context["pager"]
    assert (pager.first, pager.last, pager.total, pager.previous, pager.next) == (1, 20, 101, None, specs[1].src)
    assert pager.title_suffix == " (page 1 sur 6)"
    empty = paginate("conventions", "conventions.md.j2", {}, "conventions", [], 50)
    assert len(empty) == 1 and empty[0].context["pager"].title_suffix == ""
    long = paginate("x", "t", {}, "items", range(1000), 10)[49].context["pager"]
    numbers = [entry and entry[0] for entry in long.window()]
    assert numbers == [1, 2, None, 48, 49, 50, 51, 52, None, 99, 100]


def test_page_sizes_do_not_grow_with_the_register(tmp_path):
    """Lists are split into pages: no generated page carries the whole register."""
    project = synthesize(tmp_path / "synth", 120, seed=2, site_config=REGISTER / "site_config")
    sizes = {path: len(content) for path, content in generate(Project(project)).files.items() if path.endswith(".md")}
    assert "conventions/page/3/index.md" in sizes
    assert "clauses/resiliation/page/2/index.md" in sizes
    assert "changements/page/2/index.md" in sizes
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < 70_000, largest  # a page of 50 rows, whatever the size of the register
    assert sizes["index.md"] < 5_000


def test_privacy_notices_shared_by_many_conventions_link_to_their_list(tmp_path, monkeypatch):
    monkeypatch.setattr(privacy_pages, "NOTICE_CONVENTIONS_NAMED", 5)
    project = synthesize(tmp_path / "synth", 120, seed=2, site_config=REGISTER / "site_config")
    files = generate(Project(project)).files
    hub = files["donnees-personnelles/index.md"]
    shared = re.findall(r'<td><a href="([\w-]+)/conventions/">(\d+) conventions</a></td>', hub)
    assert shared, "no notice of the synthetic register covers more than five conventions"
    named = re.findall(r'<td>((?:<a href="\.\./conventions/[\w-]+/">[^<]+</a>(?:, )?)+)</td>', hub)
    assert named and all(cell.count("<a ") <= 5 for cell in named)
    for notice, count in shared:
        assert int(count) > 5
        notice_page = files[f"donnees-personnelles/{notice}/index.md"]
        assert f'- Dans le cadre de : <a href="conventions/">{count} conventions</a>\n' in notice_page
        listed = files[f"donnees-personnelles/{notice}/conventions/index.md"]
        assert f"Les {count} conventions" in listed
        assert len(set(re.findall(r'href="\.\./\.\./\.\./conventions/([\w-]+)/"', listed))) == int(count)


# --- French search in real Chromium ---------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory, fixed_build_date):
    from generator.publishing.publish import build_site

    root = tmp_path_factory.mktemp("synthetic")
    project = synthesize(root / "project", 30, seed=11, site_config=REGISTER / "site_config")
    site = root / "site"
    build_site(project / "mkdocs.yml", site)
    with served(site) as url:
        yield site, url


@contextmanager
def _search(browser, base: str, query: str):
    """A fresh tab on /recherche/?q=<query>, once its results are shown."""
    context = browser.new_context(locale="fr-FR")
    try:
        tab = context.new_page()
        tab.goto(f"{base}recherche/?q={query}")
        tab.locator(".registre-result").first.wait_for(timeout=30_000)
        tab.wait_for_load_state("networkidle")
        yield tab
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("typed, accented", [("resiliation", "résiliation"), ("preavis", "préavis")])
def test_search_folds_french_accents(browser, synthetic_site, typed, accented):
    _, base = synthetic_site
    with _search(browser, base, typed) as tab:
        marks = [text.lower() for text in tab.locator(".registre-result mark").all_inner_texts()]
        assert accented in marks, marks[:10]


def test_only_the_convention_text_is_indexed(synthetic_site):
    """Pagefind indexes each text once: the convention page's text, not its summary card nor article pages."""
    site, _ = synthetic_site
    convention = next(
        path for path in sorted((site / "conventions").glob("*/index.html")) if path.parent.name != "page"
    )
    html = convention.read_text(encoding="utf-8")
    assert len(re.findall(r"<div data-pagefind-body", html)) == 1
    assert html.index("data-pagefind-body") > html.index('id="en-bref"')
    # Title and filters are read from the whole page: their labels stay out of the indexed text.
    body = html.index("data-pagefind-body")
    assert html.rindex("data-pagefind-filter") < body and html.index("data-pagefind-meta") < body
    article = next(convention.parent.glob("article-*/index.html")).read_text(encoding="utf-8")
    assert "data-pagefind-body" not in article


def test_synthetic_avenants_have_their_versions_and_markers(synthetic_site):
    site, _ = synthetic_site
    avenants = _avenants(site.parent / "project")
    assert avenants
    as_of = dt.date.fromisoformat(AS_OF)
    marked = 0
    for convention, amendment in avenants:
        folder = site / "conventions" / convention.id
        versions = (folder / "versions" / "index.html").read_text(encoding="utf-8")
        assert amendment.reference in versions, convention.id
        assert (folder / f"version-{amendment.in_force_from.isoformat()}" / "index.html").is_file()
        page = (folder / "index.html").read_text(encoding="utf-8")
        marker = f"Rédaction issue de l’avenant {amendment.reference.removeprefix('Avenant ')}"
        rewrites = [change for change in amendment.changes if change.replace or change.insert]
        if rewrites and amendment.in_force_from <= as_of and amendment is convention.amendments[-1]:
            assert marker in page, (convention.id, amendment.reference)
            marked += 1
    assert marked


@pytest.mark.browser
def test_search_results_link_to_the_article_anchor(browser, synthetic_site):
    site, base = synthetic_site
    with _search(browser, base, "resiliation") as tab:
        links = tab.locator(".registre-result__articles a")
        targets = [(link.get_attribute("href"), link.inner_text()) for link in links.all()]
        anchored = [(href, title) for href, title in targets if re.search(r"/conventions/[^/]+/#article-\d+$", href)]
        assert anchored, targets
        assert not [href for href, _ in targets if href.endswith(("#en-bref", "#sommaire"))], targets
        href, title = anchored[0]
        page_path, anchor = href.split("#")
        html = (site / page_path.strip("/") / "index.html").read_text(encoding="utf-8")
        heading = re.search(rf'<h2 id="{anchor}">(.*?)</h2>', html, re.S)
        assert heading, anchor
        assert re.sub(r"<[^>]+>", "", heading.group(1)).strip() == title.strip()
        section = html[heading.end() :].split("<h2", 1)[0].lower()
        assert "résiliation" in section or "résilier" in section
        tab.goto(base.rstrip("/") + href)
        assert tab.locator(f"#{anchor}").is_visible()


@pytest.mark.browser
def test_more_results_come_by_fives_and_take_the_focus(browser, synthetic_site):
    _, base = synthetic_site
    with _search(browser, base, "convention") as tab:
        status = tab.locator("#registre-search-status")
        total = int(re.match(r"(\d+) conventions trouvées", status.inner_text()).group(1))
        assert total > 10
        results = tab.locator(".registre-result")
        assert results.count() == 5
        more = tab.get_by_role("button", name=re.compile(r"^Afficher 5 résultats de plus"))
        more.focus()
        tab.keyboard.press("Enter")
        tab.locator(".registre-result").nth(9).wait_for()
        focused = tab.evaluate(
            "document.activeElement.closest('.registre-result') === document.querySelectorAll('.registre-result')[5]"
        )
        assert focused, "the focus moves to the first new result"
        titles = results.locator(".registre-result__link").all_inner_texts()
        assert len(set(titles)) == len(titles) == 10
