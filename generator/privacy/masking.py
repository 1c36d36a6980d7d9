"""Keep personal data out of the site: find contact details in text, mask those not to be published."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel

from generator.register import models

MASK = "[donnée personnelle occultée]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d+])(?:\+33[\s.\-]?(?:\(0\)[\s.\-]?)?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\d)")


def digits(phone: str) -> str:
    """National digits of a French number: `+33 5 63 29 92 37` -> `0563299237`."""
    raw = re.sub(r"\D", "", phone.replace("(0)", ""))
    return "0" + raw[2:] if raw.startswith("33") and len(raw) == 11 else raw


@dataclass(frozen=True)
class Found:
    kind: str  # "e-mail" or "téléphone"
    value: str
    offset: int = field(default=0, compare=False)


def find_contact_details(text: str) -> list[Found]:
    """E-mail addresses and French phone numbers written in `text`."""
    # No address without an "@": skip that scan, slow on long texts (a large register has many of them).
    emails = EMAIL.finditer(text) if "@" in text else ()
    return [Found("e-mail", match.group(), match.start()) for match in emails] + [
        Found("téléphone", match.group(), match.start()) for match in PHONE.finditer(text)
    ]


@dataclass(frozen=True)
class Allowed:
    """Functional addresses and numbers that may be published."""

    emails: frozenset[str]
    phones: frozenset[str]

    @classmethod
    def of(cls, emails: list[str], phones: list[str]) -> Allowed:
        return cls(frozenset(email.lower() for email in emails), frozenset(digits(phone) for phone in phones))

    def allows(self, found: Found) -> bool:
        if found.kind == "e-mail":
            return found.value.lower() in self.emails
        return digits(found.value) in self.phones


@dataclass(frozen=True)
class Masker:
    """Replaces the given private values (names, e-mails, phones) by `MASK` wherever they are written."""

    words: tuple[str, ...]
    phones: frozenset[str]

    @classmethod
    def for_contacts(cls, contacts: list[models.Contact]) -> Masker:
        private = [contact for contact in contacts if not contact.publish]
        words = [value for contact in private for value in (contact.name, contact.email) if value]
        phones = frozenset(digits(contact.phone) for contact in private if contact.phone)
        return cls(tuple(sorted(words, key=len, reverse=True)), phones)

    def __call__(self, text: str) -> str:
        for word in self.words:
            text = re.sub(re.escape(word), MASK, text, flags=re.IGNORECASE)
        if self.phones:
            text = PHONE.sub(lambda match: MASK if digits(match.group()) in self.phones else match.group(), text)
        return text

    @property
    def masks_anything(self) -> bool:
        return bool(self.words or self.phones)


def published_contact(contact: models.Contact) -> models.Contact:
    """What the site shows of a contact: all of it when `publish` says so, otherwise its function only."""
    return contact if contact.publish else models.Contact(function=contact.function)


def organisation_masker(organisation: models.Organisation) -> Masker:
    """Masks the name, phone and e-mail of the organisation's unpublished contacts."""
    return Masker.for_contacts(organisation.contacts)


def named_organisations(
    convention: models.Convention, organisations: Mapping[str, models.Organisation]
) -> list[models.Organisation]:
    """The organisations the convention names: its parties, then its providers (those of `organisations`)."""
    identifiers = dict.fromkeys([party.organisation for party in convention.parties] + convention.providers)
    return [organisations[identifier] for identifier in identifiers if identifier in organisations]


def convention_masker(convention: models.Convention, organisations: Iterable[models.Organisation] = ()) -> Masker:
    """Masks the convention's unpublished referent and the unpublished contacts of `organisations` (the
    organisations it names, see `named_organisations`)."""
    contacts = [convention.referent] if convention.referent else []
    contacts += [contact for organisation in organisations for contact in organisation.contacts]
    return Masker.for_contacts(contacts)


def masked_copy(value, masker: Masker):
    """`value` (a model, list, mapping or string) with `masker` applied to every string in it."""
    if isinstance(value, str):
        return masker(value)
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={name: masked_copy(getattr(value, name), masker) for name in type(value).model_fields}
        )
    if isinstance(value, list):
        return [masked_copy(item, masker) for item in value]
    if isinstance(value, dict):
        return {key: masked_copy(item, masker) for key, item in value.items()}
    return value


def masked_convention(
    convention: models.Convention, organisations: Iterable[models.Organisation] = ()
) -> models.Convention:
    """The convention as published: private contact details (its referent's, and those of the unpublished
    contacts of `organisations`, the organisations it names) masked in every text, its source reference intact.

    The convention itself when its source document may be published as is: it has no unpublished referent
    (whom the document names) and its text names none of the organisations' unpublished contacts."""
    masker = convention_masker(convention, organisations)
    if not masker.masks_anything:
        return convention
    masked = masked_copy(convention, masker).model_copy(update={"source": convention.source})
    if masked == convention and not convention_masker(convention).masks_anything:
        return convention
    return masked


def masked_organisation(organisation: models.Organisation) -> models.Organisation:
    """The organisation as published: each contact as `published_contact` shows it, the name, phone and e-mail
    of its unpublished contacts masked in every other text (address...), its id intact."""
    shown = organisation.model_copy(update={"contacts": [published_contact(c) for c in organisation.contacts]})
    masker = organisation_masker(organisation)
    if not masker.masks_anything:
        return shown
    return masked_copy(shown, masker).model_copy(update={"id": organisation.id})


def published_strings(model: BaseModel, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string of `model` that the site shows, with its field path: of a contact (a convention's referent,
    an organisation's contacts), what `published_contact` shows."""
    if isinstance(model, models.Contact) and not model.publish:
        model = published_contact(model)
    found = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        found += _strings(value, path + (name,))
    return found


def _strings(value: object, path: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, BaseModel):
        return published_strings(value, path)
    if isinstance(value, (list, tuple)):
        return [item for index, element in enumerate(value) for item in _strings(element, path + (index,))]
    if isinstance(value, dict):
        return [item for key, element in value.items() for item in _strings(element, path + (key,))]
    return []
