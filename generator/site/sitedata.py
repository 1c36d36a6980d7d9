"""Everything the pages need, computed once from the register: derived facts and cross-indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from generator.privacy.masking import masked_convention
from generator.register import models
from generator.register.clauses import Clause, convention_clauses
from generator.register.derive import ConventionFacts, TermFacts, convention_facts, latest_notice_before_end
from generator.register.site_config import SiteConfig
from generator.register.store import Register
from generator.site import summary


@dataclass
class ConventionView:
    convention: models.Convention
    facts: ConventionFacts
    clauses: list[Clause]
    source_published: bool
    parties: list[tuple[models.Party, models.Organisation]]

    @property
    def id(self) -> str:
        return self.convention.id

    @property
    def src(self) -> str:
        return f"conventions/{self.convention.id}/index.md"

    @property
    def display_name(self) -> str:
        convention = self.convention
        return f"{convention.reference} — {convention.title}" if convention.reference else convention.title

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

    @cached_property
    def _clauses_by_place(self) -> dict[tuple[str | None, str], Clause]:
        return {(clause.annex, clause.article.number): clause for clause in self.clauses}

    @cached_property
    def end_dates(self) -> list[tuple[dt.date, str]]:
        """The last day of the convention, or failing that of each annex that has its own term."""
        if self.facts.convention.final_end:
            return [(self.facts.convention.final_end, "")]
        return [(facts.final_end, f"annexe {number}") for number, facts in self.facts.annexes.items() if facts.final_end]

    @property
    def source_src(self) -> str:
        return f"conventions/{self.convention.id}/document-source.txt"

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
    conventions: dict[str, ConventionView] = field(default_factory=dict)
    clauses_by_topic: dict[str, list[Clause]] = field(default_factory=lambda: defaultdict(list))
    conventions_by_organisation: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    conventions_by_service: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tariffs_by_convention: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tariffs_by_service: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notices_by_convention: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notices_by_service: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    services_by_provider: dict[str, list[models.Service]] = field(default_factory=lambda: defaultdict(list))

    def organisation(self, identifier: str) -> models.Organisation:
        return self.register.organisations[identifier].item

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


def build_site_data(register: Register, config: SiteConfig, as_of: dt.date) -> SiteData:
    data = SiteData(register, config, as_of)
    for convention in register.items("conventions"):
        published = masked_convention(convention)
        clauses = convention_clauses(published)
        parties = [(party, register.organisations[party.organisation].item) for party in convention.parties]
        view = ConventionView(published, convention_facts(convention, as_of), clauses,
                              source_published=published is convention, parties=parties)
        data.conventions[convention.id] = view
        for clause in clauses:
            for topic in clause.article.topics:
                data.clauses_by_topic[topic].append(clause)
        for organisation in dict.fromkeys([party.organisation for party in convention.parties] + convention.providers):
            data.conventions_by_organisation[organisation].append(convention.id)
        services = dict.fromkeys(convention.services + [s for annex in convention.annexes for s in annex.services])
        for service in services:
            data.conventions_by_service[service].append(convention.id)
    for service in register.items("services"):
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
