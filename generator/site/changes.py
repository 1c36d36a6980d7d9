"""/changements/: the register's changes, newest first, as pages of a list and an Atom feed of the newest.

Every change is dated by the data itself — a convention's signature and entry into force, each of its
avenants' signature and entry into force, a termination's notice and effect, a tariff version's first
day, a privacy notice's last review — never by the clock or
by git, so the page and the feed are a pure function of the content (and of the build date, which
only decides what is still « à venir »).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.formatting import french_date
from generator.register.versions import Version
from generator.site import urls
from generator.site.paging import CHANGES_PER_PAGE, paginate
from generator.site.render import PageSpec
from generator.site.sitedata import ConventionView, SiteData
from generator.site.version_links import amendment_versions, clause_changes, version_src
from generator.tariffs.pricing import version_slug

PAGE = urls.changes()
FEED = urls.changes_feed()
#: entries of the feed: the newest changes, all on the list's first page (where their ids point)
FEED_ENTRIES = CHANGES_PER_PAGE
#: upcoming changes shown on the list's first page
UPCOMING_SHOWN = 20

#: order of changes dated the same day
KIND_ORDER = (
    "signature",
    "entree-en-vigueur",
    "avenant",
    "avenant-en-vigueur",
    "resiliation",
    "fin-par-resiliation",
    "tarif",
    "notice",
)
KIND_LABELS = {
    "signature": "Signature",
    "entree-en-vigueur": "Entrée en vigueur",
    "avenant": "Avenant",
    "avenant-en-vigueur": "Entrée en vigueur d’un avenant",
    "resiliation": "Résiliation",
    "fin-par-resiliation": "Fin par résiliation",
    "tarif": "Tarif",
    "notice": "Données personnelles",
}


@dataclass(frozen=True)
class Change:
    date: dt.date
    kind: str
    title: str
    """What happened, in one French sentence without final period."""
    detail: str
    target: str
    """Source path of the page the change is about."""
    key: str
    """Stable identifier: the anchor on the page and the feed entry's id."""
    anchor: str = ""
    """Anchor on the target page, when the change has its own place there."""

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _change(date: dt.date, kind: str, title: str, detail: str, target: str, *parts: str, anchor: str = "") -> Change:
    key = "-".join([kind, *(_slug(part) for part in parts), date.isoformat()])
    return Change(date, kind, title, detail, target, key, anchor)


def collect_changes(data: SiteData) -> list[Change]:
    """Every dated change of the register, newest first (same day: in `KIND_ORDER`, then by identifier)."""
    found: list[Change] = []
    for view in data.conventions.values():
        convention = view.convention
        parties = ", ".join(organisation.short_name or organisation.name for _, organisation in view.parties)
        signature = convention.signature
        if signature.date:
            on_signature = " ; elle entre en vigueur à sa signature" if convention.entry_into_force.on_signature else ""
            place = f" à {signature.place}" if signature.place else ""
            found.append(
                _change(
                    signature.date,
                    "signature",
                    _about(view, "Signature de la convention"),
                    f"Convention signée{place} entre {parties}{on_signature}.",
                    view.src,
                    view.id,
                )
            )
        entry = convention.entry_into_force
        if entry.date:
            found.append(
                _change(
                    entry.date,
                    "entree-en-vigueur",
                    _about(view, "Entrée en vigueur de la convention"),
                    f"Convention entre {parties}.",
                    view.src,
                    view.id,
                )
            )
        found += _amendment_changes(view)
        found += _termination_changes(view, data)
    for tariff in data.register.items("tariffs"):
        for version in getattr(tariff, "versions", []):
            until = f", jusqu’au {version.valid_until.strftime('%d/%m/%Y')}" if version.valid_until else ""
            found.append(
                _change(
                    version.valid_from,
                    "tarif",
                    f"Grille tarifaire en vigueur : {tariff.title}",
                    f"Grille en vigueur à partir du {version.valid_from.strftime('%d/%m/%Y')}{until}.",
                    urls.tariff(tariff.id),
                    tariff.id,
                    anchor=version_slug(version),
                )
            )
    for notice in data.register.items("notices"):
        reviewed = getattr(notice, "last_reviewed", None)
        if reviewed:
            found.append(
                _change(
                    reviewed,
                    "notice",
                    f"Notice revue par le délégué à la protection des données : {notice.title}",
                    "Dernière revue de l’information sur ce traitement.",
                    urls.notice(notice.id),
                    notice.id,
                )
            )
    return sorted(found, key=lambda change: (-change.date.toordinal(), KIND_ORDER.index(change.kind), change.key))


def feed_updated(changes: list[Change], as_of: dt.date) -> dt.date:
    """The feed's date: its newest entry's (so it changes only when the data does), else the build date."""
    return changes[0].date if changes else as_of


def past_caption(as_of: dt.date) -> str:
    return f"Changements intervenus au {french_date(as_of)}, du plus récent au plus ancien"


def upcoming_caption(as_of: dt.date) -> str:
    return f"Changements à venir au {french_date(as_of)}, du plus proche au plus lointain"


def all_upcoming_text(count: int) -> str:
    """The link from the first page to the pages of the upcoming changes, when they do not all fit there."""
    return f"Voir les {count} changements à venir"


def change_pages(data: SiteData) -> list[PageSpec]:
    changes = collect_changes(data)
    past = [change for change in changes if change.date <= data.as_of]
    upcoming = [change for change in reversed(changes) if change.date > data.as_of]  # soonest first
    captions = {"past_caption": past_caption(data.as_of), "upcoming_caption": upcoming_caption(data.as_of)}
    pages = paginate(
        urls.folder(PAGE),
        "changes.md.j2",
        {"upcoming": [], "upcoming_src": None, "feed": FEED, **captions},
        "past",
        past,
        CHANGES_PER_PAGE,
    )
    # The soonest upcoming changes are announced above the newest ones; a long list has pages of its own.
    pages[0].context.update(upcoming=upcoming[:UPCOMING_SHOWN], upcoming_total=len(upcoming))
    if len(upcoming) > UPCOMING_SHOWN:
        upcoming_pages = paginate(
            urls.folder(urls.upcoming_changes()),
            "changes_upcoming.md.j2",
            captions,
            "upcoming",
            upcoming,
            CHANGES_PER_PAGE,
        )
        pages[0].context.update(upcoming_src=upcoming_pages[0].src, all_upcoming_text=all_upcoming_text(len(upcoming)))
        pages += upcoming_pages
    return pages + [
        PageSpec(
            FEED,
            "atom.xml.j2",
            {"changes": past[:FEED_ENTRIES], "page": PAGE, "feed": FEED, "updated": feed_updated(past, data.as_of)},
        ),
    ]


def _about(view: ConventionView, event: str) -> str:
    """« Signature de la convention 2026CV4 »; a convention without a reference by its title after a colon
    (its title already says « Convention … »)."""
    if view.convention.reference:
        return f"{event} {view.convention.reference}"
    return f"{event} : {view.display_name}"


#: how the change list names what an avenant changed besides its clauses
FACT_WORDS = {
    "term": "durée",
    "termination": "résiliation",
    "services": "services",
    "providers": "prestataires",
    "referent": "référent",
    "add_annex": "annexe ajoutée",
}
CLAUSE_CHANGE_WORDS = {"replace": "nouvelle rédaction", "insert": "insertion", "delete": "abrogation"}


def _amendment_changes(view: ConventionView) -> list[Change]:
    """Each avenant's signature, and its entry into force when on another day; both lead to the version
    the avenant opens."""
    found = []
    for amendment, version in amendment_versions(view.history.versions):
        reference = amendment.reference
        name = reference if reference.lower().startswith("avenant") else f"Avenant {reference}"
        target = version_src(view.id, version)
        start = amendment.in_force_from
        on_signature = start == amendment.signature.date
        entry = "à sa signature" if on_signature else f"le {french_date(start)}"
        found.append(
            _change(
                amendment.signature.date,
                "avenant",
                _about(view, f"{name} à la convention"),
                f"{amendment.summary} Il entre en vigueur {entry}.",
                target,
                view.id,
                reference,
            )
        )
        if not on_signature:
            found.append(
                _change(
                    start,
                    "avenant-en-vigueur",
                    _about(view, f"Entrée en vigueur de l’{_lower_first(name)} à la convention"),
                    " ".join(filter(None, [amendment.summary, changes_text(view, version)])),
                    target,
                    view.id,
                    reference,
                )
            )
    return found


def changes_text(view: ConventionView, version: Version) -> str:
    """« Article 1 : nouvelle rédaction ; article 5 bis : insertion. Change aussi : durée. »"""
    clauses = [f"{clause.label} : {CLAUSE_CHANGE_WORDS[kind]}" for clause, kind in clause_changes(view.id, version)]
    facts = ", ".join(FACT_WORDS[fact] for fact in version.changed_facts)
    sentences = []
    if clauses:
        sentences.append(_upper_first(" ; ".join(_lower_first(clause) for clause in clauses)) + ".")
    if facts:
        sentences.append(f"Change aussi : {facts}." if clauses else f"Change : {facts}.")
    return " ".join(sentences)


def _termination_changes(view: ConventionView, data: SiteData) -> list[Change]:
    """A termination: the day its notice was received, and the day it takes effect."""
    termination = view.convention.terminated
    if termination is None:
        return []
    organisation = data.organisations.get(termination.by)
    by = (organisation.short_name or organisation.name) if organisation else termination.by
    return [
        _change(
            termination.notified,
            "resiliation",
            _about(view, "Résiliation de la convention"),
            f"Résiliation notifiée par {by} ; elle prend effet le {french_date(termination.effective)}.",
            view.src,
            view.id,
        ),
        _change(
            termination.effective,
            "fin-par-resiliation",
            _about(view, "Fin de la convention"),
            f"La convention n’est plus en vigueur à partir de ce jour : résiliation notifiée par {by} "
            f"le {french_date(termination.notified)}.",
            view.src,
            view.id,
        ),
    ]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
