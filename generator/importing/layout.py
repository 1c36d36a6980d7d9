"""What is page layout, not text, dropped from the extracted pages: page numbers, running headers and
footers, a SOMMAIRE (table of contents with page numbers) and hyphenation at line ends.

The result is the source text written to `content/sources/<id>.txt`: one line per line of the document,
each ruled table as one line per row (its cells separated by spaces), so that every word of the document
is there, in its order, and `registre check` can compare the transcription with it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.importing.extraction import Extracted, Table

PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–]?\s*\d{1,3}\s*(?:(?:/|sur)\s*\d{1,3})?\s*[-–]?", re.IGNORECASE)
CONTENTS_TITLE = re.compile(r"(?:SOMMAIRE|TABLE DES MATI[ÈE]RES)\s*:?", re.IGNORECASE)
CONTENTS_ENTRY = re.compile(r".*\S(?:\s*\.{2,}\s*|\s+|\t)\d{1,3}")
HYPHENATED = re.compile(r"(?<=[a-zà-ÿœ])-$")
WORD_START = re.compile(r"([a-zà-ÿœ][\w’']*)(.*)$", re.DOTALL)
#: second halves of words that keep their hyphen when the line breaks there (« lui-/même »)
COMPOUND_ENDS = {"même", "mêmes", "ci", "là", "dessus", "dessous", "delà", "après", "t-il", "t-elle"}


@dataclass(frozen=True)
class SourceText:
    """The document's text as written to content/sources/: its lines, its tables by the index of their first
    line, and what was dropped as layout (for the report)."""

    lines: list[str]
    tables: dict[int, Table] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _pattern(line: str) -> str:
    """A running header's shape: its words, digits left out (« Page 3 » and « Page 4 » are one header)."""
    return " ".join(re.sub(r"\d+", "#", line).split()).lower()


def _edge_lines(page: list, count: int = 2) -> list[int]:
    texts = [index for index, item in enumerate(page) if isinstance(item, str) and item.strip()]
    return texts[:count] + texts[-count:]


def _running_lines(pages: list[list]) -> set[str]:
    """The shapes of the lines that stand at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_pattern(page[index]) for index in _edge_lines(page)})
    return {shape for shape, times in seen.items() if times >= max(2, (len(pages) + 1) // 2)}


def clean(extracted: Extracted) -> SourceText:
    dropped: list[str] = []
    running = _running_lines(extracted.pages) if extracted.paged else set()
    items: list[str | Table] = []
    for page in extracted.pages:
        edges = set(_edge_lines(page)) if extracted.paged else set()
        for index, item in enumerate(page):
            if isinstance(item, str) and index in edges:
                if PAGE_NUMBER.fullmatch(item.strip()):
                    dropped.append(f"numéro de page « {item.strip()} »")
                    continue
                if _pattern(item) in running:
                    dropped.append(f"en-tête ou pied de page « {' '.join(item.split())} »")
                    continue
            items.append(item.rstrip() if isinstance(item, str) else item)
    items = _without_contents(items, dropped)
    items = _dehyphenated(items, dropped)
    lines: list[str] = []
    tables: dict[int, Table] = {}
    for item in items:
        if isinstance(item, Table):
            tables[len(lines)] = item
            lines += [" ".join(cell for cell in row if cell) for row in item.rows]
        else:
            lines.append(item)
    while lines and not lines[-1].strip():
        lines.pop()
    return SourceText(lines, tables, dropped)


def _without_contents(items: list[str | Table], dropped: list[str]) -> list[str | Table]:
    """Without a SOMMAIRE: its title, then every line that ends with a page number, up to the first that does not."""
    kept: list[str | Table] = []
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, str) and CONTENTS_TITLE.fullmatch(item.strip()):
            end = index + 1
            while end < len(items) and isinstance(items[end], str):
                line = str(items[end]).strip()
                if line and not CONTENTS_ENTRY.fullmatch(line):
                    break
                end += 1
            entries = sum(1 for line in items[index + 1 : end] if str(line).strip())
            if entries:
                dropped.append(f"sommaire de {entries} entrées")
                index = end
                continue
        kept.append(item)
        index += 1
    return kept


def _dehyphenated(items: list[str | Table], dropped: list[str]) -> list[str | Table]:
    """A word cut at a line's end by a hyphen joined again on the first line (« concer- / nés » -> « concernés »)."""
    result = list(items)
    for index in range(len(result) - 1):
        line, following = result[index], result[index + 1]
        if not isinstance(line, str) or not isinstance(following, str) or not HYPHENATED.search(line):
            continue
        start = WORD_START.match(following.lstrip())
        if not start or start.group(1) in COMPOUND_ENDS:
            continue
        result[index] = line[:-1] + start.group(1)
        result[index + 1] = start.group(2).lstrip()
        dropped.append(f"césure « {line.split()[-1][:-1]}{start.group(1)} »")
    return result
