"""A convention in time: the text as signed, then one version per avenant, each the consolidated text in force
from the avenant's entry into force. `convention_history` is the one function every page, date, export and
report reads the text in force from (`History.in_force`)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace

from generator.register import models
from generator.wording import french_date

ClauseKey = tuple[str | None, str]
"""An article's place: (annex number or None, article number)."""

FACT_WORDS = {
    "term": "la durée",
    "termination": "la règle de résiliation",
    "services": "les services",
    "providers": "les prestataires",
    "referent": "le référent",
}


@dataclass(frozen=True)
class ClauseState:
    """One clause as it stands in a version: its wording, the act that wording comes from, and whether it is
    abrogated (then `article` is its last wording)."""

    key: ClauseKey
    article: models.Article
    act: models.Amendment | None = None
    """The avenant its wording comes from; None: as signed."""
    abrogated_by: models.Amendment | None = None

    @property
    def in_force(self) -> bool:
        return self.abrogated_by is None


@dataclass(frozen=True)
class Problem:
    """A change that cannot apply, at `path` in the convention's file."""

    path: tuple
    message: str


@dataclass(frozen=True)
class Version:
    """The convention as it stands from `start` to `end` (both included; None: not known, or still)."""

    index: int
    """0: as signed; n: after the n-th avenant in order of entry into force."""
    act: models.Amendment | None
    start: dt.date | None
    end: dt.date | None
    convention: models.Convention
    """The consolidated text: what every page reads. Abrogated clauses are not in it (see `states`)."""
    states: tuple[ClauseState, ...]
    """Every clause in reading order, abrogated ones included."""
    changed: tuple[ClauseKey, ...] = ()
    """The clauses this version's act changed (replaced, inserted, abrogated)."""
    changed_facts: tuple[str, ...] = ()
    """The other things it changed: `term`, `termination`, `services`, `providers`, `referent`, `add_annex`."""
    slug: str = ""
    """Its permanent address under the convention: `version-YYYY-MM-DD` (a second version of the same day
    gets `-2`), `version-signee` when the original's first day is not known."""

    def state(self, key: ClauseKey) -> ClauseState | None:
        return self._by_key.get(key)

    @functools.cached_property
    def _by_key(self) -> dict[ClauseKey, ClauseState]:
        return {state.key: state for state in self.states}


@dataclass(frozen=True)
class History:
    """Every version of one convention, oldest first, and the changes that could not apply."""

    convention: models.Convention
    """As signed."""
    versions: tuple[Version, ...]
    problems: tuple[Problem, ...] = field(default=())

    def in_force(self, day: dt.date) -> Version:
        """The version in force on `day`: the latest that started by then; the signed text before any."""
        current = self.versions[0]
        for version in self.versions[1:]:
            if version.start is not None and version.start <= day:
                current = version
        return current

    @property
    def amended(self) -> bool:
        return len(self.versions) > 1

    def wordings(self, key: ClauseKey) -> list[tuple[Version, ClauseState]]:
        """The history of one clause: each version where its wording (or its abrogation) began, oldest first."""
        result: list[tuple[Version, ClauseState]] = []
        for version in self.versions:
            state = version.state(key)
            if state is None:
                continue
            if not result or state != result[-1][1]:
                result.append((version, state))
        return result


def convention_history(convention: models.Convention) -> History:
    """The history of `convention` (computed once per convention object)."""
    return _history(_Same(convention))


def text_in_force(convention: models.Convention, day: dt.date) -> models.Convention:
    """The consolidated text of `convention` in force on `day`."""
    return convention_history(convention).in_force(day).convention


def original_start(convention: models.Convention) -> dt.date | None:
    """The signed text's first day in force, when known."""
    entry = convention.entry_into_force
    if entry.date:
        return entry.date
    return convention.signature.date if entry.on_signature else None


class _Same:
    """A convention as a cache key: the same object, not an equal one."""

    __slots__ = ("value",)

    def __init__(self, value: models.Convention) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


@functools.lru_cache(maxsize=8192)
def _history(identity: _Same) -> History:
    convention = identity.value
    state = _Text.of(convention)
    first = original_start(convention)
    versions = [state.version(0, None, first, convention, (), ())]
    problems: list[Problem] = []
    order = sorted(range(len(convention.amendments)), key=lambda i: convention.amendments[i].in_force_from)
    same_day: dict[tuple[dt.date, ClauseKey], tuple[int, ClauseState | None]] = {}
    for position, index in enumerate(order, start=1):
        amendment = convention.amendments[index]
        base = ("amendments", index)
        if first is not None and amendment.in_force_from < first:
            problems.append(
                Problem(
                    base + ("entry_into_force",),
                    f"L’avenant entre en vigueur le {french_date(amendment.in_force_from)}, avant la convention "
                    f"({french_date(first)}) : vérifiez sa date d’entrée en vigueur.",
                )
            )
        changed: list[ClauseKey] = []
        facts: list[str] = []
        for number, change in enumerate(amendment.changes):
            path = base + ("changes", number)
            message, key = state.apply(change, amendment)
            if message:
                problems.append(Problem(path + (change.kind,), message))
                continue
            if key is None:
                facts.append(change.kind)
                continue
            changed.append(key)
            earlier = same_day.get((amendment.in_force_from, key))
            result = state.articles.get(key)
            if earlier is not None and earlier[0] != index and not _same_wording(earlier[1], result):
                other = convention.amendments[earlier[0]].reference
                problems.append(
                    Problem(
                        path + (change.kind,),
                        f"« {other} » et « {amendment.reference} » entrent en vigueur le même jour "
                        f"({french_date(amendment.in_force_from)}) et changent différemment la même clause : "
                        "corrigez l’une des deux dates, ou l’un des deux changements.",
                    )
                )
            same_day[(amendment.in_force_from, key)] = (index, result)
        versions.append(
            state.version(position, amendment, amendment.in_force_from, convention, tuple(changed), tuple(facts))
        )
    return History(convention, _dated(versions), tuple(problems))


def _same_wording(first: ClauseState | None, second: ClauseState | None) -> bool:
    if first is None or second is None:
        return first is second
    return first.article == second.article and first.in_force == second.in_force


def _dated(versions: list[Version]) -> tuple[Version, ...]:
    """Each version with its last day (the day before the next one starts) and its permanent slug."""
    result = []
    seen: dict[str, int] = {}
    for position, version in enumerate(versions):
        following = next((v.start for v in versions[position + 1 :] if v.start is not None), None)
        end = following - dt.timedelta(days=1) if following is not None else None
        base = f"version-{version.start.isoformat()}" if version.start else "version-signee"
        seen[base] = seen.get(base, 0) + 1
        slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
        result.append(replace(version, end=end, slug=slug))
    return tuple(result)


@dataclass
class _Text:
    """The mutable text an avenant's changes apply to, one version after the other."""

    articles: dict[ClauseKey, ClauseState]
    main_order: list[str]
    annex_order: list[str]
    annexes: dict[str, models.Annex]
    section_order: dict[str, list[str]]
    facts: dict[str, object]

    @classmethod
    def of(cls, convention: models.Convention) -> _Text:
        articles: dict[ClauseKey, ClauseState] = {
            (None, a.number): ClauseState((None, a.number), a) for a in convention.articles
        }
        section_order = {}
        for annex in convention.annexes:
            section_order[annex.number] = [a.number for a in annex.articles]
            for article in annex.articles:
                articles[(annex.number, article.number)] = ClauseState((annex.number, article.number), article)
        return cls(
            articles,
            [a.number for a in convention.articles],
            [annex.number for annex in convention.annexes],
            {annex.number: annex for annex in convention.annexes},
            section_order,
            {name: getattr(convention, name) for name in ("term", "termination", "services", "providers", "referent")},
        )

    def order(self, annex: str | None) -> list[str] | None:
        return self.main_order if annex is None else self.section_order.get(annex)

    def apply(self, change: models.AmendmentChange, act: models.Amendment) -> tuple[str | None, ClauseKey | None]:
        """Apply one change: (a French message when it cannot apply, the clause it changed if any)."""
        kind = change.kind
        if kind in ("term", "termination", "services", "providers", "referent"):
            value = getattr(change, kind)
            if value == self.facts[kind]:
                return f"Ce changement reprend {FACT_WORDS[kind]} déjà en vigueur : supprimez-le, ou corrigez-le.", None
            self.facts[kind] = value
            return None, None
        if kind == "add_annex":
            annex = change.add_annex
            assert annex is not None
            if annex.number in self.annexes:
                return f"L’annexe {annex.number} existe déjà à cette date : donnez un autre numéro.", None
            self.annex_order.append(annex.number)
            self.annexes[annex.number] = annex
            self.section_order[annex.number] = [a.number for a in annex.articles]
            for article in annex.articles:
                section: ClauseKey = (annex.number, article.number)
                self.articles[section] = ClauseState(section, article, act)
            return None, None
        if kind == "insert":
            return self._insert(change.insert, act)  # type: ignore[arg-type]
        target = change.replace or change.delete
        assert target is not None
        key: ClauseKey = (target.annex, target.article)
        current = self.articles.get(key)
        if current is None or not current.in_force:
            return _missing(key, current), None
        if kind == "delete":
            self.articles[key] = ClauseState(key, current.article, current.act, abrogated_by=act)
            return None, key
        update = {
            name: getattr(change, name)
            for name in ("text", "title", "heading", "topics")
            if getattr(change, name) is not None
        }
        article = current.article.model_copy(update=update)
        if article == current.article:
            return f"Le remplacement laisse {_clause_words(key)} inchangé : vérifiez le texte de l’avenant.", None
        self.articles[key] = ClauseState(key, article, act)
        return None, key

    def _insert(self, insertion: models.Insertion, act: models.Amendment) -> tuple[str | None, ClauseKey | None]:
        order = self.order(insertion.annex)
        if order is None:
            return f"L’annexe {insertion.annex} n’existe pas à cette date : vérifiez son numéro.", None
        key = (insertion.annex, insertion.number)
        if key in self.articles:
            return f"{_clause_words(key).capitalize()} existe déjà à cette date : donnez un autre numéro.", None
        if insertion.after is not None and insertion.after not in order:
            missing = _clause_words((insertion.annex, insertion.after)).capitalize()
            return f"{missing} n’existe pas à cette date : vérifiez `after`.", None
        position = order.index(insertion.after) + 1 if insertion.after is not None else 0
        order.insert(position, insertion.number)
        heading = insertion.heading or f"Article {insertion.number} – {insertion.title}"
        article = models.Article(
            number=insertion.number,
            label=insertion.label,
            heading=heading,
            title=insertion.title,
            text=insertion.text,
            topics=insertion.topics,
        )
        self.articles[key] = ClauseState(key, article, act)
        return None, key

    def version(
        self,
        index: int,
        act: models.Amendment | None,
        start: dt.date | None,
        signed: models.Convention,
        changed: tuple[ClauseKey, ...],
        facts: tuple[str, ...],
    ) -> Version:
        states = [self.articles[(None, number)] for number in self.main_order]
        annexes = []
        for number in self.annex_order:
            sections = [self.articles[(number, section)] for section in self.section_order[number]]
            states += sections
            kept = [state.article for state in sections if state.in_force]
            if kept:
                annexes.append(self.annexes[number].model_copy(update={"articles": kept}))
        if index == 0:
            text = signed
        else:
            update: dict[str, object] = dict(self.facts)
            update["articles"] = [state.article for state in states if state.key[0] is None and state.in_force]
            update["annexes"] = annexes
            text = signed.model_copy(update=update)
        return Version(index, act, start, None, text, tuple(states), changed, facts)


def _clause_words(key: ClauseKey) -> str:
    annex, number = key
    return f"la section {number} de l’annexe {annex}" if annex else f"l’article {number}"


def _missing(key: ClauseKey, current: ClauseState | None) -> str:
    if current is not None and current.abrogated_by is not None:
        act = current.abrogated_by.reference
        clause = _clause_words(key).capitalize()
        return f"{clause} est déjà abrogé à cette date (par « {act} ») : vérifiez le numéro visé."
    return f"{_clause_words(key).capitalize()} n’existe pas à cette date : vérifiez le numéro visé."
