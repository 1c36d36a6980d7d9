"""A Markdown extension that makes the generated pages cheap to convert, with the same output.

Most of a generated page is raw HTML written by the templates (breadcrumb, summary card, tables,
citation box, pager); only clause texts are Markdown. Python-Markdown finds raw HTML blocks by running
an HTML parser over the whole page, which costs about three quarters of the time of converting an
article page. This preprocessor runs first and stores each simple raw HTML block in the HTML stash
directly, exactly as Python-Markdown would store it, so the HTML parser no longer sees it.

A block is "simple" when it cannot be anything else: it starts a line after a blank line (or at the
top of the page) with a block-level tag, has no `markdown` attribute, no comment or processing
instruction, no blank line inside, and its last line ends with the matching closing tag, followed by
a blank line. Anything else — a `<div markdown>` and everything inside it included — is left to
Python-Markdown. `tests/test_search_scale.py` checks that pages convert to the same HTML with and
without it.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown(?:[\s=>])")
_UNSAFE = re.compile(r"<!--|<\?|<!\[|\smarkdown(?:[\s=>])|\x02|\x03")


class _StashRawBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        index, count = 0, len(lines)
        previous_blank = True
        while index < count:
            line = lines[index]
            end = self._block_end(lines, index) if previous_blank and line.startswith("<") else None
            if end is None:
                if previous_blank and line.startswith("<") and _MARKDOWN_ATTRIBUTE.search(line):
                    # A Markdown-in-HTML block: copy it untouched, down to its closing tag.
                    end = self._region_end(lines, index)
                    output.extend(lines[index : end + 1])
                    index = end + 1
                    previous_blank = False
                    continue
                output.append(line)
                previous_blank = not line.strip()
                index += 1
                continue
            # Python-Markdown keeps the newline that ends the block: so does this.
            placeholder = self.md.htmlStash.store("\n".join(lines[index : end + 1]) + "\n")
            output.append(placeholder)
            index = end + 1
            previous_blank = False
        return output

    def _block_end(self, lines: list[str], start: int) -> int | None:
        match = _START.match(lines[start])
        if match is None:
            return None
        tag = match.group(1).lower()
        if not self.md.is_block_level(tag):
            return None
        opening = re.compile(rf"<{tag}(?=[\s/>])", re.I)
        closing = re.compile(rf"</{tag}\s*>", re.I)
        depth = 0
        for index in range(start, len(lines)):
            line = lines[index]
            if not line.strip() or _UNSAFE.search(line):
                return None
            depth += len(opening.findall(line)) - len(closing.findall(line))
            if depth <= 0:
                if not closing.search(line) or not re.search(rf"</{tag}\s*>\s*$", line, re.I):
                    return None
                if index + 1 < len(lines) and lines[index + 1].strip():
                    return None
                return index
        return None

    def _region_end(self, lines: list[str], start: int) -> int:
        match = _START.match(lines[start])
        if match is None:
            return start
        tag = match.group(1).lower()
        opening = re.compile(rf"<{tag}(?=[\s/>])", re.I)
        closing = re.compile(rf"</{tag}\s*>", re.I)
        depth = 0
        for index in range(start, len(lines)):
            depth += len(opening.findall(lines[index])) - len(closing.findall(lines[index]))
            if depth <= 0:
                return index
        return len(lines) - 1


class FastRawHtml(Extension):
    """Register the preprocessor ahead of Python-Markdown's own raw HTML handling (priority 20)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StashRawBlocks(md), "registre_raw_html", 25)


def makeExtension(**kwargs) -> FastRawHtml:
    return FastRawHtml(**kwargs)
