"""What an organisation's staff come to the register for: its dashboard (`/organisations/<id>/`) and, on the
home page, the way to find it (« Trouver ma collectivité »): the list of every organisation of a small register;
for a larger one, a search field over an index of the organisations, a file of its own (`finder_index`) that the
page fetches only once the reader turns to the field, so that the home page keeps the same size.

Pure functions of the site data. The organisation and its conventions are read as published (`SiteData`'s
masked views), the dates as `deadlines` and `derive` compute them; the templates only lay the rows out.
A row's `href` is a page's source path, as `urls` gives it: the template makes it a link from its page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.formatting import french_date
from generator.site import summary, urls
from generator.site.deadlines import Deadline, upcoming
from generator.site.escaping import script_json
from generator.site.links import page_url
from generator.site.render import PageSpec
from generator.site.sitedata import ConventionView, OrganisationView, SiteData
from generator.wording import fold, of_organisation, plural

#: the role of an organisation that delivers a convention's services without signing it
PROVIDER_ROLE = "prestataire"
#: a party whose role has this word is a member authority of the syndicate (« membre bénéficiaire »)
MEMBER_ROLE = re.compile(r"\bmembres?\b", re.IGNORECASE)
#: tariffs a dashboard names before pointing to the list of all tariffs for the others
TARIFFS_SHOWN = 20
#: organisations the home page lists, with a filter; beyond, it searches them in `finder_index`
FINDER_LISTED_UP_TO = 40
#: matching organisations the home page's search shows (collectivites.js)
FINDER_MATCHES_SHOWN = 20


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class ConventionRow:
    """One convention of the organisation, with what is urgent about it."""

    text: str
    href: str
    role: str
    """The role the organisation holds in it (« membre bénéficiaire », « prestataire »)."""
    status: str
    end_cells: list[summary.DatedText]
    next_notice: Deadline | None
    """The next notice deadline still to come, of the convention or of one of its annexes."""
    next_date: dt.date | None
    """Its most urgent date to come: that notice deadline, else its next end."""

    @property
    def next_notice_text(self) -> str:
        """« Préavis à donner avant le 31 octobre 2028 », with the annex it concerns, if any."""
        if self.next_notice is None:
            return "Aucun préavis à venir"
        scope = "" if self.next_notice.scope == "la convention" else f" ({self.next_notice.scope})"
        return f"Préavis à donner avant le {french_date(self.next_notice.date)}{scope}"


@dataclass(frozen=True)
class TariffRow:
    text: str
    href: str
    services: list[Link]
    """The services it prices."""


@dataclass(frozen=True)
class Dashboard:
    organisation: OrganisationView
    conventions: list[ConventionRow]
    """Most urgent first."""
    services: list[Link]
    """The services of its conventions."""
    tariffs: list[TariffRow]
    """The tariffs of its conventions (the first `TARIFFS_SHOWN`, if more)."""
    more_tariffs: int
    """How many more there are."""
    notices: list[Link]
    calendar_href: str
    calendar_deadlines: list[Deadline]
    """Every deadline of its conventions, for its calendar."""

    @property
    def name(self) -> str:
        return self.organisation.short_name or self.organisation.name

    @property
    def of_name(self) -> str:
        """« du SMICA », « de la Communauté de communes des Deux Rives »."""
        return of_organisation(self.name, self.organisation.kind)


def role_in(view: ConventionView, organisation_id: str) -> str:
    """The organisation's roles in the convention, as published: its party roles, else « prestataire »."""
    roles = [party.role for party in view.convention.parties if party.organisation == organisation_id]
    if not roles and organisation_id in view.convention.providers:
        roles = [PROVIDER_ROLE]
    return ", ".join(dict.fromkeys(roles))


def convention_row(
    view: ConventionView, organisation_id: str, deadlines: list[Deadline], as_of: dt.date
) -> ConventionRow:
    """`deadlines` are the convention's (`deadlines.convention_deadlines`)."""
    coming = upcoming(deadlines, as_of)
    notice = next((deadline for deadline in coming if deadline.is_notice), None)
    return ConventionRow(
        text=view.display_name,
        href=view.src,
        role=role_in(view, organisation_id),
        status=view.status_text,
        end_cells=view.end_cells,
        next_notice=notice,
        next_date=notice.date if notice else (coming[0].date if coming else None),
    )


def most_urgent_first(rows: list[ConventionRow]) -> list[ConventionRow]:
    """Soonest date to come first; the conventions with nothing to come last, by name."""
    return sorted(rows, key=lambda row: (row.next_date is None, row.next_date or dt.date.max, row.text))


def service_links(data: SiteData, views: list[ConventionView]) -> list[Link]:
    services = dict.fromkeys(service for view in views for service in view.all_services)
    return [Link(data.service(service).name, urls.service(service)) for service in services]


def tariff_rows(data: SiteData, views: list[ConventionView]) -> list[TariffRow]:
    """The tariffs the conventions set, each with the services it prices."""
    tariffs = dict.fromkeys(tariff for view in views for tariff in data.tariffs_by_convention.get(view.id, []))
    return [
        TariffRow(
            data.tariff(tariff).title,
            urls.tariff(tariff),
            [Link(data.service(service).name, urls.service(service)) for service in data.tariff(tariff).services],
        )
        for tariff in tariffs
    ]


def notice_links(data: SiteData, views: list[ConventionView]) -> list[Link]:
    """The privacy notices of its conventions and of their services."""
    identifiers = dict.fromkeys(notice for view in views for notice in data.notices_by_convention.get(view.id, []))
    for view in views:
        for service in view.all_services:
            identifiers.update(dict.fromkeys(data.notices_by_service.get(service, [])))
    return [Link(data.notice(notice).title, urls.notice(notice)) for notice in identifiers]


def dashboard(data: SiteData, organisation_id: str, deadlines: dict[str, list[Deadline]]) -> Dashboard:
    """`deadlines`: every convention's deadlines, by convention id."""
    views = [data.conventions[identifier] for identifier in data.conventions_by_organisation.get(organisation_id, [])]
    rows = [convention_row(view, organisation_id, deadlines.get(view.id, []), data.as_of) for view in views]
    own = sorted(
        (deadline for view in views for deadline in deadlines.get(view.id, [])),
        key=lambda deadline: (deadline.date, deadline.convention_id, deadline.uid),
    )
    tariffs = tariff_rows(data, views)
    return Dashboard(
        organisation=data.organisation(organisation_id),
        conventions=most_urgent_first(rows),
        services=service_links(data, views),
        tariffs=tariffs[:TARIFFS_SHOWN],
        more_tariffs=max(0, len(tariffs) - TARIFFS_SHOWN),
        notices=notice_links(data, views),
        calendar_href=urls.organisation_calendar(organisation_id),
        calendar_deadlines=own,
    )


# --- « Trouver ma collectivité » ---------------------------------------------------


def search_key(text: str) -> str:
    """`text` as the home page's filter compares it: without accents or case, words separated by one space
    (« Séverac-le-Château » -> « severac le chateau »). collectivites.js normalises what is typed the same way."""
    folded = fold(text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae"))
    return " ".join(word for word in re.split(r"[^a-z0-9]+", folded) if word)


@dataclass(frozen=True)
class FinderEntry:
    text: str
    href: str
    short_name: str | None
    """Its acronym or usual name, when it is not its name in other letter case."""
    kind: str
    key: str
    """What the filter matches: its name and short name, as `search_key` writes them."""


@dataclass(frozen=True)
class FinderGroup:
    title: str
    entries: list[FinderEntry]


@dataclass(frozen=True)
class Finder:
    total: int
    """How many organisations the register has."""
    groups: list[FinderGroup]
    """Every organisation, in groups, when the home page lists them (`listed`); else none."""
    index_href: str
    """The source path of `finder_index`'s file, which the home page searches when it lists none."""
    matches_shown: int = FINDER_MATCHES_SHOWN

    @property
    def listed(self) -> bool:
        return self.total <= FINDER_LISTED_UP_TO

    @property
    def total_text(self) -> str:
        return plural(self.total, "organisation")


def member_authorities(data: SiteData) -> set[str]:
    """The organisations that are a party to a convention as a member (their role says « membre »)."""
    return {
        party.organisation
        for view in data.conventions.values()
        for party in view.convention.parties
        if MEMBER_ROLE.search(party.role)
    }


def finder_entry(organisation: OrganisationView) -> FinderEntry:
    short = organisation.short_name
    if short and fold(short) == fold(organisation.name):
        short = None
    names = organisation.name + (f" {short}" if short else "")
    href = urls.organisation(organisation.id)
    return FinderEntry(organisation.name, href, short, organisation.kind, search_key(names))


def finder_groups(data: SiteData) -> list[FinderGroup]:
    """Every organisation, member authorities first, each group by name."""
    members = member_authorities(data)

    def by_name(organisations: list[OrganisationView]) -> list[FinderEntry]:
        return sorted((finder_entry(organisation) for organisation in organisations), key=lambda found: found.key)

    organisations = list(data.organisations.values())
    groups = [
        FinderGroup("Collectivités membres", by_name([o for o in organisations if o.id in members])),
        FinderGroup("Autres organisations", by_name([o for o in organisations if o.id not in members])),
    ]
    return [group for group in groups if group.entries]


def finder(data: SiteData) -> Finder:
    """What the home page's « Trouver ma collectivité » shows: the list of a small register's organisations,
    else only the search over `finder_index`."""
    total = len(data.organisations)
    groups = finder_groups(data) if total <= FINDER_LISTED_UP_TO else []
    return Finder(total, groups, urls.organisation_index())


def finder_index(data: SiteData) -> list[PageSpec]:
    """The index the home page searches when it lists no organisation: a JSON array, in the order of the
    list (member authorities first, by name), of {name, short_name, kind, url, key}, `url` relative to the
    site's root and `key` as `search_key` writes it. None for a register the home page lists whole."""
    if len(data.organisations) <= FINDER_LISTED_UP_TO:
        return []
    entries = [
        {
            "name": entry.text,
            "short_name": entry.short_name,
            "kind": entry.kind,
            "url": page_url(entry.href),
            "key": entry.key,
        }
        for group in finder_groups(data)
        for entry in group.entries
    ]
    return [PageSpec(urls.organisation_index(), content=str(script_json(entries)) + "\n")]
