"""French presentation of dates, amounts and periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator.register.models import Period
from generator.wording import french_date

__all__ = ["day_month", "euros", "french_date", "period", "short_date"]

NBSP = "\u00a0"
NNBSP = "\u202f"


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
