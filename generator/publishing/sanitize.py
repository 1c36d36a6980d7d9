"""A Markdown extension that keeps text from the data inert: no script URL, no event handler, no style,
no image or other resource from another host, whatever Markdown or attribute-list syntax the text uses.
The one style Markdown writes itself, a table column's alignment, becomes a class (`registre-align-right`…,
in registre.css): the pages' content security policy allows no style attribute.

The templates' own HTML never reaches it (Python-Markdown stashes raw HTML); only what Markdown builds
from the data does. Register it in mkdocs.yml as `generator.publishing.sanitize`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

ALLOWED_ATTRIBUTES = {
    "id",
    "class",
    "href",
    "title",
    "src",
    "alt",
    "start",
    "colspan",
    "rowspan",
    "scope",
    # Search scope, set by the templates' `<div data-pagefind-body markdown>` (md_in_html
    # puts that element in the tree): inert, and without it the whole page is indexed.
    "data-pagefind-body",
    "data-pagefind-ignore",
}
SAFE_ALIGNMENT = re.compile(r"text-align:\s*(left|right|center);?")
#: the class that replaces a table column's `style="text-align: …"`, followed by the alignment
ALIGNMENT_CLASS = "registre-align-"
SAFE_LINK = re.compile(r"(https?:|mailto:|#|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
LOCAL_RESOURCE = re.compile(r"[^:/?#]*(?:[/?#]|$)")


def _safe_link(url: str) -> bool:
    return bool(SAFE_LINK.match(url.strip())) and not url.strip().startswith("//")


def _local(url: str) -> bool:
    return bool(LOCAL_RESOURCE.match(url.strip())) and not url.strip().startswith("//")


class _Sanitize(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                if element.tag == "img" and not _local(element.get("src", "")):
                    replacement = etree.Element("span")
                    replacement.text = element.get("alt", "")
                    replacement.tail = element.tail
                    parent.insert(list(parent).index(element), replacement)
                    parent.remove(element)
        for element in root.iter():
            if element.tag == "a" and not _safe_link(element.get("href", "")):
                element.tag = "span"  # the words stay, the link goes
            alignment = SAFE_ALIGNMENT.fullmatch(element.get("style", "").strip())
            for name in list(element.attrib):
                if name not in ALLOWED_ATTRIBUTES or (element.tag == "span" and name == "href"):
                    del element.attrib[name]
            if alignment:
                element.set("class", " ".join([*element.get("class", "").split(), f"{ALIGNMENT_CLASS}{alignment[1]}"]))


class SanitizeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After attribute lists (8) have added what the text asked for.
        md.treeprocessors.register(_Sanitize(md), "registre_sanitize", 1)


def makeExtension(**kwargs) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)
