"""No page of the built site shows Markdown as text: every template's Markdown reaches the reader as HTML.

Python-Markdown's md_in_html converts the inside of an HTML block only when the block and every block
around it carry the `markdown` attribute; otherwise the Markdown is published as it is (`### 3.1 : …`,
`- …`) and the attribute stays in the HTML, where it is invalid.
"""

from __future__ import annotations

import re
from pathlib import Path

from html_tree import Element, main_content, parse

#: a line of text that Markdown would have made a heading, a list item or a table rule
MARKDOWN_LINE = re.compile(r"(#{1,6} |[-*+] |\d+\. |\|\s*:?-{3})")
#: Markdown that Python-Markdown converts anywhere in a line: strong emphasis, an inline link
MARKDOWN_INLINE = re.compile(r"\*\*[^*\s][^*]*\*\*|\[[^\]]+\]\([^)\s]+\)")
#: where text is shown as it is written
LITERAL = {"pre", "code", "script", "style", "textarea", "template"}


def unconverted_markdown(document: Element) -> list[str]:
    """What of a page is Markdown left as text: `markdown` attributes, and lines of its main content that
    read as Markdown syntax."""
    found = [f"<{element.tag} markdown>" for element in document.iter() if "markdown" in element.attrs]
    for text, holder in main_content(document).texts():
        if holder.tag in LITERAL or any(ancestor.tag in LITERAL for ancestor in holder.ancestors()):
            continue
        for line in text.splitlines():
            line = line.strip()
            if MARKDOWN_LINE.match(line) or MARKDOWN_INLINE.search(line):
                found.append(line[:120])
    return found


def test_no_page_shows_markdown_as_text(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    kinds = {page.relative_to(built_site).parts[0] for page in pages if len(page.relative_to(built_site).parts) > 1}
    assert {"clauses", "conventions", "tarifs", "donnees-personnelles", "organisations", "services"} <= kinds
    problems = {}
    for page in pages:
        document = parse(page.read_text(encoding="utf-8"))
        if document.find("article", "md-content__inner") is None:
            continue  # not a page of the site's content (a redirect, a file of Pagefind's)
        found = unconverted_markdown(document)
        if found:
            problems[page.relative_to(built_site).as_posix()] = found[:3]
    assert not problems


def test_the_check_sees_markdown_left_as_text():
    page = (
        '<html><body><article class="md-content__inner"><div markdown>\n'
        "##### 3.1 : Désignation d’un référent\n\n- un élément\n\n**Important**, voir [la page](../x/)\n"
        "| --- | --- |\n</div><pre>- du code</pre><p>Un tiret - au milieu, 1,5 % et #1.</p></article></body></html>"
    )
    assert unconverted_markdown(parse(page)) == [
        "<div markdown>",
        "##### 3.1 : Désignation d’un référent",
        "- un élément",
        "**Important**, voir [la page](../x/)",
        "| --- | --- |",
    ]
