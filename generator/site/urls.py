"""Where every generated file lives: its source path as MkDocs sees it (`organisations/<id>/index.md`).

The one place that knows the site's addresses. Python code and templates (as `urls`) take every link
target from here, and `links` turns a source path into a relative link or a URL.
"""

from __future__ import annotations

INDEX = "index.md"


def folder(src: str) -> str:
    """The folder a page is the index of: `organisations/x/index.md` -> `organisations/x`."""
    return src.removesuffix(INDEX).rstrip("/")


def list_page(first_page_folder: str, number: int) -> str:
    """The `number`-th page (from 1) of a long list whose first page is the index of `first_page_folder`."""
    if number == 1:
        return f"{first_page_folder}/{INDEX}"
    return f"{first_page_folder}/page/{number}/{INDEX}"


def home() -> str:
    return INDEX


# --- conventions and their articles ----------------------------------------------


def conventions() -> str:
    return f"conventions/{INDEX}"


def convention(convention_id: str) -> str:
    return f"conventions/{convention_id}/{INDEX}"


def article(convention_id: str, slug: str) -> str:
    """An article or annex section on its own page: `conventions/<id>/article-3.md`."""
    return f"conventions/{convention_id}/{slug}.md"


def convention_source(convention_id: str) -> str:
    """The convention's source document, published as it is."""
    return f"conventions/{convention_id}/document-source.txt"


def amendment_source(convention_id: str, number: int) -> str:
    """The source document of the convention's `number`-th avenant (from 1, in the file's order), published
    as it is."""
    return f"conventions/{convention_id}/document-source-avenant-{number}.txt"


def versions(convention_id: str) -> str:
    """The list of a convention's versions: the signed text, then one per avenant."""
    return f"conventions/{convention_id}/versions/{INDEX}"


def version(convention_id: str, slug: str) -> str:
    """A version's permanent page (`version-2026-04-01`): its full text as it stood then."""
    return f"conventions/{convention_id}/{slug}/{INDEX}"


def model(model_id: str) -> str:
    """A convention model's page: its text with the placeholders marked, the conventions signed on it."""
    return f"modeles/{model_id}/{INDEX}"


# --- what the conventions are about ----------------------------------------------


def organisations() -> str:
    return f"organisations/{INDEX}"


def organisation(organisation_id: str) -> str:
    return f"organisations/{organisation_id}/{INDEX}"


def organisation_index() -> str:
    """The JSON index of the organisations that the home page searches (« Trouver ma collectivité »)."""
    return "organisations/index.json"


def organisation_calendar(organisation_id: str) -> str:
    """The iCalendar file of an organisation's conventions' deadlines."""
    return f"organisations/{organisation_id}/echeances.ics"


def services() -> str:
    return f"services/{INDEX}"


def service(service_id: str) -> str:
    return f"services/{service_id}/{INDEX}"


def topics() -> str:
    """The clause types."""
    return f"clauses/{INDEX}"


def topic(topic_id: str) -> str:
    """The clauses of one type, side by side."""
    return f"clauses/{topic_id}/{INDEX}"


# --- tariffs ---------------------------------------------------------------------


def tariffs() -> str:
    return f"tarifs/{INDEX}"


def tariff(tariff_id: str) -> str:
    return f"tarifs/{tariff_id}/{INDEX}"


# --- personal data ---------------------------------------------------------------


def notices() -> str:
    """The DPO's hub: every privacy notice."""
    return f"donnees-personnelles/{INDEX}"


def notice(notice_id: str) -> str:
    return f"donnees-personnelles/{notice_id}/{INDEX}"


def notice_conventions(notice_id: str) -> str:
    """The list of the conventions of a notice shared by too many to name them."""
    return f"donnees-personnelles/{notice_id}/conventions/{INDEX}"


# --- dates: deadlines and changes ------------------------------------------------


def deadlines() -> str:
    return f"echeances/{INDEX}"


def deadlines_calendar() -> str:
    return "echeances/echeances.ics"


def changes() -> str:
    return f"changements/{INDEX}"


def upcoming_changes() -> str:
    return f"changements/a-venir/{INDEX}"


def changes_feed() -> str:
    return "changements/atom.xml"


# --- open data -------------------------------------------------------------------


def open_data() -> str:
    return f"donnees-ouvertes/{INDEX}"


def dataset(name: str, extension: str) -> str:
    """One dataset in one format: `dataset("tarifs", "csv")` -> `donnees-ouvertes/tarifs.csv`."""
    return f"donnees-ouvertes/{name}.{extension}"


def content_schema() -> str:
    """The JSON Schema of the content files, for editors."""
    return "donnees-ouvertes/schema.json"


# --- the site's other pages and files --------------------------------------------


def search() -> str:
    return f"recherche/{INDEX}"


def search_bundle() -> str:
    """The folder of Pagefind's index and scripts."""
    return "pagefind/"


def publications() -> str:
    """The list of the site's publications, each with its manifest (written by the publishing step)."""
    return f"publications/{INDEX}"


def legal() -> str:
    return f"mentions-legales/{INDEX}"


def accessibility() -> str:
    return f"accessibilite/{INDEX}"


def asset(path: str) -> str:
    """A file of templates/assets/, published as it is: `asset("registre/search.js")`."""
    return f"assets/{path}"
