"""Dates as conventions write them: « 17/02/2026 », « 1er janvier 2026 », « 04 12 2023 »."""

from __future__ import annotations

import datetime
import re

from generator.wording import fold

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ],
        1,
    )
}
NUMERIC = r"(?P<d>\d{1,2})(?P<sep>[/.\- ])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
WRITTEN = r"(?P<wd>\d{1,2})(?:er)?\s+(?P<wm>[A-Za-zéèûÉÈÛ]+)\s+(?P<wy>\d{4})"
DATE = re.compile(rf"(?<![\d/])(?:{NUMERIC}|{WRITTEN})(?![\d/])")


def parse(match: re.Match[str]) -> datetime.date | None:
    """The date a match of DATE writes, or None for one that is not a day of the calendar (« 31/02/2026 »)."""
    if match.group("d"):
        day, month, year = int(match.group("d")), int(match.group("m")), int(match.group("y"))
    else:
        month_number = MONTHS.get(fold(match.group("wm")))
        if month_number is None:
            return None
        day, month, year = int(match.group("wd")), month_number, int(match.group("wy"))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> list[tuple[str, datetime.date]]:
    """Every date written in `text`, as written and as a date, in order."""
    found = []
    for match in DATE.finditer(text):
        day = parse(match)
        if day is not None:
            found.append((match.group(0), day))
    return found


def first_date(text: str) -> datetime.date | None:
    found = dates_in(text)
    return found[0][1] if found else None
