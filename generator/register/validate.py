"""Checks that span files: references, duplicates, date order; a convention in time (its avenants, its
termination), read from the one history of its versions (`versions.convention_history`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.problems import Problem
from generator.register import models
from generator.register.derive import term_facts
from generator.register.store import Entry, Register
from generator.register.versions import Version, convention_history, original_start
from generator.wording import french_date, unknown_reference


def validate(register: Register, content_dir: Path) -> list[Problem]:
    """Every cross-file problem of the register, in file order. A reference to a file that could not be
    read is not reported: that file's own problem is."""
    problems: list[Problem] = []
    for entry in register.conventions.values():
        problems += _check_convention(entry, register, content_dir)
    for entry in register.services.values():
        problems += _check_refs(
            entry,
            ("provider",),
            [entry.item.provider] if entry.item.provider else [],
            register.organisations,
            "organisation",
            register.unreadable_ids("organisations"),
        )
    for entry in register.tariffs.values():
        problems += _check_tariff_refs(entry, register)
    for entry in register.notices.values():
        problems += _check_notice(entry, register)
    return problems


def _check_refs(
    entry: Entry, path: tuple, ids: list[str], known: dict, kind: str, unreadable: frozenset[str] = frozenset()
) -> list[Problem]:
    problems = []
    for index, identifier in enumerate(ids):
        if identifier not in known and identifier not in unreadable:
            at = path + (index,) if len(ids) > 1 or path[-1].endswith("s") else path
            problems.append(entry.source.problem(at, unknown_reference(kind, identifier, known)))
    return problems


def clause_exists(convention: models.Convention, ref: models.ClauseRef) -> bool:
    if ref.annex is None:
        return any(article.number == ref.article for article in convention.articles)
    annex = next((annex for annex in convention.annexes if annex.number == ref.annex), None)
    return annex is not None and any(article.number == ref.article for article in annex.articles)


def _check_clause(
    entry: Entry, path: tuple, ref: models.ClauseRef, default: str | None, register: Register
) -> list[Problem]:
    if ref is None:
        return []
    convention_id = ref.convention or default
    if convention_id is None:
        return [
            entry.source.problem(
                path + ("convention",), "Champ obligatoire : l’identifiant de la convention où la clause est écrite."
            )
        ]
    if convention_id in register.unreadable_ids("conventions"):
        return []
    target = register.conventions.get(convention_id)
    if target is None:
        return [
            entry.source.problem(
                path + ("convention",), unknown_reference("convention", convention_id, register.conventions)
            )
        ]
    if not clause_exists(target.item, ref):
        where = f"d’annexe {ref.annex}, article {ref.article}" if ref.annex else f"d’article {ref.article}"
        return [
            entry.source.problem(
                path,
                f"La convention « {convention_id} » n’a pas {where} : indiquez le numéro d’un article qui y figure.",
            )
        ]
    return []


def _check_convention(entry: Entry, register: Register, content_dir: Path) -> list[Problem]:
    convention: models.Convention = entry.item
    problems: list[Problem] = []
    for index, party in enumerate(convention.parties):
        problems += _check_refs(
            entry,
            ("parties", index, "organisation"),
            [party.organisation],
            register.organisations,
            "organisation",
            register.unreadable_ids("organisations"),
        )
        if party.mandate_date and convention.signature.date and party.mandate_date > convention.signature.date:
            problems.append(
                entry.source.problem(
                    ("parties", index, "mandate_date"),
                    "Le mandat est daté après la signature : vérifiez les deux dates.",
                )
            )
    problems += _check_refs(
        entry, ("services",), convention.services, register.services, "service", register.unreadable_ids("services")
    )
    problems += _check_refs(
        entry,
        ("providers",),
        convention.providers,
        register.organisations,
        "organisation",
        register.unreadable_ids("organisations"),
    )
    problems += _check_articles(entry, ("articles",), convention.articles, register)
    seen_annexes: set[str] = set()
    for index, annex in enumerate(convention.annexes):
        path = ("annexes", index)
        if annex.number in seen_annexes:
            problems.append(
                entry.source.problem(
                    path + ("number",),
                    f"Deux annexes portent le numéro « {annex.number} » : chaque annexe a son propre numéro.",
                )
            )
        seen_annexes.add(annex.number)
        problems += _check_articles(entry, path + ("articles",), annex.articles, register)
        problems += _check_refs(
            entry,
            path + ("services",),
            annex.services,
            register.services,
            "service",
            register.unreadable_ids("services"),
        )
        for rule in ("term", "termination"):
            if getattr(annex, rule) is not None:
                problems += _check_clause(
                    entry, path + (rule, "source"), getattr(annex, rule).source, convention.id, register
                )
    for rule in ("entry_into_force", "term", "termination"):
        if getattr(convention, rule) is not None:
            problems += _check_clause(
                entry, (rule, "source"), getattr(convention, rule).source, convention.id, register
            )
    problems += _check_dates(entry)
    problems += _check_amendments(entry, register)
    problems += _check_termination(entry, register)
    return problems


def _check_articles(entry: Entry, path: tuple, articles: list[models.Article], register: Register) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, article in enumerate(articles):
        if article.number.lower() in seen:  # numbers are case-insensitive in URLs
            problems.append(
                entry.source.problem(
                    path + (index, "number"),
                    (
                        f"Deux articles portent le numéro « {article.number} » (les majuscules ne comptent pas) : "
                        "chaque article a son propre numéro."
                    ),
                )
            )
        seen.add(article.number.lower())
        problems += _check_refs(
            entry, path + (index, "topics"), article.topics, register.topics, "topic", register.unreadable_ids("topics")
        )
    return problems


def _check_dates(entry: Entry) -> list[Problem]:
    convention: models.Convention = entry.item
    problems = []
    signed = convention.signature.date
    starts = convention.entry_into_force.date
    for index, amendment in enumerate(convention.amendments):
        if signed and amendment.signature.date < signed:
            problems.append(
                entry.source.problem(
                    ("amendments", index, "signature", "date"),
                    "L’avenant est daté avant la signature de la convention.",
                )
            )
        if index and amendment.signature.date < convention.amendments[index - 1].signature.date:
            problems.append(
                entry.source.problem(
                    ("amendments", index, "signature", "date"), "Rangez les avenants dans l’ordre de leurs dates."
                )
            )
    if convention.term.start and starts and convention.term.start < starts:
        problems.append(
            entry.source.problem(
                ("term", "start"), "La durée commence avant l’entrée en vigueur : vérifiez les deux dates."
            )
        )
    return problems


def _check_amendments(entry: Entry, register: Register) -> list[Problem]:
    """Each avenant's references, and whether its changes apply at its date: the problems of the convention's
    history, an avenant in force after the convention's end or after its termination."""
    convention: models.Convention = entry.item
    history = convention_history(convention)
    problems = [entry.source.problem(problem.path, problem.message) for problem in history.problems]
    versions = {id(version.act): version for version in history.versions if version.act is not None}
    for index, amendment in enumerate(convention.amendments):
        base = ("amendments", index)
        problems += _check_act_refs(entry, base, amendment, register)
        version = versions[id(amendment)]
        for number, change in enumerate(amendment.changes):
            problems += _check_change_refs(entry, base + ("changes", number), change, version, register)
        problems += _check_in_force(entry, base, amendment, convention)
    return problems


def _check_act_refs(entry: Entry, base: tuple, amendment: models.Amendment, register: Register) -> list[Problem]:
    organisations, unreadable = register.organisations, register.unreadable_ids("organisations")
    problems = []
    for number, party in enumerate(amendment.signatories):
        path = base + ("signatories", number, "organisation")
        problems += _check_refs(entry, path, [party.organisation], organisations, "organisation", unreadable)
    for number, deliberation in enumerate(amendment.deliberations):
        if deliberation.organisation is not None:
            path = base + ("deliberations", number, "organisation")
            problems += _check_refs(entry, path, [deliberation.organisation], organisations, "organisation", unreadable)
    return problems


def _check_change_refs(
    entry: Entry, path: tuple, change: models.AmendmentChange, version: Version, register: Register
) -> list[Problem]:
    """A change's identifiers, and the clauses its new rules cite, in the text in force after the avenant."""
    problems = []
    services, topics = register.unreadable_ids("services"), register.unreadable_ids("topics")
    organisations = register.unreadable_ids("organisations")
    if change.services is not None:
        problems += _check_refs(entry, path + ("services",), change.services, register.services, "service", services)
    if change.providers is not None:
        problems += _check_refs(
            entry, path + ("providers",), change.providers, register.organisations, "organisation", organisations
        )
    if change.topics is not None:
        problems += _check_refs(entry, path + ("topics",), change.topics, register.topics, "topic", topics)
    if change.insert is not None:
        problems += _check_refs(
            entry, path + ("insert", "topics"), change.insert.topics, register.topics, "topic", topics
        )
    annex = change.add_annex
    if annex is not None:
        problems += _check_articles(entry, path + ("add_annex", "articles"), annex.articles, register)
        problems += _check_refs(
            entry, path + ("add_annex", "services"), annex.services, register.services, "service", services
        )
    rules = [(path + (rule,), getattr(change, rule)) for rule in ("term", "termination")]
    if annex is not None:
        rules += [(path + ("add_annex", rule), getattr(annex, rule)) for rule in ("term", "termination")]
    for at, rule in rules:
        if rule is not None and rule.source is not None:
            problems += _check_clause_in(entry, at + ("source",), rule.source, version, register)
    return problems


def _check_clause_in(
    entry: Entry, path: tuple, ref: models.ClauseRef, version: Version, register: Register
) -> list[Problem]:
    """A clause an avenant's new rule cites: in the convention's text as the avenant leaves it (another
    convention's clause is looked up as any reference)."""
    own = version.convention.id
    if ref.convention not in (None, own):
        return _check_clause(entry, path, ref, own, register)
    if clause_exists(version.convention, ref):
        return []
    where = f"d’annexe {ref.annex}, article {ref.article}" if ref.annex else f"d’article {ref.article}"
    reference = version.act.reference if version.act is not None else ""
    return [
        entry.source.problem(
            path,
            f"Après « {reference} », la convention n’a pas {where} : citez un article du texte en vigueur "
            "à cette date (un article qu’insère l’avenant compte, un article qu’il abroge non).",
        )
    ]


def _check_in_force(
    entry: Entry, base: tuple, amendment: models.Amendment, convention: models.Convention
) -> list[Problem]:
    """An avenant cannot take effect once the convention has ended: its term, as the text in force the day
    before reads it, or its termination."""
    day = amendment.in_force_from
    path = base + ("entry_into_force",)
    terminated = convention.terminated
    if terminated is not None and day >= terminated.effective:
        return [
            entry.source.problem(
                path,
                f"L’avenant entre en vigueur le {french_date(day)}, alors que la résiliation de la convention "
                f"prend effet le {french_date(terminated.effective)} : vérifiez sa date d’entrée en vigueur, ou "
                "celle de la résiliation (terminated.effective).",
            )
        ]
    end = _final_end(convention, day - dt.timedelta(days=1))
    if end is not None and day > end:
        return [
            entry.source.problem(
                path,
                f"L’avenant entre en vigueur le {french_date(day)}, après la fin de la convention "
                f"({french_date(end)}, terme de sa durée en vigueur la veille) : un avenant ne prolonge qu’une "
                "convention encore en vigueur ; vérifiez sa date d’entrée en vigueur.",
            )
        ]
    return []


def _final_end(convention: models.Convention, day: dt.date) -> dt.date | None:
    """The last day of the convention by the term in force on `day` (None: no known end)."""
    text = convention_history(convention).in_force(day).convention
    return term_facts(original_start(convention), text.term, text.termination, day).final_end


def _check_termination(entry: Entry, register: Register) -> list[Problem]:
    """A termination that happened: by one of the parties, notified after the convention took effect,
    effective before its end."""
    convention: models.Convention = entry.item
    terminated = convention.terminated
    if terminated is None:
        return []
    problems = _check_refs(
        entry,
        ("terminated", "by"),
        [terminated.by],
        register.organisations,
        "organisation",
        register.unreadable_ids("organisations"),
    )
    parties = [party.organisation for party in convention.parties]
    if not problems and terminated.by not in parties:
        problems.append(
            entry.source.problem(
                ("terminated", "by"),
                f"« {terminated.by} » n’est pas une partie de la convention : la résiliation est notifiée par "
                f"l’une d’elles ({', '.join(parties)}).",
            )
        )
    start = original_start(convention)
    if start is not None and terminated.notified < start:
        problems.append(
            entry.source.problem(
                ("terminated", "notified"),
                f"La résiliation est notifiée le {french_date(terminated.notified)}, avant l’entrée en vigueur de "
                f"la convention ({french_date(start)}) : vérifiez les deux dates.",
            )
        )
    end = _final_end(convention, terminated.effective - dt.timedelta(days=1))
    if end is not None and terminated.effective > end + dt.timedelta(days=1):
        problems.append(
            entry.source.problem(
                ("terminated", "effective"),
                f"La résiliation prend effet le {french_date(terminated.effective)}, alors que la convention a "
                f"pris fin le {french_date(end)} (terme de sa durée en vigueur la veille) : une convention échue "
                "n’est pas résiliée ; vérifiez la date, ou retirez terminated.",
            )
        )
    return problems


def _check_tariff_refs(entry: Entry, register: Register) -> list[Problem]:
    tariff: models.Tariff = entry.item
    problems = []
    if tariff.convention in register.unreadable_ids("conventions"):
        return []
    if tariff.convention not in register.conventions:
        return [
            entry.source.problem(
                ("convention",), unknown_reference("convention", tariff.convention, register.conventions)
            )
        ]
    problems += _check_refs(
        entry, ("services",), tariff.services, register.services, "service", register.unreadable_ids("services")
    )
    problems += _check_clause(entry, ("source",), tariff.source, tariff.convention, register)
    for v_index, version in enumerate(tariff.versions):
        for c_index, component in enumerate(version.components):
            problems += _check_clause(
                entry,
                ("versions", v_index, "components", c_index, "source"),
                component.source,
                tariff.convention,
                register,
            )
    return problems


def _check_notice(entry: Entry, register: Register) -> list[Problem]:
    notice: models.PrivacyNotice = entry.item
    problems = _check_refs(
        entry,
        ("conventions",),
        notice.conventions,
        register.conventions,
        "convention",
        register.unreadable_ids("conventions"),
    )
    problems += _check_refs(
        entry, ("services",), notice.services, register.services, "service", register.unreadable_ids("services")
    )
    problems += _check_refs(
        entry,
        ("controller",),
        [notice.controller],
        register.organisations,
        "organisation",
        register.unreadable_ids("organisations"),
    )
    default = notice.conventions[0] if notice.conventions[0] in register.conventions else None
    for path, statement in notice_statements(notice):
        if statement.source is not None and default is not None:
            problems += _check_clause(entry, path + ("source",), statement.source, default, register)
    return problems


def notice_statements(
    notice: models.PrivacyNotice,
) -> list[tuple[tuple[str | int, ...], models.Statement | models.Purpose]]:
    """Every statement of a notice with its field path."""
    found: list[tuple[tuple[str | int, ...], models.Statement | models.Purpose]] = []
    for name in type(notice).model_fields:
        value = getattr(notice, name)
        if isinstance(value, (models.Statement, models.Purpose)):
            found.append(((name,), value))
        elif isinstance(value, list):
            found += [
                ((name, index), item)
                for index, item in enumerate(value)
                if isinstance(item, (models.Statement, models.Purpose))
            ]
    return found
