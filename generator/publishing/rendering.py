"""MkDocs' pass over the generated register, in bounded memory.

A large register has tens of thousands of pages. MkDocs reads and converts them all before it renders any,
then renders them all: a page's Markdown is rendered only when MkDocs reads it and let go once converted
(`GeneratedPages`), its HTML is kept compressed until the page is rendered, then let go (`CompressedHtml`),
and the navigation, the same on most pages, is rendered once per set of links (`NavCache`). One instance of
each per build.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import jinja2
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from generator.build import Generated
from generator.publishing.search_index import search_glob

#: what marks a page Pagefind indexes (the convention pages)
SEARCH_MARK = "data-pagefind-body"


class GeneratedPages:
    """The generated register of one build, as MkDocs reads it; notes the pages to index as they are rendered."""

    def __init__(self, generated: Generated) -> None:
        self.generated = generated
        self.searchable: set[str] = set()
        self._pending: dict[str, Callable[[], str]] = {}

    def contents(self) -> dict[str, str | bytes]:
        """Every generated file by path; a page not rendered yet is empty until MkDocs reads it (see `read`)."""
        contents: dict[str, str | bytes] = {}
        for path, content in self.generated.files.items():
            if callable(content):
                self._pending[path], content = content, ""
            contents[path] = content
        return contents

    def read(self, path: str) -> str | None:
        """The Markdown of a page not rendered yet, rendered now; None for any other page.
        Raises jinja2.TemplateError."""
        render_page = self._pending.pop(path, None)
        if render_page is None:
            return None
        markdown = render_page()
        if SEARCH_MARK in markdown:
            self.searchable.add(path)
        return markdown

    def release_markdown(self) -> None:
        """Let go of the pages: MkDocs holds them now. The files it copies as they are stay."""
        self.generated.files = {
            path: content
            for path, content in self.generated.files.items()
            if not callable(content) and not path.endswith(".md")
        }

    def search_glob(self) -> str | None:
        """What Pagefind reads: the pages marked for the index (None: every page)."""
        return search_glob(dict.fromkeys(self.searchable, SEARCH_MARK))


class CompressedHtml:
    """Each page's HTML between its conversion (on_page_content) and its rendering (on_page_context)."""

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}

    def keep(self, path: str, html: str) -> None:
        self._pages[path] = zlib.compress(html.encode("utf-8"), 1)

    def take(self, path: str) -> str | None:
        compressed = self._pages.pop(path, None)
        return None if compressed is None else zlib.decompress(compressed).decode("utf-8")


class NavCache:
    """The navigation lists the few section pages; the tens of thousands of pages of the register are not in
    it, so it renders the same on every such page with the same links back to those sections: rendered once
    per set of links. templates/theme/main.html calls `registre_nav()` (see `template_global`) instead of
    including the partial."""

    def __init__(self) -> None:
        self._html: dict[tuple, Markup] = {}

    def render(self, context: jinja2.runtime.Context) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        key = None
        if page is not None and nav is not None and not any(item is page for item in nav.pages):
            key = (context.get("base_url"), tuple(get_relative_url(item.url, page.url) for item in nav.pages))
        html = self._html.get(key) if key else None
        if html is None:
            html = Markup(context.environment.get_template("partials/nav.html").render(context.get_all()))
            if key:
                self._html[key] = html
        return html

    def template_global(self) -> Callable[..., Markup]:
        """`registre_nav`, for the theme's templates."""

        @jinja2.pass_context
        def registre_nav(context: jinja2.runtime.Context) -> Markup:
            return self.render(context)

        return registre_nav
