"""An article's lines as Markdown: paragraphs, lists (with their levels), sub-article headings and tables.

Only layout changes: line breaks inside a paragraph become spaces, a list marker of the document (the
Wingdings bullets U+F0B7 and U+F0D8 of PDF extractions, « . », « o », « - », « 1. ») becomes a Markdown
list marker, a ruled table a Markdown table. Every word stays, in its order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.importing.extraction import Table
from generator.importing.headings import TERMINAL, collapse, sub_article

BULLET = re.compile(r"(?P<marker>[\uf0b7\uf0d8\uf0a7\uf076•▪■◦●➢–-]|\.|o|(?P<number>\d{1,2}[.)]))\s+(?P<text>\S.*)")
ANNEX_LIST_ITEM = re.compile(r"Annexe\s+(?:[nN]°\s*)?\d{1,2}\s*:\s*\S")
AMOUNT = re.compile(r"^[\d\s.,]+\s*(?:€|euros?)?$|^\d")


@dataclass
class Block:
    kind: str  # "paragraph", "item", "heading", "table"
    text: str
    line: int
    level: int = 1
    marker: str = "- "
    lines: int = 1


@dataclass(frozen=True)
class Body:
    markdown: str
    tables: list[Table] = field(default_factory=list)
    #: (source line, message) of the intertitles taken for sub-headings, for the report
    guesses: list[tuple[int, str]] = field(default_factory=list)


def markdown_table(table: Table) -> str:
    width = max(len(row) for row in table.rows)
    rows = [row + [""] * (width - len(row)) for row in table.rows]
    numeric = [all(AMOUNT.match(row[column]) for row in rows[1:] if row[column]) for column in range(width)]
    lines = ["| " + " | ".join(rows[0]) + " |"]
    lines.append("| " + " | ".join("---:" if numeric[c] and c else "---" for c in range(width)) + " |")
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _marker_of(found: re.Match[str]) -> tuple[str, str]:
    """The kind of marker (for its list level) and the Markdown marker it becomes."""
    if found.group("number"):
        return "number", found.group("number").replace(")", ".") + " "
    return found.group("marker"), "- "


def body(numbered_lines: list[tuple[int, str]], tables: dict[int, Table], parent: str | None) -> Body:
    """`numbered_lines`: (index in the source text, line) of an article's body, in order."""
    blocks: list[Block] = []
    levels: list[str] = []
    found_tables: list[Table] = []
    blank = False
    skip_until = -1
    for index, line in numbered_lines:
        if index < skip_until:
            continue
        if index in tables:
            table = tables[index]
            blocks.append(Block("table", markdown_table(table), index))
            found_tables.append(table)
            skip_until = index + len(table.rows)
            blank = True
            continue
        text = line.strip()
        if not text:
            blank = True
            continue
        current = blocks[-1] if blocks else None
        if parent and sub_article(text, parent):
            blocks.append(Block("heading", "### " + collapse(text), index))
            levels = []
        elif bullet := BULLET.fullmatch(text):
            kind, marker = _marker_of(bullet)
            if kind in levels:
                del levels[levels.index(kind) + 1 :]
            else:
                levels.append(kind)
            blocks.append(Block("item", collapse(bullet.group("text")), index, len(levels), marker))
        elif ANNEX_LIST_ITEM.match(text):
            levels = levels or ["annexe"]
            blocks.append(Block("item", collapse(text), index, 1))
        elif current and current.kind in ("paragraph", "item") and _continues(current, text, blank):
            joiner = "" if re.search(r"\w-$", current.text) else " "  # « OK-/COURRIER » is one word
            current.text += joiner + collapse(text)
            current.lines += 1
        else:
            blocks.append(Block("paragraph", collapse(text), index))
        blank = False
    guesses = _intertitles(blocks)
    return Body(_joined(blocks), found_tables, guesses)


def _continues(current: Block, text: str, after_blank: bool) -> bool:
    """Whether a line goes on with the paragraph or list item above it."""
    if after_blank:
        return text[0].islower()  # a page or column break inside a sentence
    if current.kind == "item":
        return True
    return not (current.text.endswith((".", ":")) and text[0].isupper())


def _intertitles(blocks: list[Block]) -> list[tuple[int, str]]:
    """Paragraphs that are intertitles (a short line alone, without punctuation) become sub-headings."""
    guesses = []
    for position, block in enumerate(blocks):
        words = block.text.split()
        if (
            block.kind == "paragraph"
            and block.lines == 1
            and position + 1 < len(blocks)
            and len(words) >= 4
            and len(block.text) <= 80
            and not any(mark in block.text for mark in TERMINAL + "()")
            and not block.text[-1].isdigit()
            and (position == 0 or blocks[position - 1].kind != "heading")
        ):
            block.kind, block.text = "heading", "### " + block.text
            guesses.append((block.line, f"« {block.text[4:]} » lu comme un intertitre"))
    return guesses


def _joined(blocks: list[Block]) -> str:
    parts: list[str] = []
    for position, block in enumerate(blocks):
        text = "    " * (block.level - 1) + block.marker + block.text if block.kind == "item" else block.text
        if position and block.kind == "item" and blocks[position - 1].kind == "item":
            parts.append("\n" + text)
        elif position:
            parts.append("\n\n" + text)
        else:
            parts.append(text)
    return "".join(parts)
