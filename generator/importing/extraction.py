"""The text of a signed document, page by page, with its ruled tables kept as tables.

A PDF is read from its text layer (pdfplumber), a ruled grid through pdfplumber's table finder so that its
cells are not jumbled with the text; a DOCX (python-docx) and an ODT (odfpy) paragraph by paragraph, their
tables cell by cell; a text file as it is. Nothing here recognises the convention: that is `segmentation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import RegistreError


@dataclass(frozen=True)
class Table:
    """A ruled table, row by row, each cell's text on one line."""

    rows: list[list[str]]


#: one page: its lines of text, and its tables where they stand between them
Page = list["str | Table"]


@dataclass(frozen=True)
class Extracted:
    pages: list[Page] = field(default_factory=list)
    #: whether the pages are real pages (a PDF), whose first and last lines may be running headers
    paged: bool = False


#: what an unmapped glyph becomes: a bullet, as it nearly always is one; the text keeps a mark in its place
UNMAPPED_BULLET = "\u2022"

FORMATS = {".pdf": "PDF", ".docx": "DOCX", ".odt": "ODT", ".txt": "texte", ".text": "texte"}


def extract(path: Path) -> Extracted:
    """The text and tables of `path`, by its extension; a French error for a file that cannot be read."""
    kind = path.suffix.lower()
    readers = {".pdf": _pdf, ".docx": _docx, ".odt": _odt, ".txt": _text, ".text": _text}
    if kind not in readers:
        raise RegistreError(
            f"{path.name} : format non reconnu ({kind or 'sans extension'}). Donnez un fichier .pdf, .docx, "
            ".odt ou .txt (le texte du document signé)."
        )
    if not path.is_file():
        raise RegistreError(f"{path} : fichier introuvable. Vérifiez le chemin donné à « registre import ».")
    try:
        return readers[kind](path)
    except RegistreError:
        raise
    except Exception as error:  # a damaged file: the libraries raise many kinds of error
        raise RegistreError(
            f"{path.name} : impossible de lire ce fichier {FORMATS[kind]} ({type(error).__name__}). Vérifiez "
            "qu’il s’ouvre, ou enregistrez son texte en .txt (UTF-8) et importez ce fichier."
        ) from None


def _text(path: Path) -> Extracted:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RegistreError(
            f"{path.name} : ce fichier texte n’est pas en UTF-8. Enregistrez-le en UTF-8 puis relancez l’import."
        ) from None
    return Extracted([list(text.splitlines())])


def _cell(text: str | None) -> str:
    return " ".join((text or "").split())


def _pdf(path: Path) -> Extracted:
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(path) as pdf:
        if not pdf.pages:
            raise RegistreError(f"{path.name} : ce PDF n’a aucune page.")
        for pdf_page in pdf.pages:
            left, top, right, bottom = pdf_page.bbox
            page: Page = []
            cursor = top
            for table in sorted(pdf_page.find_tables(), key=lambda found: found.bbox[1]):
                rows = [[_cell(cell) for cell in row] for row in table.extract()]
                if len(rows) < 2 or max(len(row) for row in rows) < 2:
                    continue  # a framed paragraph, not a grid
                if table.bbox[1] > cursor:
                    page += _region_lines(pdf_page.crop((left, cursor, right, table.bbox[1])))
                page.append(Table(rows))
                cursor = max(cursor, table.bbox[3])
            if cursor < bottom:
                page += _region_lines(pdf_page.crop((left, cursor, right, bottom)))
            pages.append(page)
    if not any(isinstance(item, str) and item.strip() for page in pages for item in page):
        raise RegistreError(
            f"{path.name} : ce PDF n’a pas de texte (c’est sans doute une image scannée). Faites-en d’abord la "
            "reconnaissance de caractères, ou importez le texte en .txt."
        )
    return Extracted(pages, paged=True)


#: a glyph the PDF gives no character for (a Wingdings bullet, most often), as pdfminer writes it
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def _region_lines(region) -> list[str | Table]:
    """The region's lines, with a blank line where the space between two lines shows a new paragraph."""
    lines: list[str | Table] = []
    previous = None
    for line in region.extract_text_lines(return_chars=False):
        if previous is not None and line["top"] - previous["bottom"] > 0.6 * (previous["bottom"] - previous["top"]):
            lines.append("")
        lines.append(UNMAPPED_GLYPH.sub(UNMAPPED_BULLET, line["text"]))
        previous = line
    return lines


def _docx(path: Path) -> Extracted:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    page: Page = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            listed = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
            page += [("- " if listed else "") + line for line in (paragraph.text.splitlines() or [""])]
        elif tag == "tbl":
            table = DocxTable(block, document)
            page.append(Table([[_cell(cell.text) for cell in row.cells] for row in table.rows]))
    return Extracted([page])


def _odt(path: Path) -> Extracted:
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load
    from odf.table import TableCell, TableRow

    document = load(str(path))
    page: Page = []

    def walk(node) -> None:
        for child in node.childNodes:
            if child.qname == (TABLENS, "table"):
                rows = [
                    [_cell(teletype.extractText(cell)) for cell in row.getElementsByType(TableCell)]
                    for row in child.getElementsByType(TableRow)
                ]
                page.append(Table(rows))
            elif child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                page.extend(teletype.extractText(child).splitlines() or [""])
            elif child.qname == (TEXTNS, "list-item"):
                for paragraph in child.childNodes:
                    if paragraph.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                        page.append("- " + teletype.extractText(paragraph))
                    elif getattr(paragraph, "childNodes", None):
                        walk(paragraph)
            elif getattr(child, "childNodes", None):
                walk(child)

    walk(document.text)
    return Extracted([page])
