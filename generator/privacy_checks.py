"""Checks that the published text holds no personal contact details and that notices are reviewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .dates import add_period
from .models import Period
from .privacy import Allowed, Masker, convention_masker, find_contact_details, published_strings
from .problems import Problem
from .register import Register
from .site_config import SiteConfig


def check_personal_data(register: Register, config: SiteConfig, as_of: dt.date, content_dir: Path) -> list[Problem]:
    allowed = Allowed.of(config.allowed_emails, config.allowed_phones)
    problems: list[Problem] = []
    for kind in ("organisations", "services", "topics", "conventions", "tariffs", "notices"):
        for entry in getattr(register, kind).values():
            mask = convention_masker(entry.item) if kind == "conventions" else Masker((), frozenset())
            for path, text in published_strings(entry.item):
                if path[:1] == ("source",):
                    continue
                masked = mask(text)
                for found in find_contact_details(masked):
                    if not allowed.allows(found):
                        line = entry.source.text_line(path, masked, found.offset)
                        problems.append(entry.source.problem(path, line=line, message=(
                            f"{found.kind} « {found.value} » would be published: declare the person as a contact "
                            "with publish: false so that it is masked, or list it in site_config/site.yaml "
                            "allowed_emails/allowed_phones if it is functional")))
    for entry in register.conventions.values():
        problems += _check_published_source(entry, content_dir, allowed)
    review = Period(months=config.notice_review_months)
    for entry in register.notices.values():
        due = add_period(entry.item.last_reviewed, review)
        if due < as_of:
            problems.append(entry.source.problem(("last_reviewed",), (
                f"notice last reviewed on {entry.item.last_reviewed.isoformat()}, more than "
                f"{config.notice_review_months} months before {as_of.isoformat()}: review it"), severity="warning"))
    return problems


def _check_published_source(entry, content_dir: Path, allowed: Allowed) -> list[Problem]:
    """A source document is published as is only when nothing in it needs masking: scan it too."""
    convention = entry.item
    if convention_masker(convention).masks_anything:
        return []  # withheld: the page says so and publishes its hash only
    path = content_dir / convention.source.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # validate() reports an unreadable source
    return [entry.source.problem(("source", "file"), (
        f"the source document contains the {found.kind} « {found.value} »: declare its owner as the referent "
        "with publish: false (the document is then withheld), or list it as functional in site_config/site.yaml"))
        for found in find_contact_details(text) if not allowed.allows(found)]
