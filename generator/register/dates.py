"""Calendar arithmetic for terms and notice periods."""

from __future__ import annotations

import calendar
import datetime as dt

from generator.register.models import Period


def add_period(start: dt.date, period: Period, times: int = 1) -> dt.date:
    """`start` plus `times` periods; a day past a month's end falls on its last day (31 Jan + 1 month = 28/29 Feb)."""
    months = start.month - 1 + times * (12 * period.years + period.months)
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(days=times * period.days)


def subtract_period(end: dt.date, period: Period) -> dt.date:
    """`end` minus `period`, clamped the same way as `add_period`."""
    months = end.month - 1 - (12 * period.years + period.months)
    year, month = end.year + months // 12, months % 12 + 1
    day = min(end.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) - dt.timedelta(days=period.days)


def last_day(start: dt.date, duration: Period, times: int = 1) -> dt.date:
    """Last day of a term of `times` x `duration` that begins on `start` (a 3-year term from 1 Jan 2026 ends
    31 Dec 2028)."""
    return add_period(start, duration, times) - dt.timedelta(days=1)


def anniversary(anchor: dt.date, year: int) -> dt.date:
    """`anchor`'s anniversary in `year` (29 February falls on 28 February in common years)."""
    return dt.date(year, anchor.month, min(anchor.day, calendar.monthrange(year, anchor.month)[1]))


def next_anniversary_with_notice(anchor: dt.date, notice: Period, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first anniversary of `anchor` that notice given on `as_of` can still reach, and its notice deadline."""
    year = max(as_of.year, anchor.year + 1)
    while True:
        date = anniversary(anchor, year)
        deadline = subtract_period(date, notice)
        if deadline >= as_of:
            return date, deadline
        year += 1
