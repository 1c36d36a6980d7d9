"""Checks that the published text holds no personal contact details and that notices are reviewed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.formatting import french_date
from generator.privacy.masking import (
    Allowed,
    Found,
    Masker,
    convention_masker,
    digits,
    find_contact_details,
    masked_convention,
    named_organisations,
    organisation_masker,
    published_strings,
)
from generator.problems import Problem
from generator.register import models
from generator.register.dates import add_period
from generator.register.models import Period
from generator.register.site_config import SiteConfig
from generator.register.store import Register


def check_personal_data(register: Register, config: SiteConfig, as_of: dt.date, content_dir: Path) -> list[Problem]:
    organisations = {identifier: entry.item for identifier, entry in register.organisations.items()}
    # A contact published by decision (publish: true) is declared: its phone and e-mail may be shown.
    published = [contact for contact in _contacts(register) if contact.publish]
    allowed = Allowed.of(
        config.allowed_emails + [contact.email for contact in published if contact.email],
        config.allowed_phones + [contact.phone for contact in published if contact.phone],
    )
    private = _PrivateContacts.of(register)
    problems: list[Problem] = []
    for kind in ("organisations", "services", "topics", "conventions", "tariffs", "notices"):
        for entry in getattr(register, kind).values():
            mask = _masker(kind, entry.item, organisations)
            for path, text in published_strings(entry.item):
                if path[:1] == ("source",):
                    continue
                masked = mask(text)
                for found in find_contact_details(masked):
                    if not allowed.allows(found):
                        line = entry.source.text_line(path, masked, found.offset)
                        owner = private.owner(found)
                        problems.append(
                            entry.source.problem(
                                path,
                                line=line,
                                message=(
                                    _not_masked_here(found, *owner)
                                    if owner
                                    else (
                                        f"Le {_kind(found.kind)} « {found.value} » serait publié. "
                                        f"Si c’est celui d’un agent, {_declaration(kind)} ; s’il est fonctionnel "
                                        "(un standard, une adresse de service), "
                                        f"ajoutez-le à {_allowed_list(found.kind)} dans site_config/site.yaml."
                                    )
                                ),
                            )
                        )
    for entry in register.conventions.values():
        problems += _check_published_source(entry, content_dir, allowed, organisations, private)
    review = Period(months=config.notice_review_months)
    for entry in register.notices.values():
        due = add_period(entry.item.last_reviewed, review)
        if due < as_of:
            problems.append(
                entry.source.problem(
                    ("last_reviewed",),
                    (
                        f"Notice relue pour la dernière fois le {french_date(entry.item.last_reviewed)}, "
                        f"il y a plus de {config.notice_review_months} mois au {french_date(as_of)} : "
                        "faites-la relire par le délégué à la protection des données, puis mettez à jour last_reviewed."
                    ),
                    severity="warning",
                )
            )
    return problems


def _check_published_source(
    entry, content_dir: Path, allowed: Allowed, organisations: dict[str, models.Organisation], private: _PrivateContacts
) -> list[Problem]:
    """A source document is published as is only when nothing in it needs masking: scan it too."""
    convention = entry.item
    named = named_organisations(convention, organisations)
    if masked_convention(convention, named) is not convention:
        return []  # withheld: the page says so and publishes its hash only
    path = content_dir / convention.source.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # validate() reports an unreadable source
    problems = []
    for found in find_contact_details(text):
        if allowed.allows(found):
            continue
        owner = private.owner(found)
        problems.append(
            entry.source.problem(
                ("source", "file"),
                _in_source_only(f"le {_kind(found.kind)}", found.value, *owner)
                if owner
                else (
                    f"Le document source contient le {_kind(found.kind)} « {found.value} ». "
                    "Si c’est celui d’un agent, déclarez-le comme référent de la convention "
                    "(referent, sans publish: true) : le document n’est alors pas publié tel quel, "
                    "seule son empreinte l’est ; s’il est fonctionnel, "
                    f"ajoutez-le à {_allowed_list(found.kind)} dans site_config/site.yaml."
                ),
            )
        )
    # Names escape the scanner: look for those of the unpublished contacts of the organisations it names.
    for organisation in named:
        for contact in organisation.contacts:
            if not contact.publish and contact.name and _written(contact.name, text):
                problems.append(
                    entry.source.problem(
                        ("source", "file"),
                        _in_source_only("le nom", contact.name, private.files[organisation.id], organisation, contact),
                    )
                )
    return problems


def _masker(kind: str, item, organisations: dict[str, models.Organisation]) -> Masker:
    """What the site masks in `item`: a convention's referent and the unpublished contacts of the organisations
    it names; an organisation's own unpublished contacts."""
    if kind == "conventions":
        return convention_masker(item, named_organisations(item, organisations))
    if kind == "organisations":
        return organisation_masker(item)
    return Masker((), frozenset())


def _contacts(register: Register) -> list[models.Contact]:
    """Every declared contact: the organisations' contacts and the conventions' referents."""
    return [contact for organisation in register.items("organisations") for contact in organisation.contacts] + [
        convention.referent for convention in register.items("conventions") if convention.referent
    ]


@dataclass(frozen=True)
class _PrivateContacts:
    """The unpublished contacts of the organisations, by their phone and e-mail."""

    by_value: dict[tuple[str, str], tuple[str, models.Organisation, models.Contact]]
    """(kind, normalised value) -> (file of the organisation, organisation, contact)"""
    files: dict[str, str]
    """Organisation id -> its file."""

    @classmethod
    def of(cls, register: Register) -> _PrivateContacts:
        by_value: dict[tuple[str, str], tuple[str, models.Organisation, models.Contact]] = {}
        files = {}
        for entry in register.organisations.values():
            organisation: models.Organisation = entry.item
            files[organisation.id] = entry.source.file
            for contact in organisation.contacts:
                if contact.publish:
                    continue
                owner = (entry.source.file, organisation, contact)
                if contact.email:
                    by_value.setdefault(("e-mail", contact.email.lower()), owner)
                if contact.phone:
                    by_value.setdefault(("téléphone", digits(contact.phone)), owner)
        return cls(by_value, files)

    def owner(self, found: Found) -> tuple[str, models.Organisation, models.Contact] | None:
        value = found.value.lower() if found.kind == "e-mail" else digits(found.value)
        return self.by_value.get((found.kind, value))


def _contact_words(file: str, organisation: models.Organisation, contact: models.Contact) -> str:
    return (
        f"d’un contact non publié de l’organisation {organisation.short_name or organisation.name} "
        f"(« {contact.function} », dans {file})"
    )


def _not_masked_here(found: Found, file: str, organisation: models.Organisation, contact: models.Contact) -> str:
    return (
        f"Le {_kind(found.kind)} « {found.value} » est celui {_contact_words(file, organisation, contact)} : "
        "il n’est occulté que sur la page de l’organisation et dans les conventions qui la nomment (parties, "
        "prestataires), et serait publié ici. Retirez-le de ce texte ou, si ce contact peut être publié, "
        "ajoutez-lui publish: true."
    )


def _in_source_only(
    what: str, value: str, file: str, organisation: models.Organisation, contact: models.Contact
) -> str:
    return (
        f"Le document source contient {what} « {value} » {_contact_words(file, organisation, contact)}, que le "
        "texte de la convention ne reprend pas : le document serait publié tel quel. Si ce contact peut être "
        "publié, ajoutez-lui publish: true ; sinon, déclarez cette personne comme référent de la convention "
        "(referent, sans publish: true) : le document n’est alors pas publié tel quel, seule son empreinte l’est."
    )


def _written(name: str, text: str) -> bool:
    """Whether `name` is written in `text`, in any case, even across a line break (as the masking finds it)."""
    return re.search(r"\s+".join(re.escape(part) for part in name.split()), text, flags=re.IGNORECASE) is not None


def _declaration(kind: str) -> str:
    """Where a file of `kind` declares a private contact, and where the site then masks its details."""
    if kind == "organisations":
        return (
            "déclarez-le dans les contacts de l’organisation (contacts, sans publish: true) : il est alors "
            "occulté sur sa page et dans les conventions qui la nomment"
        )
    return "déclarez-le dans le référent de la convention (referent, sans publish: true) : il est alors occulté partout"


def _kind(kind: str) -> str:
    return "numéro de téléphone" if kind == "téléphone" else "courriel"


def _allowed_list(kind: str) -> str:
    return "allowed_phones" if kind == "téléphone" else "allowed_emails"
