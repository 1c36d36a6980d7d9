"""What a clause type's page (`/clauses/<topic>/`) compares: a table of the facts the register holds about
each convention's clauses of that type, then the clauses' texts.

The columns depend on the topic: `COLUMNS_BY_TOPIC` maps the topics whose facts the data states in fields
(a term, a termination rule, tariffs, privacy notices, services, a referent) to their columns. Any other
topic, one the staff add included, gets `FALLBACK_COLUMNS`: the clauses and the convention's status. A
fact the data does not state is « non précisé », never guessed from the text. Every fact links to the
clause it comes from (the article's own page), or to the page of what it names (a tariff, a notice).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator.formatting import day_month, euros, french_date, period
from generator.register import models
from generator.register.clauses import Clause
from generator.register.derive import TermFacts
from generator.site import summary, urls
from generator.site.sitedata import ConventionView, SiteData

NOT_STATED = "non précisé"
#: the heading level of the clauses' own headings under « Textes des clauses » (an h2)
TEXT_HEADING_LEVEL = 3


@dataclass(frozen=True)
class Cell:
    """One fact of the table: its words, and the page (a source path) it comes from, or None."""

    text: str
    href: str | None = None
    stated: bool = True
    """False for « non précisé »: the data does not state this fact."""


@dataclass(frozen=True)
class Row:
    """One convention (or one annex of it with its own rule)."""

    convention: Cell
    """The convention's name, linked to its page."""
    scope: str
    """« Annexe 2 » for an annex's own rule; empty for the convention's."""
    cells: tuple[tuple[Cell, ...], ...]
    """One entry per column: the facts of that column (several, one per line, or none)."""


@dataclass(frozen=True)
class Comparison:
    caption: str
    columns: tuple[str, ...]
    """Headers of the columns after the convention's."""
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ClauseText:
    """A clause as the page shows its text, in a collapsible block."""

    clause: Clause
    anchor: str
    """The block's id on this page."""
    summary: str
    """« 2026CV4 — Convention de services — Article n° 3 : Durée de la convention »."""
    text: str
    """The clause's Markdown, its headings moved under the page's « Textes des clauses »."""


@dataclass(frozen=True)
class Scope:
    """What one row describes: a convention's own rule or an annex's, and the convention's clauses of the
    topic on the page."""

    view: ConventionView
    clauses: tuple[Clause, ...]
    annex: models.Annex | None = None

    @property
    def label(self) -> str:
        return f"Annexe {self.annex.number}" if self.annex else ""


Facts = Callable[[SiteData, Scope], tuple[Cell, ...]]
RowScopes = Callable[[ConventionView, tuple[Clause, ...]], list[Scope]]


@dataclass(frozen=True)
class Columns:
    """The columns of one kind of topic, and which rows it has."""

    columns: tuple[tuple[str, Facts], ...]
    scopes: RowScopes


# --- helpers --------------------------------------------------------------------------


def _cited(view: ConventionView, ref: models.ClauseRef | None, text: str) -> Cell:
    """`text`, linked to the clause `ref` cites when the convention has it."""
    clause = view.clause(ref)
    return Cell(text, clause.src if clause else None)


UNSTATED = Cell(NOT_STATED, stated=False)


def _not_stated() -> tuple[Cell, ...]:
    return (UNSTATED,)


def _convention_scope(view: ConventionView, clauses: tuple[Clause, ...]) -> list[Scope]:
    return [Scope(view, clauses)]


def _with_annexes(has_own_rule: Callable[[models.Annex], bool]) -> RowScopes:
    """The convention's row, then one per annex that has its own rule."""

    def scopes(view: ConventionView, clauses: tuple[Clause, ...]) -> list[Scope]:
        annexes = [Scope(view, clauses, annex) for annex in view.convention.annexes if has_own_rule(annex)]
        return [Scope(view, clauses), *annexes]

    return scopes


def _term(scope: Scope) -> models.Term | None:
    return scope.annex.term if scope.annex else scope.view.convention.term


def _term_facts(scope: Scope) -> TermFacts:
    facts = scope.view.facts
    return facts.annexes.get(scope.annex.number, facts.convention) if scope.annex else facts.convention


def _termination(scope: Scope) -> models.Termination | None:
    return scope.annex.termination if scope.annex else scope.view.convention.termination


# --- durée -----------------------------------------------------------------------------


def _start(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    convention = scope.view.convention
    term = _term(scope)
    if term is not None and term.start:
        return (_cited(scope.view, term.source, french_date(term.start)),)
    entry = convention.entry_into_force
    if entry.not_stated:
        return _not_stated()
    return (_cited(scope.view, entry.source, summary.entry_into_force_text(entry, convention.signature)),)


def _duration(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    term = _term(scope)
    if term is None or not term.duration:
        return _not_stated()
    return (_cited(scope.view, term.source, period(term.duration)),)


def _renewal(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    term = _term(scope)
    if term is None or not term.renewals or term.renewal_period is None:
        return _not_stated()
    return (_cited(scope.view, term.source, f"{term.renewals} fois {period(term.renewal_period)}"),)


def _end(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    term, facts = _term(scope), _term_facts(scope)
    if term is None or facts.final_end is None:
        return _not_stated()
    text = french_date(facts.final_end)
    if facts.initial_end and facts.initial_end != facts.final_end:
        text = f"{french_date(facts.initial_end)}, au plus tard le {text} avec les renouvellements"
    return (_cited(scope.view, term.source, text),)


def _term_rule(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    term = _term(scope)
    if term is None or not term.description:
        return _not_stated()
    return (_cited(scope.view, term.source, term.description),)


# --- résiliation ----------------------------------------------------------------------


def _rule_fact(fact: Callable[[models.Termination], str | None]) -> Facts:
    def cells(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
        rule = _termination(scope)
        text = fact(rule) if rule is not None else None
        return (_cited(scope.view, rule.source, text),) if rule is not None and text else _not_stated()

    return cells


def _notice_start(rule: models.Termination) -> str:
    if rule.kind == "any_time":
        return "À tout moment"
    anchor = rule.anchor or dt.date.min  # the model requires the anchor of a before_anniversary rule
    label = f" ({rule.anchor_label})" if rule.anchor_label else ""
    return f"Avant chaque date anniversaire du {day_month(anchor)}{label}"


def _effect(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    rule = _termination(scope)
    if rule is None:
        return _not_stated()
    facts = _term_facts(scope)
    next_notice = summary.next_notice(rule, facts)
    text = next_notice.text if next_notice else summary.term_reached_text(facts, data.as_of)
    return (_cited(scope.view, rule.source, text),) if text else _not_stated()


# --- rémunération ---------------------------------------------------------------------


def _tariffs(data: SiteData, scope: Scope) -> list[models.Tariff]:
    return [data.tariff(identifier) for identifier in data.tariffs_by_convention.get(scope.view.id, [])]


def _amount_text(tariff: models.Tariff, as_of: dt.date) -> str:
    """« 1 130,00 € en 2025 (à titre indicatif) », or the range of a grid's prices as of the build date."""
    if tariff.indicative:
        return "; ".join(f"{euros(amount.amount)} en {amount.year} (à titre indicatif)" for amount in tariff.indicative)
    current = [version for version in tariff.versions if version.valid_from <= as_of] or tariff.versions[:1]
    prices = sorted(price for component in current[-1].components for price in _prices(component.prices))
    if prices[0] == prices[-1]:
        return f"Grille : prix unitaire de {euros(prices[0])}"
    return f"Grille : prix unitaires de {euros(prices[0])} à {euros(prices[-1])}"


def _prices(grid: object) -> Iterator[Decimal]:
    if isinstance(grid, dict):
        for value in grid.values():
            yield from _prices(value)
    elif isinstance(grid, Decimal):
        yield grid


def _tariff_fact(fact: Callable[[models.Tariff, dt.date], str | None]) -> Facts:
    def cells(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
        found = []
        for tariff in _tariffs(data, scope):
            text = fact(tariff, data.as_of)
            found.append(_cited(scope.view, tariff.source, text) if text else UNSTATED)
        return tuple(found) or _not_stated()

    return cells


def _tariff_pages(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    return tuple(Cell(tariff.title, urls.tariff(tariff.id)) for tariff in _tariffs(data, scope)) or _not_stated()


# --- données personnelles --------------------------------------------------------------


def _notices(data: SiteData, scope: Scope) -> list[models.PrivacyNotice]:
    return [data.notice(identifier) for identifier in data.notices_by_convention.get(scope.view.id, [])]


def _notice_pages(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    return tuple(Cell(notice.title, urls.notice(notice.id)) for notice in _notices(data, scope)) or _not_stated()


def _controllers(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    cells = []
    for notice in _notices(data, scope):
        organisation = data.organisation(notice.controller)
        cells.append(Cell(organisation.short_name or organisation.name, urls.organisation(organisation.id)))
    return tuple(dict.fromkeys(cells)) or _not_stated()


def _retention(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    cells = []
    for notice in _notices(data, scope):
        statement = notice.retention
        source = data.clause(statement.source, scope.view.id) if statement.source else None
        cells.append(Cell(statement.text, source.src if source else urls.notice(notice.id)))
    return tuple(cells) or _not_stated()


# --- objet, référent, and any topic ----------------------------------------------------


def _services(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    return (
        tuple(Cell(data.service(service).name, urls.service(service)) for service in scope.view.all_services)
        or _not_stated()
    )


def _referent(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    referent = scope.view.convention.referent
    if referent is None:
        return _not_stated()
    words = summary.referent_text(referent)
    text = f"{words.text} ({words.withheld_note})" if words.withheld_note else words.text
    cited = next((clause for clause in scope.clauses), None)
    return (Cell(text, cited.src if cited else None),)


def _clauses(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    return tuple(Cell(f"{clause.label} : {clause.article.title}", clause.src) for clause in scope.clauses)


def _status(data: SiteData, scope: Scope) -> tuple[Cell, ...]:
    return (Cell(scope.view.status_text, scope.view.src),)


FALLBACK_COLUMNS = Columns((("Clauses", _clauses), ("Statut", _status)), _convention_scope)

COLUMNS_BY_TOPIC: dict[str, Columns] = {
    "duree": Columns(
        (
            ("Début", _start),
            ("Durée initiale", _duration),
            ("Renouvellement", _renewal),
            ("Échéance", _end),
            ("Règle", _term_rule),
        ),
        _with_annexes(lambda annex: annex.term is not None),
    ),
    "resiliation": Columns(
        (
            ("Préavis", _rule_fact(lambda rule: period(rule.notice))),
            ("Point de départ", _rule_fact(_notice_start)),
            ("Forme", _rule_fact(lambda rule: rule.form)),
            ("Qui peut résilier", _rule_fact(lambda rule: rule.by[:1].upper() + rule.by[1:])),
            ("Effet", _effect),
        ),
        _with_annexes(lambda annex: annex.termination is not None),
    ),
    "remuneration": Columns(
        (
            ("Montant ou tarif", _tariff_fact(_amount_text)),
            ("Unité", _tariff_fact(lambda tariff, _: tariff.unit)),
            ("Taxes", _tariff_fact(lambda tariff, _: tariff.tax_basis)),
            ("Fiche tarif", _tariff_pages),
        ),
        _convention_scope,
    ),
    "donnees-personnelles": Columns(
        (
            ("Notice d’information", _notice_pages),
            ("Responsable du traitement", _controllers),
            ("Conservation", _retention),
        ),
        _convention_scope,
    ),
    "objet": Columns((("Clauses", _clauses), ("Services", _services)), _convention_scope),
    "referent": Columns((("Clauses", _clauses), ("Référent", _referent)), _convention_scope),
}


def columns_of(topic_id: str) -> Columns:
    return COLUMNS_BY_TOPIC.get(topic_id, FALLBACK_COLUMNS)


# --- the page ----------------------------------------------------------------------------


def by_convention(clauses: Iterable[Clause]) -> dict[str, tuple[Clause, ...]]:
    """The clauses of each convention, conventions in the order of their first clause."""
    grouped: dict[str, list[Clause]] = {}
    for clause in clauses:
        grouped.setdefault(clause.convention_id, []).append(clause)
    return {identifier: tuple(found) for identifier, found in grouped.items()}


def comparison(data: SiteData, topic: models.Topic, clauses: Iterable[Clause]) -> Comparison:
    """The table of the conventions whose clauses of `topic` are `clauses` (one page's)."""
    kind = columns_of(topic.id)
    rows = []
    for convention_id, own in by_convention(clauses).items():
        view = data.conventions[convention_id]
        name = Cell(view.short_name, view.src)
        for scope in kind.scopes(view, own):
            rows.append(Row(name, scope.label, tuple(facts(data, scope) for _, facts in kind.columns)))
    return Comparison(
        f"Comparaison des clauses « {topic.label} »", tuple(label for label, _ in kind.columns), tuple(rows)
    )


def clause_texts(data: SiteData, clauses: Iterable[Clause]) -> list[ClauseText]:
    texts = []
    for clause in clauses:
        view = data.conventions[clause.convention_id]
        texts.append(
            ClauseText(
                clause,
                f"{clause.convention_id}-{clause.slug}",
                _summary(view, clause),
                relevel_headings(clause.text, TEXT_HEADING_LEVEL),
            )
        )
    return texts


def _summary(view: ConventionView, clause: Clause) -> str:
    """The convention's name, then the article's heading; an annex's section says which annex it is in."""
    heading = " ".join(clause.article.heading.split())
    return f"{view.display_name} — {clause.label} : {heading}" if clause.annex else f"{view.display_name} — {heading}"


_HEADING = re.compile(r"^(#{1,6})(?= )", flags=re.M)


def relevel_headings(text: str, top: int) -> str:
    """Move a Markdown text's headings so that its highest one is of level `top`, keeping their steps."""
    levels = [len(marks) for marks in _HEADING.findall(text)]
    if not levels:
        return text
    shift = top - min(levels)
    return _HEADING.sub(lambda match: "#" * max(1, min(6, len(match.group(1)) + shift)), text)
