"""Checks that the published text holds no personal contact details and that notices are reviewed.

Every declared private person (an unpublished referent or organisation contact) is masked everywhere by
the site (`generator.privacy.masking`): what remains to report is a phone number or e-mail address that
no one declared, in a content file, in the site config or in a source document published as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.formatting import french_date
from generator.privacy.masking import (
    Allowed,
    Masker,
    masked_convention,
    published_fields,
    publishes_source_as_is,
    register_masker,
)
from generator.privacy.scanner import find_contact_details
from generator.problems import Problem
from generator.register.dates import add_period
from generator.register.field_help import field_in_words
from generator.register.models import Contact, Period
from generator.register.site_config import SiteConfig
from generator.register.store import Register
from generator.register.yamlsource import SourceMap, read_yaml

KINDS = ("organisations", "services", "topics", "conventions", "tariffs", "notices")
#: the site config's lists of what may be published, which the site does not show
CONFIG_LISTS = ("allowed_emails", "allowed_phones")
CONFIG_FILE = "site_config/site.yaml"


def check_personal_data(
    register: Register, config: SiteConfig, as_of: dt.date, content_dir: Path, config_file: Path | None = None
) -> list[Problem]:
    """Undeclared phones and e-mails in the content, the site config (`config_file`, read again for the lines
    of its problems) and the source documents published as they are; private data in an identifier; notices
    overdue for review."""
    masker = register_masker(register)
    # A contact published by decision (publish: true) is declared: its phone and e-mail may be shown.
    contacts = [contact for organisation in register.items("organisations") for contact in organisation.contacts]
    published = [contact for contact in contacts + _referents(register) if contact.publish]
    allowed = Allowed.of(
        config.allowed_emails + [contact.email for contact in published if contact.email],
        config.allowed_phones + [contact.phone for contact in published if contact.phone] + [config.host.phone],
    )
    problems: list[Problem] = []
    for kind in KINDS:
        for entry in getattr(register, kind).values():
            for path, text, structural in published_fields(entry.item):
                if (path[:1] == ("source",) and kind == "conventions") or _document_reference(path):
                    continue
                problems += _text_problems(entry.source, path, text, structural, masker, allowed, _advice(kind))
    problems += _config_problems(config, config_file, masker, allowed)
    for entry in register.conventions.values():
        problems += _check_published_source(entry, content_dir, allowed, masker)
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


def _text_problems(
    source: SourceMap, path: tuple, text: str, structural: bool, masker: Masker, allowed: Allowed, advice: str
) -> list[Problem]:
    if structural:
        if not masker.finds(text) and not [found for found in find_contact_details(text) if not allowed.allows(found)]:
            return []
        return [
            source.problem(
                path,
                f"L’identifiant « {text} » contient une donnée personnelle ; un identifiant n’est jamais occulté "
                "(il fait l’adresse d’une page ou un renvoi) : choisissez-en un autre.",
            )
        ]
    masked = masker(text)
    return [
        source.problem(
            path,
            line=source.text_line(path, masked, found.offset),
            message=(
                f"Le {_kind(found.kind)} « {found.value} » serait publié. Si c’est celui d’un agent, {advice} ; "
                "s’il est fonctionnel (un standard, une adresse de service), "
                f"ajoutez-le à {_allowed_list(found.kind)} dans {CONFIG_FILE}."
            ),
        )
        for found in find_contact_details(masked)
        if not allowed.allows(found)
    ]


def _config_problems(config: SiteConfig, config_file: Path | None, masker: Masker, allowed: Allowed) -> list[Problem]:
    """The site config's strings, as the site shows them (masked): its undeclared phones and e-mails."""
    strings = [(path, text) for path, text, _ in published_fields(config) if path[0] not in CONFIG_LISTS]
    suspects = [
        (path, text)
        for path, text in strings
        if [f for f in find_contact_details(masker(text)) if not allowed.allows(f)]
    ]
    if not suspects:
        return []
    source = _config_source(config_file)
    advice = (
        "remplacez-le par une adresse ou un numéro fonctionnel, ou déclarez cet agent dans les contacts de son "
        "organisation (contacts, sans publish: true) : il est alors occulté partout sur le site"
    )
    problems = []
    for path, text in suspects:
        problems += _text_problems(source, path, text, False, masker, allowed, advice)
    return problems


def _config_source(config_file: Path | None) -> SourceMap:
    document = read_yaml(config_file, CONFIG_FILE, [], root=config_file.parent.parent) if config_file else None
    source = document.source if document else SourceMap(CONFIG_FILE)
    source.describe = lambda path: field_in_words(SiteConfig, path)
    return source


def _document_reference(path: tuple) -> bool:
    """The file name or hash of a signed document (an avenant's, a termination letter's): not published text."""
    return len(path) >= 2 and path[-2] == "source" and path[-1] in ("file", "sha256")


def _check_published_source(entry, content_dir: Path, allowed: Allowed, masker: Masker) -> list[Problem]:
    """A source document (the convention's, an avenant's) is published as is only when the scanner finds
    nothing in it to mask: then any undeclared phone or e-mail in it would be published."""
    convention = entry.item
    published = masked_convention(convention, masker)
    if published is not convention:
        return []  # withheld: the page says so and publishes its hash only
    documents = [(("source", "file"), convention.source.file)] + [
        (("amendments", index, "source", "file"), amendment.source.file)
        for index, amendment in enumerate(convention.amendments)
        if amendment.source is not None
    ]
    problems = []
    for path, file in documents:
        problems += _published_document_problems(entry, path, content_dir / file, convention, allowed, masker)
    return problems


def _published_document_problems(
    entry, path: tuple, file: Path, convention, allowed: Allowed, masker: Masker
) -> list[Problem]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # check_documents() reports an unreadable source
    if not publishes_source_as_is(convention, convention, text, masker):
        return []
    return [
        entry.source.problem(
            path,
            (
                f"Le document source contient le {_kind(found.kind)} « {found.value} » et serait publié tel "
                "quel. Si c’est celui d’un agent, déclarez-le comme référent de la convention (referent, sans "
                "publish: true) ou dans les contacts de son organisation (contacts, sans publish: true) : il est "
                "alors occulté partout sur le site, et le document n’est plus publié tel quel, seule son empreinte "
                f"l’est ; s’il est fonctionnel, ajoutez-le à {_allowed_list(found.kind)} dans {CONFIG_FILE}."
            ),
        )
        for found in find_contact_details(text)
        if not allowed.allows(found)
    ]


def _referents(register: Register) -> list[Contact]:
    return [convention.referent for convention in register.items("conventions") if convention.referent]


def _advice(kind: str) -> str:
    """How to declare an agent whose details a file of `kind` holds; the site then masks them everywhere."""
    where = {
        "organisations": "dans les contacts de l’organisation (contacts, sans publish: true)",
        "conventions": (
            "comme référent de la convention (referent, sans publish: true) ou dans les contacts de son "
            "organisation (contacts, sans publish: true)"
        ),
    }.get(kind, "dans les contacts de son organisation (contacts, sans publish: true)")
    return f"déclarez-le {where} : il est alors occulté partout sur le site"


def _kind(kind: str) -> str:
    return "numéro de téléphone" if kind == "téléphone" else "courriel"


def _allowed_list(kind: str) -> str:
    return "allowed_phones" if kind == "téléphone" else "allowed_emails"
