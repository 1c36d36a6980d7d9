"""Every article is transcribed word for word from its source document: a `registre check` rule.

The source document (`source.file`, the text extracted from the signed PDF) is cut at the convention's
headings — articles, annexes, annex articles — found in that order. Each piece is compared, word for
word, with what the content transcribes there: the article's text (for the last article of the main
body, followed by the signature block, `closing`), an annex's `intro`, and the `preamble`, which ends
the piece before the first article (that piece starts with the parties, which are not transcribed as text).

Only layout is ignored, on both sides:

- whitespace: the extraction wraps lines, doubles spaces, adds blank lines and non-breaking spaces;
- bullets: the Wingdings bullets U+F0B7 and U+F0D8, and ". ", "- ", "o " at the start of a line of the
  document; in the content, the Markdown the page does not show as text (heading marks, list bullets,
  emphasis stars, table pipes and delimiter rows, backslash escapes);
- personal data: every declared private person (the register's masker, `generator.privacy.masking`) is
  masked on both sides as the page masks it, in whatever written form (`**DAVID** ALLARD` in the content,
  `DAVID ALLARD` in the document), so that a text may give it in any form or give the mask.

A difference is an error unless the article records it as a known transcription choice
(`Article.transcription`): a rebuilt price grid (`table_rebuilt`) is compared on its euro amounts only,
each as many times as in the document.

The comparison is linear in the size of the texts: a piece equal to its transcription once whitespace is
removed (the usual case) is compared as two strings; only a differing piece is cut into words and
diffed, on its own.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.privacy.masking import Masker, convention_masker
from generator.problems import Problem
from generator.register import models
from generator.register.store import Entry

#: the bullets of PDF extractions: Wingdings' private-use characters, and « • » where a PDF maps them
LIST_BULLETS = ("\uf0b7", "\uf0d8", "\u2022")
DOCUMENT_BULLET = re.compile(r"^[^\S\n]*(?:\. |- |o )", re.MULTILINE)
MARKDOWN_PREFIX = re.compile(r"\s*(?:#{1,6}|[-*+>])(?=\s)")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
MARKDOWN_EMPHASIS = re.compile(r"(\*\*?)(?=\S)(.+?)(?<=\S)\1")
TABLE_DELIMITER = re.compile(r"\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?")
AMOUNT = re.compile(r"(\d+,\d\d)\s*€")

#: words shown on each side of a difference
CONTEXT_WORDS = 3
#: a differing run longer than this is shown by its first and last words
SHOWN_WORDS = 10
#: headings not found reported one by one; the others are counted
MAX_MISSING_HEADINGS = 5
#: differing amounts of a rebuilt grid named in its problem
MAX_AMOUNTS_SHOWN = 3


def compact(text: str) -> str:
    """`text` without any whitespace."""
    return "".join(text.split())


# --- the source document -------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """The source document's lines as compared (masked, without bullets), its text without any whitespace
    (`compact`, where headings are looked for) and where each line starts in it."""

    lines: list[str]
    line_starts: list[int]
    compact: str

    @classmethod
    def read(cls, text: str, masker: Masker) -> Document:
        text = masker(text, keep_line_breaks=True)
        for bullet in LIST_BULLETS:
            text = text.replace(bullet, " ")
        lines = DOCUMENT_BULLET.sub("", text).split("\n")
        pieces = [compact(line) for line in lines]
        starts, position = [], 0
        for piece in pieces:
            starts.append(position)
            position += len(piece)
        return cls(lines, starts, "".join(pieces))

    def line_at(self, position: int) -> int:
        """The line (1-based) of the character at `position` of `compact`."""
        return max(1, bisect_right(self.line_starts, position))

    def words_between(self, start: int, end: int) -> list[tuple[str, int]]:
        """The words between two positions of `compact`, each with its line; a word cut by a position
        keeps its part inside."""
        words = []
        index = max(0, bisect_right(self.line_starts, start) - 1)
        while index < len(self.lines) and self.line_starts[index] < end:
            position = self.line_starts[index]
            for part in self.lines[index].split():
                if position >= end:
                    break
                if position + len(part) > start:
                    words.append((part[max(0, start - position) : end - position], index + 1))
                position += len(part)
            index += 1
        return words


# --- the content ---------------------------------------------------------------


def markdown_line_text(line: str) -> str:
    """A line of Markdown as the page shows its text: no heading mark, bullet, emphasis star, table pipe
    or escape. Ordered list numbers stay: the page shows them."""
    if "|" in line:
        if TABLE_DELIMITER.fullmatch(line):
            return ""
        if line.lstrip().startswith("|"):
            line = line.replace("|", " ")
    line = MARKDOWN_PREFIX.sub("", line, count=1) if MARKDOWN_PREFIX.match(line) else line
    if "*" in line:
        line = MARKDOWN_EMPHASIS.sub(r"\2", line)
    return MARKDOWN_ESCAPE.sub(r"\1", line) if "\\" in line else line


@dataclass(frozen=True)
class Field:
    """One transcribed text: its path in the file, its text (masked, line breaks kept) and its lines as
    the page shows them."""

    path: tuple
    text: str
    lines: list[str]

    @classmethod
    def read(cls, path: tuple, text: str | None, masker: Masker) -> Field:
        masked = masker(text or "", keep_line_breaks=True)
        return cls(path, masked, [markdown_line_text(line) for line in masked.split("\n")])

    def words(self, index: int) -> list[tuple[str, int, int]]:
        """Its words, each with `index` and the offset in `text` of the line it is on."""
        words, offset = [], 0
        for raw, shown in zip(self.text.split("\n"), self.lines, strict=True):  # `read` makes one per line
            words += [(part, index, offset) for part in shown.split()]
            offset += len(raw) + 1
        return words


@dataclass(frozen=True)
class Clause:
    """A heading of the convention and the fields transcribed between it and the next heading."""

    heading_path: tuple
    heading: str
    transcribed: tuple[tuple[tuple, str | None], ...]
    article: models.Article | None = None


def convention_clauses(convention: models.Convention) -> list[Clause]:
    """Every heading in document order with the fields that follow it: the signature block follows the
    last article of the main body, an annex's intro its heading."""
    clauses = []
    last = len(convention.articles) - 1
    for index, article in enumerate(convention.articles):
        transcribed: list[tuple[tuple, str | None]] = [(("articles", index, "text"), article.text)]
        if index == last:
            transcribed.append((("closing",), convention.closing))
        clauses.append(Clause(("articles", index, "heading"), article.heading, tuple(transcribed), article))
    for a_index, annex in enumerate(convention.annexes):
        path = ("annexes", a_index)
        clauses.append(Clause(path + ("heading",), annex.heading, ((path + ("intro",), annex.intro),)))
        for index, article in enumerate(annex.articles):
            clauses.append(
                Clause(
                    path + ("articles", index, "heading"),
                    article.heading,
                    ((path + ("articles", index, "text"), article.text),),
                    article,
                )
            )
    return clauses


# --- the rule ------------------------------------------------------------------


def check_transcription(entry: Entry, source_text: str, masker: Masker | None = None) -> list[Problem]:
    """Every difference between the convention of `entry` and its source document's text, both masked by
    `masker` (the register's; by default, the convention's own referent only)."""
    convention: models.Convention = entry.item
    masker = convention_masker(convention) if masker is None else masker
    document = Document.read(source_text, masker)
    clauses = convention_clauses(convention)
    located, problems = _locate_headings(entry, document, clauses)
    if located[0] is not None and convention.preamble:
        fields = [Field.read(("preamble",), convention.preamble, masker)]
        problems += _compare(entry, document, (0, located[0][0]), fields, after_parties=True)
    for index, clause in enumerate(clauses):
        following = located[index + 1] if index + 1 < len(clauses) else (len(document.compact), 0)
        bounds = located[index]
        if bounds is None or following is None:
            continue  # the piece's bounds are unknown: the missing heading is reported
        piece = (bounds[1], following[0])
        fields = [Field.read(path, text, masker) for path, text in clause.transcribed]
        if _is_rebuilt_grid(clause.article):
            problems += _compare_amounts(entry, document, piece, fields[0])
        else:
            problems += _compare(entry, document, piece, fields)
    return problems


def check_source_file(entry: Entry, path: Path, masker: Masker | None = None) -> list[Problem]:
    """`check_transcription` on the source file at `path`; nothing if it cannot be read as UTF-8 (the
    source document's own check in `validate` reports it)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return check_transcription(entry, text, masker)


def _is_rebuilt_grid(article: models.Article | None) -> bool:
    return article is not None and article.transcription is not None and article.transcription.kind == "table_rebuilt"


# --- headings --------------------------------------------------------------------


def _locate_headings(
    entry: Entry, document: Document, clauses: list[Clause]
) -> tuple[list[tuple[int, int] | None], list[Problem]]:
    """Where each heading is in `document.compact`, in order (None when not found), and the problems of the
    headings not found after the previous one: the first few each, then how many more."""
    located: list[tuple[int, int] | None] = []
    problems: list[Problem] = []
    missing, cursor = 0, 0
    for clause in clauses:
        key = compact(clause.heading)
        start = document.compact.find(key, cursor) if key else -1
        if start >= 0:
            located.append((start, start + len(key)))
            cursor = start + len(key)
            continue
        located.append(None)
        missing += 1
        if missing <= MAX_MISSING_HEADINGS:
            after = f" après la ligne {document.line_at(cursor - 1)}" if cursor else ""
            problems.append(
                entry.source.problem(
                    clause.heading_path,
                    f"intitulé introuvable dans le document source{after} : vérifiez qu’il est recopié à l’identique",
                )
            )
    if missing > MAX_MISSING_HEADINGS:
        more = missing - MAX_MISSING_HEADINGS
        plural = "s" if more > 1 else ""
        problems.append(
            entry.source.problem(
                ("source", "file"),
                (
                    f"{more} autre{plural} intitulé{plural} de la convention introuvable{plural} dans le document "
                    "source : vérifiez que c’est bien son texte"
                ),
            )
        )
    return located, problems


# --- word for word -----------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One difference, as reported: the content's field and line offset where it is (offset None when
    the field is empty), the document's line, and both sides' words in their context."""

    field: int
    offset: int | None
    document_line: int
    in_document: str
    here: str


def _compare(
    entry: Entry, document: Document, piece: tuple[int, int], fields: list[Field], after_parties: bool = False
) -> list[Problem]:
    """The differences between the `piece` of the document (positions in its `compact`) and the transcribed
    `fields`; with `after_parties`, the fields end the piece, whose words before them are not compared."""
    in_document = document.compact[piece[0] : piece[1]]
    here = "".join(compact(line) for field in fields for line in field.lines)
    if in_document == here or (after_parties and in_document.endswith(here)):
        return []
    found = document.words_between(*piece)
    expected = [word for index, field in enumerate(fields) for word in field.words(index)]
    found_texts, expected_texts = [word[0] for word in found], [word[0] for word in expected]
    differences = []
    opcodes = difflib.SequenceMatcher(None, found_texts, expected_texts, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal" or "".join(found_texts[i1:i2]) == "".join(expected_texts[j1:j2]):
            continue  # layout only: a word split or joined differently
        if after_parties and index == 0 and j1 == 0:
            if tag == "delete":
                continue  # the parties
            i1 = max(i1, i2 - (j2 - j1))
        differences.append(
            _difference(found, expected, (i1, i2, j1, j2), len(fields) - 1, document.line_at(piece[0] - 1))
        )
    return _report(entry, fields, differences)


def _difference(
    found: list[tuple[str, int]],
    expected: list[tuple[str, int, int]],
    span: tuple[int, int, int, int],
    last_field: int,
    first_line: int,
) -> Difference:
    """A differing span: the content word it is at is the first changed one, else (words missing here) the
    word before it; the document's line is that of its first word, else of the word before."""
    i1, i2, j1, j2 = span
    at = j1 if j1 < j2 or j1 == 0 else j1 - 1
    field, offset = (expected[at][1], expected[at][2]) if at < len(expected) else (last_field, None)
    nearest = i1 if i1 < i2 or i1 == 0 else i1 - 1
    document_line = found[nearest][1] if nearest < len(found) else first_line
    return Difference(
        field,
        offset,
        document_line,
        _shown([word[0] for word in found], i1, i2),
        _shown([word[0] for word in expected], j1, j2),
    )


def _shown(words: list[str], start: int, end: int) -> str:
    """The differing words `start:end` between a few words of context, « quoted », or « rien »."""
    changed = words[start:end]
    if len(changed) > SHOWN_WORDS:
        half = SHOWN_WORDS // 2
        changed = changed[:half] + ["…"] + changed[-half:]
    shown = words[max(0, start - CONTEXT_WORDS) : start] + changed + words[end : end + CONTEXT_WORDS]
    return f"« {' '.join(shown)} »" if shown else "rien"


def _report(entry: Entry, fields: list[Field], differences: list[Difference]) -> list[Problem]:
    """One problem per field: its first difference, and how many more."""
    by_field: dict[int, list[Difference]] = {}
    for difference in differences:
        by_field.setdefault(difference.field, []).append(difference)
    problems = []
    for index, found in by_field.items():
        first, field = found[0], fields[index]
        line = entry.source.text_line(field.path, field.text, first.offset) if first.offset is not None else None
        message = (
            f"le texte diffère du document source ({entry.item.source.file}:{first.document_line}) : "
            f"{first.in_document} dans le document, {first.here} ici{_more(len(found) - 1)}"
        )
        problems.append(entry.source.problem(field.path, message, line=line))
    return problems


def _more(count: int) -> str:
    if not count:
        return ""
    plural = "s" if count > 1 else ""
    return f" ; {count} autre{plural} différence{plural} plus loin dans ce champ"


# --- rebuilt price grids ---------------------------------------------------------------


def _amounts(words: list[tuple]) -> list[tuple[str, tuple]]:
    """The euro amounts (« 9,60 € ») written in `words`, in order, each with the word it starts in."""
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word[0]) + 1
    return [
        (f"{match.group(1)} €", words[bisect_right(starts, match.start()) - 1])
        for match in AMOUNT.finditer(" ".join(word[0] for word in words))
    ]


def _compare_amounts(entry: Entry, document: Document, piece: tuple[int, int], field: Field) -> list[Problem]:
    """A rebuilt grid holds the document's euro amounts, each as many times: report the amounts that differ."""
    in_document, here = _amounts(document.words_between(*piece)), _amounts(field.words(0))
    document_count = Counter(amount for amount, _ in in_document)
    here_count = Counter(amount for amount, _ in here)
    if document_count == here_count:
        return []
    first_in_document = {amount: word for amount, word in reversed(in_document)}
    first_here = {amount: word for amount, word in reversed(here)}
    differing = [
        amount
        for amount in dict.fromkeys(amount for amount, _ in here + in_document)
        if document_count[amount] != here_count[amount]
    ]
    document_word = next((first_in_document[amount] for amount in differing if amount in first_in_document), None)
    content_word = next((first_here[amount] for amount in differing if amount in first_here), None)
    counts = " ; ".join(
        f"« {amount} » {document_count[amount]} fois dans le document, {here_count[amount]} fois ici"
        for amount in differing[:MAX_AMOUNTS_SHOWN]
    )
    more = len(differing) - MAX_AMOUNTS_SHOWN
    plural = "s" if more > 1 else ""
    document_line = document_word[1] if document_word else document.line_at(piece[0] - 1)
    message = (
        f"grille reconstituée : ses montants diffèrent du document source "
        f"({entry.item.source.file}:{document_line}) : {counts}"
        + (f" ; {more} autre{plural} montant{plural}" if more > 0 else "")
    )
    line = entry.source.text_line(field.path, field.text, content_word[2]) if content_word else None
    return [entry.source.problem(field.path, message, line=line)]
