"""Which pages the site has, and what each one shows. One function per kind of page."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from generator.register import models
from generator.site import urls
from generator.site.changes import change_pages
from generator.site.clause_comparison import clause_texts, comparison
from generator.site.deadlines import convention_deadlines, deadline_pages, organisation_calendar
from generator.site.descriptions import article_description, convention_description
from generator.site.identity import identity_pages
from generator.site.model_pages import article_deviation, model_pages
from generator.site.open_data import open_data_pages
from generator.site.organisation_pages import dashboard, finder, finder_index
from generator.site.paging import (
    CLAUSES_PER_PAGE,
    CONVENTIONS_PER_PAGE,
    HOME_CONVENTIONS_SHOWN,
    ORGANISATIONS_PER_PAGE,
    paginate,
)
from generator.site.privacy_pages import privacy_pages
from generator.site.render import PageSpec
from generator.site.sitedata import ConventionView, SiteData
from generator.site.tariff_pages import tariff_mentions, tariff_pages
from generator.site.version_pages import (
    DISCLAIMER,
    act_views,
    annex_entries,
    citation_version_text,
    clause_entries,
    version_pages,
    wordings,
)
from generator.wording import of_organisation

#: how many clauses of the same kind an article page lists before linking to the topic page
RELATED_CLAUSES_SHOWN = 5


@dataclass(frozen=True)
class SearchFilter:
    """A filter of the search page."""

    name: str
    """Pagefind's filter name, as the convention pages declare it (`data-pagefind-filter`)."""
    param: str
    """Its parameter in the search page's URL."""
    label: str
    all: str
    """The choice that does not filter."""
    listed_in_page: bool = False
    """Its values are written in the search page rather than read from Pagefind. Pagefind counts the
    results of every value of every filter it has loaded, in time that grows with the number of results
    times the filter's entries; a clause-type filter (a dozen entries per convention) doubles the time of
    a search at 2,000 conventions. Left out of the first load, it is only counted once a reader uses it."""
    anchors_filter: str = ""
    """A Pagefind filter that no search uses, whose values `<value>#<anchor>` give the articles of each value
    on a convention page: the results show the articles of the chosen value. Pagefind returns a page's
    filters with its fragment; metadata would too, but Pagefind matches search words in metadata."""


ORGANISATION_FILTER = "Organisation"
SERVICE_FILTER = "Service"
CLAUSE_TYPE_FILTER = "Type de clause"
CLAUSE_ANCHORS_FILTER = "clause_anchors"
#: a filter that no search uses either: the signature in words, shown with each result
SIGNATURE_TEXT_FILTER = "signature_text"
#: Pagefind's sort key of the convention pages (`data-pagefind-sort`): their signature date
SIGNATURE_SORT = "signature"
#: the sort value of a convention the document leaves undated: before every date, so last of the newest first
#: (Pagefind leaves a page without the key out of a sorted search)
UNDATED = "0000-00-00"

SEARCH_FILTERS = (
    SearchFilter(ORGANISATION_FILTER, "organisation", "Organisation partie", "Toutes les organisations"),
    SearchFilter(SERVICE_FILTER, "service", "Service", "Tous les services"),
    SearchFilter(
        CLAUSE_TYPE_FILTER,
        "clause",
        "Type de clause",
        "Tous les types de clause",
        listed_in_page=True,
        anchors_filter=CLAUSE_ANCHORS_FILTER,
    ),
)


def all_pages(data: SiteData) -> list[PageSpec]:
    """Every generated file, from every producer."""
    producers = [
        core_pages,
        deadline_pages,
        open_data_pages,
        privacy_pages,
        tariff_pages,
        change_pages,
        identity_pages,
        model_pages,
    ]
    return [spec for producer in producers for spec in producer(data)]


@dataclass(frozen=True)
class Count:
    """A number of things the home page tells, linked to the page that lists them."""

    target: str
    number: int
    noun: str
    """What is counted, singular or plural as `number` wants: « convention », « types de clauses »."""


def counted_noun(count: int, singular: str, plural: str) -> str:
    """The noun that follows a number, in French: singular up to 1 (« 0 convention », « 1 convention »)."""
    return plural if count > 1 else singular


def home_counts(data: SiteData) -> list[Count]:
    counted = [
        (urls.conventions(), len(data.conventions), "convention", "conventions"),
        (urls.organisations(), len(data.register.organisations), "organisation", "organisations"),
        (urls.services(), len(data.register.services), "service", "services"),
        (urls.topics(), len(data.register.topics), "type de clauses", "types de clauses"),
    ]
    return [
        Count(target, number, counted_noun(number, singular, plural)) for target, number, singular, plural in counted
    ]


def home_context(data: SiteData) -> dict:
    """The home page leads with the way to find one's own organisation (« Trouver ma collectivité »: the list
    of a small register's organisations, a search for a larger one's), then lists the conventions of a small
    register; a larger one it only counts."""
    return {
        "counts": home_counts(data),
        "lists_all_conventions": len(data.conventions) <= HOME_CONVENTIONS_SHOWN,
        "register_size_text": f"Le registre compte {len(data.conventions)} conventions",
        "finder": finder(data),
    }


def core_pages(data: SiteData) -> list[PageSpec]:
    pages = [
        PageSpec(urls.home(), "home.md.j2", home_context(data)),
        *finder_index(data),
        *paginate(
            urls.folder(urls.conventions()),
            "conventions.md.j2",
            {},
            "conventions",
            data.conventions.values(),
            CONVENTIONS_PER_PAGE,
        ),
        PageSpec(
            urls.topics(),
            "topics.md.j2",
            {
                "rows": [(topic, len(data.clauses_by_topic.get(topic.id, []))) for topic in data.topics_in_order()],
            },
        ),
        *paginate(
            urls.folder(urls.organisations()),
            "organisations.md.j2",
            {},
            "organisations",
            [
                (organisation, len(data.conventions_by_organisation.get(organisation.id, [])))
                for organisation in data.organisations.values()
            ],
            ORGANISATIONS_PER_PAGE,
        ),
        PageSpec(
            urls.services(),
            "services.md.j2",
            {
                "rows": [
                    (service, len(data.conventions_by_service.get(service.id, [])))
                    for service in data.register.items("services")
                ],
            },
        ),
        PageSpec(
            urls.search(),
            "search.md.j2",
            {
                "search_filters": SEARCH_FILTERS,
                "search_sort": SIGNATURE_SORT,
                "signature_filter": SIGNATURE_TEXT_FILTER,
                "listed_values": {
                    CLAUSE_TYPE_FILTER: [
                        topic.label for topic in data.topics_in_order() if topic.id in data.clauses_by_topic
                    ]
                },
            },
        ),
        PageSpec(urls.legal(), "legal.md.j2"),
        PageSpec(urls.accessibility(), "accessibility.md.j2"),
    ]
    for view in data.conventions.values():
        pages += convention_pages(data, view)
    for topic in data.topics_in_order():
        pages += topic_pages(data, topic)
    pages += organisation_pages(data)
    for service in data.register.items("services"):
        pages += paginate(
            urls.folder(urls.service(service.id)),
            "service.md.j2",
            {
                "service": service,
                "tariff_mentions": tariff_mentions(data, data.tariffs_by_service.get(service.id, [])),
                "notice_ids": data.notices_by_service.get(service.id, []),
                "caption": f"Conventions fournissant {service.name}",
            },
            "conventions",
            _views(data, data.conventions_by_service.get(service.id, [])),
            CONVENTIONS_PER_PAGE,
        )
    return pages


def topic_pages(data: SiteData, topic: models.Topic) -> list[PageSpec]:
    """A clause type's pages: each compares the conventions of its clauses, then shows their texts."""
    specs = paginate(
        urls.folder(urls.topic(topic.id)),
        "topic.md.j2",
        {"topic": topic},
        "clauses",
        data.clauses_by_topic.get(topic.id, []),
        CLAUSES_PER_PAGE,
    )
    for spec in specs:
        shown = spec.context["clauses"]
        spec.context["comparison"] = comparison(data, topic, shown)
        spec.context["texts"] = clause_texts(data, shown)
    return specs


def organisation_pages(data: SiteData) -> list[PageSpec]:
    """Each organisation's dashboard (its conventions paginated, most urgent first) and its calendar."""
    deadlines = {view.id: convention_deadlines(view, data.as_of) for view in data.conventions.values()}
    pages = []
    for organisation in data.organisations.values():  # as published: see OrganisationView
        board = dashboard(data, organisation.id, deadlines)
        pages += paginate(
            urls.folder(urls.organisation(organisation.id)),
            "organisation.md.j2",
            {
                "organisation": organisation,
                "dashboard": board,
                "provided": data.services_by_provider.get(organisation.id, []),
                "caption": f"Conventions {of_organisation(board.name, organisation.kind)}, la plus urgente en premier",
            },
            "conventions",
            board.conventions,
            CONVENTIONS_PER_PAGE,
        )
        pages.append(organisation_calendar(data, organisation, board.calendar_deadlines))
    return pages


def convention_pages(data: SiteData, view: ConventionView) -> list[PageSpec]:
    """A convention's page (its text in force on the build date), a page per article, and, once it has
    avenants, its versions (see `version_pages`)."""
    entries = clause_entries(view, view.version)
    pages = [
        PageSpec(
            view.src,
            "convention.md.j2",
            {
                "view": view,
                "search_filters": search_filter_values(data, view),
                "search_sorts": search_sort_values(view),
                "tariff_mentions": tariff_mentions(data, data.tariffs_by_convention.get(view.id, [])),
                "clause_entries": [entry for entry in entries if entry.clause.annex is None],
                "annex_entries": annex_entries(view.version, entries),
                "acts": act_views(data, view) if view.history.amended else [],
                "disclaimer": DISCLAIMER,
            },
            description=convention_description(view),
            conventions=(view.id,),
        )
    ]
    # An abrogated clause keeps its page (a published address never goes away), in its place in the pager.
    for index, entry in enumerate(entries):
        clause = entry.clause
        related = {
            topic: list(
                islice(
                    (other for other in data.clauses_by_topic.get(topic, []) if other.convention_id != view.id),
                    RELATED_CLAUSES_SHOWN,
                )
            )
            for topic in clause.article.topics
        }
        previous = entries[index - 1].clause if index else None
        following = entries[index + 1].clause if index + 1 < len(entries) else None
        pages.append(
            PageSpec(
                clause.src,
                "article.md.j2",
                {
                    "view": view,
                    "clause": clause,
                    "entry": entry,
                    "wordings": wordings(view, entry.state.key) if view.history.amended else [],
                    "citation_version": citation_version_text(view) if view.history.amended else None,
                    "citation_src": urls.version(view.id, view.version.slug),
                    "previous": previous,
                    "next": following,
                    "related": related,
                    "model_deviation": article_deviation(data, view, clause),
                },
                description=article_description(view, clause),
                conventions=(view.id, *sorted({other.convention_id for shown in related.values() for other in shown})),
            )
        )
    return pages + version_pages(data, view)


def search_filter_values(data: SiteData, view: ConventionView) -> list[tuple[str, str]]:
    """The Pagefind filters of a convention page, as (filter, value) pairs: those of the search page, and
    the anchors of its articles by clause type (see `SearchFilter.anchors_filter`)."""
    values = [(ORGANISATION_FILTER, organisation.short_name or organisation.name) for _, organisation in view.parties]
    values += [(SERVICE_FILTER, data.service(service).name) for service in view.convention.services]
    anchors: dict[str, list[str]] = {}
    for clause in view.clauses:
        for topic in clause.article.topics:
            anchors.setdefault(data.topic(topic).label, []).append(clause.slug)
    values += [(CLAUSE_TYPE_FILTER, label) for label in anchors]
    values += [(CLAUSE_ANCHORS_FILTER, f"{label}#{slug}") for label, slugs in anchors.items() for slug in slugs]
    values.append((SIGNATURE_TEXT_FILTER, view.signature_text))
    return values


def search_sort_values(view: ConventionView) -> list[tuple[str, str]]:
    """The Pagefind sort keys of a convention page, as (key, value) pairs: its signature date, in ISO form
    so that the order of the text is that of the dates."""
    date = view.convention.signature.date
    return [(SIGNATURE_SORT, date.isoformat() if date else UNDATED)]


def _views(data: SiteData, convention_ids: list[str]) -> list[ConventionView]:
    return [data.conventions[identifier] for identifier in convention_ids]
