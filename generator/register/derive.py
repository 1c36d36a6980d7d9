"""Facts the register computes from the data: dates, status, deadlines. Pure functions of (content, as-of date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.register import models
from generator.register.dates import add_period, last_day, next_anniversary_with_notice, subtract_period
from generator.register.versions import text_in_force

STATUS_LABELS = {
    "a-venir": "À venir",
    "en-vigueur": "En vigueur",
    "echue": "Échue",
    "indeterminee": "Dates non déterminées",
}


@dataclass(frozen=True)
class TermFacts:
    """Derived dates of one term (a convention's, or an annex's)."""

    start: dt.date | None
    initial_end: dt.date | None
    final_end: dt.date | None
    status: str
    notice_deadline: dt.date | None
    """Next date by which notice must be given."""
    notice_effect: dt.date | None
    """When a termination notified by that deadline takes effect."""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def term_facts(
    start: dt.date | None, term: models.Term, termination: models.Termination | None, as_of: dt.date
) -> TermFacts:
    start = term.start or start
    initial_end = final_end = None
    if start and term.duration:
        initial_end = last_day(start, term.duration)
        final_end = initial_end
        if term.renewals:
            if term.renewal_period is None:  # the model rejects renewals without their period
                raise ValueError("term: renewals need a renewal_period")
            final_end = add_period(
                initial_end + dt.timedelta(days=1), term.renewal_period, term.renewals
            ) - dt.timedelta(days=1)
    if start is None:
        status = "indeterminee"
    elif as_of < start:
        status = "a-venir"
    elif final_end and as_of > final_end:
        status = "echue"
    else:
        status = "en-vigueur"
    deadline = effect = None
    if termination is not None and status != "echue":
        deadline, effect = _notice(termination, start, final_end, as_of)
    return TermFacts(start, initial_end, final_end, status, deadline, effect)


def _notice(
    rule: models.Termination, start: dt.date | None, end: dt.date | None, as_of: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    if rule.kind == "before_anniversary":
        if rule.anchor is None:  # the model rejects this rule without its anchor
            raise ValueError("before_anniversary needs an anchor date")
        effect, deadline = next_anniversary_with_notice(rule.anchor, rule.notice, as_of)
        if end and effect > end + dt.timedelta(days=1):
            return None, None  # the term ends before that anniversary: no notice left to give
        return deadline, effect
    # any_time: notice given today takes effect after the notice period, unless the term ends first.
    effect = add_period(max(as_of, start) if start else as_of, rule.notice)
    if end and effect > end:
        return None, None
    return (max(as_of, start) if start else as_of), effect


@dataclass(frozen=True)
class ConventionFacts:
    convention: TermFacts
    annexes: dict[str, TermFacts]

    @property
    def status(self) -> str:
        return self.convention.status


def convention_facts(convention: models.Convention, as_of: dt.date) -> ConventionFacts:
    """The facts of `convention` as of `as_of`, read from the text in force that day (`text_in_force`)."""
    start = convention.entry_into_force.date
    text = text_in_force(convention, as_of)
    main = term_facts(start, text.term, text.termination, as_of)
    annexes = {
        annex.number: term_facts(start, annex.term, annex.termination, as_of)
        for annex in text.annexes
        if annex.term is not None
    }
    return ConventionFacts(main, annexes)


def latest_notice_before_end(termination: models.Termination | None, facts: TermFacts) -> dt.date | None:
    """Last day to give notice so that the convention ends before its term (any-time rules only): the last
    day on which `_notice` still gives a deadline, its effect falling on or before the term's last day."""
    if termination is None or termination.kind != "any_time" or facts.final_end is None:
        return None
    # add_period clamps month ends, so it has no exact inverse: step from an estimate to the last good day.
    day = subtract_period(facts.final_end, termination.notice)
    while add_period(day + dt.timedelta(days=1), termination.notice) <= facts.final_end:
        day += dt.timedelta(days=1)
    while add_period(day, termination.notice) > facts.final_end:
        day -= dt.timedelta(days=1)
    return day
