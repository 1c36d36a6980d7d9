"""What a change does to the register: compare two registers and describe the difference.

`compare(before, after)` is pure: two loaded registers in, a `Report` out. It speaks in terms of
the register — conventions added or removed, articles reworded (a word-level diff), parties and
dates changed, tariff cells with their old and new amounts, notices changed — not of YAML lines.
`diff_report` renders a report as Markdown (for reviewers) or JSON.

`compare_revision(root, rev)` reads the register as it was at a git revision (with `git archive`,
into a temporary folder) and compares it with the working tree, pages included.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal, overload

from generator.formatting import euros, french_date, period
from generator.problems import Problem, RegistreError, errors_only
from generator.register import models
from generator.register.assembly import model_entries
from generator.register.load import KINDS, load_content
from generator.register.store import Register
from generator.register.versions import ClauseKey, ClauseState, Version, convention_history

#: the kinds of content, in the order the report shows them
KIND_ORDER = ("conventions", "tariffs", "notices", "organisations", "services", "topics")

#: keys that identify an item of a list of mappings, tried in this order (matching by identity
#: rather than by position, so that inserting a party or an amendment does not shift the others)
IDENTITY_KEYS = ("id", "number", "organisation", "reference", "valid_from", "year")

#: an entity of the register, of any kind
Entity = models.Convention | models.Tariff | models.PrivacyNotice | models.Organisation | models.Service | models.Topic


class GitError(RegistreError):
    """A git revision could not be read."""


# --- the report --------------------------------------------------------------


@dataclass(frozen=True)
class WordOp:
    """A run of words of a word-level diff: kept ("equal"), removed or added. `\\n` marks a line break."""

    op: str
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return _join_words(self.words)


@dataclass(frozen=True)
class ValueChange:
    """One value that differs. `before` is None when the value is new, `after` when it is gone."""

    field: str
    before: object
    after: object


@dataclass(frozen=True)
class ArticleChange:
    """An article added, removed or changed; `words` diffs its text, `fields` its other values."""

    key: str
    label: str
    status: str
    words: tuple[WordOp, ...] = ()
    fields: tuple[ValueChange, ...] = ()


@dataclass(frozen=True)
class CellChange:
    """One cell of a tariff grid: `before`/`after` None when the cell is new or gone."""

    version: dt.date
    component: str
    cell: str
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True)
class InForceChange:
    """A clause whose text in force differs between the two registers on `date` (the build date, or the
    first day of a later version): how, and in which version of the changed register."""

    date: dt.date
    key: str
    label: str
    status: str
    """« added » (inserted), « removed » (no longer in the text), « abrogated » or « changed »."""
    version: str
    """The version of the changed register in force that day (its permanent slug)."""
    version_start: dt.date | None
    act: str | None
    """The avenant that opened that version; None: the text as signed."""
    words: tuple[WordOp, ...] = ()
    fields: tuple[ValueChange, ...] = ()


@dataclass(frozen=True)
class EntityChange:
    """A convention, tariff, notice, organisation, service or topic that was added, removed or changed."""

    kind: str
    id: str
    title: str
    status: str
    """« added », « removed » or « changed »."""
    file: str
    fields: tuple[ValueChange, ...] = ()
    articles: tuple[ArticleChange, ...] = ()
    cells: tuple[CellChange, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    """For a convention added or removed: its key facts, as (French label, value) pairs."""
    in_force: tuple[InForceChange, ...] = ()
    """For a convention changed: each clause whose text in force changes on the build date or later."""


@dataclass
class Report:
    """Everything that differs between two states of the register."""

    base: str
    """The reference state, e.g. a commit."""
    target: str
    """The state compared with it, e.g. « l’arbre de travail »."""
    changes: list[EntityChange] = field(default_factory=list)
    pages_added: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    pages_compared: bool = False
    """False when the pages of one side could not be listed (its content has errors)."""
    warnings: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.pages_added or self.pages_removed)

    def of_kind(self, kind: str) -> list[EntityChange]:
        return [change for change in self.changes if change.kind == kind]


# --- comparing two registers -------------------------------------------------


def compare(
    before: Register,
    after: Register,
    *,
    base: str = "avant",
    target: str = "après",
    unreadable: dict[str, set[str]] | None = None,
    as_of: dt.date | None = None,
) -> Report:
    """The difference between two registers. `unreadable[kind]` holds ids whose file exists on one side
    but could not be loaded there: they are neither « added » nor « removed ». The texts in force are
    compared on `as_of` (the build date) and on every later version's first day; without it, on every
    version's first day."""
    unreadable = unreadable or {}
    report = Report(base=base, target=target)
    for kind in KIND_ORDER:
        old, new = getattr(before, kind), getattr(after, kind)
        skipped = unreadable.get(kind, set())
        for identifier in sorted(set(old) | set(new)):
            if identifier in skipped:
                continue
            old_item = old[identifier].item if identifier in old else None
            new_item = new[identifier].item if identifier in new else None
            change = compare_entity(kind, old_item, new_item, as_of)
            if change is not None:
                report.changes.append(change)
            if old_item is not None and new_item is not None:
                report.warnings += publication_warnings(kind, old_item, new_item)
    report.warnings += model_warnings(before, after, report)
    return report


def model_warnings(before: Register, after: Register, report: Report) -> list[str]:
    """For each convention model that changed: the conventions whose published text the change changes."""
    old, new = model_entries(before), model_entries(after)
    warnings = []
    for identifier in sorted(set(old) | set(new)):
        old_model = old[identifier].item if identifier in old else None
        new_model = new[identifier].item if identifier in new else None
        if old_model == new_model:
            continue
        changed = [
            change.id
            for change in report.of_kind("conventions")
            if any(
                getattr(side[change.id].item, "model", None) == identifier
                for side in (before.conventions, after.conventions)
                if change.id in side
            )
        ]
        if changed:
            warnings.append(
                f"Le modèle « {identifier} » (content/models/{identifier}.yaml) a changé : il change le texte "
                f"publié de {len(changed)} convention{'s' if len(changed) > 1 else ''} : {', '.join(changed)}."
            )
        else:
            warnings.append(
                f"Le modèle « {identifier} » (content/models/{identifier}.yaml) a changé ; le texte publié "
                "d’aucune convention n’en change."
            )
    return warnings


def compare_entity(
    kind: str, before: Entity | None, after: Entity | None, as_of: dt.date | None = None
) -> EntityChange | None:
    """How one entity changed, or None if it did not."""
    item = after if after is not None else before
    if item is None:
        raise ValueError(f"compare_entity: no {kind} on either side")
    title = entity_title(kind, item)
    file = f"content/{kind}/{item.id}.yaml"
    if before is None or after is None:
        details: tuple[tuple[str, str], ...] = ()
        grid: tuple[CellChange, ...] = ()
        if isinstance(item, models.Convention):
            details = convention_details(item)
        elif isinstance(item, models.Tariff):
            details = tariff_details(item)
            grid = tuple(compare_cells(None, item) if before is None else compare_cells(item, None))
        return EntityChange(
            kind, item.id, title, "added" if before is None else "removed", file, cells=grid, details=details
        )
    old, new = before.model_dump(), after.model_dump()
    articles: list[ArticleChange] = []
    cells: list[CellChange] = []
    in_force: list[InForceChange] = []
    if isinstance(before, models.Convention) and isinstance(after, models.Convention):
        articles = compare_articles(before, after)
        in_force = compare_in_force(before, after, as_of)
        _drop_articles(old)
        _drop_articles(new)
    if isinstance(before, models.Tariff) and isinstance(after, models.Tariff):
        cells = compare_cells(before, after)
        _drop_prices(old)
        _drop_prices(new)
    fields = compare_values(old, new)
    if not (fields or articles or cells or in_force):
        return None
    return EntityChange(
        kind, item.id, title, "changed", file, tuple(fields), tuple(articles), tuple(cells), in_force=tuple(in_force)
    )


def entity_title(kind: str, item: Entity) -> str:
    if isinstance(item, models.Convention):
        return f"{item.reference} — {item.title}" if item.reference else item.title
    for attribute in ("title", "name", "label"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value
    return item.id


def convention_details(convention: models.Convention) -> tuple[tuple[str, str], ...]:
    """What a reviewer checks first in a new convention: who signs, when, for how long, how many articles."""
    details = [("Parties", "; ".join(f"{party.organisation} ({party.role})" for party in convention.parties))]
    details.append(
        ("Signature", " à ".join(filter(None, [french_date(convention.signature.date), convention.signature.place])))
    )
    entry = convention.entry_into_force
    details.append(("Entrée en vigueur", "à la signature" if entry.on_signature else french_date(entry.date)))
    if convention.term.duration is not None:
        details.append(("Durée", period(convention.term.duration)))
    if convention.termination is not None:
        details.append(("Préavis de résiliation", period(convention.termination.notice)))
    count = len(convention.articles) + sum(len(annex.articles) for annex in convention.annexes)
    details.append(
        (
            "Articles",
            f"{len(convention.articles)} articles, {len(convention.annexes)} annexe(s), "
            f"{count} articles et sections en tout",
        )
    )
    return tuple(details)


def tariff_details(tariff: models.Tariff) -> tuple[tuple[str, str], ...]:
    """What a reviewer checks first in a new tariff: what one amount pays for, and indicative fees."""
    details = [("Convention", tariff.convention)]
    basis = tariff.tax_basis
    details.append(("Unité", f"{tariff.unit}{f' ({basis})' if basis else ''}"))
    for amount in tariff.indicative:
        details.append((f"Montant indicatif {amount.year}", euros(amount.amount)))
    return tuple(details)


def _drop_articles(convention: dict) -> None:
    """Articles are compared by `compare_articles`; the rest of the convention generically."""
    convention.pop("articles", None)
    for annex in convention.get("annexes", []):
        annex.pop("articles", None)


def _drop_prices(tariff: dict) -> None:
    """Price grids are compared cell by cell by `compare_cells`."""
    for version in tariff.get("versions", []):
        for component in version.get("components", []):
            component.pop("prices", None)


# --- values ------------------------------------------------------------------


def compare_values(before: object, after: object, path: tuple = ()) -> list[ValueChange]:
    """Every leaf value that differs between two model dumps, with its field path."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes = []
        for key in list(before) + [key for key in after if key not in before]:
            changes += compare_values(before.get(key), after.get(key), path + (key,))
        return changes
    if isinstance(before, list) and isinstance(after, list) and (before or after):
        key = _identity_key(before, after)
        if key is not None:
            return _compare_keyed(before, after, key, path)
        if all(isinstance(item, dict) for item in before + after):
            changes = []
            for index in range(max(len(before), len(after))):
                changes += compare_values(
                    before[index] if index < len(before) else None,
                    after[index] if index < len(after) else None,
                    path + (index,),
                )
            return changes
    if _normal(before) == _normal(after):
        return []
    return [ValueChange(_format_path(path), before, after)]


class _Key(str):
    """An item of a list found by its identity (`parties[smica]`), not by its position."""


def _format_path(path: tuple) -> str:
    """`("parties", _Key("smica"), "role")` -> `parties[smica].role`; `("purposes", 0)` -> `purposes[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, (int, _Key)) else (f".{part}" if text else str(part))
    return text or "(document)"


def _normal(value: object) -> object:
    """Absent, empty and false-by-default are the same for a reader ([] and None both mean « nothing »)."""
    return None if value in (None, [], {}, "") else value


def _identity_key(before: list, after: list) -> str | None:
    items = before + after
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in IDENTITY_KEYS:
        if (
            all(key in item for item in items)
            and len({_hashable(item[key]) for item in before}) == len(before)
            and len({_hashable(item[key]) for item in after}) == len(after)
        ):
            return key
    return None


def _hashable(value: object) -> object:
    return value if isinstance(value, (str, int, dt.date, Decimal)) else repr(value)


def _compare_keyed(before: list[dict], after: list[dict], key: str, path: tuple) -> list[ValueChange]:
    old = {_hashable(item[key]): item for item in before}
    new = {_hashable(item[key]): item for item in after}
    changes = []
    for identity in list(old) + [identity for identity in new if identity not in old]:
        label = identity.isoformat() if isinstance(identity, dt.date) else str(identity)
        changes += compare_values(old.get(identity), new.get(identity), path + (_Key(label),))
    return changes


# --- articles ----------------------------------------------------------------


def _articles(convention: models.Convention) -> dict[str, tuple[str, models.Article]]:
    """Every article of a convention and its annexes, by a stable key, with its label."""
    found = {}
    for article in convention.articles:
        found[f"article-{article.number}"] = (
            f"{article.label or 'Article ' + article.number} — {article.title}",
            article,
        )
    for annex in convention.annexes:
        for article in annex.articles:
            found[f"annexe-{annex.number}-article-{article.number}"] = (
                f"Annexe {annex.number}, article {article.number} — {article.title}",
                article,
            )
    return found


def compare_articles(before: models.Convention, after: models.Convention) -> list[ArticleChange]:
    old, new = _articles(before), _articles(after)
    changes = []
    for key in list(old) + [key for key in new if key not in old]:
        if key not in new:
            changes.append(ArticleChange(key, old[key][0], "removed"))
        elif key not in old:
            changes.append(ArticleChange(key, new[key][0], "added"))
        else:
            old_article, new_article = old[key][1], new[key][1]
            words = word_diff(old_article.text, new_article.text) if old_article.text != new_article.text else []
            old_rest, new_rest = old_article.model_dump(), new_article.model_dump()
            old_rest.pop("text")
            new_rest.pop("text")
            fields = compare_values(old_rest, new_rest)
            if words or fields:
                changes.append(ArticleChange(key, new[key][0], "changed", tuple(words), tuple(fields)))
    return changes


def _tokens(text: str) -> list[str]:
    """Words, and `\\n` for every line break (so the diff can keep paragraphs apart)."""
    return re.findall(r"\n|[^\s]+", text.replace("\r\n", "\n"))


def _join_words(words: tuple[str, ...] | list[str]) -> str:
    text = ""
    for word in words:
        if word == "\n":
            text += "\n"
        else:
            text += (" " if text and not text.endswith("\n") else "") + word
    return text


def word_diff(before: str, after: str) -> list[WordOp]:
    """Word-level difference of two texts: runs of kept, removed and added words, in reading order."""
    old, new = _tokens(before), _tokens(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", tuple(old[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("removed", tuple(old[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("added", tuple(new[j1:j2])))
    return ops


# --- the text in force ---------------------------------------------------------


def compare_in_force(before: models.Convention, after: models.Convention, as_of: dt.date | None) -> list[InForceChange]:
    """Each clause whose text in force differs between `before` and `after` on `as_of` or on the first day of
    a later version of either (each difference once, on the first of those days it appears)."""
    old, new = convention_history(before), convention_history(after)
    starts = {v.start for v in old.versions + new.versions if v.start is not None}
    days = sorted(starts) if as_of is None else [as_of, *sorted(day for day in starts if day > as_of)]
    seen: dict[ClauseKey, tuple] = {}
    changes = []
    for day in days:
        old_version, new_version = old.in_force(day), new.in_force(day)
        keys = [state.key for state in new_version.states]
        keys += [state.key for state in old_version.states if new_version.state(state.key) is None]
        for key in keys:
            old_state, new_state = old_version.state(key), new_version.state(key)
            pair = (_wording(old_state), _wording(new_state))
            if seen.get(key, (None, None)) == pair:
                continue
            seen[key] = pair
            if pair[0] == pair[1]:
                continue
            changes.append(_in_force_change(day, key, old_state, new_state, new_version))
    return changes


def _wording(state: ClauseState | None) -> models.Article | None:
    return state.article if state is not None and state.in_force else None


def _in_force_change(
    day: dt.date, key: ClauseKey, old: ClauseState | None, new: ClauseState | None, version: Version
) -> InForceChange:
    shown = new or old
    assert shown is not None  # a key comes from one side at least
    annex, number = key
    slug = f"annexe-{annex}-article-{number}" if annex else f"article-{number}"
    label = f"{shown.article.label or 'Article ' + number} — {shown.article.title}"
    if annex:
        label = f"Annexe {annex}, article {number} — {shown.article.title}"
    act = version.act.reference if version.act else None
    common = (day, slug.lower().replace(" ", "-"), label)
    where = (version.slug, version.start, act)
    old_text, new_text = _wording(old), _wording(new)
    if new_text is None:
        status = "abrogated" if new is not None else "removed"
        return InForceChange(*common, status, *where)
    if old_text is None:
        return InForceChange(*common, "added", *where, tuple(word_diff("", new_text.text)))
    words = word_diff(old_text.text, new_text.text) if old_text.text != new_text.text else []
    old_rest, new_rest = old_text.model_dump(), new_text.model_dump()
    old_rest.pop("text")
    new_rest.pop("text")
    return InForceChange(*common, "changed", *where, tuple(words), tuple(compare_values(old_rest, new_rest)))


# --- publication dates -----------------------------------------------------------

#: what is not an item's own content: its publication dates, and the items that carry their own
NOT_CONTENT = ("publication", "amendments", "terminated")


def publication_warnings(kind: str, before: Entity, after: Entity) -> list[str]:
    """An item (convention, avenant, termination, notice) whose content changed while its `publication.last`
    stayed the same: its readers would not be told it changed."""
    file = f"content/{kind}/{after.id}.yaml"
    items: list[tuple[str, str, object, object]] = []
    if isinstance(before, models.Convention) and isinstance(after, models.Convention):
        name = f"la convention {after.reference or after.id}"
        items.append((name, "publication.last", before, after))
        old_acts = {act.reference: act for act in before.amendments}
        for act in after.amendments:
            if act.reference in old_acts:
                items.append(
                    (
                        f"l’avenant « {act.reference} » de {name}",
                        f"amendments[{act.reference}].publication.last",
                        old_acts[act.reference],
                        act,
                    )
                )
        if before.terminated is not None and after.terminated is not None:
            items.append(
                (f"la résiliation de {name}", "terminated.publication.last", before.terminated, after.terminated)
            )
    elif isinstance(before, models.PrivacyNotice) and isinstance(after, models.PrivacyNotice):
        items.append((f"la notice « {after.title} »", "publication.last", before, after))
    warnings = []
    for name, path, old, new in items:
        old_publication, new_publication = getattr(old, "publication", None), getattr(new, "publication", None)
        if old_publication is None or new_publication is None or old_publication.last != new_publication.last:
            continue
        if _content(old) != _content(new):
            warnings.append(
                f"Le contenu de {name} a changé sans que sa date de mise à jour (publication.last) ait changé : "
                f"indiquez la date de cette mise à jour dans {file}, champ {path}."
            )
    return warnings


def _content(item: object) -> dict:
    dump = item.model_dump()  # type: ignore[attr-defined]  # every item compared is a model
    for name in NOT_CONTENT:
        dump.pop(name, None)
    return dump


# --- tariffs -----------------------------------------------------------------


def flatten_prices(prices: object) -> dict[tuple[str, ...], Decimal]:
    """A price grid as {(value of over[0], value of over[1]): amount}; a single price has the key ()."""
    if isinstance(prices, dict):
        cells = {}
        for key, value in prices.items():
            for rest, amount in flatten_prices(value).items():
                cells[(str(key),) + rest] = amount
        return cells
    return {(): Decimal(str(prices))}


def _value_labels(tariff: models.Tariff) -> dict[str, tuple[str, dict[str, str]]]:
    return {
        dimension.id: (dimension.label, {value.id: value.label for value in dimension.values})
        for dimension in tariff.dimensions
    }


def _cell_label(keys: tuple[str, ...], over: list[str], labels: dict) -> str:
    if not keys:
        return "prix unique"
    parts = []
    for index, key in enumerate(keys):
        dimension = over[index] if index < len(over) else ""
        dimension_label, values = labels.get(dimension, (dimension, {}))
        value = values.get(key, key)
        parts.append(value if dimension_label and dimension_label in value else f"{dimension_label} {value}".strip())
    return " × ".join(parts)


def compare_cells(before: models.Tariff | None, after: models.Tariff | None) -> list[CellChange]:
    """Every price cell whose amount differs, in versions matched by start date and components by id
    (for a tariff added or removed, every cell of its grids)."""
    labels = {**(_value_labels(before) if before else {}), **(_value_labels(after) if after else {})}
    old_versions = {version.valid_from: version for version in (before.versions if before else [])}
    new_versions = {version.valid_from: version for version in (after.versions if after else [])}
    changes = []
    for valid_from in sorted(set(old_versions) | set(new_versions)):
        old_components = {c.id: c for c in old_versions[valid_from].components} if valid_from in old_versions else {}
        new_components = {c.id: c for c in new_versions[valid_from].components} if valid_from in new_versions else {}
        for component_id in list(old_components) + [c for c in new_components if c not in old_components]:
            old_component, new_component = old_components.get(component_id), new_components.get(component_id)
            component = new_component if new_component is not None else old_components[component_id]
            old_cells = flatten_prices(old_component.prices) if old_component else {}
            new_cells = flatten_prices(new_component.prices) if new_component else {}
            for keys in list(old_cells) + [keys for keys in new_cells if keys not in old_cells]:
                if old_cells.get(keys) != new_cells.get(keys):
                    changes.append(
                        CellChange(
                            valid_from,
                            component.label,
                            _cell_label(keys, component.over, labels),
                            old_cells.get(keys),
                            new_cells.get(keys),
                        )
                    )
    return changes


# --- pages -------------------------------------------------------------------


def page_sources(root: Path) -> list[str] | None:
    """The source path of every generated page of the project at `root`, or None if its content has errors."""
    from generator.build import Project, check
    from generator.site.pages import all_pages

    data, _ = check(Project(root))
    if data is None:
        return None
    return sorted(spec.src for spec in all_pages(data))


def compare_pages(report: Report, before: list[str] | None, after: list[str] | None) -> None:
    if before is None or after is None:
        report.warnings.append(
            "Les pages n’ont pas pu être comparées : le contenu "
            f"{'de la référence' if before is None else 'modifié'} a des erreurs."
        )
        return
    report.pages_compared = True
    report.pages_added = sorted(set(after) - set(before))
    report.pages_removed = sorted(set(before) - set(after))


# --- reading a git revision --------------------------------------------------


@overload
def _git(root: Path, *arguments: str, binary: Literal[False] = False) -> str: ...


@overload
def _git(root: Path, *arguments: str, binary: Literal[True]) -> bytes: ...


def _git(root: Path, *arguments: str, binary: bool = False) -> str | bytes:
    # Run in `root` as well: the paths given to git (`content`) are the repository's, not the caller's folder's.
    result = subprocess.run(["git", "-C", str(root), *arguments], cwd=root, capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(f"git {' '.join(arguments)}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout if binary else result.stdout.decode().strip()


def default_base(root: Path) -> str:
    """The merge base of HEAD with the main branch (local `main`, else `origin/main`), else HEAD."""
    for branch in ("main", "origin/main"):
        try:
            return _git(root, "merge-base", "HEAD", branch)
        except GitError:
            continue
    return "HEAD"


def extract_revision(root: Path, rev: str, destination: Path) -> str:
    """Write `content/` and `site_config/` as they were at `rev` into `destination`; return the commit id."""
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"'{rev}' is not a commit of the repository at {root}") from None
    prefix = _git(root, "rev-parse", "--show-prefix").rstrip("/")
    tree = f"{commit}:{prefix}" if prefix else commit
    present = set(_git(root, "ls-tree", "--name-only", tree).splitlines())
    folders = [folder for folder in ("content", "site_config") if folder in present]
    if folders:
        archive = _git(root, "archive", "--format=tar", tree, *folders, binary=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(destination, filter="data")
    (destination / "content").mkdir(exist_ok=True)
    return commit


def _unreadable(problems: list[Problem]) -> dict[str, set[str]]:
    """Ids whose file failed to load, by kind (from the problems' `content/<kind>/<id>.yaml` file names)."""
    found: dict[str, set[str]] = {}
    for problem in errors_only(problems):
        parts = problem.file.split("/")
        if len(parts) == 3 and parts[0] == "content" and parts[1] in KINDS:
            found.setdefault(parts[1], set()).add(Path(parts[2]).stem)
    return found


def compare_revision(root: Path, rev: str | None = None, *, with_pages: bool = True) -> Report:
    """Compare the register at git revision `rev` (default: `default_base`) with the working tree at `root`."""
    from generator.build import build_date

    root = root.resolve()
    rev = rev or default_base(root)
    with tempfile.TemporaryDirectory(prefix="registre-diff-") as folder:
        base_root = Path(folder)
        commit = extract_revision(root, rev, base_root)
        before, before_problems = load_content(base_root / "content", base_root)
        after, after_problems = load_content(root / "content", root)
        unreadable = _unreadable(before_problems)
        for kind, ids in _unreadable(after_problems).items():
            unreadable.setdefault(kind, set()).update(ids)
        label = commit[:10] if rev == commit else f"{rev} ({commit[:10]})"
        report = compare(
            before, after, base=label, target="l’arbre de travail", unreadable=unreadable, as_of=build_date()
        )
        for side, problems in (("la référence", before_problems), ("l’arbre de travail", after_problems)):
            errors = errors_only(problems)
            if errors:
                report.warnings.append(
                    f"{len(errors)} erreur{'s' if len(errors) > 1 else ''} de contenu dans {side} "
                    f"(fichiers non comparés) ; la première : {errors[0]}"
                )
        if with_pages:
            # The site config of the base may be missing (older history): borrow the working tree's.
            if not (base_root / "site_config" / "site.yaml").is_file() and (root / "site_config").is_dir():
                shutil.copytree(root / "site_config", base_root / "site_config", dirs_exist_ok=True)
            compare_pages(report, page_sources(base_root), page_sources(root))
    return report
