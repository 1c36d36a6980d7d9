"""The parts of a convention in its source text: title and reference, parties, preamble, articles,
closing with the signature's place and date, annexes and their sections.

Whatever cannot be placed is not guessed: it goes in `findings`, with its line in the source text, and the
report shows it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from generator.importing import headings
from generator.importing.extraction import Table
from generator.importing.french_dates import first_date
from generator.importing.headings import Heading, collapse
from generator.importing.layout import SourceText
from generator.importing.paragraphs import body
from generator.importing.parties import PartyText, is_separator, party
from generator.wording import fold

REFERENCE = re.compile(
    r"(?:r[ée]f[ée]rence|r[ée]f\.|n°)\s*:?\s*(?P<reference>[A-Z0-9][\w/.\-]*[A-Z0-9])", re.IGNORECASE
)
CLOSING = re.compile(r"\s*(?:Fait\s+(?:à|a)\b.*|(?:A|À)\s+[^,]{0,40},\s*le\b(?P<date>.*))")
BLANK_DATE = re.compile(r"[\s._/…-]*")
SIGNATURE = re.compile(r"\s*(?:Fait\s+)?(?:à|a|À|A)\s+(?P<place>[^,]*?)\s*,?\s*le\b(?P<date>.*)", re.IGNORECASE)
AGREED = re.compile(r"(?:il\s+a\s+été\s+|est\s+)convenu\s+ce\s+qui\s+suit", re.IGNORECASE)
SIDE_END = re.compile(r"d[’']\s*(?:une|autre)\s+part\b", re.IGNORECASE)
PREAMBLE_HEADING = re.compile(r"\s*PR[ÉE]AMBULE\s*:?\s*", re.IGNORECASE)


@dataclass
class Section:
    number: str
    heading: str
    title: str
    text: str
    line: int
    label: str | None = None
    tables: list[Table] = field(default_factory=list)


@dataclass
class AnnexText:
    number: str
    heading: str
    title: str
    line: int
    intro: str | None = None
    articles: list[Section] = field(default_factory=list)


@dataclass
class Segmented:
    title: str
    reference: str | None
    parties: list[PartyText]
    preamble: str | None
    articles: list[Section]
    annexes: list[AnnexText]
    closing: str | None
    signature_place: str | None
    signature_date: datetime.date | None
    closing_line: int | None
    agreed_line: int | None
    #: (line in the source text, French message): what was not placed, or placed by a guess to check
    findings: list[tuple[int, str]] = field(default_factory=list)


Lines = list[tuple[int, str]]


def segment(source: SourceText) -> Segmented:
    lines: Lines = list(enumerate(source.lines))
    findings: list[tuple[int, str]] = []
    lines = _split_inline_headings(lines)
    first_article = _first_article(lines)
    if first_article is None:
        findings.append(
            (1, "Aucun titre d’article reconnu (« Article 1 : … ») : le texte entier est mis en article 1.")
        )
        first_article = len(lines)
    opening = lines[:first_article]
    entre = next((position for position, (_, line) in enumerate(opening) if fold(line.strip()) == "entre"), None)
    title_lines: list[str] = []
    for index, line in opening[: entre if entre is not None else 1]:
        text = line.strip()
        if headings.looks_like_title(line) or (text and (not title_lines or text[0].islower())):
            title_lines.append(line)
        elif line.strip():
            findings.append((index + 1, f"Texte avant le bloc des parties, non placé : « {collapse(line)[:70]} »."))
    title = collapse(" ".join(title_lines))
    reference = REFERENCE.search(title)
    parties: list[PartyText] = []
    preamble_lines: Lines = []
    if entre is None:
        findings.append((1, "Bloc des parties introuvable (pas de ligne « ENTRE ») : parties à compléter."))
        preamble_lines = opening[1:]
    else:
        parties, preamble_lines = _parties(opening[entre + 1 :], findings)
    body_lines = lines[first_article:]
    articles, annexes, closing = _body(body_lines, source.tables, findings)
    preamble_article, preamble_lines = _preamble_article(preamble_lines, source.tables)
    if preamble_article:
        articles.insert(0, preamble_article)
    preamble = _paragraphs(preamble_lines)
    if not articles and first_article == len(lines):
        articles = [Section("1", "À COMPLÉTER", "À COMPLÉTER", body(lines, source.tables, None).markdown, 1)]
    agreed = next((index + 1 for index, line in lines if AGREED.search(line)), None)
    place = date = None
    closing_line = None
    if closing:
        closing_line = closing[0][0] + 1
        signature = SIGNATURE.match(closing[0][1])
        if signature:
            place = collapse(signature.group("place")) or None
            date = first_date(signature.group("date"))
            if collapse(signature.group("date")) and date is None:
                findings.append(
                    (closing_line, f"Date de signature illisible : « {collapse(signature.group('date'))} ».")
                )
    else:
        findings.append((len(lines), "Lieu et date de signature (« Fait à … le … ») introuvables."))
    return Segmented(
        title,
        reference.group("reference") if reference else None,
        parties,
        preamble,
        articles,
        annexes,
        _paragraphs(closing) if closing else None,
        place,
        date,
        closing_line,
        agreed,
        findings,
    )


def _split_inline_headings(lines: Lines) -> Lines:
    """A heading run in at the end of a paragraph's line is put on its own line (same line number)."""
    result: Lines = []
    expected = 1
    for index, line in lines:
        if headings.article(line, expected):
            expected += 1
        elif cut := headings.split_inline_article(line, expected):
            result += [(index, cut[0]), (index, cut[1])]
            expected += 1
            continue
        result.append((index, line))
    return result


def _first_article(lines: Lines) -> int | None:
    for position, (_, line) in enumerate(lines):
        if headings.article(line, 1):
            return position
    return None


def _parties(lines: Lines, findings: list[tuple[int, str]]) -> tuple[list[PartyText], Lines]:
    """The parties, separated by « ET », up to the last « d’autre part »; and the lines after them."""
    sides = [position for position, (_, line) in enumerate(lines) if SIDE_END.search(line)]
    if not sides:
        findings.append(
            (
                lines[0][0] + 1 if lines else 1,
                "Fin du bloc des parties (« d’une part », « d’autre part ») introuvable : le texte jusqu’au premier "
                "article est mis en préambule, et les parties sont à compléter.",
            )
        )
        return [], lines
    last_side = sides[-1]
    chunks: list[Lines] = [[]]
    for index, line in lines[: last_side + 1]:
        if is_separator(line):
            chunks.append([])
        else:
            chunks[-1].append((index, line))
    found = [party(chunk) for chunk in chunks if any(line.strip() for _, line in chunk)]
    for each in found:
        if each.representative is None or each.mandate is None:
            missing = " et ".join(
                what
                for what, value in (("le représentant", each.representative), ("le mandat", each.mandate))
                if value is None
            )
            findings.append((each.line, f"Partie « {each.name[:60]} » : {missing} non reconnus, à compléter."))
    if len(found) < 2:
        findings.append((lines[0][0] + 1 if lines else 1, "Moins de deux parties reconnues : parties à compléter."))
    return found, lines[last_side + 1 :]


def _preamble_article(lines: Lines, tables: dict[int, Table]) -> tuple[Section | None, Lines]:
    """A PRÉAMBULE heading before the first article: an article `preambule` from there on."""
    for position, (index, line) in enumerate(lines):
        if PREAMBLE_HEADING.fullmatch(line):
            text = body(lines[position + 1 :], tables, None).markdown
            return Section("preambule", collapse(line), "Préambule", text, index + 1, label="Préambule"), lines[
                :position
            ]
    return None, lines


def _paragraphs(lines: Lines) -> str | None:
    """Text kept as the document gives it (preamble, closing): paragraphs at blank lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    for _, line in [*lines, (0, "")]:
        if line.strip():
            current.append(collapse(line))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs) or None


def _body(lines: Lines, tables: dict[int, Table], findings: list[tuple[int, str]]):
    """Articles up to the signature, then the annexes and their sections."""
    articles: list[Section] = []
    annexes: list[AnnexText] = []
    closing: Lines = []
    current: tuple[Heading, int, Lines] | None = None
    annex: AnnexText | None = None
    annex_lines: Lines = []
    in_closing = False
    expected_article, expected_annex, expected_section = 1, 1, 1

    def finish() -> None:
        nonlocal current
        if current is None:
            return
        heading, line, content = current
        parent = heading.number if heading.number.isdigit() else None
        made = body([(line - 1, heading.run_in), *content] if heading.run_in else content, tables, parent)
        title = heading.title
        if not title:
            title = "À COMPLÉTER"
            findings.append((line, f"Titre de l’article {heading.number} introuvable : à compléter."))
        section = Section(heading.number, heading.heading, title, made.markdown, line, tables=made.tables)
        findings.extend(
            (index + 1, f"{message} (article {heading.number}) : à vérifier.") for index, message in made.guesses
        )
        (annex.articles if annex else articles).append(section)
        current = None

    def finish_annex() -> None:
        if annex is not None and annex_lines:
            annex.intro = _paragraphs(annex_lines)

    position = 0
    while position < len(lines):
        index, line = lines[position]
        position += 1
        if found := headings.annex(line, expected_annex, after_closing=in_closing or bool(annexes)):
            finish()
            finish_annex()
            heading, title = found.heading, found.title
            following = next(((i, text) for i, text in lines[position:] if text.strip()), None)
            if (
                following
                and lines[position][1].strip()
                and headings.looks_like_title(following[1])
                and not (headings.article(following[1], 1) or headings.section(following[1], 1))
            ):
                heading, title = f"{heading}\n{collapse(following[1])}", collapse(following[1])
                position += 1
            if not title:
                title = "À COMPLÉTER"
                findings.append((index + 1, f"Titre de l’annexe {found.number} introuvable : à compléter."))
            annex = AnnexText(found.number, heading, title, index + 1)
            annexes.append(annex)
            annex_lines = []
            in_closing = False
            expected_annex += 1
            expected_article, expected_section = 1, 1
            continue
        if in_closing:
            closing.append((index, line))
            continue
        heading_found = headings.article(line, expected_article)
        if not heading_found and annex is not None:
            heading_found = headings.section(line, expected_section)
            if heading_found:
                expected_section += 1
        elif heading_found:
            expected_article += 1
        if heading_found:
            finish()
            if not heading_found.title and not heading_found.run_in:
                following = next(((i, text) for i, text in lines[position:] if text.strip()), None)
                if (
                    following
                    and headings.looks_like_title(following[1])
                    and not headings.article(following[1], expected_article)
                ):
                    heading_found = Heading(
                        heading_found.number,
                        f"{heading_found.heading}\n{collapse(following[1])}",
                        collapse(following[1]),
                    )
                    findings.append(
                        (
                            following[0] + 1,
                            f"Titre de l’article {heading_found.number} lu sur la ligne suivante : à vérifier.",
                        )
                    )
                    while lines[position][0] != following[0]:
                        position += 1
                    position += 1
            current = (heading_found, index + 1, [])
            continue
        if annex is None and (articles or current) and _is_closing(line):
            finish()
            in_closing = True
            closing.append((index, line))
            continue
        if current is not None:
            current[2].append((index, line))
        elif annex is not None:
            annex_lines.append((index, line))
        elif line.strip():
            findings.append((index + 1, f"Texte hors de tout article, non repris : « {collapse(line)[:60]} »."))
    finish()
    finish_annex()
    return articles, annexes, closing


def _is_closing(line: str) -> bool:
    """« Fait à Rodez le 17/02/2026 », « A          , le » (left blank): not « A titre indicatif, le montant »."""
    found = CLOSING.fullmatch(line.strip())
    if not found:
        return False
    date = found.group("date")
    return date is None or BLANK_DATE.fullmatch(date) is not None or first_date(date) is not None
