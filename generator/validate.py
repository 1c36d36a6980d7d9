"""Checks that span files: references, duplicates, date order, source documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import models
from .problems import Problem
from .register import Entry, Register
from .tariff_checks import check_tariff


def validate(register: Register, content_dir: Path) -> list[Problem]:
    """Every cross-file problem of the register, in file order."""
    problems: list[Problem] = []
    for entry in register.conventions.values():
        problems += _check_convention(entry, register, content_dir)
    for entry in register.services.values():
        problems += _check_refs(entry, ("provider",), [entry.item.provider] if entry.item.provider else [],
                                register.organisations, "organisation")
    for entry in register.tariffs.values():
        problems += _check_tariff_refs(entry, register)
        problems += check_tariff(entry)
    for entry in register.notices.values():
        problems += _check_notice(entry, register)
    return problems


def _check_refs(entry: Entry, path: tuple, ids: list[str], known: dict, kind: str) -> list[Problem]:
    problems = []
    for index, identifier in enumerate(ids):
        if identifier not in known:
            at = path + (index,) if len(ids) > 1 or path[-1].endswith("s") else path
            problems.append(entry.source.problem(at, f"unknown {kind} '{identifier}'"))
    return problems


def clause_exists(convention: models.Convention, ref: models.ClauseRef) -> bool:
    if ref.annex is None:
        return any(article.number == ref.article for article in convention.articles)
    annex = next((annex for annex in convention.annexes if annex.number == ref.annex), None)
    return annex is not None and any(article.number == ref.article for article in annex.articles)


def _check_clause(entry: Entry, path: tuple, ref: models.ClauseRef, default: str | None,
                  register: Register) -> list[Problem]:
    convention_id = ref.convention or default
    if convention_id is None:
        return [entry.source.problem(path + ("convention",), "required")]
    target = register.conventions.get(convention_id)
    if target is None:
        return [entry.source.problem(path + ("convention",), f"unknown convention '{convention_id}'")]
    if not clause_exists(target.item, ref):
        where = f"annex {ref.annex}, article {ref.article}" if ref.annex else f"article {ref.article}"
        return [entry.source.problem(path, f"no {where} in convention '{convention_id}'")]
    return []


def _check_convention(entry: Entry, register: Register, content_dir: Path) -> list[Problem]:
    convention: models.Convention = entry.item
    problems: list[Problem] = []
    for index, party in enumerate(convention.parties):
        if party.organisation not in register.organisations:
            problems.append(entry.source.problem(("parties", index, "organisation"),
                                                 f"unknown organisation '{party.organisation}'"))
        if party.mandate_date and convention.signature.date and party.mandate_date > convention.signature.date:
            problems.append(entry.source.problem(("parties", index, "mandate_date"),
                                                 "mandate is dated after the signature"))
    problems += _check_refs(entry, ("services",), convention.services, register.services, "service")
    problems += _check_refs(entry, ("providers",), convention.providers, register.organisations, "organisation")
    problems += _check_articles(entry, ("articles",), convention.articles, register)
    seen_annexes: set[str] = set()
    for index, annex in enumerate(convention.annexes):
        path = ("annexes", index)
        if annex.number in seen_annexes:
            problems.append(entry.source.problem(path + ("number",), f"duplicate annex number '{annex.number}'"))
        seen_annexes.add(annex.number)
        problems += _check_articles(entry, path + ("articles",), annex.articles, register)
        problems += _check_refs(entry, path + ("services",), annex.services, register.services, "service")
        for rule in ("term", "termination"):
            if getattr(annex, rule) is not None:
                problems += _check_clause(entry, path + (rule, "source"), getattr(annex, rule).source,
                                          convention.id, register)
    for rule in ("entry_into_force", "term", "termination"):
        if getattr(convention, rule) is not None:
            problems += _check_clause(entry, (rule, "source"), getattr(convention, rule).source,
                                      convention.id, register)
    problems += _check_dates(entry)
    problems += _check_source(entry, content_dir)
    return problems


def _check_articles(entry: Entry, path: tuple, articles: list[models.Article], register: Register) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, article in enumerate(articles):
        if article.number.lower() in seen:  # numbers are case-insensitive in URLs
            problems.append(entry.source.problem(path + (index, "number"), f"duplicate article number '{article.number}'"))
        seen.add(article.number.lower())
        problems += _check_refs(entry, path + (index, "topics"), article.topics, register.topics, "topic")
    return problems


def _check_dates(entry: Entry) -> list[Problem]:
    convention: models.Convention = entry.item
    problems = []
    signed = convention.signature.date
    starts = convention.entry_into_force.date
    for index, amendment in enumerate(convention.amendments):
        if signed and amendment.date < signed:
            problems.append(entry.source.problem(("amendments", index, "date"),
                                                 "amendment is dated before the convention's signature"))
        if index and amendment.date < convention.amendments[index - 1].date:
            problems.append(entry.source.problem(("amendments", index, "date"), "amendments must be in date order"))
    if convention.term.start and starts and convention.term.start < starts:
        problems.append(entry.source.problem(("term", "start"), "term starts before the entry into force"))
    return problems


def _check_source(entry: Entry, content_dir: Path) -> list[Problem]:
    source = entry.item.source
    path = content_dir / source.file
    if not path.resolve().is_relative_to(content_dir.resolve()):
        return [entry.source.problem(("source", "file"), "must be a path inside content/")]
    if not path.is_file():
        return [entry.source.problem(("source", "file"), f"file not found: content/{source.file}")]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != source.sha256:
        return [entry.source.problem(("source", "sha256"), f"does not match the file (its SHA-256 is {digest})")]
    return []


def _check_tariff_refs(entry: Entry, register: Register) -> list[Problem]:
    tariff: models.Tariff = entry.item
    problems = []
    if tariff.convention not in register.conventions:
        return [entry.source.problem(("convention",), f"unknown convention '{tariff.convention}'")]
    problems += _check_refs(entry, ("services",), tariff.services, register.services, "service")
    problems += _check_clause(entry, ("source",), tariff.source, tariff.convention, register)
    for v_index, version in enumerate(tariff.versions):
        for c_index, component in enumerate(version.components):
            problems += _check_clause(entry, ("versions", v_index, "components", c_index, "source"),
                                      component.source, tariff.convention, register)
    return problems


def _check_notice(entry: Entry, register: Register) -> list[Problem]:
    notice: models.PrivacyNotice = entry.item
    problems = _check_refs(entry, ("conventions",), notice.conventions, register.conventions, "convention")
    problems += _check_refs(entry, ("services",), notice.services, register.services, "service")
    if notice.controller not in register.organisations:
        problems.append(entry.source.problem(("controller",), f"unknown organisation '{notice.controller}'"))
    default = notice.conventions[0] if notice.conventions[0] in register.conventions else None
    for path, statement in notice_statements(notice):
        if statement.source is not None and default is not None:
            problems += _check_clause(entry, path + ("source",), statement.source, default, register)
    return problems


def notice_statements(notice: models.PrivacyNotice) -> list[tuple[tuple, models.Statement | models.Purpose]]:
    """Every statement of a notice with its field path."""
    found = []
    for name in type(notice).model_fields:
        value = getattr(notice, name)
        if isinstance(value, (models.Statement, models.Purpose)):
            found.append(((name,), value))
        elif isinstance(value, list):
            found += [((name, index), item) for index, item in enumerate(value)
                      if isinstance(item, (models.Statement, models.Purpose))]
    return found
