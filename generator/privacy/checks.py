"""Checks that the published text holds no personal contact details and that notices are reviewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.formatting import french_date
from generator.privacy.masking import Allowed, Masker, convention_masker, find_contact_details, published_strings
from generator.problems import Problem
from generator.register.dates import add_period
from generator.register.models import Period
from generator.register.site_config import SiteConfig
from generator.register.store import Register


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
                            f"Le {_kind(found.kind)} « {found.value} » serait publié. Si c’est celui d’un agent, "
                            "déclarez-le dans le référent de la convention (referent, sans publish: true) : il est "
                            "alors occulté partout ; s’il est fonctionnel (un standard, une adresse de service), "
                            f"ajoutez-le à {_allowed_list(found.kind)} dans site_config/site.yaml.")))
    for entry in register.conventions.values():
        problems += _check_published_source(entry, content_dir, allowed)
    review = Period(months=config.notice_review_months)
    for entry in register.notices.values():
        due = add_period(entry.item.last_reviewed, review)
        if due < as_of:
            problems.append(entry.source.problem(("last_reviewed",), (
                f"Notice relue pour la dernière fois le {french_date(entry.item.last_reviewed)}, il y a plus de "
                f"{config.notice_review_months} mois au {french_date(as_of)} : faites-la relire par le délégué à la "
                "protection des données, puis mettez à jour last_reviewed."), severity="warning"))
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
        f"Le document source contient le {_kind(found.kind)} « {found.value} ». Si c’est celui d’un agent, "
        "déclarez-le comme référent de la convention (referent, sans publish: true) : le document n’est alors pas "
        "publié tel quel, seule son empreinte l’est ; s’il est fonctionnel, ajoutez-le à "
        f"{_allowed_list(found.kind)} dans site_config/site.yaml."))
        for found in find_contact_details(text) if not allowed.allows(found)]


def _kind(kind: str) -> str:
    return "numéro de téléphone" if kind == "téléphone" else "courriel"


def _allowed_list(kind: str) -> str:
    return "allowed_phones" if kind == "téléphone" else "allowed_emails"
