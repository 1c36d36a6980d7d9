"""Publication dates (« Mis en ligne le …, mis à jour le … ») within what can be true on the build date.

A date of publication is refused after the build date (`as_of`): nothing is put online in the future. It
is refused before the act it publishes exists: a convention's or an avenant's signature, a termination's
notification. A privacy notice is not signed: its dates have no lower bound (its `last_reviewed` is the
date the data protection officer last read it, which may come before or after an update of the page).
`last` before `first` is refused by the model itself (`models.Publication`).
"""

from __future__ import annotations

import datetime as dt

from generator.problems import Problem
from generator.register import models
from generator.register.store import Entry, Register
from generator.wording import french_date

#: what a publication date's field says, for the messages
_WHAT = {"first": "La mise en ligne", "last": "La mise à jour"}


def check_publication_dates(register: Register, as_of: dt.date) -> list[Problem]:
    """Every publication date of the register before the act it publishes, or after `as_of`."""
    problems: list[Problem] = []
    for entry in register.conventions.values():
        convention: models.Convention = entry.item
        problems += _check(
            entry,
            ("publication",),
            convention.publication,
            convention.signature.date,
            "la signature de la convention",
            as_of,
        )
        for index, amendment in enumerate(convention.amendments):
            problems += _check(
                entry,
                ("amendments", index, "publication"),
                amendment.publication,
                amendment.signature.date,
                "la signature de l’avenant",
                as_of,
            )
        terminated = convention.terminated
        if terminated is not None:
            problems += _check(
                entry,
                ("terminated", "publication"),
                terminated.publication,
                terminated.notified,
                "la notification de la résiliation",
                as_of,
            )
    for entry in register.notices.values():
        problems += _check(entry, ("publication",), entry.item.publication, None, "", as_of)
    return problems


def _check(
    entry: Entry,
    path: tuple,
    publication: models.Publication | None,
    earliest: dt.date | None,
    act: str,
    as_of: dt.date,
) -> list[Problem]:
    if publication is None:
        return []
    problems = []
    for name in ("first", "last"):
        day: dt.date | None = getattr(publication, name)
        if day is None:
            continue
        if earliest is not None and day < earliest:
            problems.append(
                entry.source.problem(
                    path + (name,),
                    f"{_WHAT[name]} ({french_date(day)}) précède {act} ({french_date(earliest)}) : on ne publie "
                    "pas un acte avant qu’il existe ; vérifiez les deux dates.",
                )
            )
        elif day > as_of:
            problems.append(
                entry.source.problem(
                    path + (name,),
                    f"{_WHAT[name]} est datée du {french_date(day)}, après la date de construction du site "
                    f"({french_date(as_of)}) : une date de publication ne peut pas être dans le futur ; écrivez "
                    "le jour où la page a été mise en ligne (ou mise à jour).",
                )
            )
    return problems
