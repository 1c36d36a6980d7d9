"""French presentation of dates, amounts and periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator.register.models import Period

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
NBSP = "\u00a0"
NNBSP = "\u202f"


def french_date(date: dt.date | None) -> str:
    """`2026-01-01` -> « 1er janvier 2026 »."""
    if date is None:
        return "non renseignée"
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"


def day_month(date: dt.date) -> str:
    """`2022-11-14` -> « 14 novembre » (for yearly anniversaries)."""
    return french_date(date).rsplit(" ", 1)[0]


def short_date(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else "—"


def euros(amount: Decimal) -> str:
    """`Decimal("1130")` -> « 1 130,00 € » (narrow no-break space between thousands)."""
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return f"{sign}{NNBSP.join(groups)},{cents}{NBSP}€"


def period(value: Period) -> str:
    """`Period(months=2)` -> « 2 mois »."""
    parts = []
    if value.years:
        parts.append(f"{value.years} an{'s' if value.years > 1 else ''}")
    if value.months:
        parts.append(f"{value.months} mois")
    if value.days:
        parts.append(f"{value.days} jour{'s' if value.days > 1 else ''}")
    return " et ".join(parts)
