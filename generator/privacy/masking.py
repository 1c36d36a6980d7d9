"""Keep personal data out of the site: mask every declared private person wherever the site would show it.

One masker serves the whole register (`register_masker`): every unpublished convention referent and every
unpublished organisation contact is a private person, and the name, phone and e-mail of each is masked in
every text of every published model (`masked_copy`) — organisations, services, topics, conventions,
tariffs, notices and the site config — in whatever written form (`generator.privacy.scanner`).

The checks, the word-for-word comparison and the site data ask the same masker about the same texts: a
masker scans each text once and remembers where its private values are (`Masker.spans`), and the maskers
of the same private persons are one object (`Masker.for_contacts`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.privacy.scanner import EMAIL, Found, PrivateValues, find_contact_details, national_digits
from generator.privacy.scanner import normalised_value as normalised_value
from generator.register import models
from generator.register.store import Entry, Register

__all__ = ["EMAIL", "MASK", "Allowed", "Found", "Masker", "digits", "find_contact_details"]

MASK = "[donnée personnelle occultée]"
#: how many characters of text a masker remembers the spans of (`Masker.spans`) before it starts afresh: more
#: than a register of thousands of conventions holds, few enough that a long preview session stays small
MEMORY_CHARACTERS = 100_000_000
#: Markdown emphasis markers, absorbed with a masked value they split (`**05** 63…`)
_MARKERS = "*_"


def digits(phone: str) -> str:
    """National digits of a French number: `+33 5 63 29 92 37` -> `0563299237`."""
    return national_digits(phone)


@dataclass(frozen=True)
class Allowed:
    """Functional addresses and numbers that may be published."""

    emails: frozenset[str]
    phones: frozenset[str]

    @classmethod
    def of(cls, emails: list[str], phones: list[str]) -> Allowed:
        return cls(frozenset(normalised_value(email) for email in emails), frozenset(digits(p) for p in phones))

    def allows(self, found: Found) -> bool:
        return found.compared in (self.emails if found.kind == "e-mail" else self.phones)


@dataclass
class _Memory:
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    characters: int = 0


@dataclass(frozen=True)
class Masker:
    """Replaces the given private values (names and e-mails in `words`, national digits in `phones`) by `MASK`
    wherever and however they are written."""

    words: tuple[str, ...]
    phones: frozenset[str]
    values: PrivateValues = field(init=False, repr=False, compare=False)
    _memory: _Memory = field(init=False, repr=False, compare=False, default_factory=_Memory)

    def __post_init__(self) -> None:
        names = [word for word in self.words if "@" not in word]
        emails = [word for word in self.words if "@" in word]
        object.__setattr__(self, "values", PrivateValues.of(names, self.phones, emails))

    @classmethod
    def for_contacts(cls, contacts: Iterable[models.Contact]) -> Masker:
        """The masker of the unpublished `contacts`: the same object for the same private values."""
        private = [contact for contact in contacts if not contact.publish]
        words = {value for contact in private for value in (contact.name, contact.email) if value}
        phones = frozenset(digits(contact.phone) for contact in private if contact.phone)
        return _shared_masker(tuple(sorted(words, key=lambda word: (-len(word), word))), phones)

    def __call__(self, text: str, keep_line_breaks: bool = False) -> str:
        """`text` with each private value replaced by `MASK`; with `keep_line_breaks`, followed by the line
        breaks it spanned, so that the lines after it keep their numbers."""
        spans = self.spans(text)
        if not spans:
            return text
        pieces, end = [], len(text)
        for start, stop in reversed(spans):
            breaks = "\n" * text.count("\n", start, stop) if keep_line_breaks else ""
            pieces += [text[stop:end], MASK + breaks]
            end = start
        pieces.append(text[:end])
        return "".join(reversed(pieces))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the private values are written in `text`, each with the Markdown emphasis markers that split
        it (`**05** 63…`); remembered, so that a text is scanned once however many times it is asked about."""
        memory = self._memory
        spans = memory.spans.get(text)
        if spans is None:
            spans = self._scan(text)
            if memory.characters + len(text) > MEMORY_CHARACTERS:
                memory.spans.clear()
                memory.characters = 0
            memory.spans[text] = spans
            memory.characters += len(text)
        return spans

    def _scan(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for start, stop in self.values.spans(text):
            if any(marker in text[start:stop] for marker in _MARKERS):
                while start > 0 and text[start - 1] in _MARKERS:
                    start -= 1
                while stop < len(text) and text[stop] in _MARKERS:
                    stop += 1
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(stop, spans[-1][1]))
            else:
                spans.append((start, stop))
        return spans

    def finds(self, text: str) -> bool:
        """Whether `text` holds anything to mask."""
        return bool(self.spans(text))

    @property
    def masks_anything(self) -> bool:
        return bool(self.words or self.phones)


@lru_cache(maxsize=1)  # the register's current masker only: a preview drops the previous one's memory
def _shared_masker(words: tuple[str, ...], phones: frozenset[str]) -> Masker:
    return Masker(words, phones)


def published_contact(contact: models.Contact) -> models.Contact:
    """What the site shows of a contact: all of it when `publish` says so, otherwise its function only."""
    return contact if contact.publish else models.Contact(function=contact.function)


def private_contacts(register: Register) -> list[models.Contact]:
    """Every declared private person: the unpublished referents (an avenant's new referent too) and
    organisation contacts."""
    contacts = [contact for organisation in register.items("organisations") for contact in organisation.contacts]
    for convention in register.items("conventions"):
        contacts += [convention.referent] if convention.referent else []
        contacts += [
            change.referent for amendment in convention.amendments for change in amendment.changes if change.referent
        ]
    return [contact for contact in contacts if not contact.publish]


def register_masker(register: Register) -> Masker:
    """The one masker of the site: every private person of the register, masked everywhere."""
    return Masker.for_contacts(private_contacts(register))


def organisation_masker(organisation: models.Organisation) -> Masker:
    """Masks the name, phone and e-mail of the organisation's unpublished contacts."""
    return Masker.for_contacts(organisation.contacts)


def convention_masker(convention: models.Convention, organisations: Iterable[models.Organisation] = ()) -> Masker:
    """Masks the convention's unpublished referent and the unpublished contacts of `organisations`."""
    contacts = [convention.referent] if convention.referent else []
    contacts += [contact for organisation in organisations for contact in organisation.contacts]
    return Masker.for_contacts(contacts)


def named_organisations(
    convention: models.Convention, organisations: Mapping[str, models.Organisation]
) -> list[models.Organisation]:
    """The organisations the convention names: its parties, then its providers (those of `organisations`)."""
    identifiers = dict.fromkeys([party.organisation for party in convention.parties] + convention.providers)
    return [organisations[identifier] for identifier in identifiers if identifier in organisations]


@cache
def identifier_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` that hold identifiers or numbers (a pattern-constrained string, or a list of them):
    they make addresses and references, and are never masked."""
    return frozenset(name for name, info in model.model_fields.items() if _has_pattern(info))


def _has_pattern(info: Any) -> bool:
    if any(getattr(item, "pattern", None) for item in getattr(info, "metadata", ())):
        return True
    return any(_has_pattern(arg) for arg in get_args(getattr(info, "annotation", info)) if arg is not type(None)) or (
        not isinstance(info, FieldInfo) and any(_has_pattern(arg) for arg in get_args(info))
    )


def masked_copy(value, masker: Masker):
    """`value` (a model, list, mapping or string) with `masker` applied to every string in it but identifiers;
    `value` itself when nothing in it is masked."""
    if isinstance(value, str):
        return masker(value)
    if isinstance(value, BaseModel):
        structural = identifier_fields(type(value))
        update = {}
        for name in type(value).model_fields:
            if name in structural:
                continue
            current = getattr(value, name)
            masked = masked_copy(current, masker)
            if masked is not current:
                update[name] = masked
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [masked_copy(item, masker) for item in value]
        return items if any(new is not old for new, old in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        mapping = {key: masked_copy(item, masker) for key, item in value.items()}
        return mapping if any(mapping[key] is not item for key, item in value.items()) else value
    return value


def masked_convention(convention: models.Convention, masker: Masker) -> models.Convention:
    """The convention as published: private contact details masked in every text (an unpublished referent's
    own fields too), its source reference intact. The convention itself when nothing in it is masked."""
    masked = masked_copy(convention, masker)
    if masked is convention:
        return convention
    return masked.model_copy(update={"source": convention.source})


def masked_organisation(organisation: models.Organisation, masker: Masker | None = None) -> models.Organisation:
    """The organisation as published: each contact as `published_contact` shows it, the private persons
    (`masker`, its own unpublished contacts by default) masked in every other text, its id intact."""
    shown = organisation.model_copy(update={"contacts": [published_contact(c) for c in organisation.contacts]})
    return masked_copy(shown, masker or organisation_masker(organisation))


def masked_register(register: Register, masker: Masker) -> Register:
    """The register as published: every model of every kind through `masker` (conventions by
    `masked_convention`, organisations by `masked_organisation`), each with the source map of its file."""

    def entries(kind: str, publish) -> dict[str, Entry]:
        return {
            identifier: Entry(publish(entry.item), entry.source)
            for identifier, entry in getattr(register, kind).items()
        }

    return Register(
        organisations=entries("organisations", lambda item: masked_organisation(item, masker)),
        services=entries("services", lambda item: masked_copy(item, masker)),
        topics=entries("topics", lambda item: masked_copy(item, masker)),
        conventions=entries("conventions", lambda item: masked_convention(item, masker)),
        tariffs=entries("tariffs", lambda item: masked_copy(item, masker)),
        notices=entries("notices", lambda item: masked_copy(item, masker)),
        models=entries("models", lambda item: masked_copy(item, masker)),
        unreadable=register.unreadable,
    )


def publishes_source_as_is(
    convention: models.Convention, published: models.Convention, text: str | None, masker: Masker
) -> bool:
    """Whether the source document of `convention` is published as it is: only when nothing of the convention
    is masked (`published`, its masked copy, is itself), and the scanner finds nothing to mask in the
    document's `text` (None: unreadable, not published)."""
    return published is convention and text is not None and not masker.finds(text)


def published_strings(model: BaseModel, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string of `model` that the site shows, with its field path: of a contact (a convention's referent,
    an organisation's contacts), what `published_contact` shows."""
    return [(found_path, text) for found_path, text, _ in published_fields(model, path)]


def published_fields(model: BaseModel, path: tuple = ()) -> list[tuple[tuple, str, bool]]:
    """As `published_strings`, with whether each string is an identifier (never masked: see `masked_copy`)."""
    if isinstance(model, models.Contact) and not model.publish:
        model = published_contact(model)
    structural = identifier_fields(type(model))
    found = []
    for name in type(model).model_fields:
        found += _strings(getattr(model, name), path + (name,), name in structural)
    return found


def _strings(value: object, path: tuple, structural: bool) -> list[tuple[tuple, str, bool]]:
    if isinstance(value, str):
        return [(path, value, structural)]
    if isinstance(value, BaseModel):
        return published_fields(value, path)
    if isinstance(value, (list, tuple)):
        return [item for index, element in enumerate(value) for item in _strings(element, path + (index,), structural)]
    if isinstance(value, dict):
        return [item for key, element in value.items() for item in _strings(element, path + (key,), structural)]
    return []
