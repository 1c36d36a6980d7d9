"""Which pages the site has, and what each one shows. One function per kind of page."""

from __future__ import annotations

from itertools import islice

from .deadlines import deadline_pages
from .open_data import open_data_pages
from .privacy_pages import privacy_pages
from .render import PageSpec
from .sitedata import ConventionView, SiteData

#: how many clauses of the same kind an article page lists before linking to the topic page
RELATED_CLAUSES_SHOWN = 5


def all_pages(data: SiteData) -> list[PageSpec]:
    """Every generated file, from every producer."""
    producers = [core_pages, deadline_pages, open_data_pages, privacy_pages]
    return [spec for producer in producers for spec in producer(data)]


def core_pages(data: SiteData) -> list[PageSpec]:
    pages = [
        PageSpec("index.md", "home.md.j2"),
        PageSpec("conventions/index.md", "conventions.md.j2"),
        PageSpec("clauses/index.md", "topics.md.j2"),
        PageSpec("organisations/index.md", "organisations.md.j2"),
        PageSpec("services/index.md", "services.md.j2"),
        PageSpec("recherche/index.md", "search.md.j2"),
        PageSpec("mentions-legales/index.md", "legal.md.j2"),
        PageSpec("accessibilite/index.md", "accessibility.md.j2"),
    ]
    for view in data.conventions.values():
        pages += convention_pages(data, view)
    for topic in data.topics_in_order():
        pages.append(PageSpec(f"clauses/{topic.id}/index.md", "topic.md.j2",
                              {"topic": topic, "clauses": data.clauses_by_topic.get(topic.id, [])}))
    for organisation in data.register.items("organisations"):
        pages.append(PageSpec(f"organisations/{organisation.id}/index.md", "organisation.md.j2",
                              {"organisation": organisation,
                               "conventions": _views(data, data.conventions_by_organisation.get(organisation.id, [])),
                               "provided": [s for s in data.register.items("services")
                                            if s.provider == organisation.id]}))
    for service in data.register.items("services"):
        pages.append(PageSpec(f"services/{service.id}/index.md", "service.md.j2",
                              {"service": service,
                               "conventions": _views(data, data.conventions_by_service.get(service.id, [])),
                               "tariff_ids": data.tariffs_by_service.get(service.id, []),
                               "notice_ids": data.notices_by_service.get(service.id, [])}))
    return pages


def convention_pages(data: SiteData, view: ConventionView) -> list[PageSpec]:
    pages = [PageSpec(view.src, "convention.md.j2", {"view": view})]
    clauses = view.clauses
    for index, clause in enumerate(clauses):
        related = {
            topic: list(islice((other for other in data.clauses_by_topic.get(topic, [])
                                if other.convention_id != view.id), RELATED_CLAUSES_SHOWN))
            for topic in clause.article.topics
        }
        pages.append(PageSpec(clause.src, "article.md.j2", {
            "view": view,
            "clause": clause,
            "previous": clauses[index - 1] if index else None,
            "next": clauses[index + 1] if index + 1 < len(clauses) else None,
            "related": related,
        }))
    return pages


def _views(data: SiteData, convention_ids: list[str]) -> list[ConventionView]:
    return [data.conventions[identifier] for identifier in convention_ids]
