"""Where a convention's versions live, and the clauses an avenant's version changed, as the exports and the
change list name them (the versions themselves come from `register.versions`, through `ConventionView`)."""

from __future__ import annotations

from generator.register import models
from generator.register.clauses import Clause
from generator.register.versions import Version
from generator.site import urls


def version_src(convention_id: str, version: Version) -> str:
    """The permanent page of one version (`/conventions/<id>/version-2026-04-01/`)."""
    return urls.version(convention_id, version.slug)


def changed_clauses(convention_id: str, version: Version) -> list[Clause]:
    """The clauses `version`'s act replaced, inserted or abrogated, in the act's order, each with its wording
    in that version (an abrogated clause with its last wording)."""
    found = []
    for key in dict.fromkeys(version.changed):
        state = version.state(key)
        if state is not None:
            found.append(Clause(convention_id, key[0], state.article))
    return found


def amendment_versions(versions: tuple[Version, ...]) -> list[tuple[models.Amendment, Version]]:
    """Each avenant with the version it opens, in order of entry into force."""
    return [(version.act, version) for version in versions if version.act is not None]


def clause_changes(convention_id: str, version: Version) -> list[tuple[Clause, str]]:
    """Each clause `version`'s act changed, with how: `replace`, `insert` or `delete`."""
    act = version.act
    kinds: dict[tuple[str | None, str], str] = {}
    for change in act.changes if act is not None else ():
        target = change.replace or change.delete
        if target is not None:
            kinds.setdefault((target.annex, target.article), change.kind)
        elif change.insert is not None:
            kinds.setdefault((change.insert.annex, change.insert.number), change.kind)
    return [
        (clause, kinds.get((clause.annex, clause.article.number), "replace"))
        for clause in changed_clauses(convention_id, version)
    ]
