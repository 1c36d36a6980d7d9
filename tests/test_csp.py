"""Every page kind under its content security policy in real headless Chromium, used as a reader uses it
(search, calculator, organisation finder, copied citation), with no violation; the policy strict on every
built page, and no style attribute left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from conftest import copy_project, served
from helpers import add_avenants

pytestmark = pytest.mark.browser

CONVENTION = "conventions/smica-severac-2026cv4/"
TARIFF = "tarifs/stockage-sauvegarde-mutualisee/"
ALIGNED_TABLES = "conventions/tarn-et-garonne-deux-rives/annexe-2-article-d/"
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
#: what the page reports: each violation (recorded from the page's first script on) and CSP console errors
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " (" + event.sourceFile + ":" + event.lineNumber + ")");
}, true);
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, fixed_build_date) -> Path:
    """The fixture register with its avenants (so version pages exist), built on the tests' date."""
    from generator.publishing.publish import build_site

    root = tmp_path_factory.mktemp("csp")
    project = copy_project(root / "project")
    add_avenants(project)
    build_site(project / "mkdocs.yml", root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def site_url(site):
    with served(site) as url:
        yield url


@pytest.fixture
def tab(browser, site_url):
    """A tab that records the policy's violations (`tab.violations()`), the clipboard allowed."""
    context = browser.new_context(locale="fr-FR", bypass_csp=False)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.violations = lambda: [*page.evaluate("window.__violations"), *console]
    yield page
    context.close()


def page_kind(path: str) -> str:
    """A page's kind: its address with the identifiers and the numbers after the section replaced,
    `conventions/<id>/article-…/`."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    kind = parts[:1] + ["<id>" for _ in parts[1:2]] + [re.sub(r"-.*", "-…", part) for part in parts[2:]]
    return "/".join(kind)


def one_page_of_each_kind(site: Path) -> dict[str, str]:
    pages: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if not POLICY.search(path.read_text(encoding="utf-8")):
            continue  # not under the register's policy (see the test above)
        address = relative.removesuffix("index.html")
        pages.setdefault(page_kind(relative), address)
    return pages


def policy_of(html: str) -> dict[str, list[str]]:
    found = POLICY.search(html)
    assert found is not None, "no Content-Security-Policy meta tag"
    directives = (part.split() for part in found.group(1).split(";"))
    return {directive[0]: directive[1:] for directive in directives if directive}


def test_every_page_has_a_strict_policy_first_in_its_head_and_no_style_attribute(site):
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    # The one kind of page left without the register's policy: a page with no <head> (the staff's editor).
    secured = {name: html for name, html in pages.items() if "<head" in html}
    assert len(secured) > 50 and len(pages) - len(secured) <= 1
    for name, html in sorted(secured.items()):
        assert re.search(r"<head>\s*<meta charset=\"utf-8\">" + POLICY.pattern, html), name
        policy = policy_of(html)
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], name
        assert policy["form-action"] == ["'self'"] and policy["style-src"] == ["'self'"], name
        scripts = policy["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, name
        assert scripts[0] == "'self'", name
        inline = len(re.findall(r"<script>", html))
        assert len([source for source in scripts if source.startswith("'sha256-")]) == inline, name
        assert ("'wasm-unsafe-eval'" in scripts) == (name == "recherche/index.html"), name
    for name, html in pages.items():
        assert not re.search(r"<[a-zA-Z][^<>]*\sstyle\s*=", html), f"a style attribute in {name}"
    assert "registre-align-right" in pages[ALIGNED_TABLES + "index.html"]


def test_every_page_kind_loads_without_violation(tab, site, site_url):
    kinds = one_page_of_each_kind(site)
    assert {"", "recherche", "tarifs/<id>", "conventions/<id>/version-…", "conventions/<id>/versions"} <= set(kinds)
    for kind, address in kinds.items():
        response = tab.goto(site_url + address)
        assert response is not None and response.ok, address
        if kind == "recherche":
            search(tab, site_url)  # Pagefind in its worker
        assert tab.violations() == [], f"{kind} (/{address})"


def test_aligned_table_cells_are_aligned_by_the_stylesheet(tab, site_url):
    tab.goto(site_url + ALIGNED_TABLES)
    cell = tab.locator("main td.registre-align-right").first
    assert cell.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    heading = tab.locator("main th:not(.registre-align-right)").first
    assert heading.evaluate("cell => getComputedStyle(cell).textAlign") in {"left", "start"}
    assert tab.violations() == []


def search(tab, site_url: str) -> None:
    """A query typed on the search page, its results shown."""
    field = tab.locator("#registre-search-input")
    field.fill("résiliation")
    expect(tab.locator(".registre-result .registre-result__link").first).to_be_visible(timeout=15000)
    expect(tab.locator("#registre-search-status")).to_contain_text("trouvée", timeout=15000)


#: Pagefind runs its WebAssembly in a worker, and on the page itself where no worker can start
WITHOUT_WORKERS = "delete window.Worker;"


def test_search_without_workers_runs_under_the_policy(tab, site_url):
    tab.add_init_script(WITHOUT_WORKERS)
    tab.goto(site_url + CONVENTION + "article-1/")
    tab.locator("#registre-header-search").fill("préavis")
    tab.locator("#registre-header-search").press("Enter")  # the header's form leads to the search page
    tab.wait_for_url(re.compile(r"/recherche/\?q="))
    search(tab, site_url)
    assert tab.violations() == []


def test_the_calculator_the_finder_and_a_copied_citation_run_under_the_policy(tab, site_url):
    tab.goto(site_url + TARIFF)
    tab.fill("#champ-utilisateurs", "12")
    tab.fill("#champ-mois", "12")
    expect(tab.locator("#estimation td[data-total=period]")).to_contain_text("€")
    assert tab.violations() == []

    tab.goto(site_url)
    finder = tab.locator("[data-registre-finder] input[type=search]")
    finder.fill("smica")
    expect(tab.locator("[data-registre-finder] [role=status]")).not_to_be_empty()
    assert tab.violations() == []

    tab.goto(site_url + CONVENTION + "article-3/")
    tab.locator("[data-copy-target]").first.click()
    expect(tab.locator("[data-copy-target]").first.locator("xpath=..").locator("[role=status]")).to_have_text(
        "Référence copiée."
    )
    assert tab.violations() == []


# --- the policy of one page ---------------------------------------------------

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
    '<script>var a = 1;</script><script id="__config" type="application/json">{"a": 1}</script>'
    '<script src="../assets/registre/search.js"></script></head><body><script>var a = 1;</script></body></html>'
)


def test_a_page_gets_the_hash_of_each_inline_script_once_and_webassembly_for_search():
    import base64
    import hashlib

    from generator.publishing.csp import with_policy

    secured = with_policy(PAGE)
    digest = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert secured.startswith('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv=')
    assert policy_of(secured)["script-src"] == ["'self'", f"'sha256-{digest}'", "'wasm-unsafe-eval'"]
    assert with_policy(PAGE) == secured  # the same bytes from the same page


def test_a_page_with_its_own_policy_or_without_head_is_left_as_it_is():
    from generator.publishing.csp import with_policy

    own = PAGE.replace("<title>", '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>')
    assert with_policy(own) == own
    headless = "<!doctype html><html><body><p>x</p></body></html>"
    assert with_policy(headless) == headless


# --- the test sees what the policy blocks -------------------------------------


def serve_changed(tab, address: str, change) -> None:
    """`address` served with its HTML changed by `change`."""

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))

    tab.route(re.compile(re.escape(address) + r"(\?.*)?$"), handle)


def test_a_missing_hash_is_a_violation(tab, site_url):
    def drop_first_hash(html: str) -> str:
        return re.sub(r" 'sha256-[^']*'", "", html, count=1)

    serve_changed(tab, site_url + CONVENTION, drop_first_hash)
    tab.goto(site_url + CONVENTION)
    assert any("script-src" in violation for violation in tab.violations())


def test_search_without_webassembly_is_a_violation(tab, site_url):
    tab.add_init_script(WITHOUT_WORKERS)
    serve_changed(tab, site_url + "recherche/", lambda html: html.replace(" 'wasm-unsafe-eval'", ""))
    tab.goto(site_url + "recherche/?q=résiliation")
    for _ in range(50):
        if any("script-src" in violation for violation in tab.violations()):
            break
        tab.wait_for_timeout(100)
    assert any("script-src" in violation for violation in tab.violations())


def test_a_style_attribute_is_a_violation(tab, site_url):
    def inline_alignment(html: str) -> str:
        return html.replace('class="registre-align-right"', 'style="text-align: right;"')

    serve_changed(tab, site_url + ALIGNED_TABLES, inline_alignment)
    tab.goto(site_url + ALIGNED_TABLES)
    assert any("style-src" in violation for violation in tab.violations())
