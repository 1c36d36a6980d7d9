"""French wording shared by the checks: what a kind of thing is called, where its files are, closest names."""

from __future__ import annotations

import datetime as dt
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


#: the first word of an organisation's name or kind, folded (see `fold`) -> its article after « de »
_ARTICLES = {
    **dict.fromkeys(
        (
            "syndicat",
            "conseil",
            "departement",
            "centre",
            "groupement",
            "service",
            "pole",
            "pays",
            "parc",
            "sdis",
            "ministere",
            "secretariat",
            "gip",
            "cabinet",
            "consortium",
        ),
        "du",
    ),
    **dict.fromkeys(
        (
            "communaute",
            "commune",
            "region",
            "metropole",
            "mairie",
            "ville",
            "prefecture",
            "direction",
            "chambre",
            "federation",
            "regie",
            "societe",
            "caisse",
            "maison",
            "mission",
        ),
        "de la",
    ),
    **dict.fromkeys(
        ("etablissement", "agglomeration", "office", "agence", "association", "universite", "entente", "institut"),
        "de l’",
    ),
}
#: kinds whose short names (acronyms) are brands, said without an article: « de NETEXPLORER »
_BRAND_KINDS = {"societe", "entreprise"}


def of_organisation(name: str, kind: str | None = None) -> str:
    """« de » and an organisation's name, contracted as French wants it: « du Syndicat mixte Séverac »,
    « de la Communauté de communes », « de l’Agence », « d’Octogone Fibre », « du SMICA » (an acronym takes
    the article of its kind, a syndicat mixte), « de Tarn-et-Garonne Aménagement » (a proper name)."""
    name = name.strip()
    article = _article_of_first_word(name)
    if article is None and _is_acronym(name) and kind and _first_word(kind) not in _BRAND_KINDS:
        article = _article_of_first_word(kind)
    if article is None:
        article = "d’" if _starts_with_vowel(name) else "de"
    if article.endswith("’"):
        return f"{article}{name}"
    return f"{article} {name}"


def _first_word(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", fold(text))
    return words[0] if words else ""


def _article_of_first_word(text: str) -> str | None:
    return _ARTICLES.get(_first_word(text))


def _is_acronym(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and " " not in name.strip()


def _starts_with_vowel(name: str) -> bool:
    return bool(name) and fold(name[0]) in "aeiouy"


#: the first word of a part of a text, folded -> its definite article
_PART_ARTICLES = {
    **dict.fromkeys(("preambule", "chapitre", "titre", "paragraphe", "point", "texte", "bordereau"), "le"),
    **dict.fromkeys(("section", "partie", "clause", "convention", "page"), "la"),
}


def the(label: str) -> str:
    """A part of a text named with its definite article, in running text: « Article 3 » -> « l’article 3 »,
    « Préambule » -> « le préambule », « Section A » -> « la section A »."""
    label = label.strip()
    lowered = label[:1].lower() + label[1:]
    if _starts_with_vowel(label):
        return f"l’{lowered}"
    article = _PART_ARTICLES.get(_first_word(label))
    return f"{article} {lowered}" if article else lowered


MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def french_date(date: dt.date | None) -> str:
    """`2026-01-01` -> « 1er janvier 2026 »."""
    if date is None:
        return "non renseignée"
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"
