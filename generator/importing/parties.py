"""The parties block: each organisation, its representative (civility, name, function), the mandate that
empowers them (with its deliberation number and date) and how the convention names it (« ci-après
désigné … »)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from generator.importing.french_dates import first_date
from generator.importing.headings import collapse
from generator.wording import fold

CIVILITIES = ("Monsieur", "Madame", "M.", "Mme", "Mr")
DESIGNATION = re.compile(
    r"\(?\s*(?P<designation>ci[-\s]?apr[èe]s\s+(?:d[ée]sign[ée]e?|d[ée]nomm[ée]e?)s?\s+(?P<what>[^)]*?))\s*(?:\)|,|$)",
    re.IGNORECASE,
)
REPRESENTED = re.compile(r"repr[ée]sent[ée]e?\s+par\s+", re.IGNORECASE)
MANDATE = re.compile(
    r"(?P<mandate>(?:d[ûu]ment\s+)?habilit[ée]e?\b.*?)\s*(?=,\s*ayant\s+son\s+si[èe]ge|,?\s*SIRET|,?\s*\(\s*ci[-\s]?apr[èe]s|$)",
    re.IGNORECASE | re.DOTALL,
)
DELIBERATION = re.compile(r"(?:d[ée]lib[ée]ration|d[ée]cision)\b[^,]*?(?:n°|N°|no)\s*[\w/.\-]+", re.IGNORECASE)
SEAT = re.compile(r"ayant\s+son\s+si[èe]ge\s+(?:à\s+|au\s+)?(?P<address>.*?)(?=,?\s*SIRET|$)", re.IGNORECASE)
SIRET = re.compile(r"SIRET\s*:?\s*(?P<siret>\d[\d\s]{12,20}\d)")
SHORT_NAME = re.compile(r"\s*\((?P<short>[A-Z0-9][A-Z0-9\-&’' ]{1,20})\)\s*$")
CONNECTING = re.compile(r"\b(?:et|de|des|du|la|le|les|pour|d’|d'|l’|l'|à|aux|en)$", re.IGNORECASE)
SIDE = re.compile(r"d[’']\s*(?:une|autre)\s+part\s*[,.;]?", re.IGNORECASE)
NAME_END = re.compile(r"\s*(?:\(\s*ci|,?\s*repr[ée]sent|,\s*ayant\s+son|,\s*dont\s+le\s+si[èe]ge)", re.IGNORECASE)
ARTICLE_WORD = re.compile(r"^(?:(?:Les|Le|La)\s+|L[’']\s*)", re.IGNORECASE)
POSTCODE = re.compile(r"\b\d{5}\b")


@dataclass
class PartyText:
    """What the parties block says of one party; None where it says nothing."""

    line: int
    name: str
    short_name: str | None = None
    designation: str | None = None
    role: str | None = None
    civility: str | None = None
    representative: str | None = None
    function: str | None = None
    mandate: str | None = None
    mandate_date: datetime.date | None = None
    deliberation: str | None = None
    siret: str | None = None
    address: list[str] = field(default_factory=list)


def is_separator(line: str) -> bool:
    """The « ET » between two parties."""
    return fold(line.strip()).rstrip(",").strip() in ("et", "d'autre part et", "d’autre part et")


def is_side(line: str) -> bool:
    """« d’une part », « d’autre part »."""
    return SIDE.fullmatch(line.strip()) is not None


def party(lines: list[tuple[int, str]]) -> PartyText:
    """One party, from its lines (index in the source text, line), « d’une part » included or not."""
    kept = [(index, line) for index, line in lines if line.strip() and not is_side(line)]
    block = collapse(" ".join(SIDE.sub("", line) for _, line in kept))
    first_index = kept[0][0] if kept else (lines[0][0] if lines else 0)
    name, used = _name(kept)
    found = PartyText(first_index + 1, name)
    short = SHORT_NAME.search(found.name)
    if short:
        found.short_name = short.group("short").strip()
        found.name = found.name[: short.start()].strip()
    found.name = ARTICLE_WORD.sub("", found.name, count=1)
    for _, line in kept[used:]:
        if REPRESENTED.search(line) or DESIGNATION.search(line) or SIRET.search(line):
            break
        found.address.append(collapse(line))
    if designation := DESIGNATION.search(block):
        found.designation = collapse(designation.group("designation"))
        found.role = _lower_first(ARTICLE_WORD.sub("", collapse(designation.group("what"))))
    _representative(block, found)
    if mandate := MANDATE.search(block):
        found.mandate = mandate.group("mandate").strip(" ,;")
        found.mandate_date = first_date(found.mandate)
        if deliberation := DELIBERATION.search(found.mandate):
            found.deliberation = collapse(deliberation.group(0))
    if seat := SEAT.search(block):
        found.address = [part.strip() for part in re.split(r",\s*(?:à\s+)?", seat.group("address")) if part.strip()]
    if siret := SIRET.search(block):
        found.siret = collapse(siret.group("siret"))
    return found


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _name(kept: list[tuple[int, str]]) -> tuple[str, int]:
    """The organisation's name (it may run over several lines) and how many lines it used."""
    name = ""
    used = 0
    for _, line in kept:
        text = collapse(line)
        cut = NAME_END.search(text)
        if used and not (CONNECTING.search(name) or text[:1].islower()):
            break
        name = f"{name} {text[: cut.start()] if cut else text}".strip()
        used += 1
        if cut or POSTCODE.search(text):
            break
    return name, used


def _representative(block: str, found: PartyText) -> None:
    """« représenté par son Président Monsieur X Y, » or « représenté par Monsieur X Y, son Président, »."""
    represented = REPRESENTED.search(block)
    if not represented:
        return
    words = block[represented.end() :].split()
    position = 0
    if words and words[0].lower() in ("son", "sa", "le", "la") and len(words) > 1:
        function_words = []
        position = 1
        while position < len(words) and words[position] not in CIVILITIES:
            function_words.append(words[position])
            position += 1
            if len(function_words) > 6:
                return
        found.function = " ".join(function_words).rstrip(",")
    if position >= len(words) or words[position].rstrip(",") not in CIVILITIES:
        return
    found.civility = {"M.": "Monsieur", "Mme": "Madame", "Mr": "Monsieur"}.get(words[position], words[position])
    position += 1
    name_words = []
    while position < len(words) and words[position][:1].isupper():
        name_words.append(words[position])
        position += 1
        if name_words[-1].endswith(","):
            break
    found.representative = " ".join(name_words).rstrip(",") or None
    rest = words[position:]
    if found.function is None and len(rest) > 1 and rest[0].lower() in ("son", "sa"):
        function_words = []
        for word in rest[1:]:
            function_words.append(word.rstrip(","))
            if word.endswith(","):
                break
        found.function = " ".join(function_words)
