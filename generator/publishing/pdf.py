"""A PDF of every published text: each convention's text in force and each of its versions, each privacy
notice, the record of processing activities (GDPR art. 30).

Each PDF is made from the same data as its page (the `SiteData`, already masked), through a print page of
its own (`templates/pdf/`), by WeasyPrint: PDF/A-3a (archival, tagged for accessibility), its fonts embedded,
nothing fetched (`refuse_remote`). Its dates are the data's (publication dates, versions' dates), never the
clock's, and WeasyPrint derives nothing random: the same data gives the same bytes (`PdfCache` relies on it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
import weasyprint
from markupsafe import Markup, escape
from weasyprint import HTML

from generator.publishing.sanitize import SanitizeExtension
from generator.register.clauses import Clause
from generator.register.versions import Version
from generator.site import urls
from generator.site.links import page_url
from generator.site.privacy_pages import notice_view, processing_record
from generator.site.render import shift_headings
from generator.site.sitedata import ConventionView, SiteData
from generator.site.summary import publication_text
from generator.site.version_pages import (
    DISCLAIMER,
    ClauseEntry,
    act_title,
    annex_entries,
    clause_entries,
    period_text,
    version_entries,
)

#: PDF/A-3, level A: archival, and tagged (a structure tree, the reading order, the language)
PDF_VARIANT = "pdf/a-3a"
#: where the PDFs of earlier builds are kept when REGISTRE_PDF_CACHE does not say, under the project
CACHE_FOLDER = Path(".cache") / "registre-pdf"
TEMPLATE = "document.html.j2"
#: after the source document's description, when the register does not publish it as it is
SOURCE_WITHHELD = "non publié tel quel car il contient des données personnelles, que ce document occulte"
#: the art. 30 record's fields, as its PDF names them (GDPR art. 30(1))
RECORD_LABELS = {
    "id": "Identifiant",
    "responsable": "Responsable du traitement",
    "contact_responsable": "Contact du responsable",
    "contact_dpo": "Délégué à la protection des données",
    "finalites": "Finalités (base légale)",
    "categories_personnes": "Catégories de personnes concernées",
    "categories_donnees": "Catégories de données",
    "destinataires": "Destinataires",
    "transferts_hors_ue": "Transferts hors de l’Union européenne",
    "durees_conservation": "Durées de conservation",
    "mesures_securite": "Mesures de sécurité",
    "conventions": "Conventions",
    "services": "Services",
    "derniere_revue": "Dernière revue",
}


@dataclass(frozen=True)
class PrintSection:
    """A heading and its text (HTML made from the data's Markdown), with its markers."""

    heading: str
    body: Markup
    level: int = 2
    remarks: tuple[str, ...] = ()
    """What the page says above the text: « Rédaction issue de l’avenant n° 1 du … », « Abrogé par … »."""
    notes: tuple[Markup, ...] = ()
    """The register's notes under the text (« Note du registre »), never mixed with it."""


@dataclass(frozen=True)
class PrintDocument:
    """One PDF to make: where it goes in the site, the page that links to it, and its print page."""

    src: str
    page: str
    title: str
    html: str


@dataclass(frozen=True)
class PdfLink:
    """What a page says of its PDF: where it is and its size in words (« 52 ko »)."""

    src: str
    size_text: str


# --- from the data to print pages ----------------------------------------------------


def print_documents(data: SiteData, templates: Path) -> list[PrintDocument]:
    """Every PDF the site publishes, as print pages: per convention its text in force and, when it has
    avenants, each version; per privacy notice; the art. 30 record when the register has notices."""
    environment = _environment(templates)
    documents = []
    for view in data.conventions.values():
        documents.append(_convention_document(environment, data, view, view.version, view.src, _pdf_of(view.src)))
        if view.history.amended:
            for entry in version_entries(view):
                documents.append(
                    _convention_document(environment, data, view, entry.version, entry.src, _pdf_of(entry.src))
                )
    notices = data.register.items("notices")
    for notice in notices:
        documents.append(_notice_document(environment, data, notice))
    if notices:
        documents.append(_record_document(environment, data))
    return documents


def _pdf_of(page_src: str) -> str:
    """`conventions/x/index.md` -> `conventions/x/x.pdf`, `conventions/x/version-2/index.md` ->
    `conventions/x/version-2/x-version-2.pdf`: the PDF next to its page, named after it."""
    folder = urls.folder(page_src)
    return f"{folder}/{'-'.join(folder.split('/')[1:])}.pdf"


def record_pdf() -> str:
    """The art. 30 record's PDF, next to its open data files."""
    return urls.dataset("registre-des-traitements", "pdf")


def _environment(templates: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates / "pdf")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["date"] = _iso
    return environment


def _iso(day: dt.date) -> str:
    return day.isoformat()


def markdown_html(text: str, shift: int = 0) -> Markup:
    """A field written in Markdown, as the page shows it: its HTML escaped first, then Markdown's HTML,
    cleaned by the site's sanitiser."""
    converter = markdown.Markdown(extensions=[SanitizeExtension(), "tables", "def_list"])
    return Markup(converter.convert(str(escape(shift_headings(text, shift) if shift else text))))


def _notes(notes: Iterable) -> tuple[Markup, ...]:
    return tuple(markdown_html(note.text) for note in notes)


def _sections(entries: Iterable[ClauseEntry], level: int) -> list[PrintSection]:
    sections = []
    for entry in entries:
        if entry.abrogation_text:
            sections.append(PrintSection(entry.heading, Markup(""), level))
            continue
        remarks = tuple(text for text in (entry.origin_text, entry.upcoming_text) if text)
        body = markdown_html(entry.clause.text, level - 2)
        sections.append(PrintSection(entry.heading, body, level, remarks, _notes(entry.clause.article.notes)))
    return sections


def _convention_document(
    environment: jinja2.Environment, data: SiteData, view: ConventionView, version: Version, page: str, src: str
) -> PrintDocument:
    convention = version.convention
    entries = clause_entries(view, version)
    sections = _sections([entry for entry in entries if entry.clause.annex is None], 2)
    for annex, annex_sections in annex_entries(version, entries):
        intro = markdown_html(annex.intro) if annex.intro else Markup("")
        sections.append(PrintSection(annex.heading.replace("\n", " — "), intro, 2, notes=_notes(annex.notes)))
        sections += _sections(annex_sections, 3)
    publication = view.history.convention.publication
    known = [day for day in (version.start, convention.signature.date) if day]
    created = publication.first if publication else min(known, default=data.as_of)
    updated = max([created, *(day for day in (publication.last if publication else None, version.start) if day)])
    source = convention.source
    facts = [
        ("Parties", _list(f"{organisation.name} {text}" for organisation, text in view.party_lines)),
        ("Signature", view.signature_text),
        ("Entrée en vigueur", view.entry_into_force_text),
        ("Durée", view.term_text),
    ]
    if view.history.amended:
        facts.append(
            ("Version", f"{act_title(version.act)}, texte {period_text(version.start, version.end, view.as_of)}")
        )
    title = view.display_name if version is view.version else f"{view.display_name} — {act_title(version.act)}"
    html = environment.get_template(TEMPLATE).render(
        kind="Convention",
        title=title,
        summary=markdown_html(convention.summary),
        summary_note="Résumé du registre.",
        facts=facts,
        disclaimer=f"Texte {DISCLAIMER}." if view.history.amended else None,
        preamble=markdown_html(convention.preamble) if convention.preamble else None,
        sections=sections,
        closing=markdown_html(convention.closing) if convention.closing else None,
        notes=_notes(convention.notes),
        source_description=source.description.rstrip(".") + ("" if view.source_published else f" — {SOURCE_WITHHELD}"),
        source_sha256=source.sha256,
        publication=publication_text(publication),
        url=_permanent(data, page),
        created=created,
        updated=updated,
    )
    return PrintDocument(src, page, title, html)


def _list(items: Iterable[str]) -> Markup:
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(item) for item in items))


def _statement(item, sources: dict) -> str:
    """A notice's statement with its origin, as the page gives it: the clause it cites, or « * »."""
    clause: Clause | None = sources.get(item.source) if item.source else None
    return f"{item.text} (source : {clause.label.lower()})" if clause else f"{item.text} *"


def _notice_document(environment: jinja2.Environment, data: SiteData, notice) -> PrintDocument:
    view = notice_view(data, notice)

    def said(items) -> Markup:
        return _list(_statement(item, view.sources) for item in items)

    def one(item) -> Markup:
        return Markup("<p>{}</p>").format(_statement(item, view.sources))

    controller = data.organisation(notice.controller).name
    conventions = (
        ", ".join(data.conventions[identifier].display_name for identifier in notice.conventions)
        if view.names_its_conventions
        else view.conventions_count_text
    )
    services = ", ".join(data.service(identifier).name for identifier in notice.services)
    sections = [
        PrintSection(
            "Qui traite vos données ?",
            _list(
                [
                    f"Responsable du traitement : {controller} — {_statement(notice.controller_contact, view.sources)}",
                    f"Délégué à la protection des données : {_statement(notice.dpo_contact, view.sources)}",
                    f"Dans le cadre de : {conventions}",
                    f"Services concernés : {services or 'aucun en particulier'}",
                ]
            ),
        ),
        PrintSection(
            "Pourquoi ?",
            Markup("<ul>{}</ul>").format(
                Markup("").join(
                    Markup("<li>{} — base légale : {} (qualification du délégué)</li>").format(
                        _statement(purpose, view.sources), purpose.legal_basis
                    )
                    for purpose in notice.purposes
                )
            ),
        ),
        PrintSection("Quelles données ?", said(notice.data_categories)),
        PrintSection("Sur qui ?", said(notice.data_subjects)),
        PrintSection("Fournir ces données est-il obligatoire ?", one(notice.requirement)),
        PrintSection("Qui les reçoit ?", said(notice.recipients) + one(notice.transfers_outside_eu)),
        PrintSection("Combien de temps ?", one(notice.retention)),
        PrintSection("Vos droits", said(notice.rights) + one(notice.complaint) + one(notice.automated_decisions)),
    ]
    if notice.security:
        sections.append(PrintSection("Sécurité", said(notice.security)))
    publication = notice.publication
    created = publication.first if publication else notice.last_reviewed
    updated = max(day for day in (created, notice.last_reviewed, publication.last if publication else None) if day)
    html = environment.get_template(TEMPLATE).render(
        kind="Information sur les données personnelles (RGPD, article 13)",
        title=notice.title,
        summary=None,
        summary_note=None,
        facts=[("Dernière revue par le délégué", notice.last_reviewed)],
        disclaimer="* : ajout du délégué à la protection des données (la convention n’en dit rien).",
        preamble=None,
        sections=sections,
        closing=None,
        notes=(),
        source_description=None,
        source_sha256=None,
        publication=publication_text(publication),
        url=_permanent(data, view.src),
        created=created,
        updated=updated,
    )
    return PrintDocument(_pdf_of(view.src), view.src, notice.title, html)


def _record_document(environment: jinja2.Environment, data: SiteData) -> PrintDocument:
    (record,) = processing_record(data)
    columns = {column.name: column.title or RECORD_LABELS.get(column.name, column.name) for column in record.fields}
    sections = []
    for row in record.rows:
        items = Markup("").join(
            Markup("<dt>{}</dt><dd>{}</dd>").format(columns[name], _list(value) if isinstance(value, list) else value)
            for name, value in row.items()
            if name != "traitement"
        )
        sections.append(PrintSection(str(row["traitement"]), Markup("<dl>{}</dl>").format(items)))
    reviewed = max(notice.last_reviewed for notice in data.register.items("notices"))
    html = environment.get_template(TEMPLATE).render(
        kind="Données personnelles",
        title=record.title,
        summary=Markup("<p>{}</p>").format(record.description),
        summary_note=None,
        facts=[],
        disclaimer=None,
        preamble=None,
        sections=sections,
        closing=None,
        notes=(),
        source_description=None,
        source_sha256=None,
        publication=None,
        url=_permanent(data, urls.open_data()),
        created=reviewed,
        updated=reviewed,
    )
    return PrintDocument(record_pdf(), urls.open_data(), record.title, html)


def _permanent(data: SiteData, src: str) -> str:
    return data.config.base_url.rstrip("/") + "/" + page_url(src)


# --- from print pages to PDFs ----------------------------------------------------------


def refuse_remote(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher: nothing is fetched (the print pages name no resource; fonts are the
    machine's, through fontconfig), so that a PDF never depends on the network."""
    raise ValueError(f"ressource non locale refusée : {url}")


def render_pdf(html: str) -> bytes:
    """The PDF of a print page."""
    return HTML(string=html, url_fetcher=refuse_remote).write_pdf(pdf_variant=PDF_VARIANT)


def engine_version() -> str:
    return weasyprint.__version__


class PdfCache:
    """The PDFs of earlier builds, by a digest of their print page and of the engine: a build makes only the
    PDFs whose page changed. A file is written whole or not at all (a temporary file renamed)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made = 0
        self.reused = 0

    @staticmethod
    def of_project(root: Path) -> PdfCache:
        written = os.environ.get("REGISTRE_PDF_CACHE")
        return PdfCache(Path(written) if written else root / CACHE_FOLDER)

    def pdf(self, html: str) -> bytes:
        key = hashlib.sha256(f"{engine_version()}\n{PDF_VARIANT}\n{html}".encode()).hexdigest()
        path = self.folder / f"{key}.pdf"
        try:
            content = path.read_bytes()
            self.reused += 1
            return content
        except OSError:
            pass
        content = render_pdf(html)
        self.made += 1
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{key}.{os.getpid()}.tmp")
            partial.write_bytes(content)
            os.replace(partial, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower
        return content


def size_text(size: int) -> str:
    """« 52 ko », « 1,3 Mo »: a file's size as French readers write it."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} ko"
    return f"{size / 1000 / 1000:.1f} Mo".replace(".", ",")


def published_pdfs(data: SiteData, templates: Path, cache: PdfCache) -> tuple[dict[str, bytes], dict[str, PdfLink]]:
    """Every PDF of the site, by its path, and each page's link to its PDF, by the page's path."""
    files: dict[str, bytes] = {}
    links: dict[str, PdfLink] = {}
    for document in print_documents(data, templates):
        content = cache.pdf(document.html)
        files[document.src] = content
        links[document.page] = PdfLink(document.src, size_text(len(content)))
    return files, links
