"""The PDF of every published text, read back with pypdf: each convention (and each of its versions), each
privacy notice and the art. 30 record has one, linked from its page with its size; its text is the page's;
it says it is PDF/A-3a, in French, with its title and the data's dates; it is tagged; the personal data the
site occults is not in it; the same data gives the same bytes, and a rebuild makes only what changed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import Project, check
from generator.publishing.pdf import PdfCache, print_documents, published_pdfs, render_pdf, size_text
from generator.publishing.publish import build_site

from conftest import AS_OF, copy_project
from helpers import add_avenants, replace_in
from html_tree import Element, main_content, read_page, resolve

AMENDED = "conventions/smica-severac-2026cv4/"
#: a convention whose article names its private referent (the register occults the name)
WITH_REFERENT = "conventions/tarn-et-garonne-deux-rives/"
NOTICE = "donnees-personnelles/bouquet-services-referents/"
RECORD = "donnees-ouvertes/"
RECORD_PAGE = "donnees-ouvertes/index.md"
#: the private referent's name, as the fixture writes it and as planted in a notice
REFERENT_NAME = ("allard",)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the fixture register, with avenants and the referent's name planted in a notice, built."""
    root = tmp_path_factory.mktemp("pdf")
    project = copy_project(root / "project")
    add_avenants(project)
    replace_in(
        project,
        "content/notices/bouquet-services-referents.yaml",
        "relais d’informations).",
        "relais d’informations), avec David Allard.",
    )
    site = root / "site"
    report = build_site(project / "mkdocs.yml", site)
    assert not report.errors, report.errors
    return project, site


@pytest.fixture(scope="module")
def texts(built) -> dict[Path, str]:
    """Every PDF of the built site, by its path, and its text (read once: pypdf takes its time)."""
    _, site = built
    return {path: pdf_text(PdfReader(path)) for path in sorted(site.rglob("*.pdf"))}


def squeezed(text: str) -> str:
    """Text without its white space, for comparing a page with a PDF whose lines break elsewhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pdf_link(site: Path, page: str) -> tuple[Path, Element]:
    """The PDF a page links to, and the link."""
    link = next((a for a in main_content(read_page(site, page)).iter("a") if "Télécharger le PDF" in a.text), None)
    assert link is not None, f"{page}: no link to its PDF"
    target, _ = resolve(site, page, link.attrs["href"] or "")
    return target, link


#: what a PDF's text has besides the page's: each page's footer, and the list markers, which a PDF draws apart
#: from their item (after the page's text)
FOOTER = re.compile(r"^https?://\S+ Page \d+ sur \d+$")
MARKER = re.compile(r"^\s*([•◦▪‣]|\d+[.)])\s*$")


def pdf_text(reader: PdfReader) -> str:
    """The text of a PDF, without its footers and list markers."""
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    return "\n".join(line for line in lines if not FOOTER.match(line) and not MARKER.match(line))


def own_blocks(page: Element, *tags: str) -> list[str]:
    """The texts of the `tags` elements of a page's text that are not the register's markers."""
    return [
        element.text
        for tag in tags
        for element in page.iter(tag)
        if element.text
        and not any(name.startswith("registre-") for node in (element, *element.ancestors()) for name in node.classes())
    ]


@pytest.mark.parametrize("page", [AMENDED, WITH_REFERENT, NOTICE])
def test_a_page_links_its_pdf_with_its_size(built, page):
    _, site = built
    target, link = pdf_link(site, page)
    assert target.suffix == ".pdf" and target.is_file()
    assert target.read_bytes().startswith(b"%PDF-1.7")
    assert f"PDF/A, {size_text(target.stat().st_size)}" in link.text


@pytest.mark.parametrize("page", [AMENDED, WITH_REFERENT])
def test_a_convention_pdf_holds_its_page_text(built, texts, page):
    _, site = built
    target, _ = pdf_link(site, page)
    text = squeezed(texts[target])
    body = next(div for div in main_content(read_page(site, page)).iter("div") if "data-pagefind-body" in div.attrs)
    blocks = own_blocks(body, "h2", "h3", "p", "li")
    assert len(blocks) > 10
    missing = [block for block in blocks if squeezed(block) not in text]
    assert not missing, f"{page}: not in its PDF: {missing[:3]}"
    # The source document's SHA-256, the page's last (the avenants' documents come before it).
    *_, source = main_content(read_page(site, page)).find_all("code", "registre-hash")
    assert source.text in text
    assert squeezed(f"https://registre.conventions.test/{page}") in text


def test_a_notice_pdf_holds_its_statements(built, texts):
    _, site = built
    target, _ = pdf_link(site, NOTICE)
    text = squeezed(texts[target])
    content = main_content(read_page(site, NOTICE))
    statements = [
        block.removesuffix("(ajout du délégué à la protection des données)")
        for block in own_blocks(content, "li")
        if not block.startswith(("Accueil", "Données personnelles"))
    ]
    assert len(statements) > 5
    missing = [block for block in statements if squeezed(block) not in text]
    assert not missing, f"not in the notice's PDF: {missing[:3]}"


def test_the_versions_and_the_record_have_their_pdf(built, texts):
    _, site = built
    versions = sorted((site / AMENDED).glob("version-*/*.pdf"))
    assert len(versions) == 4
    record = texts[site / RECORD / "registre-des-traitements.pdf"]
    assert "Registre des activités de traitement" in record
    assert "Référents des membres du bouquet de services numériques" in record


def test_every_pdf_is_pdf_a_in_french_tagged_with_its_title_and_dates(built):
    _, site = built
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) == 9  # 2 conventions, 4 versions, 2 notices, the record
    for path in pdfs:
        reader = PdfReader(path)
        xmp = reader.xmp_metadata
        assert xmp is not None, path
        assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "A"), path
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == "fr", path
        assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog, path
        info = reader.metadata
        assert info is not None and info.title and xmp.dc_title == {"x-default": info.title}, path
        assert info.creation_date is not None and info.modification_date is not None, path
        assert info.creation_date <= info.modification_date
        fonts = {
            font["/BaseFont"]
            for page in reader.pages
            for font in (page["/Resources"].get("/Font") or {}).values()
            if "/FontFile2" in font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        }
        assert fonts, f"{path}: its fonts are not embedded"
    page = read_page(site, AMENDED)
    title = page.find("h1")
    reader = PdfReader(pdf_link(site, AMENDED)[0])
    assert title is not None and reader.metadata is not None and reader.metadata.title == title.text
    # The dates are the data's: signed on 17 February 2026, last version in force from 1 October 2026.
    assert reader.metadata.creation_date.date() == dt.date(2026, 2, 17)
    assert reader.metadata.modification_date.date() == dt.date(2026, 10, 1)


def test_no_occulted_personal_data_is_in_a_pdf(built, texts):
    _, site = built
    assert "[donnée personnelle occultée]" in texts[pdf_link(site, WITH_REFERENT)[0]]
    assert "avec [donnée personnelle occultée]" in texts[pdf_link(site, NOTICE)[0]]
    for path, text in texts.items():
        reader = PdfReader(path)
        words = unicodedata.normalize("NFKD", text + str(reader.metadata) + str(reader.xmp_metadata)).casefold()
        for name in REFERENT_NAME:
            assert name not in words, f"{path}: {name}"


def test_the_same_data_gives_the_same_pdf_and_a_rebuild_makes_only_what_changed(built, tmp_path):
    project, site = built
    as_of = dt.date.fromisoformat(AS_OF)
    data = check(Project(project), as_of).data
    assert data is not None
    # Made again from scratch, a PDF is the published one, byte for byte.
    record = next(document for document in print_documents(data, project / "templates") if document.page == RECORD_PAGE)
    assert render_pdf(record.html) == (site / record.src).read_bytes()
    # The build's cache has them all; after one convention's change, only its PDF is made again.
    cached = PdfCache.of_project(project)
    files, _ = published_pdfs(data, project / "templates", cached)
    assert (cached.made, cached.reused) == (0, 9)
    assert all(content == (site / path).read_bytes() for path, content in files.items())
    replace_in(project, "content/conventions/tarn-et-garonne-deux-rives.yaml", "summary: ", "summary: Résumé revu. ")
    changed = check(Project(project), as_of).data
    assert changed is not None
    again, _ = published_pdfs(changed, project / "templates", cached)
    assert (cached.made, cached.reused) == (1, 17)
    differs = [path for path, content in again.items() if content != files[path]]
    assert differs == ["conventions/tarn-et-garonne-deux-rives/tarn-et-garonne-deux-rives.pdf"]
