"""Everything the pages need, computed once from the register: derived facts and cross-indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.privacy.masking import (
    Masker,
    masked_copy,
    masked_organisation,
    masked_register,
    publishes_source_as_is,
    register_masker,
)
from generator.register import models
from generator.register.clauses import Clause, convention_clauses
from generator.register.derive import ConventionFacts, TermFacts, convention_facts, latest_notice_before_end
from generator.register.site_config import SiteConfig
from generator.register.store import Register
from generator.register.versions import ClauseKey, ClauseState, History, Version, convention_history
from generator.site import summary, urls


@dataclass(frozen=True)
class ContactView:
    """What the site shows of a contact: its function; its name, phone and e-mail only when published."""

    function: str
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    withheld: bool = False
    """The contact has a name, phone or e-mail that is not published."""


@dataclass(frozen=True)
class OrganisationView:
    """An organisation as published (`masked_organisation`): the name, phone and e-mail of its unpublished
    contacts masked in its texts, and its contacts by what may be shown of them only."""

    id: str
    name: str
    short_name: str | None
    kind: str
    siret: str | None
    address: list[str]
    website: str | None
    published_contacts: list[ContactView]

    @classmethod
    def of(cls, organisation: models.Organisation, masker: Masker | None = None) -> OrganisationView:
        """`organisation` as published, the private persons of `masker` masked (by default its own unpublished
        contacts; the site masks every private person of the register)."""
        published = masked_organisation(organisation, masker)
        contacts = [
            ContactView(
                shown.function,
                shown.name,
                shown.phone,
                shown.email,
                withheld=not contact.publish and bool(contact.name or contact.phone or contact.email),
            )
            for contact, shown in zip(organisation.contacts, published.contacts, strict=True)
        ]
        return cls(
            published.id,
            published.name,
            published.short_name,
            published.kind,
            published.siret,
            published.address,
            published.website,
            contacts,
        )


@dataclass
class ConventionView:
    convention: models.Convention
    """The text in force on `as_of`, as published (`version.convention`)."""
    facts: ConventionFacts
    clauses: list[Clause]
    """The clauses in force on `as_of`, in reading order."""
    source_published: bool
    parties: list[tuple[models.Party, OrganisationView]]
    as_of: dt.date
    """The date its facts are computed as of."""
    history: History
    """Every version of the convention, as published: `history.convention` is the text as signed."""
    version: Version
    """The version in force on `as_of`."""
    amendment_sources_published: tuple[bool, ...] = ()
    """For each avenant (in the file's order), whether its source document is published as it is."""

    @property
    def id(self) -> str:
        return self.convention.id

    @property
    def versions_src(self) -> str:
        return urls.versions(self.convention.id)

    def amendment_source_src(self, number: int) -> str:
        """The published source document of the `number`-th avenant (from 1)."""
        return urls.amendment_source(self.convention.id, number)

    def amendment_source_published(self, number: int) -> bool:
        published = self.amendment_sources_published
        return number <= len(published) and published[number - 1]

    @cached_property
    def clause_wordings(self) -> dict[ClauseKey, list[tuple[Version, ClauseState]]]:
        """Every clause's history, as `History.wordings` gives it, in one pass over the versions."""
        found: dict[ClauseKey, list[tuple[Version, ClauseState]]] = {}
        for version in self.history.versions:
            for state in version.states:
                wordings = found.setdefault(state.key, [])
                if not wordings or wordings[-1][1] != state:
                    wordings.append((version, state))
        return found

    @property
    def publication_text(self) -> str | None:
        """« Mis en ligne le …, mis à jour le … », when the data says."""
        return summary.publication_text(self.history.convention.publication)

    @property
    def src(self) -> str:
        return urls.convention(self.convention.id)

    @property
    def display_name(self) -> str:
        return summary.display_name(self.convention.title, self.convention.reference)

    @property
    def short_name(self) -> str:
        """Its reference, or failing one its title (breadcrumbs, short lists)."""
        return self.convention.reference or self.convention.title

    @property
    def reference_text(self) -> str:
        return self.convention.reference or "—"

    def clause(self, ref: models.ClauseRef | None) -> Clause | None:
        """The clause `ref` cites; None when nothing is cited (a fact the document does not state)."""
        return self._clauses_by_place.get((ref.annex, ref.article)) if ref is not None else None

    @property
    def signature_text(self) -> str:
        return summary.signature_text(self.convention.signature)

    @property
    def entry_into_force_text(self) -> str:
        return summary.entry_into_force_text(self.convention.entry_into_force, self.convention.signature)

    @property
    def term_text(self) -> str:
        return summary.term_text(self.convention.term)

    @property
    def party_lines(self) -> list[tuple[OrganisationView, str]]:
        """Each party's organisation, with its role and representative in words (see `summary.party_text`)."""
        return [(organisation, summary.party_text(party)) for party, organisation in self.parties]

    @property
    def party_roles(self) -> list[tuple[OrganisationView, str]]:
        """Each party's organisation with its role in the convention (« membre bénéficiaire »)."""
        return [(organisation, party.role) for party, organisation in self.parties]

    @property
    def end_text(self) -> str:
        return summary.end_text(self.facts.convention)

    @property
    def annex_term_lines(self) -> list[tuple[str, models.ClauseRef | None]]:
        """The own term of each annex that has one, in words, with the clause that sets it."""
        return [
            (summary.annex_term_text(annex, self.facts.annexes[annex.number]), annex.term.source)
            for annex in self.convention.annexes
            if annex.term
        ]

    @property
    def status_text(self) -> str:
        """The status with its dates, and who terminated the convention when one party did."""
        return summary.status_text(self.facts, self.terminated_by)

    @property
    def status_label(self) -> str:
        """The convention's own status with its dates (« Résiliée le 1er juin 2027 (par le SMICA, …) »)."""
        return summary.status_label(self.facts.convention, self.terminated_by)

    @cached_property
    def terminated_by(self) -> str | None:
        """« par le SMICA »: the party that terminated the convention, if one did."""
        event = self.convention.terminated
        if event is None:
            return None
        return next(
            (
                summary.by_organisation(organisation.short_name or organisation.name, organisation.kind)
                for party, organisation in self.parties
                if party.organisation == event.by
            ),
            None,
        )

    @cached_property
    def termination_lines(self) -> list[summary.TerminationLine]:
        return [
            summary.termination_line(
                rule, facts, self.as_of, scope, latest_notice=None if scope else self.latest_notice
            )
            for rule, facts, scope in self.termination_rules
        ]

    @property
    def referent_text(self) -> summary.ReferentText | None:
        return summary.referent_text(self.convention.referent) if self.convention.referent else None

    @property
    def amendment_texts(self) -> list[str]:
        return [summary.amendment_text(amendment) for amendment in self.convention.amendments]

    @property
    def source_withheld_text(self) -> str | None:
        """Why the source document is not published as it is; None when it is."""
        return None if self.source_published else summary.SOURCE_WITHHELD

    @property
    def source_check_command(self) -> str:
        return summary.hash_check_commands(self.source_src.rsplit("/", 1)[-1])[0]

    @property
    def source_check_command_windows(self) -> str:
        return summary.hash_check_commands(self.source_src.rsplit("/", 1)[-1])[1]

    def read_alone_label(self, clause: Clause) -> str:
        """The words a « lire seul » link of the table of contents says only to screen readers."""
        return summary.read_alone_label(clause.label)

    @property
    def entry_into_force_cell(self) -> summary.DatedText:
        return summary.entry_into_force_cell(self.convention.entry_into_force)

    @property
    def end_cells(self) -> list[summary.DatedText]:
        return summary.end_cells(self.end_dates)

    @cached_property
    def _clauses_by_place(self) -> dict[tuple[str | None, str], Clause]:
        return {(clause.annex, clause.article.number): clause for clause in self.clauses}

    @cached_property
    def end_dates(self) -> list[tuple[dt.date, str]]:
        """The last day of the convention, or failing that of each annex that has its own term."""
        if self.facts.convention.final_end:
            return [(self.facts.convention.final_end, "")]
        return [
            (facts.final_end, f"annexe {number}") for number, facts in self.facts.annexes.items() if facts.final_end
        ]

    @property
    def source_src(self) -> str:
        return urls.convention_source(self.convention.id)

    @cached_property
    def all_services(self) -> list[str]:
        convention = self.convention
        return list(dict.fromkeys(convention.services + [s for annex in convention.annexes for s in annex.services]))

    @cached_property
    def termination_rules(self) -> list[tuple[models.Termination, TermFacts, str]]:
        """Each termination rule with the facts of the term it ends and, for an annex, its label."""
        rules = []
        if self.convention.termination:
            rules.append((self.convention.termination, self.facts.convention, ""))
        for annex in self.convention.annexes:
            if annex.termination:
                facts = self.facts.annexes.get(annex.number, self.facts.convention)
                rules.append((annex.termination, facts, f"Annexe {annex.number}"))
        return rules

    @cached_property
    def latest_notice(self) -> dt.date | None:
        return latest_notice_before_end(self.convention.termination, self.facts.convention)


@dataclass
class SiteData:
    """The register plus derived facts and indexes; built in one linear pass."""

    register: Register
    config: SiteConfig
    as_of: dt.date
    loaded: Register | None = None
    """The register as read, before masking: what a page is made from, compared by identity (the preview)."""
    masked_values: tuple = ()
    """What the masker hides (the private persons' names, e-mails and phones): with `loaded`, a page's inputs."""
    conventions: dict[str, ConventionView] = field(default_factory=dict)
    organisations: dict[str, OrganisationView] = field(default_factory=dict)
    """Every organisation as published, in the register's order."""
    clauses_by_topic: dict[str, list[Clause]] = field(default_factory=lambda: defaultdict(list))
    conventions_by_organisation: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    conventions_by_service: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tariffs_by_convention: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tariffs_by_service: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notices_by_convention: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notices_by_service: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    services_by_provider: dict[str, list[models.Service]] = field(default_factory=lambda: defaultdict(list))

    def organisation(self, identifier: str) -> OrganisationView:
        return self.organisations[identifier]

    def service(self, identifier: str) -> models.Service:
        return self.register.services[identifier].item

    def topic(self, identifier: str) -> models.Topic:
        return self.register.topics[identifier].item

    def tariff(self, identifier: str) -> models.Tariff:
        return self.register.tariffs[identifier].item

    def notice(self, identifier: str) -> models.PrivacyNotice:
        return self.register.notices[identifier].item

    def clause(self, ref: models.ClauseRef, default_convention: str) -> Clause | None:
        view = self.conventions.get(ref.convention or default_convention)
        return view.clause(ref) if view else None

    def topics_in_order(self) -> list[models.Topic]:
        return sorted(self.register.items("topics"), key=lambda topic: (topic.order, topic.label))


def build_site_data(
    register: Register, config: SiteConfig, as_of: dt.date, content_dir: Path | None = None
) -> SiteData:
    """Everything the pages need. Every published model goes through the register's one masker
    (`register_masker`): `data.register` and `data.config` are the register and the site config as
    published. A source document (read under `content_dir`) is published as is only when nothing in it
    needs masking; without `content_dir`, none is."""
    masker = register_masker(register)
    data = SiteData(
        masked_register(register, masker),
        masked_copy(config, masker),
        as_of,
        loaded=register,
        masked_values=(masker.words, tuple(sorted(masker.phones))),
    )
    data.organisations = {
        identifier: OrganisationView.of(entry.item, masker) for identifier, entry in register.organisations.items()
    }
    for convention in register.items("conventions"):
        published = data.register.conventions[convention.id].item
        history = convention_history(published)
        version = history.in_force(as_of)
        clauses = convention_clauses(version.convention)
        parties = [(party, data.organisations[party.organisation]) for party in convention.parties]
        view = ConventionView(
            version.convention,
            convention_facts(published, as_of),
            clauses,
            source_published=publishes_source_as_is(
                convention, published, _source_text(content_dir, convention), masker
            ),
            parties=parties,
            as_of=as_of,
            history=history,
            version=version,
            amendment_sources_published=_amendment_sources_published(content_dir, convention, published, masker),
        )
        data.conventions[convention.id] = view
        for clause in clauses:
            for topic in clause.article.topics:
                data.clauses_by_topic[topic].append(clause)
        for organisation in dict.fromkeys(
            [party.organisation for party in convention.parties] + version.convention.providers
        ):
            data.conventions_by_organisation[organisation].append(convention.id)
        in_force = version.convention
        services = dict.fromkeys(in_force.services + [s for annex in in_force.annexes for s in annex.services])
        for service in services:
            data.conventions_by_service[service].append(convention.id)
    for service in data.register.items("services"):
        if service.provider:
            data.services_by_provider[service.provider].append(service)
    for tariff in register.items("tariffs"):
        data.tariffs_by_convention[tariff.convention].append(tariff.id)
        for service in tariff.services:
            data.tariffs_by_service[service].append(tariff.id)
    for notice in register.items("notices"):
        for convention_id in notice.conventions:
            data.notices_by_convention[convention_id].append(notice.id)
        for service in notice.services:
            data.notices_by_service[service].append(notice.id)
    return data


def _source_text(content_dir: Path | None, convention: models.Convention) -> str | None:
    if content_dir is None:
        return None
    try:
        return (content_dir / convention.source.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _amendment_sources_published(
    content_dir: Path | None, convention: models.Convention, published: models.Convention, masker: Masker
) -> tuple[bool, ...]:
    """Whether each avenant's source document is published as it is: by the convention's own rule
    (`publishes_source_as_is`), on the avenant's text."""
    result = []
    for amendment in convention.amendments:
        text = None
        if content_dir is not None and amendment.source is not None:
            try:
                text = (content_dir / amendment.source.file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = None
        result.append(publishes_source_as_is(convention, published, text, masker))
    return tuple(result)
