"""What a reader sees of the convention, article and notice pages, and the publisher's identity on the site:
names that read as French, dates in words, the facts first, the fingerprint with the source document, whole
citations, a description and a feed link in every page's head, the colours and logo of site_config/.

One site, built by MkDocs + Material from the fixture register with an identity and a title holding HTML's
special characters, looked at in real Chromium at a phone's and a desktop's width."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.register.colours import contrast_with_white
from generator.site import summary
from generator.wording import of_organisation, the

from conftest import copy_project, served
from helpers import assert_problems, base_url, replace_in, run_check

SMICA = "conventions/smica-severac-2026cv4/"
TARN = "conventions/tarn-et-garonne-deux-rives/"
NOTICE = "donnees-personnelles/bouquet-services-referents/"
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PRIMARY, ACCENT = "#1a5c8e", "#8a1c4a"
TARN_TITLE = (
    "Convention d’accès au bouquet de services numériques pour les membres du syndicat mixte "
    "Tarn-et-Garonne Aménagement"
)
#: the Tarn convention's title in the built site: HTML's special characters, which must stay text everywhere
HOSTILE_TITLE = TARN_TITLE + ' « "<b>&</b>" »'
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/></svg>\n'
WIDTHS = (390, 1280)


def with_identity(project: Path, identity: str) -> None:
    path = project / "site_config" / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + identity, encoding="utf-8")


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    from generator.publishing.publish import build_site

    project = copy_project(tmp_path_factory.mktemp("reader") / "project")
    (project / "site_config" / "logo.svg").write_text(LOGO, encoding="utf-8")
    with_identity(project, f"identity:\n  primary_colour: '{PRIMARY}'\n  accent_colour: '{ACCENT}'\n  logo: logo.svg\n")
    replace_in(
        project,
        "content/conventions/tarn-et-garonne-deux-rives.yaml",
        f"title: {TARN_TITLE}\n",
        f"title: '{HOSTILE_TITLE}'\n",
    )
    replace_in(project, "mkdocs.yml", "  - registre\n", "  - registre:\n      search: false\n")
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    return site


@pytest.fixture(scope="module")
def reader_url(reader_site):
    with served(reader_site) as url:
        yield url


@pytest.fixture
def tab(browser, reader_url):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.base = reader_url
    yield page
    context.close()


# --- French wording -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Syndicat mixte Séverac Carrefour Aveyron", "syndicat mixte", "du Syndicat mixte Séverac Carrefour Aveyron"),
        ("Conseil départemental de l’Aveyron", None, "du Conseil départemental de l’Aveyron"),
        (
            "Communauté de Communes des Deux Rives",
            "communauté de communes",
            "de la Communauté de Communes des Deux Rives",
        ),
        ("Commune de Rodez", None, "de la Commune de Rodez"),
        ("Établissement public de coopération", None, "de l’Établissement public de coopération"),
        ("SMICA", "syndicat mixte", "du SMICA"),
        ("NETEXPLORER", "société", "de NETEXPLORER"),
        ("Octogone Fibre", "délégataire de service public", "d’Octogone Fibre"),
        ("Tarn-et-Garonne Aménagement", "syndicat mixte", "de Tarn-et-Garonne Aménagement"),
    ],
)
def test_de_and_an_organisation_contract_as_french_does(name, kind, expected):
    assert of_organisation(name, kind) == expected


def test_parts_of_a_text_take_their_article():
    assert the("Article 3") == "l’article 3"
    assert the("Annexe 2, section D") == "l’annexe 2, section D"
    assert the("Préambule") == "le préambule"
    assert the("Section A") == "la section A"


def test_a_display_name_gives_the_reference_once():
    assert summary.display_name("Convention (référence 2026CV4)", "2026CV4") == "Convention (référence 2026CV4)"
    assert summary.display_name("Convention de services", "2026CV4") == "2026CV4 — Convention de services"
    assert summary.display_name("Convention de services", None) == "Convention de services"


def test_contrast_with_white_follows_wcag():
    assert round(contrast_with_white("#000000"), 1) == 21.0
    assert round(contrast_with_white("#ffffff"), 1) == 1.0
    assert round(contrast_with_white("#767676"), 2) == 4.54


# --- the convention page ------------------------------------------------------------------------------


def test_the_heading_does_not_repeat_the_reference_and_the_facts_come_first(tab):
    tab.goto(tab.base + SMICA)
    assert tab.locator("article h1").inner_text() == "Convention (référence 2026CV4)"
    # Right under the heading and its breadcrumb: the facts, status and dates first, then the parties.
    first = tab.locator("article > :not(h1):not(.registre-breadcrumb)").first
    assert first.get_attribute("class") == "registre-card"
    terms = tab.locator(".registre-card dt").all_inner_texts()
    assert terms[:6] == ["Statut", "Signature", "Entrée en vigueur", "Fin", "Durée", "Parties"]


def test_read_alone_links_are_named_by_their_visible_words(tab):
    tab.goto(tab.base + SMICA)
    links = tab.locator(".registre-toc a", has_text="lire seul")
    assert links.count() == 6
    for index in range(links.count()):
        assert links.nth(index).get_attribute("aria-label") is None
        # What shows: « lire seul »; the rest is for screen readers only (a 1-pixel clipped box).
        shown = links.nth(index).evaluate(
            "link => [...link.childNodes].filter(node => node.nodeType === Node.TEXT_NODE)"
            ".map(node => node.data).join('')"
        )
        assert shown == "lire seul"
        assert links.nth(index).locator(".registre-sr").bounding_box()["width"] <= 1
    # The accessible name holds the visible words (WCAG 2.5.3), then which article.
    article_3 = tab.get_by_role("link", name="lire seul l’article 3", exact=True)
    assert article_3.count() == 1
    assert article_3.get_attribute("href").rstrip("/").endswith("article-3")


def test_parties_are_listed_one_by_one_with_their_role(tab):
    tab.goto(tab.base + "conventions/")
    row = tab.locator("tr", has=tab.locator("a", has_text="Convention (référence 2026CV4)"))
    parties = row.locator("ul.registre-parties li").all_text_contents()
    assert parties == ["Syndicat mixte Séverac Carrefour Aveyron (membre bénéficiaire)", "SMICA (prestataire)"]


def test_the_fingerprint_is_with_the_source_document_not_in_the_summary(tab):
    tab.goto(tab.base + SMICA)
    assert not SHA256.search(tab.locator(".registre-card").inner_text())
    source = tab.locator("article h2#document-source + p ~ p")
    text = " ".join(source.all_inner_texts())
    assert SHA256.search(text)
    assert "sha256sum document-source.txt" in text
    assert tab.locator(".registre-card a[href='#document-source']").count() == 1


def test_an_organisation_page_says_du_syndicat(tab):
    tab.goto(tab.base + "organisations/syndicat-mixte-severac-carrefour-aveyron/")
    # The caption of its conventions' table (or the name of the region that scrolls it).
    assert "Conventions du Syndicat mixte Séverac Carrefour Aveyron" in tab.locator("article").inner_html()
    assert "Conventions de Syndicat" not in tab.locator("article").inner_html()


# --- dates, citations -------------------------------------------------------------------------------------


class _VisibleText(HTMLParser):
    """The text of a page a reader sees: not in its head, scripts, styles, code, `<time>` (whose text is read
    for its attribute), form fields or hidden elements."""

    SKIPPED = frozenset({"head", "script", "style", "code", "pre", "textarea", "template", "time"})
    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, tag in self.SKIPPED or "hidden" in dict(attrs)))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not any(skipped for _, skipped in self.open):
            self.texts.append(data)


def test_no_page_shows_a_date_written_the_iso_way(reader_site):
    found = []
    pages = sorted(reader_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        parser = _VisibleText()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [
            (path.relative_to(reader_site).as_posix(), text.strip()) for text in parser.texts if ISO_DATE.search(text)
        ]
    assert not found


@pytest.mark.parametrize("width", WIDTHS)
def test_the_citation_shows_its_whole_address(tab, width):
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(tab.base + SMICA + "article-3/")
    citation = tab.locator("#citation")
    assert citation.input_value().endswith(base_url() + "conventions/smica-severac-2026cv4/article-3/")
    size = citation.evaluate("box => [box.scrollHeight, box.clientHeight, box.scrollWidth, box.clientWidth]")
    assert size[0] <= size[1] and size[2] <= size[3], size


# --- the notice -----------------------------------------------------------------------------------------


def test_a_notice_explains_its_marker_once(tab):
    tab.goto(tab.base + NOTICE)
    shown = tab.locator("article").evaluate(
        "article => { const copy = article.cloneNode(true);"
        " copy.querySelectorAll('.registre-sr').forEach(hidden => hidden.remove()); return copy.textContent; }"
    )
    assert shown.count("ajout du délégué à la protection des données") == 1
    assert tab.locator(".registre-legend").inner_text() == "* ajout du délégué à la protection des données"
    markers = tab.locator(".registre-added-mark")
    assert markers.count() >= 5
    # Each marker says what it means to screen readers.
    for index in range(markers.count()):
        assert markers.nth(index).text_content() == "*(ajout du délégué à la protection des données)"
        assert markers.nth(index).locator("[aria-hidden=true]").text_content() == "*"


# --- the head and footer of every page ---------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.descriptions: list[str] = []
        self.feeds: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name") == "description":
            self.descriptions.append(attributes.get("content") or "")
        if tag == "link" and attributes.get("type") == "application/atom+xml":
            self.feeds.append(attributes)


def head_of(site: Path, page: str) -> _Head:
    parser = _Head()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_page_has_its_own_description(reader_site):
    seen = {}
    for path in reader_site.rglob("index.html"):
        if path.parent.name == "admin":  # the staff's editor, not a page of the register
            continue
        parser = _Head()
        parser.feed(path.read_text(encoding="utf-8"))
        assert len(parser.descriptions) == 1, path
        seen[path.parent.relative_to(reader_site).as_posix()] = parser.descriptions[0]
    assert seen["conventions"].startswith("Conventions — ")
    convention = seen[SMICA.rstrip("/")]
    for fact in (
        "Convention (référence 2026CV4)",
        "Syndicat mixte Séverac Carrefour Aveyron",
        "SMICA",
        "17 février 2026",
        "31 décembre 2028",
    ):
        assert fact in convention, convention
    assert seen[SMICA + "article-3"].startswith("Article n° 3 : Durée de la convention")
    # Data stays text in the attribute: the parsed description holds the title's characters as they are.
    assert seen[TARN.rstrip("/")].startswith(HOSTILE_TITLE + " — entre ")


def test_every_page_links_to_the_changes_feed(reader_site):
    for page in ("", "conventions", SMICA, NOTICE):
        feeds = head_of(reader_site, page).feeds
        assert len(feeds) == 1
        assert feeds[0]["rel"] == "alternate" and feeds[0]["title"] == "Registre des conventions — changements"
        assert (reader_site / page / feeds[0]["href"]).resolve() == (reader_site / "changements" / "atom.xml").resolve()
    assert (reader_site / "changements" / "atom.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_the_footer_states_the_accessibility_status(tab):
    tab.goto(tab.base + SMICA)
    link = tab.locator("footer a", has_text="Accessibilité")
    assert link.inner_text() == "Accessibilité : partiellement conforme"
    assert link.get_attribute("href").endswith("accessibilite/")


# --- the publisher's identity ----------------------------------------------------------------------------


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[index : index + 2], 16) for index in (1, 3, 5)))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_site_wears_the_publishers_colours_and_logo(tab, reader_site, width):
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(tab.base + SMICA)
    header = tab.locator("header.md-header")
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") == rgb(PRIMARY)
    link = tab.locator(".registre-card a").first
    assert link.evaluate("element => getComputedStyle(element).color") == rgb(PRIMARY)
    logo = tab.locator("header .md-logo img")
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")
    assert (reader_site / "assets" / "registre" / "logo.svg").read_text(encoding="utf-8") == LOGO


def test_an_illegible_colour_is_refused_in_french(project, capsys):
    with_identity(project, "identity:\n  primary_colour: '#ffcc00'\n  accent_colour: bleu\n")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert any(
        "identity.primary_colour" in line
        and "Contraste insuffisant : le texte blanc sur #ffcc00 n’atteint que 1,51:1, il faut au moins 4,5:1" in line
        for line in lines
    ), lines
    assert any(
        "identity.accent_colour" in line and "Couleur attendue sous la forme « #RRGGBB »" in line for line in lines
    )


def test_a_missing_logo_is_located(project, capsys):
    with_identity(project, "identity:\n  logo: logo.svg\n")
    line = sum(1 for _ in (project / "site_config" / "site.yaml").open(encoding="utf-8"))
    assert_problems(
        project,
        capsys,
        f"site_config/site.yaml:{line}: identity.logo (logo de l’identité visuelle): Le fichier du logo « logo.svg » "
        "n’existe pas dans site_config/ : ajoutez-le, ou corrigez son nom.",
    )


def test_the_conventions_list_gives_each_convention_its_next_notice_deadline(reader_site):
    page = (reader_site / "conventions" / "index.html").read_text(encoding="utf-8")
    # 2026CV4 ends on 31 December 2028, with two months' notice: the last day to give it is 31 October 2028.
    assert (
        '<td class="registre-lead-3" data-label="Prochain préavis"><time datetime="2028-10-31">31/10/2028</time>'
        in page
    )
