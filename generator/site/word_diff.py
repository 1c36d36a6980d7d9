"""A word-level comparison of two wordings of a clause, as HTML: removed words in `<del>`, added words in
`<ins>`, each run opened and closed by words that only screen readers read (« début de suppression » …), so
that the change never rests on colour or strike-through alone.

The words compared are whitespace-separated tokens; the whitespace between them is kept, so that the
result reads as the text. Line breaks are written `&#10;`: the whole comparison is one line of HTML, that
Markdown leaves as it is, shown with its line breaks by `white-space: pre-wrap`."""

from __future__ import annotations

import difflib
import re
from html import escape

from markupsafe import Markup

_TOKENS = re.compile(r"\s+|\S+")

#: what a screen reader says around a removed or an added run of words (visible to no one else)
MARKS = {
    "del": ("début de suppression", "fin de suppression"),
    "ins": ("début d’insertion", "fin d’insertion"),
}


def tokens(text: str) -> list[str]:
    """`text` cut into words and the whitespace between them; joined, they give `text` back."""
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> Markup:
    """`old` changed into `new`, word by word, as escaped HTML."""
    before, after = tokens(old), tokens(new)
    # The common start and end are cut off first: an avenant changes a few words of a long text, and
    # difflib then only compares what lies between them.
    head = 0
    while head < len(before) and head < len(after) and before[head] == after[head]:
        head += 1
    tail = 0
    while (
        tail < len(before) - head
        and tail < len(after) - head
        and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]
    ):
        tail += 1
    middle_before = before[head : len(before) - tail]
    middle_after = after[head : len(after) - tail]
    parts = [_text(before[:head])]
    matcher = difflib.SequenceMatcher(None, middle_before, middle_after, autojunk=False)
    for operation, start, end, other_start, other_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(_text(middle_before[start:end]))
            continue
        if operation in ("delete", "replace"):
            parts.append(_marked("del", middle_before[start:end]))
        if operation in ("insert", "replace"):
            parts.append(_marked("ins", middle_after[other_start:other_end]))
    parts.append(_text(before[len(before) - tail :]))
    return Markup("".join(parts))


def plain_html(text: str) -> Markup:
    """`text` as the same one line of HTML as a comparison, without marks."""
    return Markup(_text([text]))


def _text(words: list[str]) -> str:
    return escape("".join(words), quote=False).replace("\n", "&#10;")


def _marked(tag: str, words: list[str]) -> str:
    opening, closing = MARKS[tag]
    return (
        f'<{tag}><span class="registre-sr">[{opening}] </span>{_text(words)}'
        f'<span class="registre-sr"> [{closing}]</span></{tag}>'
    )
