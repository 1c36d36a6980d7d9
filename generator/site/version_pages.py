"""A convention in time as its reader sees it: the markers of its consolidated text (where each wording comes
from, what is abrogated), its avenants, the list of its versions, a permanent page per version with a word
comparison of what its act changed, and each article's history. Everything is read from the convention's one
history (`register.versions.convention_history`, through the `ConventionView`); the words are decided here
and placed by the templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.formatting import french_date
from generator.register import models
from generator.register.clauses import Clause
from generator.register.versions import ClauseKey, ClauseState, History, Version
from generator.site import summary, urls
from generator.site.render import PageSpec
from generator.site.sitedata import ConventionView, SiteData
from generator.site.word_diff import plain_html, word_diff
from generator.wording import the

DISCLAIMER = "consolidée par le registre, sans valeur juridique : seuls les textes signés font foi"
#: after an avenant's source document, when it names someone whose data is not published
SOURCE_WITHHELD = "non publié tel quel car il contient des données personnelles"


# --- acts and dates in words -------------------------------------------------------


def act_title(act: models.Amendment | None) -> str:
    """« Avenant n° 1 du 10 mars 2026 », or « Texte signé » for the convention as signed."""
    return f"{act.reference} du {french_date(act.signature.date)}" if act else "Texte signé"


def act_words(act: models.Amendment | None) -> str:
    """The act in running text: « l’avenant n° 1 du 10 mars 2026 », « le texte signé »."""
    return the(act_title(act)) if act else "le texte signé"


def origin_text(state: ClauseState) -> str | None:
    """« Rédaction issue de l’avenant n° 1 du 10 mars 2026 », for a wording an avenant gave."""
    return f"Rédaction issue de {act_words(state.act)}" if state.act is not None else None


def abrogation_text(state: ClauseState) -> str | None:
    """« Abrogé par l’avenant n° 2 du 15 septembre 2026 », for an abrogated clause."""
    return f"Abrogé par {act_words(state.abrogated_by)}" if state.abrogated_by is not None else None


def period_text(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> str:
    """« du 1er avril 2026 au 30 septembre 2026 », « depuis le 1er octobre 2026 », « à partir du 1er janvier
    2027 » (still to come)."""
    if start is None:
        return f"jusqu’au {french_date(end)}" if end else "date d’entrée en vigueur non précisée"
    if end is not None:
        return f"du {french_date(start)} au {french_date(end)}"
    return f"à partir du {french_date(start)}" if start > as_of else f"depuis le {french_date(start)}"


def standing(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> str:
    """« en vigueur », « à venir » or « antérieure », as of `as_of`."""
    if start is not None and start > as_of:
        return "à venir"
    if end is not None and end < as_of:
        return "antérieure"
    return "en vigueur"


# --- the clauses of one version -----------------------------------------------------


@dataclass(frozen=True)
class ClauseEntry:
    """A clause of a version, in reading order, with its markers."""

    clause: Clause
    state: ClauseState
    origin_text: str | None
    abrogation_text: str | None
    changed: bool
    """This version's act changed it."""
    earlier: bool
    """It had an earlier wording (its article page shows it)."""
    page: bool
    """It has a page of its own (it exists on the build date)."""
    upcoming_text: str | None = None
    """For the text in force: the next wording an avenant already signed gives it, and from when."""

    @property
    def heading(self) -> str:
        """Its heading; for an abrogated clause, « Article 6 — Abrogé par … »."""
        if self.abrogation_text:
            return f"{self.clause.label} — {self.abrogation_text}"
        return self.clause.article.heading

    @property
    def history_link_text(self) -> str:
        return "rédaction antérieure" if self.earlier else "historique"

    @property
    def history_label(self) -> str:
        """What a screen reader hears after the visible words of the link to its history."""
        named = the(self.clause.label)
        if named.startswith("le "):
            return f" du {named[3:]}"
        return f" des {named[4:]}" if named.startswith("les ") else f" de {named}"


def clause_entries(view: ConventionView, version: Version) -> list[ClauseEntry]:
    """Every clause of `version`, abrogated ones included, in reading order."""
    current = view.version
    result = []
    for state in version.states:
        annex, _ = state.key
        wordings = view.clause_wordings[state.key]
        result.append(
            ClauseEntry(
                Clause(view.id, annex, state.article),
                state,
                origin_text(state),
                abrogation_text(state),
                changed=state.key in version.changed,
                earlier=wordings[0][1] != state,
                page=current.state(state.key) is not None,
                upcoming_text=upcoming_text(wordings, state) if version is current else None,
            )
        )
    return result


def upcoming_text(found: list[tuple[Version, ClauseState]], state: ClauseState) -> str | None:
    """« Nouvelle rédaction à partir du 1er janvier 2027 (avenant n° 3 du 2 novembre 2026) », or « Abrogation
    à partir du … », for the wording that follows `state` in the clause's history (`found`)."""
    positions = [index for index, (_, other) in enumerate(found) if other == state]
    if not positions or positions[-1] + 1 >= len(found):
        return None
    version, following = found[positions[-1] + 1]
    if version.start is None:
        return None
    kind = "Abrogation" if following.abrogated_by is not None else "Nouvelle rédaction"
    act = following.abrogated_by or following.act
    title = act_title(act)
    return f"{kind} à partir du {french_date(version.start)} ({title[:1].lower() + title[1:]})"


def annex_entries(version: Version, entries: list[ClauseEntry]) -> list[tuple[models.Annex, list[ClauseEntry]]]:
    """The annexes of `version` with their sections among `entries` (abrogated ones included)."""
    return [
        (annex, [entry for entry in entries if entry.clause.annex == annex.number])
        for annex in version.convention.annexes
    ]


# --- the avenants -------------------------------------------------------------------


@dataclass(frozen=True)
class ActView:
    """An avenant as the convention page lists it."""

    number: int
    """Its place in the convention's file, from 1: its anchor and its source's address."""
    amendment: models.Amendment
    title: str
    words: str
    """The avenant in running text: « l’avenant n° 1 »."""
    anchor: str
    signature_text: str
    entry_text: str
    in_force: bool
    """It had entered into force on the build date."""
    signatories: list[tuple[str, str]]
    """Each signatory's organisation id, with its role and representative in words."""
    deliberations: list[str]
    changes: list[tuple[str | None, str]]
    """Each change: the avenant's own sentence (when recorded), and what it does in words."""
    publication_text: str | None
    source_src: str | None
    """Its published source document; None when not published as it is (or when it has none)."""
    source_text: str
    """What its source document is; when it is not published, why."""
    version_src: str | None


def act_views(data: SiteData, view: ConventionView) -> list[ActView]:
    history = view.history
    versions = {id(version.act): version for version in history.versions if version.act is not None}
    result = []
    for number, amendment in enumerate(history.convention.amendments, start=1):
        version = versions.get(id(amendment))
        start = amendment.in_force_from
        in_force = start <= view.as_of
        entry = french_date(start) if in_force else f"Entre en vigueur le {french_date(start)}"
        signatories = amendment.signatories or history.convention.parties
        published = amendment.source is not None and view.amendment_source_published(number)
        if amendment.source is None:
            source_text = "Non enregistré par le registre"
        else:
            source_text = amendment.source.description or f"Texte signé de {the(amendment.reference)}"
            if not published:
                source_text += f" — {SOURCE_WITHHELD}"
        result.append(
            ActView(
                number,
                amendment,
                act_title(amendment),
                the(amendment.reference),
                f"avenant-{number}",
                summary.signature_text(
                    models.Signature(place=amendment.signature.place, date=amendment.signature.date)
                ),
                entry,
                in_force,
                [(party.organisation, summary.party_text(party)) for party in signatories],
                [deliberation_text(data, deliberation) for deliberation in amendment.deliberations],
                [(_quoted(change.wording), change_text(data, history, change)) for change in amendment.changes],
                summary.publication_text(amendment.publication),
                view.amendment_source_src(number) if published else None,
                source_text,
                urls.version(view.id, version.slug) if version is not None else None,
            )
        )
    return result


def _quoted(text: str | None) -> str | None:
    return f"«\u00a0{text}\u00a0»" if text else None


def deliberation_text(data: SiteData, deliberation: models.Deliberation) -> str:
    """« Comité syndical du SMICA, délibération n° 2026-07 du 26 février 2026 »."""
    body = deliberation.body[:1].upper() + deliberation.body[1:]
    if deliberation.organisation and deliberation.organisation in data.organisations:
        organisation = data.organisation(deliberation.organisation)
        body += f" ({organisation.short_name or organisation.name})"
    parts = [body]
    if deliberation.reference:
        parts.append(deliberation.reference)
    text = ", ".join(parts)
    return f"{text} du {french_date(deliberation.date)}" if deliberation.date else text


def change_text(data: SiteData, history: History, change: models.AmendmentChange) -> str:
    """What one change does, in words: « Article 1 : nouvelle rédaction », « Durée : … »."""
    kind = change.kind
    if change.replace is not None:
        parts = [name for name, value in (("titre", change.title or change.heading), ("texte", change.text)) if value]
        label = _label(history, change.replace.annex, change.replace.article)
        return f"{label} : nouvelle rédaction ({' et '.join(parts) or 'types de clause'})"
    if change.insert is not None:
        insertion = change.insert
        where = f", après {the(_label(history, insertion.annex, insertion.after))}" if insertion.after else ""
        return f"{_label(history, insertion.annex, insertion.number)} inséré{where} : {insertion.title}"
    if change.delete is not None:
        return f"{_label(history, change.delete.annex, change.delete.article)} abrogé"
    return f"{FACT_LABELS[kind]} : {fact_text(data, kind, getattr(change, kind))}"


FACT_LABELS = {
    "term": "Durée",
    "termination": "Résiliation",
    "services": "Services",
    "providers": "Prestataires",
    "referent": "Référent",
    "add_annex": "Annexe ajoutée",
}


def fact_text(data: SiteData, kind: str, value: object) -> str:
    """A fact an avenant may change, in words."""
    if value is None:
        return "aucun"
    if kind == "term":
        return summary.term_text(value)  # type: ignore[arg-type]
    if kind == "termination":
        return summary.termination_rule_text(value)  # type: ignore[arg-type]
    if kind == "services":
        return ", ".join(data.service(s).name if s in data.register.services else s for s in value) or "aucun"  # type: ignore[attr-defined]
    if kind == "providers":
        return ", ".join(data.organisation(o).name if o in data.organisations else o for o in value) or "aucun"  # type: ignore[attr-defined]
    if kind == "referent":
        return summary.referent_text(value).text  # type: ignore[arg-type]
    annex = value
    return f"annexe {annex.number} : {annex.title}"  # type: ignore[attr-defined]


def _label(history: History, annex: str | None, number: str) -> str:
    """A clause's label (« Article 5 bis »), from the last version that has it."""
    key: ClauseKey = (annex, number)
    for version in reversed(history.versions):
        state = version.state(key)
        if state is not None:
            return Clause(history.convention.id, annex, state.article).label
    return f"Annexe {annex}, article {number}" if annex else f"Article {number}"


# --- the list of versions -----------------------------------------------------------


@dataclass(frozen=True)
class VersionEntry:
    """One version, as the list of versions and its own page name it."""

    version: Version
    src: str
    act_title: str
    period_text: str
    standing: str
    changes: list[tuple[str, str]]
    """What its act changed: (anchor on its page, words), clauses first, then facts."""
    act_anchor: str | None
    """The avenant's anchor on the convention page."""


def version_entries(view: ConventionView) -> list[VersionEntry]:
    history = view.history
    numbers = {id(amendment): number for number, amendment in enumerate(history.convention.amendments, start=1)}
    result = []
    for version in history.versions:
        changes = [
            (
                f"comparaison-{Clause(view.id, key[0], _state(version, key).article).slug}",
                _changed_words(history, version, key),
            )
            for key in version.changed
        ]
        changes += [("ce-qui-change", FACT_LABELS[kind]) for kind in version.changed_facts]
        result.append(
            VersionEntry(
                version,
                urls.version(view.id, version.slug),
                act_title(version.act),
                period_text(version.start, version.end, view.as_of),
                standing(version.start, version.end, view.as_of),
                changes,
                f"avenant-{numbers[id(version.act)]}" if version.act is not None else None,
            )
        )
    return result


def _state(version: Version, key: ClauseKey) -> ClauseState:
    state = version.state(key)
    assert state is not None  # a changed clause is in its version
    return state


def _what(history: History, version: Version, key: ClauseKey) -> str:
    """What `version`'s act did to a clause: « abrogé », « inséré » or « nouvelle rédaction »."""
    if not _state(version, key).in_force:
        return "abrogé"
    before = history.versions[version.index - 1] if version.index else None
    return "inséré" if before is None or before.state(key) is None else "nouvelle rédaction"


def _changed_words(history: History, version: Version, key: ClauseKey) -> str:
    label = Clause(history.convention.id, key[0], _state(version, key).article).label
    return f"{label} : {_what(history, version, key)}"


# --- a version's page: what its act changed, word by word ---------------------------


@dataclass(frozen=True)
class Comparison:
    """One clause an act changed, compared with the previous version."""

    anchor: str
    label: str
    what: str
    """« nouvelle rédaction », « inséré », « abrogé »."""
    heading: Markup | None
    """The heading, word by word, when it changed."""
    text: Markup


def comparisons(view: ConventionView, version: Version) -> list[Comparison]:
    """Each clause `version`'s act changed, compared with the version before (only those)."""
    if version.index == 0:
        return []
    before = view.history.versions[version.index - 1]
    result = []
    for key in version.changed:
        after = _state(version, key)
        earlier = before.state(key)
        clause = Clause(view.id, key[0], after.article)
        old_heading, old_text = (earlier.article.heading, earlier.article.text) if earlier else ("", "")
        new_heading, new_text = (after.article.heading, after.article.text) if after.in_force else ("", "")
        what = _what(view.history, version, key)
        heading = word_diff(old_heading, new_heading) if old_heading != new_heading else None
        result.append(
            Comparison(f"comparaison-{clause.slug}", clause.label, what, heading, word_diff(old_text, new_text))
        )
    return result


def fact_comparisons(data: SiteData, view: ConventionView, version: Version) -> list[tuple[str, Markup]]:
    """Each fact `version`'s act changed (term, services…), word by word against the version before."""
    if version.index == 0:
        return []
    before = view.history.versions[version.index - 1].convention
    result = []
    for kind in version.changed_facts:
        if kind == "add_annex":
            added = [c.add_annex for c in version.act.changes if c.add_annex is not None] if version.act else []
            result += [(FACT_LABELS[kind], word_diff("", fact_text(data, kind, annex))) for annex in added]
            continue
        old, new = getattr(before, kind), getattr(version.convention, kind)
        result.append((FACT_LABELS[kind], word_diff(fact_text(data, kind, old), fact_text(data, kind, new))))
    return result


# --- an article's history -----------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """One wording of a clause (or its abrogation), from the version it began in."""

    state: ClauseState
    version_src: str
    act_title: str
    period_text: str
    standing: str
    abrogation_text: str | None

    @property
    def origin_text(self) -> str:
        """« Issue de l’avenant n° 1 du 10 mars 2026 », « Issue du texte signé », « Abrogation du … »."""
        if self.abrogation_text:
            return f"Abrogation {self.period_text}"
        return f"Issue de {act_words(self.state.act)}" if self.state.act else "Issue du texte signé"

    @property
    def text_html(self) -> Markup:
        return plain_html(self.state.article.text)


def wordings(view: ConventionView, key: ClauseKey) -> list[Wording]:
    """Every wording of a clause, oldest first, with the dates it was in force and the act it comes from."""
    found = view.clause_wordings[key]
    result = []
    for position, (version, state) in enumerate(found):
        following = found[position + 1][0] if position + 1 < len(found) else None
        end = following.start - dt.timedelta(days=1) if following is not None and following.start else None
        if following is None:
            end = view.history.versions[-1].end
        act = state.abrogated_by if state.abrogated_by is not None else state.act
        result.append(
            Wording(
                state,
                urls.version(view.id, version.slug),
                act_title(act),
                period_text(version.start, end, view.as_of),
                standing(version.start, end, view.as_of),
                abrogation_text(state),
            )
        )
    return result


def citation_version_text(view: ConventionView) -> str:
    """How an article's citation names the version: « version en vigueur au 22 novembre 2026 »."""
    return f"version en vigueur au {french_date(view.as_of)}"


# --- the pages ----------------------------------------------------------------------


def version_pages(data: SiteData, view: ConventionView) -> list[PageSpec]:
    """The list of a convention's versions and a permanent page per version; none for a convention as
    signed (its page is its only version)."""
    if not view.history.amended:
        return []
    entries = version_entries(view)
    pages = [
        PageSpec(
            view.versions_src,
            "versions.md.j2",
            {"view": view, "entries": entries, "disclaimer": DISCLAIMER},
            description=f"Les versions successives de la convention {view.display_name}.",
            conventions=(view.id,),
        )
    ]
    for position, entry in enumerate(entries):
        version = entry.version
        clauses = clause_entries(view, version)
        pages.append(
            PageSpec(
                entry.src,
                "version.md.j2",
                {
                    "view": view,
                    "entry": entry,
                    "previous": entries[position - 1] if position else None,
                    "next": entries[position + 1] if position + 1 < len(entries) else None,
                    "clauses": [clause for clause in clauses if clause.clause.annex is None],
                    "annexes": annex_entries(version, clauses),
                    "comparisons": comparisons(view, version),
                    "fact_comparisons": fact_comparisons(data, view, version),
                    "disclaimer": DISCLAIMER,
                },
                description=f"{view.display_name} : {entry.act_title}, version {entry.period_text}.",
                conventions=(view.id,),
            )
        )
    return pages
