"""A built page as a tree of elements, read with the standard library's html.parser: what the tests of
rendered pages look into (text, attributes, links) without regular expressions on raw HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and its descendants, in document order (of `tag` only, when given)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def texts(self) -> Iterator[tuple[str, Element]]:
        """Every text node under this element, with the element that holds it (a line break for `<br>`)."""
        for child in self.children:
            if isinstance(child, Element) and child.tag == "br":
                yield "\n", child
            elif isinstance(child, Element):
                yield from child.texts()
            else:
                yield child, self

    @property
    def text(self) -> str:
        """The element's text, its white space collapsed (no-break spaces kept)."""
        return re.sub(r"[ \t\n\r\f]+", " ", "".join(text for text, _ in self.texts())).strip()

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def find(self, tag: str, class_: str | None = None, **attrs: str) -> Element | None:
        return next(self.find_all(tag, class_, **attrs), None)

    def find_all(self, tag: str, class_: str | None = None, **attrs: str) -> Iterator[Element]:
        for element in self.iter(tag):
            if class_ is not None and class_ not in element.classes():
                continue
            if all(element.attrs.get(name) == value for name, value in attrs.items()):
                yield element

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an end tag without its start is ignored
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def read_page(site: Path, url_path: str) -> Element:
    """The page at `url_path` (« clauses/duree/ ») of a built site."""
    return parse((site / url_path / "index.html").read_text(encoding="utf-8"))


def main_content(document: Element) -> Element:
    """The page's own content (Material's `<article class="md-content__inner">`), without the theme's chrome."""
    content = document.find("article", "md-content__inner")
    assert content is not None, "no main content"
    return content


def resolve(site: Path, page_path: str, href: str) -> tuple[Path, str]:
    """The file a link of the page at `page_path` leads to, and its fragment."""
    parts = urlsplit(urljoin("http://site/" + page_path, href))
    assert parts.netloc == "site", f"{href} leaves the site"
    target = site / parts.path.lstrip("/")
    return (target / "index.html" if parts.path.endswith("/") else target), parts.fragment


def ids(document: Element) -> set[str]:
    return {element.attrs["id"] or "" for element in document.iter() if "id" in element.attrs}
