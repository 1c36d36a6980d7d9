"""Third-party conformance checks over one page of every kind of the fixture site: the Nu HTML Checker
(the HTML standard) and axe-core (WCAG 2.1 A and AA, best practices) in real Chromium at a phone's and a
desktop's width.

Material's own markup, which the project does not write, causes a few findings: they are allowed by their
exact message and the element they are about, each with its reason (listed in README.md, section Tests).
Any other finding fails, with its page, its width and where it is.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import axe_results

pytestmark = pytest.mark.browser

TOOLS = ROOT / "tests" / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: one page of every kind, by the path of its HTML file in the built site
PAGES = {
    "accueil": "index.html",
    "liste des conventions": "conventions/index.html",
    "convention": "conventions/tarn-et-garonne-deux-rives/index.html",
    "article": "conventions/tarn-et-garonne-deux-rives/article-3/index.html",
    "annexe": "conventions/tarn-et-garonne-deux-rives/annexe-1-article-4/index.html",
    "types de clauses": "clauses/index.html",
    "type de clause": "clauses/duree/index.html",
    "organisations": "organisations/index.html",
    "organisation": "organisations/smica/index.html",
    "services": "services/index.html",
    "service": "services/gfu/index.html",
    "tarifs": "tarifs/index.html",
    "tarif": "tarifs/stockage-sauvegarde-mutualisee/index.html",
    "échéances": "echeances/index.html",
    "changements": "changements/index.html",
    "recherche": "recherche/index.html",
    "données personnelles": "donnees-personnelles/index.html",
    "notice": "donnees-personnelles/bouquet-services-referents/index.html",
    "données ouvertes": "donnees-ouvertes/index.html",
    "mentions légales": "mentions-legales/index.html",
    "accessibilité": "accessibilite/index.html",
    "page introuvable": "404.html",
}
#: kinds that a register has only past some size (more upcoming changes than the first page shows, a notice
#: shared by more conventions than it names), by a pattern of their paths: checked when the site has one
OPTIONAL_PAGES = {
    "changements à venir": "changements/a-venir/index.html",
    "conventions d’une notice": "donnees-personnelles/*/conventions/index.html",
}
#: what the browser opens for a kind, when it is not the file's folder
QUERIES = {"recherche": "?q=préavis"}

WIDTHS = {"mobile": 390, "bureau": 1280}
RESULT_GROUPS = ("passes", "violations", "incomplete", "inapplicable")


@dataclass(frozen=True)
class Allowed:
    """A finding the theme causes: its exact message (for axe-core, the rule's id), the markup of the element
    it is about, and why it is allowed."""

    message: str
    marker: str
    reason: str

    def covers(self, message: str, markup: str) -> bool:
        return message == self.message and self.marker in markup


#: Material's base.html writes these two inputs outside any block a theme override can replace.
VNU_ALLOWED = [
    Allowed(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.",
        marker,
        "Material's drawer and search toggles (base.html, outside any block) are checkboxes with "
        'autocomplete="off", so that a browser does not restore them, open, on back navigation.',
    )
    for marker in (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
    )
]
AXE_ALLOWED: list[Allowed] = []
#: The checker evaluates the pages' content security policy from their file: address, whose origin no
#: 'self' covers, and counts JSON data blocks as scripts: what the policy lets a browser load is checked
#: where it applies, on the served site, by tests/test_csp.py.
VNU_POLICY_FROM_A_FILE = re.compile(r"^(Resource|Inline script) violates Content Security Policy \(meta tag\)")


def existing_pages(site: Path) -> dict[str, str]:
    found = {kind: sorted(site.glob(pattern)) for kind, pattern in OPTIONAL_PAGES.items()}
    return PAGES | {kind: paths[0].relative_to(site).as_posix() for kind, paths in found.items() if paths}


def page_url(site_url: str, kind: str, path: str) -> str:
    return site_url + path.removesuffix("index.html") + QUERIES.get(kind, "")


# --- axe-core ---------------------------------------------------------------------------


def axe_findings(tab, url: str, kind: str, width: int) -> tuple[list[str], dict]:
    """Each node axe-core finds in violation of a rule on the page at `url`, opened in `tab` at `width`
    pixels wide, but those the theme causes, as « rule: target (page, width px): help [markup] »; and axe's
    whole result."""
    response = tab.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    if kind == "recherche":
        tab.locator(".registre-result").first.wait_for(timeout=15000)  # the page with its results shown
    results = axe_results(tab)
    findings = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            if any(allowed.covers(violation["id"], node["html"]) for allowed in AXE_ALLOWED):
                continue
            target = " ".join(str(part) for part in node["target"])
            markup = " ".join(node["html"].split())
            findings.append(f"{violation['id']}: {target} ({kind}, {width} px): {violation['help']} [{markup}]")
    return findings, results


@pytest.fixture
def tab_at(browser):
    """A browser tab `width` pixels wide: `tab_at(width)`."""
    contexts = []

    def open_tab(width: int):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_every_kind_of_page_passes_axe(tab_at, built_site, site_url, width):
    tab = tab_at(width)
    findings = []
    for kind, path in existing_pages(built_site).items():
        found, results = axe_findings(tab, page_url(site_url, kind, path), kind, width)
        ran = {rule["id"] for group in RESULT_GROUPS for rule in results[group]}
        assert "label-content-name-mismatch" in ran, "the rule off by default must run"
        findings += found
    assert findings == [], "\n".join(findings)


def test_axe_reports_a_violation_of_the_project(tab_at, site_url):
    """The check can fail: a link whose visible text is not in its name (a rule off by default) is found."""
    tab = tab_at(WIDTHS["bureau"])
    tab.route("**/mentions-legales/", lambda route: route.fulfill(body=_with_mismatched_link(route)))
    found, _ = axe_findings(tab, site_url + "mentions-legales/", "mentions légales", WIDTHS["bureau"])
    assert any(finding.startswith("label-content-name-mismatch: ") for finding in found), found


def _with_mismatched_link(route) -> str:
    html = route.fetch().text()
    return html.replace("</article>", '<p><a href="#" aria-label="Accueil du site">Plan</a></p></article>', 1)


# --- the Nu HTML Checker, last: it has run meanwhile ----------------------------------

#: a copy of a page with an error of the project's kind, checked with the others: the check can fail
CONTROL = "page témoin"


class HtmlCheck:
    """The checker over `files` (by kind of page), in one run (Java is slow to start), started at once in
    the background, while the browser checks run: `findings()` waits for its report."""

    def __init__(self, files: dict[str, Path], report: Path) -> None:
        java = shutil.which("java")
        if java is None:
            pytest.fail("Java is required for the Nu HTML Checker (make test installs it)")
        assert VNU.is_file(), "vnu.jar is missing: run `npm ci --prefix tests/tools` (make test does)"
        self.kinds = {path.resolve().as_uri(): kind for kind, path in files.items()}
        self.report = report
        with report.open("w", encoding="utf-8") as output:  # the checker writes its report on stderr
            self.process = subprocess.Popen(
                [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, files.values())],
                stdout=subprocess.DEVNULL,
                stderr=output,
            )

    def findings(self) -> dict[str, list[str]]:
        """Every error and warning by kind of page, but those the theme causes, as « page: line N: error:
        message [markup] »."""
        self.process.wait(timeout=300)
        text = self.report.read_text(encoding="utf-8")
        assert text.startswith("{"), f"the checker did not run: {text}"
        findings: dict[str, list[str]] = {kind: [] for kind in self.kinds.values()}
        for message in json.loads(text)["messages"]:
            if message["type"] == "info" and message.get("subType") != "warning":
                continue  # the notes that go with an error or a warning
            markup = " ".join(message.get("extract", "").split())
            if any(allowed.covers(message["message"], markup) for allowed in VNU_ALLOWED):
                continue
            if VNU_POLICY_FROM_A_FILE.match(message["message"]):
                continue
            kind = self.kinds[_as_file_uri(message["url"])]
            severity = "warning" if message["type"] == "info" else message["type"]
            line = message.get("lastLine", "?")
            findings[kind].append(f"{kind}: line {line}: {severity}: {message['message']} [{markup}]")
        return findings


def _as_file_uri(url: str) -> str:
    """The checker writes `file:/tmp/x`; Path.as_uri writes `file:///tmp/x`."""
    return "file:///" + url.removeprefix("file:").lstrip("/")


@pytest.fixture(scope="module", autouse=True)
def html_check(built_site, tmp_path_factory):
    """Started before the first test of the module, read by the last ones."""
    folder = tmp_path_factory.mktemp("vnu")
    control = folder / "index.html"
    html = (built_site / PAGES["mentions légales"]).read_text(encoding="utf-8")
    control.write_text(html.replace("</article>", '<ul><div id="x"></div></ul></article>', 1), encoding="utf-8")
    files = {kind: built_site / path for kind, path in existing_pages(built_site).items()}
    check = HtmlCheck(files | {CONTROL: control}, folder / "report.json")
    yield check
    check.process.kill()
    check.process.wait()


@pytest.fixture(scope="module")
def html_findings(html_check) -> dict[str, list[str]]:
    return html_check.findings()


def test_every_kind_of_page_is_valid_html(html_findings):
    findings = [finding for kind, found in html_findings.items() if kind != CONTROL for finding in found]
    assert findings == [], "\n".join(findings)


def test_the_html_checker_reports_an_error_of_the_project(html_findings):
    """The control page's error is reported, and only that: the theme's findings stay allowed."""
    assert [finding.split(": ", 2)[2] for finding in html_findings[CONTROL]] == [
        "error: Element “div” not allowed as child of element “ul” in this context. "
        '(Suppressing further errors from this subtree.) [<ul><div id="x"></div>]'
    ]
