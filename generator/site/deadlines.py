"""/echeances/: every end date and notice deadline of the register, as a page and an iCalendar file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from generator.site import urls
from generator.site.paging import DEADLINES_PER_PAGE, paginate
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData

PAGE = urls.deadlines()
CALENDAR = urls.deadlines_calendar()


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: str
    """« Fin » or « Date limite de préavis »."""
    convention_id: str
    scope: str
    """« la convention » or « l’annexe 2 »."""
    detail: str
    convention_name: str
    """The convention's name as its page's title gives it."""

    @property
    def title(self) -> str:
        """« Fin (l’annexe 2) »."""
        return f"{self.kind} ({self.scope})"

    @property
    def calendar_summary(self) -> str:
        """« Fin (la convention) : 2026CV4 — Bouquet de services numériques »."""
        return f"{self.title} : {self.convention_name}"

    @property
    def uid(self) -> str:
        slug = "fin" if self.kind == "Fin" else "preavis"
        return f"{self.convention_id}-{self.scope_slug}-{slug}-{self.date.isoformat()}"

    @property
    def scope_slug(self) -> str:
        return "convention" if self.scope == "la convention" else self.scope.split()[-1].replace("’", "")


def collect_deadlines(data: SiteData) -> list[Deadline]:
    """Upcoming deadlines (on or after the build date), soonest first."""
    found = []
    for view in data.conventions.values():
        terms = [("la convention", view.facts.convention, view.convention.termination)]
        terms += [
            (f"l’annexe {annex.number}", view.facts.annexes[annex.number], annex.termination)
            for annex in view.convention.annexes
            if annex.number in view.facts.annexes
        ]
        for scope, facts, rule in terms:
            if facts.final_end and facts.final_end >= data.as_of:
                found.append(
                    Deadline(facts.final_end, "Fin", view.id, scope, "terme de la durée prévue", view.display_name)
                )
            if rule is not None and rule.kind == "before_anniversary" and facts.notice_deadline:
                effect = cast(dt.date, facts.notice_effect)  # derive sets it with the deadline
                found.append(
                    Deadline(
                        facts.notice_deadline,
                        "Date limite de préavis",
                        view.id,
                        scope,
                        f"pour une résiliation au {effect.strftime('%d/%m/%Y')}",
                        view.display_name,
                    )
                )
        latest = view.latest_notice
        if latest and latest >= data.as_of:
            found.append(
                Deadline(
                    latest,
                    "Date limite de préavis",
                    view.id,
                    "la convention",
                    "pour mettre fin à la convention avant son terme",
                    view.display_name,
                )
            )
    return sorted(found, key=lambda deadline: (deadline.date, deadline.convention_id, deadline.uid))


def deadline_pages(data: SiteData) -> list[PageSpec]:
    deadlines = collect_deadlines(data)
    pages = paginate(urls.folder(PAGE), "deadlines.md.j2", {}, "deadlines", deadlines, DEADLINES_PER_PAGE)
    return pages + [PageSpec(CALENDAR, "calendar.ics.j2", {"deadlines": deadlines}, newline="\r\n")]
