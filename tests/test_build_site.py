"""The real register built by MkDocs + Material (strict) and Pagefind: pages, links, hosts, escaping, personal data."""

from __future__ import annotations

import gzip
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from generator.publishing.publish import build_site

from conftest import CONTENT
from helpers import base_url, replace_in

MASK = "[donnée personnelle occultée]"
LOCAL = "http://site.invalid/"  # stands for the site's root when resolving relative links


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def conventions() -> list[dict]:
    return [load_yaml(path) for path in sorted((CONTENT / "conventions").glob("*.yaml"))]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """What a test needs of an HTML page: its tags, ids, language and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.style_text: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag == "html":
            self.lang = attributes.get("lang")
        if attributes.get("style"):
            self.style_text.append(attributes["style"])
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        current = self._open[-1] if self._open else ""
        if current == "style":
            self.style_text.append(data)
        elif current != "script":
            self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, Page]:
    return {
        path.relative_to(built_site).as_posix(): Page(path.read_text(encoding="utf-8"))
        for path in html_files(built_site)
    }


# --- every expected page exists ---------------------------------------------


def expected_pages() -> list[str]:
    urls = [
        "",
        "conventions/",
        "clauses/",
        "organisations/",
        "services/",
        "recherche/",
        "mentions-legales/",
        "accessibilite/",
        "donnees-ouvertes/",
    ]
    for convention in conventions():
        urls.append(f"conventions/{convention['id']}/")
        urls += [
            f"conventions/{convention['id']}/article-{article['number'].lower()}/" for article in convention["articles"]
        ]
        urls += [
            f"conventions/{convention['id']}/annexe-{annex['number'].lower()}-article-{article['number'].lower()}/"
            for annex in convention.get("annexes", [])
            for article in annex["articles"]
        ]
    for folder, prefix in (("topics", "clauses"), ("organisations", "organisations"), ("services", "services")):
        urls += [f"{prefix}/{path.stem}/" for path in sorted((CONTENT / folder).glob("*.yaml"))]
    return urls


def test_the_content_has_what_the_pages_are_expected_from():
    """Guard against an empty expectation list: both seeds, all their articles and annexes."""
    urls = expected_pages()
    assert "conventions/smica-severac-2026cv4/article-6/" in urls
    assert "conventions/tarn-et-garonne-deux-rives/article-10/" in urls
    assert "conventions/tarn-et-garonne-deux-rives/annexe-1-article-6/" in urls
    assert "conventions/tarn-et-garonne-deux-rives/annexe-2-article-e/" in urls
    assert "clauses/resiliation/" in urls and "organisations/smica/" in urls and "services/gfu/" in urls


@pytest.mark.parametrize("url", expected_pages())
def test_expected_page_exists(pages, url):
    page = pages.get(url + "index.html")
    assert page is not None, f"/{url} was not built"
    headings = [attributes for tag, attributes in page.tags if tag == "h1"]
    assert headings, f"/{url} has no h1"


def test_article_pages_show_their_heading(pages):
    for convention in conventions():
        for article in convention["articles"]:
            page = pages[f"conventions/{convention['id']}/article-{article['number'].lower()}/index.html"]
            assert " ".join(article["heading"].split()) in " ".join(page.all_text.split())


def test_source_document_of_2026cv4_is_published_with_its_hash(built_site, pages):
    convention = load_yaml(CONTENT / "conventions" / "smica-severac-2026cv4.yaml")
    page = pages["conventions/smica-severac-2026cv4/index.html"]
    published = built_site / "conventions" / "smica-severac-2026cv4" / "document-source.txt"
    assert published.read_bytes() == (CONTENT / convention["source"]["file"]).read_bytes()
    assert convention["source"]["sha256"] in page.all_text
    assert ("a", {"href": "document-source.txt"}) in [
        (tag, {"href": attributes.get("href")}) for tag, attributes in page.tags if tag == "a"
    ]


# --- language ----------------------------------------------------------------


def test_every_page_is_in_french(pages):
    assert pages
    wrong = {name: page.lang for name, page in pages.items() if page.lang != "fr"}
    assert wrong == {}


# --- no request to another host ----------------------------------------------

#: attributes that make the browser fetch something
FETCHING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "track": ("src",),
    "form": ("action",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?\s*(?!data:)([a-z][a-z0-9+.-]*:|//)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(url\()?\s*['"]?\s*(https?:|//)""", re.I)


def own_hosts() -> set[str]:
    return {urlsplit(base_url()).netloc}


def foreign(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "data") and not url.strip().startswith("//"):
        return False
    return parts.netloc not in own_hosts()


def test_no_page_loads_anything_from_another_host(pages):
    offending = []
    for name, page in pages.items():
        for tag, attributes in page.tags:
            for attribute in FETCHING.get(tag, ()):
                value = attributes.get(attribute)
                if not value:
                    continue
                urls = (
                    [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
                )
                offending += [f"{name}: <{tag} {attribute}={url!r}>" for url in urls if foreign(url)]
        for style in page.style_text:
            if CSS_URL.search(style) or CSS_IMPORT.search(style):
                offending.append(f"{name}: style {style[:80]!r}")
    assert offending == []


def test_no_stylesheet_loads_from_another_host(built_site):
    stylesheets = sorted(built_site.rglob("*.css"))
    assert stylesheets
    offending = [
        f"{path.relative_to(built_site)}: {match.group(0)}"
        for path in stylesheets
        for match in list(CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")))
        + list(CSS_IMPORT.finditer(path.read_text(encoding="utf-8", errors="replace")))
    ]
    assert offending == []


def test_no_web_fonts_from_a_font_service(built_site):
    for path in [*html_files(built_site), *built_site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for host in (
            "fonts.googleapis.com",
            "fonts.gstatic.com",
            "use.typekit",
            "fonts.bunny.net",
            "cdn.jsdelivr",
            "unpkg.com",
            "cdnjs.",
        ):
            assert host not in text, f"{path.relative_to(built_site)} names {host}"


def test_the_host_check_would_see_a_cdn():
    assert foreign("https://cdn.example.com/x.js")
    assert foreign("//fonts.googleapis.com/css")
    assert not foreign("../assets/registre/registre.css")
    assert not foreign(base_url() + "conventions/")
    assert CSS_URL.search("src: url('https://fonts.gstatic.com/x.woff2')")
    assert not CSS_URL.search("background: url(data:image/svg+xml;base64,AAA)")
    assert not CSS_URL.search("background: url(../img/x.svg)")


# --- internal links and anchors ----------------------------------------------


LINKING = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "form": "action",
    "iframe": "src",
    "source": "src",
    "area": "href",
}


def target_file(site: Path, path: str) -> Path | None:
    """The file a URL path is served from (directory URLs serve their index.html)."""
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path, pages: dict[str, Page]) -> list[str]:
    broken = []
    own = own_hosts()
    base_path = urlsplit(base_url()).path
    for name, page in pages.items():
        for tag, attributes in page.tags:
            attribute = LINKING.get(tag)
            value = attributes.get(attribute) if attribute else None
            if value is None:
                continue
            value = value.strip()
            if not value or value.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            parts = urlsplit(value)
            if value.startswith("//"):
                # A protocol-relative URL names a host: "//mentions-legales/" is `{{ base_url }}/…` gone wrong.
                broken.append(f"{name}: <{tag} {attribute}={value!r}> names the host {parts.netloc!r}")
                continue
            if parts.scheme in ("http", "https"):
                if parts.netloc not in own:
                    continue  # a link to another site: allowed as <a href>, checked elsewhere for resources
                path = "/" + parts.path[len(base_path) :] if parts.path.startswith(base_path) else parts.path
                resolved = urlsplit(urljoin(LOCAL, path.lstrip("/")) + ("#" + parts.fragment if parts.fragment else ""))
            else:
                resolved = urlsplit(urljoin(LOCAL + name, value))
            target = target_file(site, resolved.path)
            if target is None:
                broken.append(f"{name}: <{tag} {attribute}={value!r}> -> {resolved.path} does not exist")
                continue
            fragment = unquote(resolved.fragment)
            if fragment and fragment != "top":
                relative = target.relative_to(site).as_posix()
                target_page = pages.get(relative)
                if target_page is None or fragment not in target_page.ids:
                    broken.append(f"{name}: <{tag} {attribute}={value!r}> -> no element #{fragment} in {relative}")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site, pages):
    broken = broken_links(built_site, pages)
    assert broken == [], "\n".join(broken)


def test_link_checker_sees_a_broken_link_and_a_broken_anchor(built_site, pages):
    fake = dict(pages)
    fake["conventions/essai/index.html"] = Page(
        '<html lang="fr"><body><a href="../smica-severac-2026cv4/#article-99">x</a>'
        '<a href="../absente/">y</a><a href="../smica-severac-2026cv4/#article-1">z</a>'
        '<a href="//mentions-legales/">w</a></body></html>'
    )
    broken = [line for line in broken_links(built_site, fake) if line.startswith("conventions/essai/")]
    assert len(broken) == 3
    assert "no element #article-99" in broken[0]
    assert "conventions/absente/ does not exist" in broken[1]
    assert "names the host 'mentions-legales'" in broken[2]


def test_each_article_has_an_anchor_on_the_convention_page(pages):
    for convention in conventions():
        page = pages[f"conventions/{convention['id']}/index.html"]
        for article in convention["articles"]:
            assert f"article-{article['number'].lower()}" in page.ids


# --- personal data -----------------------------------------------------------


def readable_texts(site: Path):
    """Every file of the site as text, gzip-compressed ones (Pagefind fragments and indexes, sitemap) decompressed."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path, data.decode("utf-8", errors="ignore")
        if data[:2] == b"\x1f\x8b":
            yield path, gzip.decompress(data).decode("utf-8", errors="ignore")


def personal_data_patterns() -> dict[str, re.Pattern]:
    referent = load_yaml(CONTENT / "conventions" / "tarn-et-garonne-deux-rives.yaml")["referent"]
    assert referent["publish"] is False
    assert (referent["name"], referent["phone"], referent["email"]) == (
        "DAVID ALLARD",
        "05 63 29 92 37",
        "DAVID.ALLARD@CC-DEUXRIVES.FR",
    )
    digits = re.sub(r"\D", "", referent["phone"])
    first, last = referent["name"].split()
    return {
        "name": re.compile(rf"{first}\W{{1,12}}{last}", re.I),
        "surname": re.compile(rf"\b{last}\b", re.I),
        # 05 63 29 92 37, 05.63.29.92.37, 0563299237, 05&nbsp;63…, +33 5 63 29 92 37
        "phone": re.compile(r"\D{0,6}".join(digits[1:]), re.I),
        "email": re.compile(re.escape(referent["email"]), re.I),
        "email user": re.compile(re.escape(referent["email"].split("@")[0]), re.I),
    }


def test_the_referent_appears_nowhere_in_the_site(built_site):
    patterns = personal_data_patterns()
    found = []
    compressed = 0
    for path, text in readable_texts(built_site):
        compressed += path.suffix == ".pf_fragment"
        found += [
            f"{path.relative_to(built_site)}: {kind}" for kind, pattern in patterns.items() if pattern.search(text)
        ]
    assert compressed, "no Pagefind fragment was searched"
    assert found == []


def test_personal_data_patterns_find_the_referent_in_the_source():
    """The patterns are not blind: they find every value in the (unpublished) signed document."""
    source = (CONTENT / "sources" / "tarn-et-garonne-deux-rives.txt").read_text(encoding="utf-8")
    for kind, pattern in personal_data_patterns().items():
        assert pattern.search(source), kind
    assert personal_data_patterns()["phone"].search("tel. +33 5 63 29 92 37")


def test_pagefind_fragments_are_searched_decompressed(built_site):
    fragments = sorted((built_site / "pagefind").rglob("*.pf_fragment"))
    assert fragments
    texts = [gzip.decompress(path.read_bytes()).decode("utf-8", errors="ignore") for path in fragments]
    assert any("résiliation" in text for text in texts)
    assert any(MASK in text for text in texts)


def test_the_referent_is_masked_on_the_convention_page(pages):
    for name in (
        "conventions/tarn-et-garonne-deux-rives/index.html",
        "conventions/tarn-et-garonne-deux-rives/article-3/index.html",
    ):
        text = " ".join(pages[name].all_text.split())  # any space, non-breaking ones included
        assert f"PRENOM / NOM : {MASK}" in text
        assert f"TEL : {MASK}" in text
        assert f"MAIL : {MASK}" in text
        assert "FONCTION : DIRECTEUR DU SERVICE INFORMATIQUE" in text


def test_source_document_with_personal_data_is_not_published(built_site):
    assert not (built_site / "conventions" / "tarn-et-garonne-deux-rives" / "document-source.txt").exists()


# --- escaping ----------------------------------------------------------------


INJECTED = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """A copy of the project whose article 6 of 2026CV4 holds a <script>, built without the search index.
    The source document says so too, with its new hash: the text is transcribed word for word."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("injected") / "project")
    convention, source = "content/conventions/smica-severac-2026cv4.yaml", "content/sources/2026cv4.txt"
    sentence = "relèvera de la compétence du Tribunal Administratif de Toulouse."
    replace_in(project, convention, sentence, f"{sentence} Voir {INJECTED} & <b>ceci</b>.")
    old_digest = hashlib.sha256((project / source).read_bytes()).hexdigest()
    replace_in(
        project,
        source,
        "du Tribunal Administratif de Toulouse.",
        f"du Tribunal Administratif de Toulouse. Voir {INJECTED} & <b>ceci</b>.",
    )
    replace_in(project, convention, old_digest, hashlib.sha256((project / source).read_bytes()).hexdigest())
    replace_in(project, "mkdocs.yml", "  - registre\n", "  - registre:\n      search: false\n")
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    return site


def test_script_in_a_clause_shows_as_text(injected_site):
    html = (injected_site / "conventions" / "smica-severac-2026cv4" / "article-6" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    assert f"Voir {INJECTED} & <b>ceci</b>." in page.all_text
    assert not any(tag == "b" for tag, _ in page.tags)


def test_script_in_a_clause_never_runs_anywhere(injected_site):
    shown = 0
    for path in injected_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path.relative_to(injected_site)
        shown += "&lt;script&gt;alert(1)" in html
    assert shown >= 2  # the article page and the convention's full text
