"""The date of each page's last change, read from the data, for the sitemap's `lastmod`.

A convention's pages change when the convention does: its signature, its entry into force, an avenant's
signature, entry into force or publication, a termination notified, its own publication dates. A privacy
notice's page changes when it is published, updated or reviewed. A date after the build date (an avenant
that comes into force later) is not a change yet: the page's date is then the build date. Pages the data
does not date keep the build date MkDocs writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.register import models
from generator.register.clauses import Clause
from generator.site import urls
from generator.site.links import page_url
from generator.site.sitedata import ConventionView, SiteData


def page_dates(data: SiteData) -> dict[str, dt.date]:
    """{absolute page URL, as the sitemap writes it: date of its last change}; one pass over the register."""
    dates: dict[str, dt.date] = {}
    for view in data.conventions.values():
        day = _latest(_convention_days(view), data.as_of)
        if day is None:
            continue
        for src in _convention_srcs(view):
            dates[data.config.base_url + page_url(src)] = day
    for notice in data.register.items("notices"):
        day = _latest([notice.last_reviewed, *_publication_days(notice.publication)], data.as_of)
        if day is not None:
            dates[data.config.base_url + page_url(urls.notice(notice.id))] = day
    return dates


def _convention_days(view: ConventionView) -> list[dt.date | None]:
    convention = view.history.convention
    days = [convention.signature.date, convention.entry_into_force.date, *_publication_days(convention.publication)]
    for act in convention.amendments:
        days += [act.signature.date, act.in_force_from, *_publication_days(act.publication)]
    if view.convention.terminated is not None:
        days.append(view.convention.terminated.notified)
    return days


def _convention_srcs(view: ConventionView) -> list[str]:
    """The convention's page, its articles' pages, and once amended its versions' pages."""
    srcs = [view.src, *(Clause(view.id, state.key[0], state.article).src for state in view.version.states)]
    if view.history.amended:
        srcs.append(view.versions_src)
        srcs += [urls.version(view.id, version.slug) for version in view.history.versions]
    return srcs


def _publication_days(publication: models.Publication | None) -> list[dt.date | None]:
    return [publication.first, publication.last] if publication else []


def _latest(days: Iterable[dt.date | None], as_of: dt.date) -> dt.date | None:
    """The latest of `days` that is not after `as_of`."""
    return max((day for day in days if day is not None and day <= as_of), default=None)
