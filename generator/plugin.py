"""The MkDocs adapter: hands MkDocs the files the generator makes. All logic lives in the generator."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import jinja2

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url
from markupsafe import Markup

from .build import Generated, Project, generate
from .fast_markdown import FastRawHtml
from .problems import ContentError, RegistreError
from .search_index import index_site, search_glob

log = get_plugin_logger(__name__)


class RegistreConfig(Config):
    project_dir = config_options.Type(str, default=".")
    """Folder holding content/, site_config/ and templates/, relative to mkdocs.yml."""
    search = config_options.Type(bool, default=True)
    """Build the Pagefind search index after the site."""


class RegistrePlugin(BasePlugin[RegistreConfig]):
    def on_config(self, config):
        self.project = Project((Path(config.config_file_path).parent / self.config.project_dir).resolve())
        try:
            self.generated: Generated = generate(self.project, lazy=True)
        except ContentError as error:
            raise PluginError(f"the register's content has problems:\n{error.report()}") from None
        except jinja2.TemplateError as error:
            raise PluginError(self._template_error(error)) from None
        for warning in self.generated.warnings:
            log.warning(str(warning))
        site = self.generated.data.config
        config.site_name = site.site_name
        config.site_url = site.base_url
        config.extra["registre"] = {
            "publisher": site.publisher.name,
            "accessibility_status": site.accessibility.status,
        }
        # Same HTML, without running an HTML parser over the templates' raw HTML (see fast_markdown).
        config.markdown_extensions.append(FastRawHtml())
        return config

    def _template_error(self, error: jinja2.TemplateError) -> str:
        if isinstance(error, jinja2.TemplateSyntaxError):
            return f"{self._template_name(error.filename or error.name)}:{error.lineno}: template error: {error.message}"
        return f"template error: {error}"

    def _template_name(self, filename: str | None) -> str:
        """A template's path as the staff know it: `templates/pages/article.md.j2`."""
        path = Path(filename or "?")
        return path.relative_to(self.project.root).as_posix() if path.is_relative_to(self.project.root) else str(path)

    # A large register has tens of thousands of pages. MkDocs reads and converts them all before it renders
    # any, then renders them all: the Markdown of a page is rendered only when MkDocs reads it, let go
    # once converted, and its HTML is kept compressed until the page is rendered, then let go.

    def on_files(self, files: Files, *, config) -> Files:
        self.pending: dict = {}
        self.searchable: dict[str, str] = {}
        self.compressed: dict[str, bytes] = {}
        for path, content in self.generated.files.items():
            if callable(content):
                self.pending[path], content = content, ""
            files.append(File.generated(config, path, content=content))
        self.generated.files = {path: content for path, content in self.generated.files.items()
                                if not callable(content) and not path.endswith(".md")}
        return files

    def on_page_read_source(self, *, page, config):
        render_page = self.pending.pop(page.file.src_uri, None)
        if render_page is None:
            return None
        try:
            markdown = render_page()
        except jinja2.TemplateError as error:
            raise PluginError(self._template_error(error)) from None
        if "data-pagefind-body" in markdown:
            self.searchable[page.file.src_uri] = "data-pagefind-body"
        return markdown

    def on_page_content(self, html, *, page, config, files):
        page.markdown = ""
        if page.file.generated_by is not None:
            page.file.content_string = ""
        self.compressed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    @event_priority(100)
    def on_page_context(self, context, *, page, config, nav):
        compressed = self.compressed.pop(page.file.src_uri, None)
        if compressed is not None:
            page.content = zlib.decompress(compressed).decode("utf-8")
        return context

    def on_env(self, env, *, config, files):
        # The navigation lists the few section pages; the tens of thousands of pages of the register are not
        # in it, so it renders the same on every such page with the same links back to those sections:
        # render it once per set of links (templates/theme/main.html calls this instead of the include).
        cache: dict = {}

        @jinja2.pass_context
        def registre_nav(context) -> Markup:
            page, nav = context.get("page"), context.get("nav")
            key = None
            if page is not None and nav is not None and not any(item is page for item in nav.pages):
                key = (context.get("base_url"), tuple(get_relative_url(item.url, page.url) for item in nav.pages))
            html = cache.get(key) if key else None
            if html is None:
                html = Markup(context.environment.get_template("partials/nav.html").render(context.get_all()))
                if key:
                    cache[key] = html
            return html

        env.globals["registre_nav"] = registre_nav
        return env

    def on_post_page(self, output, *, page, config):
        page.content = None  # written once the page is rendered; links and anchors are checked without it
        return output

    def on_serve(self, server, *, config, builder):
        for folder in ("content", "templates", "site_config"):
            server.watch(str(self.project.root / folder))
        return server

    def on_post_build(self, *, config) -> None:
        if not self.config.search or os.environ.get("REGISTRE_SEARCH") == "defer":
            return  # deferred: `publish.build_site` indexes once MkDocs is out of memory
        try:
            index_site(Path(config.site_dir), glob=search_glob(getattr(self, "searchable", {})))
        except RegistreError as error:
            raise PluginError(str(error)) from None
