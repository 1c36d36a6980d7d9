"""Facts the register computes from the data: dates, status, deadlines. Pure functions of (content, as-of date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from generator.register import models
from generator.register.dates import add_period, last_day, next_anniversary_with_notice, subtract_period
from generator.register.versions import original_start, text_in_force

#: each status in a word, for a table cell or a description; `generator.site.summary.status_label` says it with
#: its dates (« En vigueur jusqu’au 31 mai 2027 », « Résiliée le 1er juin 2027 »)
STATUS_LABELS = {
    "a-venir": "À venir",
    "en-vigueur": "En vigueur",
    "en-vigueur-jusqu-au": "En vigueur, résiliation notifiée",
    "renouvelee": "Renouvelée",
    "echue": "Échue",
    "resiliee": "Résiliée",
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
    terminated: models.TerminationEvent | None = None
    """The termination that ends this term before its end, once notified (as of the date of the facts)."""
    renewal: int = 0
    """The renewal under way (1 for the first), while the status is « renouvelée »."""
    period_end: dt.date | None = None
    """While renewed: the last day of the renewal under way."""
    term_end: dt.date | None = None
    """The last day the term itself gives (renewals included), whatever a termination says."""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def term_facts(
    start: dt.date | None,
    term: models.Term,
    termination: models.Termination | None,
    as_of: dt.date,
    terminated: models.TerminationEvent | None = None,
) -> TermFacts:
    """The dates and status of a term as of `as_of`. A termination (`terminated`) counts from the day it was
    notified: it ends the term on the day before it takes effect, and leaves no notice to give."""
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
    term_end = final_end
    if terminated is not None and (
        as_of < terminated.notified or (final_end is not None and terminated.effective > final_end)
    ):
        terminated = None  # not notified yet, or taking effect after the term has ended on its own
    if terminated is not None:
        final_end = terminated.effective - dt.timedelta(days=1)
    renewal, period_end = 0, None
    if terminated is not None and as_of >= terminated.effective:
        status = "resiliee"
    elif start is None:
        status = "indeterminee"
    elif as_of < start:
        status = "a-venir"
    elif final_end and as_of > final_end:
        status = "echue"
    elif terminated is not None:
        status = "en-vigueur-jusqu-au"
    elif initial_end and as_of > initial_end:
        status = "renouvelee"
        renewal, period_end = _renewal_under_way(initial_end, cast(models.Period, term.renewal_period), as_of)
    else:
        status = "en-vigueur"
    deadline = effect = None
    if termination is not None and terminated is None and status != "echue":
        deadline, effect = _notice(termination, start, final_end, as_of)
    return TermFacts(start, initial_end, final_end, status, deadline, effect, terminated, renewal, period_end, term_end)


def _renewal_under_way(initial_end: dt.date, renewal_period: models.Period, as_of: dt.date) -> tuple[int, dt.date]:
    """Which renewal `as_of` falls in (1 for the first), and that renewal's last day."""
    renewal = 1
    while (end := last_day(initial_end + dt.timedelta(days=1), renewal_period, renewal)) < as_of:
        renewal += 1
    return renewal, end


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
    start = original_start(convention)
    text = text_in_force(convention, as_of)
    main = term_facts(start, text.term, text.termination, as_of, convention.terminated)
    annexes = {
        annex.number: term_facts(start, annex.term, annex.termination, as_of, convention.terminated)
        for annex in text.annexes
        if annex.term is not None
    }
    return ConventionFacts(main, annexes)


def latest_notice_before_end(termination: models.Termination | None, facts: TermFacts) -> dt.date | None:
    """Last day to give notice so that the convention ends before its term (any-time rules only): the last
    day on which `_notice` still gives a deadline, its effect falling on or before the term's last day."""
    if termination is None or termination.kind != "any_time" or facts.final_end is None or facts.terminated:
        return None
    # add_period clamps month ends, so it has no exact inverse: step from an estimate to the last good day.
    day = subtract_period(facts.final_end, termination.notice)
    while add_period(day + dt.timedelta(days=1), termination.notice) <= facts.final_end:
        day += dt.timedelta(days=1)
    while add_period(day, termination.notice) > facts.final_end:
        day -= dt.timedelta(days=1)
    return day
