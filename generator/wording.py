"""French wording shared by the checks: what a kind of thing is called, where its files are, closest names."""

from __future__ import annotations

import difflib
import re
import unicodedata

#: kind of referenced thing -> (French name with its article, folder holding the known ones)
KINDS = {
    "organisation": ("l’organisation", "content/organisations/"),
    "service": ("le service", "content/services/"),
    "topic": ("le type de clause", "content/topics/"),
    "convention": ("la convention", "content/conventions/"),
}


def closest(value: str, candidates: list[str] | set[str] | tuple[str, ...]) -> str | None:
    """The candidate nearest to `value`, if one is near enough to be a likely typo."""
    folded = {fold(candidate): candidate for candidate in candidates}
    found = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def fold(text: str) -> str:
    """Lower case, without accents: « Résiliation » -> « resiliation »."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def slug(text: str) -> str:
    """An identifier made from any text: « Durée du contrat » -> « duree-du-contrat »."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "exemple"


def did_you_mean(value: str, candidates) -> str:
    """« voulez-vous dire « x » ? » or nothing."""
    found = closest(value, candidates)
    return f" Voulez-vous dire « {found} » ?" if found else ""


def unknown_reference(kind: str, identifier: str, known) -> str:
    name, folder = KINDS[kind]
    return (
        f"{name[0].upper()}{name[1:]} « {identifier} » n’existe pas.{did_you_mean(identifier, known)} "
        f"Les identifiants connus sont les noms des fichiers de {folder} (sans .yaml)."
    )


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 problème », « 3 problèmes »."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
