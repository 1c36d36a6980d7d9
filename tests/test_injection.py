"""Data cannot become markup: each output context has its escaping (generator/site/escaping.py), page
templates escape every value by default, the theme escapes the page title and the site name, the site's
base URL is checked, and no open data cell is a spreadsheet formula.

The browser test puts hostile values in every kind of name, title and label of one register at once,
builds it, and opens every kind of page in Chromium: nothing runs, nothing loads from another host,
and each value shows as the text it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from markupsafe import Markup

from generator.site import escaping
from generator.site.datasets import Dataset
from generator.site.render import make_environment

from conftest import ROOT, copy_project, served
from helpers import assert_problems, line_of

#: the probe's payloads: break out of RCDATA and run a script, an event handler on a broken image,
#: a Markdown link that becomes an autofocus/onfocus attribute inside an attribute, an image from
#: another host, a quote that ends an attribute
PAYLOADS = [
    "</textarea></title></style><script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[a](https://x.invalid/autofocus/onfocus=window.__pwned=3//)",
    "![i](https://evil.invalid/i.png)",
    '" onmouseover="window.__pwned=4',
]
#: more Markdown (and Markdown extension) syntax that names and titles must show as is
MARKDOWN_SYNTAX = [
    "*em* _em_ __strong__ `code` \\[x\\] a<b>c",
    "Titre {: .classe #ident onclick=alert(1) }",
    "Titre # fermé ##",
    "# titre",
    "1. liste",
    "- liste",
    "+ liste",
    "    code indenté",
    "\tcode",
    "| a | b |",
    "---",
    ": définition",
    "=====",
    "[TOC]",
    "[x][ref]",
    "&amp; &lt; &#91;",
    "<!-- commentaire -->",
    "ligne\n\n[a](https://x.invalid/)\n# titre",
    "ligne\r\n- liste\r- autre",
    "x_y_z clause_anchors Objet#article-1 D] GRILLE (réf. 2026CV4) l’été « a » !",
]
HOSTILE = [*PAYLOADS, " ".join(PAYLOADS), *MARKDOWN_SYNTAX]
#: the Markdown extensions of mkdocs.yml
EXTENSIONS = ["generator.publishing.sanitize", "attr_list", "md_in_html", "tables", "def_list", "toc"]


class _Html(HTMLParser):
    """Elements (tag, attributes) and text of an HTML fragment, references decoded."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())


def words(text: str) -> str:
    return " ".join(text.split())


def convert(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


# --- markdown_text: the default of page templates ------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("context", "template", "tags"),
    [
        ("heading", "# {v}\n", ["h1"]),
        ("paragraph", "Avant {v} après.\n", ["p"]),
        ("list item", "- {v}\n", ["ul", "li"]),
        ("line start", "{v}\n", ["p"]),
        ("line start after text", "Texte\n{v}\n", ["p"]),
        ("table cell of a raw block", "<table>\n<tr><td>{v}</td></tr>\n</table>\n", ["table", "tr", "td"]),
        ("Markdown in HTML", "<div markdown>\n\n{v}\n\n</div>\n", ["div", "p"]),
    ],
)
def test_markdown_text_shows_as_itself_in_every_markdown_context(value, context, template, tags):
    html = _Html(convert(template.format(v=escaping.markdown_text(value))))
    assert html.tags == tags, (context, html.elements)
    assert words(value) in html.text, (context, html.text)


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_text_in_an_attribute_of_inline_html_stays_that_attribute(value):
    """The convention's name in the `title` of a notice's source link, inside a Markdown list item:
    Python-Markdown builds Markdown found inside inline HTML tags, which the sanitiser never sees."""
    source = f'- Texte <a href="../article-3/" title="{escaping.markdown_text(value)}">article 3</a>\n'
    html = _Html(convert(source))
    assert html.tags == ["ul", "li", "a"], html.elements
    assert html.elements[2][1] == {"href": "../article-3/", "title": value}
    assert html.text == "Texte article 3"


@pytest.mark.parametrize(
    "value",
    [
        "Convention (référence 2026CV4)",
        "Rémunération annuelle du SMICA",
        "clause_anchors",
        "Objet#article-1",
        "D] GRILLE TARIFAIRE – TARIF MENSUEL",
        "Article n°5 : Modification",
        "2026-12-01",
        "1 130,00 €",
    ],
)
def test_markdown_text_leaves_ordinary_text_as_it_is(value):
    assert escaping.markdown_text(value) == value


def test_markdown_text_leaves_escaped_values_alone():
    assert escaping.markdown_text(Markup("<b>gras</b>")) == "<b>gras</b>"


# --- the other contexts ----------------------------------------------------------------------


def test_html_text_and_attribute():
    assert escaping.html_text("<b>&") == "&lt;b&gt;&amp;"
    assert escaping.html_attribute('" onmouseover="x\'') == "&#34; onmouseover=&#34;x&#39;"
    for value in HOSTILE:
        html = _Html(f'<p title="{escaping.html_attribute(value)}">{escaping.html_text(value)}</p>')
        assert html.elements == [("p", {"title": value})]


def test_markdown_source_keeps_markdown_and_escapes_html():
    text = escaping.markdown_source("<b>gras</b> [lien](https://example.org/) ![i](https://evil.invalid/i.png)")
    html = convert(f"{text}\n")
    assert "<b>" not in html and "&lt;b&gt;gras&lt;/b&gt;" in html
    assert '<a href="https://example.org/">lien</a>' in html
    assert "evil.invalid" not in html  # the sanitiser's work


@pytest.mark.parametrize("value", HOSTILE)
def test_rcdata_text_cannot_end_a_textarea_or_a_title(value):
    text = escaping.rcdata_text(value)
    assert "</" not in text and "<" not in text
    for element in ("textarea", "title"):
        html = _Html(f"<{element}>{text}</{element}>")
        assert html.tags == [element]
        assert html.text == words(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&amp;c=2#d"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        ("mailto:dpo@exemple.fr", "mailto:dpo@exemple.fr"),
        ("tel:+33123456789", "tel:+33123456789"),
        ("../../conventions/x/#article-3", "../../conventions/x/#article-3"),
        ("conventions/x/index.md", "conventions/x/index.md"),
        ("#article-3", "#article-3"),
        ("?q=préavis", "?q=préavis"),
        ("", ""),
        ('https://x.example/"><script>(1)</script>', "https://x.example/%22%3E%3Cscript%3E%281%29%3C/script%3E"),
        ("https://x.example/a b[c]", "https://x.example/a%20b%5Bc%5D"),
        ("javascript:alert(1)", "#"),
        ("JavaScript:alert(1)", "#"),
        ("  javascript:alert(1)", "#"),
        ("java\tscript:alert(1)", "#"),
        ("java\nscript:alert(1)", "#"),
        ("\x01javascript:alert(1)", "#"),
        ("vbscript:msgbox", "#"),
        ("data:text/html,<script>alert(1)</script>", "#"),
        ("file:///etc/passwd", "#"),
        ("//evil.example/x", "#"),
        ("\\\\evil.example/x", "#"),
        ("/\\evil.example/x", "#"),
    ],
)
def test_url_lets_only_web_mail_phone_and_relative_addresses_through(value, expected):
    assert escaping.url(value) == expected


def test_script_json_cannot_end_its_script():
    value = {"label": "</script><!-- <script>alert(1)</script>", "line": "a\u2028b\u2029c", "and": "&"}
    text = escaping.script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_ics_text_escapes_separators_and_every_line_break():
    text = escaping.ics_text("a;b,c\\d\r\nEND:VEVENT\rBEGIN:VEVENT\nSUMMARY:x\x07")
    assert text == "a\\;b\\,c\\\\d\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:x"
    assert "\r" not in text and "\n" not in text
    assert escaping.ics_text(text) == text  # escaped once, whatever the template does


def test_xml_text_is_well_formed_and_reads_back():
    value = "<entry>&amp; \"'\x0b</entry>"
    document = etree.fromstring(f'<title a="{escaping.xml_text(value)}">{escaping.xml_text(value)}</title>')
    assert document.text == document.get("a") == "<entry>&amp; \"'</entry>"


@pytest.mark.parametrize(
    "value",
    ["=1+1", '=HYPERLINK("https://x.invalid")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-", "+33 1 23 45 67 89"],
)
def test_csv_cell_neutralises_formulas(value):
    assert escaping.csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Convention", "2026-12-01", "9.60", "-12.50", "+3", "a=b", "x@y.fr"])
def test_csv_cell_keeps_text_and_numbers(value):
    assert escaping.csv_cell(value) == value


def test_every_csv_cell_goes_through_the_neutralisation():
    dataset = Dataset(
        "essai",
        "Essai",
        "Un jeu",
        ["titre", "parties", "montant"],
        [{"titre": "=cmd|' /C calc'!A0", "parties": ["@SUM(1+1)", "b"], "montant": "-9.60"}],
    )
    [header, row] = list(csv.reader(io.StringIO(dataset.csv_text())))
    assert header == ["titre", "parties", "montant"]
    assert row == ["'=cmd|' /C calc'!A0", "'@SUM(1+1) | b", "-9.60"]


# --- templates ---------------------------------------------------------------------------------


def render_templates(tmp_path: Path, templates: dict[str, str], **context) -> dict[str, str]:
    for name, text in templates.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    environment = make_environment([tmp_path])
    return {name: environment.get_template(name).render(**context) for name in templates}


def test_each_kind_of_template_escapes_its_values_for_its_output(tmp_path):
    value = "a;b <i>[x](https://x.invalid/)</i> & *c*\nd"
    out = render_templates(
        tmp_path,
        {
            "page.md.j2": "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}"
            "{{ v }}|{{ v | e }}|{{ v | markdown }}|{{ v | rcdata }}|{{ m(v) }}|{{ v | url }}",
            "feed.xml.j2": "{{ v }}|{{ v | e }}",
            "calendar.ics.j2": "{% autoescape false %}{{ v }}|{{ v | ics }}{% endautoescape %}",
        },
        v=value,
    )
    text = escaping.markdown_text(value)
    assert out["page.md.j2"].split("|") == [
        text,
        text,
        escaping.markdown_source(value),
        text,
        f"<b>{text}</b>",
        escaping.url(value),
    ]
    assert out["feed.xml.j2"] == f"{escaping.xml_text(value)}|{escaping.xml_text(value)}"
    assert out["calendar.ics.j2"] == f"{escaping.ics_text(value)}|{escaping.ics_text(value)}"


PAGE_TEMPLATES = sorted((ROOT / "templates" / "pages").glob("*.j2"))


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda path: path.name)
def test_page_templates_do_not_bypass_the_default_escaping(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\|\s*(safe|tojson|xmlattr)\b|Markup\(", text)
    # A Markdown field becomes HTML: never inside an attribute.
    assert not re.search(r'="[^"]*\{\{[^}]*\|\s*markdown', text)


# --- the site's base URL ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "'https://registre.exemple.fr/\"><script>alert(1)</script>/'",
        "'javascript:alert(1)//'",
        "https://registre.exemple.fr",
        "registre.exemple.fr/",
        "'https://registre.exemple.fr/a b/'",
        "'https://registre.exemple.fr/<x>/'",
        "'https://registre.exemple.fr/?a=1&b=/'",
        "'//registre.exemple.fr/'",
    ],
)
def test_a_base_url_that_is_not_an_absolute_web_address_is_refused(project, capsys, value):
    path = project / "site_config" / "site.yaml"
    line = line_of(path, "base_url:")
    path.write_text(
        re.sub(r"^base_url: .*$", f"base_url: {value}", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    assert_problems(
        project,
        capsys,
        f"site_config/site.yaml:{line}: base_url (adresse publique): Adresse complète du site attendue, "
        "commençant par https:// (ou http://) et finissant par « / », sans espace, guillemet, chevron ni « & », "
        "par exemple https://registre.exemple.fr/.",
    )


# --- the whole site in Chromium ----------------------------------------------------------------

SMICA = "smica-severac-2026cv4"
TARN = "tarn-et-garonne-deux-rives"


def hostile(field: str) -> str:
    """The value put in one field: its name (to tell the fields apart), then every payload."""
    return f"{field.upper()} " + " ".join(PAYLOADS)


#: file, YAML key, field: one hostile value per kind of name, title and label (headings are left out:
#: `registre check` compares them word for word with the source document)
FIELDS = [
    ("content/organisations/smica.yaml", "name", "organisation"),
    ("content/organisations/smica.yaml", "short_name", "sigle"),
    ("content/services/ok-acte.yaml", "name", "service"),
    ("content/topics/duree.yaml", "label", "topic"),
    (f"content/conventions/{SMICA}.yaml", "title", "title"),
    (f"content/conventions/{SMICA}.yaml", "reference", "reference"),
    (f"content/conventions/{TARN}.yaml", "title", "title2"),
    ("content/notices/bouquet-services-referents.yaml", "title", "notice"),
    (f"content/tariffs/{SMICA}-remuneration.yaml", "title", "tariff"),
    ("site_config/site.yaml", "site_name", "site"),
]
V = {field: hostile(field) for _, _, field in FIELDS}
SMICA_NAME = f"{V['reference']} — {V['title']}"
#: page -> its heading when it is one of the values (it is the page's title too), and the values it shows
PAGES = {
    "": (None, [V["title"], V["reference"], V["sigle"], V["service"], V["title2"]]),
    "conventions/": (None, [V["title"], V["reference"], V["sigle"], V["service"]]),
    f"conventions/{SMICA}/": (SMICA_NAME, [V["organisation"], V["service"], V["tariff"]]),
    f"conventions/{SMICA}/article-3/": (None, [V["topic"], SMICA_NAME]),
    f"conventions/{TARN}/": (V["title2"], [V["notice"]]),
    "clauses/duree/": (f"Clauses : {V['topic']}", [SMICA_NAME, V["title2"]]),
    "organisations/smica/": (V["organisation"], [V["sigle"], V["service"], V["title"]]),
    "services/ok-acte/": (V["service"], [V["organisation"], V["tariff"], V["title"]]),
    f"tarifs/{SMICA}-remuneration/": (V["tariff"], [SMICA_NAME, V["service"]]),
    "tarifs/": (None, [V["tariff"], SMICA_NAME]),
    "donnees-personnelles/bouquet-services-referents/": (V["notice"], [V["title2"]]),
    "donnees-personnelles/": (None, [V["notice"]]),
    "echeances/": (None, [SMICA_NAME]),
    "changements/": (None, [V["reference"]]),
    "recherche/?q=convention": (None, []),
}
#: what a search for « convention » shows among its results
SEARCH_RESULT = SMICA_NAME


def set_value(path: Path, key: str, value: str) -> None:
    """Replace the top-level `key: …` line of a YAML file (a JSON string is a YAML double-quoted scalar)."""
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(
        rf"^{key}: .*$", lambda _: f"{key}: {json.dumps(value, ensure_ascii=False)}", text, count=1, flags=re.M
    )
    assert count == 1, (path, key)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory, fixed_build_date):
    """The fixture register with a hostile value in every field of FIELDS, built once and served locally."""
    from generator.publishing.publish import build_site

    root = tmp_path_factory.mktemp("injection")
    project = copy_project(root / "project")
    for relative, key, field in FIELDS:
        set_value(project / relative, key, V[field])
    site = root / "site"
    build_site(project / "mkdocs.yml", site)
    with served(site) as url:
        yield url


#: after load: every handler an attack could have added, fired (hover, focus, click on nothing)
FIRE_HANDLERS = """() => {
  for (const element of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "focus", "focusin"]) {
      element.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
}"""
INLINE_HANDLERS = """() => [...document.querySelectorAll("*")].flatMap(element =>
  [...element.attributes].filter(attribute => attribute.name.startsWith("on"))
    .map(attribute => element.tagName + " " + attribute.name))"""


@pytest.mark.browser
@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_names_and_titles_are_shown_as_text_and_never_run(browser, hostile_site_url, path):
    from playwright.sync_api import expect

    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    requested: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        response = page.goto(hostile_site_url + path)
        assert response is not None and response.ok, f"/{path} answered {response and response.status}"
        page.wait_for_load_state("load")
        if path.startswith("recherche/"):
            expect(page.locator(".registre-result__link").first).to_be_visible(timeout=15000)
            expect(page.locator(".registre-result__link", has_text=SEARCH_RESULT)).to_have_count(1)
        page.evaluate(FIRE_HANDLERS)
        page.wait_for_timeout(200)

        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        assert page.evaluate(INLINE_HANDLERS) == []
        foreign = [
            url for url in requested if not url.startswith(hostile_site_url) and not url.startswith(("data:", "blob:"))
        ]
        assert foreign == []

        # Each value shows as the text it is: in the body, in the page's title (from its heading, or the
        # site's name alone on the home page) and in the header.
        heading, shown = PAGES[path]
        body = words(page.locator("body").inner_text())
        for value in shown:
            assert value in body, (path, value)
        title = words(page.title())
        assert title.endswith(V["site"]), title
        if heading is not None:
            assert title.startswith(heading), title
            expect(page.locator("article h1")).to_have_text(heading)
        expect(page.locator(".md-header__topic").first).to_contain_text(V["site"])
        if path == f"conventions/{SMICA}/article-3/":
            assert SMICA_NAME in page.locator("#citation").input_value()
        if path == "donnees-personnelles/bouquet-services-referents/":
            titles = page.locator(".registre-origin a").evaluate_all("links => links.map(link => link.title)")
            assert titles and set(titles) == {V["title2"]}, titles
    finally:
        context.close()
