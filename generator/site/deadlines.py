"""/echeances/: every end date and notice deadline of the register, as a page and an iCalendar file, with
the days an avenant enters into force and the day a termination takes effect.

Every date is read from the text in force on the build date (an avenant that changes the term moves them),
and a notified termination cuts them: no notice deadline after its notification, no end after its effect.
The page lists the deadlines still to come. A calendar keeps every deadline of the conventions' lives,
past ones included, each under a UID that does not change from one build to the next: a subscriber's
agenda never loses an event it already has. Each organisation's page has a calendar of its own
conventions (`organisation_calendar`), built from the same events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from generator.formatting import short_date
from generator.register import models
from generator.register.derive import TermFacts, latest_notice_before_end, term_facts
from generator.site import urls
from generator.site.escaping import IcsText
from generator.site.paging import DEADLINES_PER_PAGE, paginate
from generator.site.render import PageSpec
from generator.site.sitedata import ConventionView, OrganisationView, SiteData
from generator.site.summary import DatedText
from generator.wording import of_organisation, slug

PAGE = urls.deadlines()
CALENDAR = urls.deadlines_calendar()

END = "Fin"
NOTICE = "Date limite de préavis"
TERMINATION = "Prise d’effet de la résiliation"
AMENDMENT = "Entrée en vigueur"

#: each kind's part of a deadline's UID: never changed, or subscribers' agendas would hold an event twice
UID_KINDS = {END: "fin", NOTICE: "preavis", TERMINATION: "resiliation", AMENDMENT: "avenant"}

#: RFC 5545, 3.1: a content line is at most 75 octets, line break excluded
CONTENT_LINE_OCTETS = 75


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: str
    """`END`, `NOTICE`, `TERMINATION` or `AMENDMENT`."""
    convention_id: str
    scope: str
    """« la convention », « l’annexe 2 », or the avenant (« Avenant n° 3 »)."""
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
    def is_notice(self) -> bool:
        return self.kind == NOTICE

    @property
    def uid(self) -> str:
        return f"{self.convention_id}-{self.scope_slug}-{UID_KINDS[self.kind]}-{self.date.isoformat()}"

    @property
    def scope_slug(self) -> str:
        if self.kind == AMENDMENT:
            return slug(self.scope)
        return "convention" if self.scope == "la convention" else self.scope.split()[-1].replace("’", "")


@dataclass(frozen=True)
class _Term:
    """A term that has deadlines: the convention's, or an annex's own."""

    scope: str
    term: models.Term
    rule: models.Termination | None
    facts: TermFacts


def _terms(view: ConventionView) -> list[_Term]:
    convention = view.convention
    terms = [_Term("la convention", convention.term, convention.termination, view.facts.convention)]
    terms += [
        _Term(f"l’annexe {annex.number}", annex.term, annex.termination, view.facts.annexes[annex.number])
        for annex in convention.annexes
        if annex.term is not None and annex.number in view.facts.annexes
    ]
    return terms


def _anniversary_notices(view: ConventionView, term: _Term, as_of: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every (deadline, effect) of a before-anniversary rule over the term, as `derive` gives the next one on
    each day: from the term's start to its end, or, for a term without end, up to the next one after `as_of`."""
    rule = cast(models.Termination, term.rule)
    start = view.convention.entry_into_force.date
    day = term.facts.start or cast(dt.date, rule.anchor)  # the model requires the anchor of this rule
    found: list[tuple[dt.date, dt.date]] = []
    while True:
        facts = term_facts(start, term.term, rule, day)
        if facts.notice_deadline is None:
            return found
        deadline = facts.notice_deadline
        found.append((deadline, cast(dt.date, facts.notice_effect)))  # derive sets it with the deadline
        if term.facts.final_end is None and deadline >= as_of:
            return found
        day = deadline + dt.timedelta(days=1)


def convention_deadlines(view: ConventionView, as_of: dt.date) -> list[Deadline]:
    """Every deadline of one convention's life, past ones included."""
    name = view.display_name
    found = _amendments_in_force(view)
    terminated = view.facts.convention.terminated
    if terminated is not None:
        detail = f"résiliation notifiée le {short_date(terminated.notified)}"
        found.append(Deadline(terminated.effective, TERMINATION, view.id, "la convention", detail, name))
    for term in _terms(view):
        if term.facts.final_end and term.facts.terminated is None:
            found.append(Deadline(term.facts.final_end, END, view.id, term.scope, "terme de la durée prévue", name))
        if term.rule is None:
            continue
        if term.rule.kind == "before_anniversary":
            found += [
                Deadline(
                    deadline,
                    NOTICE,
                    view.id,
                    term.scope,
                    f"pour une résiliation au {effect.strftime('%d/%m/%Y')}",
                    name,
                )
                for deadline, effect in _anniversary_notices(view, term, as_of)
                if terminated is None or deadline <= terminated.notified
            ]
        latest = latest_notice_before_end(term.rule, term.facts)
        if latest:
            detail = f"pour mettre fin à {term.scope} avant son terme"
            found.append(Deadline(latest, NOTICE, view.id, term.scope, detail, name))
    return _soonest_first(found)


def _amendments_in_force(view: ConventionView) -> list[Deadline]:
    """The day each avenant enters into force (`History.versions`: one version per avenant), those to come
    and past ones; none on or after the day a notified termination takes effect."""
    terminated = view.facts.convention.terminated
    return [
        Deadline(version.start, AMENDMENT, view.id, version.act.reference, version.act.summary, view.display_name)
        for version in view.history.versions
        if version.act is not None
        and version.start is not None
        and (terminated is None or version.start < terminated.effective)
    ]


def collect_deadlines(data: SiteData) -> list[Deadline]:
    """Every deadline of the register's conventions' lives, soonest first."""
    views = data.conventions.values()
    return _soonest_first([deadline for view in views for deadline in convention_deadlines(view, data.as_of)])


def next_notice_cells(data: SiteData) -> dict[str, DatedText]:
    """Each convention's next notice deadline still to come, as a table cell: « 31/10/2028 », with the annex
    it is for; « Aucun » when no notice is still to give."""
    cells = {}
    for view in data.conventions.values():
        coming = [d for d in upcoming(convention_deadlines(view, data.as_of), data.as_of) if d.is_notice]
        if not coming:
            cells[view.id] = DatedText(None, "Aucun")
            continue
        notice = coming[0]
        note = "" if notice.scope == "la convention" else f" ({notice.scope})"
        cells[view.id] = DatedText(notice.date, short_date(notice.date), note)
    return cells


def upcoming(deadlines: Iterable[Deadline], as_of: dt.date) -> list[Deadline]:
    """The deadlines on or after `as_of`."""
    return [deadline for deadline in deadlines if deadline.date >= as_of]


def _soonest_first(deadlines: list[Deadline]) -> list[Deadline]:
    return sorted(deadlines, key=lambda deadline: (deadline.date, deadline.convention_id, deadline.uid))


def fold_content_line(line: str) -> str:
    """One iCalendar content line folded (RFC 5545, 3.1): at most 75 octets of UTF-8 per line, each
    continuation line starting with a space, and never a character cut in two."""
    if len(line.encode("utf-8")) <= CONTENT_LINE_OCTETS:
        return line
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > CONTENT_LINE_OCTETS:
            lines.append("".join(current))
            current, size = [" "], 1
        current.append(character)
        size += octets
    lines.append("".join(current))
    return "\n".join(lines)


def fold_calendar(text: str) -> IcsText:
    """A rendered calendar with every content line folded; `\\n` ends lines (written as CRLF)."""
    return IcsText("\n".join(fold_content_line(line) for line in text.split("\n")))


def calendar_spec(src: str, name: str, deadlines: list[Deadline]) -> PageSpec:
    """An iCalendar file named `name` (« Registre des conventions — échéances ») holding `deadlines`."""
    return PageSpec(
        src, "calendar.ics.j2", {"calendar_name": name, "deadlines": deadlines, "fold": fold_calendar}, newline="\r\n"
    )


def organisation_calendar(data: SiteData, organisation: OrganisationView, deadlines: list[Deadline]) -> PageSpec:
    """The calendar of one organisation's conventions: `deadlines` are theirs."""
    whose = of_organisation(organisation.short_name or organisation.name, organisation.kind)
    name = f"{data.config.site_name} — échéances {whose}"
    return calendar_spec(urls.organisation_calendar(organisation.id), name, deadlines)


def deadline_pages(data: SiteData) -> list[PageSpec]:
    deadlines = collect_deadlines(data)
    coming = upcoming(deadlines, data.as_of)
    pages = paginate(urls.folder(PAGE), "deadlines.md.j2", {}, "deadlines", coming, DEADLINES_PER_PAGE)
    return pages + [calendar_spec(CALENDAR, f"{data.config.site_name} — échéances", deadlines)]
