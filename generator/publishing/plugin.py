"""The MkDocs adapter: hands MkDocs the files the generator makes. All logic lives in the generator."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import tempfile
import traceback
import zlib
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from generator.build import Generated, Project, generate
from generator.problems import ContentError, Problem, RegistreError
from generator.publishing.fast_markdown import FastRawHtml
from generator.publishing.preview import PageInputs, page_inputs, same_inputs, shared_inputs
from generator.publishing.preview_errors import RECOVERED, error_page_html, showing_error_page, terminal_report
from generator.publishing.search_index import index_site, index_site_in_background, search_glob

log = get_plugin_logger(__name__)

#: the page the preview shows at every address while the register has problems (see on_serve)
ERROR_PAGE = "404.html"


class RegistreConfig(Config):
    project_dir = config_options.Type(str, default=".")
    """Folder holding content/, site_config/ and templates/, relative to mkdocs.yml."""
    search = config_options.Type(bool, default=True)
    """Build the Pagefind search index after the site."""


class _NotTheDirtyBuildWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave stale pages; the preview's are exact (see on_files)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


class RegistrePlugin(BasePlugin[RegistreConfig]):
    # `mkdocs serve` (and `registre serve`) keeps this instance from one rebuild to the next because it
    # has on_startup: the preview remembers what each generated file was, and with --dirty MkDocs rebuilds
    # only the pages whose Markdown changed. A convention's pages whose inputs are unchanged are not even
    # rendered again (see generator/publishing/preview.py). Pagefind runs in the background after each preview build.

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        self.digests: dict[str, str] = {}
        self.rendered_from: dict[str, PageInputs] = {}
        self.shared_inputs = None
        self.preview_searchable: set[str] = set()
        self.indexer = None
        self.sources = Path(tempfile.mkdtemp(prefix="registre-preview-")) if self.incremental else None
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_NotTheDirtyBuildWarning())

    def on_shutdown(self):
        self._stop_indexer()
        if getattr(self, "sources", None):
            shutil.rmtree(self.sources, ignore_errors=True)

    def _stop_indexer(self) -> None:
        indexer = getattr(self, "indexer", None)
        if indexer is not None and indexer.poll() is None:
            indexer.terminate()
            indexer.wait(timeout=30)
        self.indexer = None

    def on_config(self, config):
        self._stop_indexer()  # the rebuild is about to rewrite the site it is indexing
        self.project = Project((Path(config.config_file_path).parent / self.config.project_dir).resolve())
        # What the preview shows instead of the site when the register has problems (see _show_problems).
        self.had_problems, self.problems = bool(getattr(self, "problems", None)), []
        serving = getattr(self, "serving", False)
        try:
            self.generated: Generated = generate(self.project, lazy=True)
        except ContentError as error:
            if serving:
                return self._show_problems(config, error.problems)
            raise PluginError(f"the register's content has problems:\n{error.report()}") from None
        except jinja2.TemplateError as error:
            if serving:
                return self._show_problems(config, [self._template_problem(error)])
            raise PluginError(self._template_error(error)) from None
        for warning in self.generated.warnings:
            # A placeholder in the site config does not stop a build (a merge request's preview, a test):
            # `registre check --strict` refuses it before the main branch is published.
            if warning.code == "placeholder":
                log.info(str(warning))
            else:
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
            where = self._template_name(error.filename or error.name)
            return f"{where}:{error.lineno}: template error: {error.message}"
        return f"template error: {error}"

    def _template_problem(self, error: jinja2.TemplateError) -> Problem:
        """A template error as a problem of the register, located in the template where Jinja can tell."""
        if isinstance(error, jinja2.TemplateSyntaxError):
            return Problem(self._template_name(error.filename or error.name), error.lineno, "template error",
                           error.message or str(error))
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if Path(frame.filename).is_relative_to(self.project.templates):
                return Problem(self._template_name(frame.filename), frame.lineno or 0, "template error", str(error))
        return Problem("templates", 0, "template error", str(error))

    def _show_problems(self, config, problems: list[Problem]):
        """In the preview, a register with problems builds no page: the preview shows the problems instead
        (see on_serve), and the terminal lists them as `registre check` does."""
        self.problems = problems
        print(terminal_report(problems), file=sys.stderr, flush=True)
        config.nav = None  # no page, so no navigation to check
        return config

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
        if self.problems:
            return files
        if getattr(self, "incremental", False):
            try:
                generated_files = self._preview_files(config)
            except jinja2.TemplateError as error:
                self._show_problems(config, [self._template_problem(error)])
                return files
        else:
            generated_files = self._lazy_files(config)
        for file in generated_files:
            files.append(file)
        self.generated.files = {path: content for path, content in self.generated.files.items()
                                if not callable(content) and not path.endswith(".md")}
        return files

    def _lazy_files(self, config) -> list[File]:
        """Every generated file; a page is rendered when MkDocs reads it (see on_page_read_source)."""
        lazy_files = []
        for path, content in self.generated.files.items():
            if callable(content):
                self.pending[path], content = content, ""
            lazy_files.append(File.generated(config, path, content=content))
        return lazy_files

    def _preview_files(self, config) -> list[File]:
        """Every generated file, as the preview's copy (see _preview_file). Raises jinja2.TemplateError."""
        theme = self._theme_digest(config)
        self.shared_inputs = shared_inputs(self.project.templates, self.project.site_config.parent,
                                           self.generated.data, self.shared_inputs)
        preview_files = []
        for path, content in self.generated.files.items():
            shown = self.generated.conventions_shown.get(path)
            inputs = page_inputs(self.shared_inputs, self.generated.data, shown) if shown is not None else None
            preview_files.append(self._preview_file(config, path, content, theme, inputs))
        return preview_files

    def _theme_digest(self, config) -> bytes:
        """What every page depends on besides its own Markdown: mkdocs.yml and the theme's templates."""
        digest = hashlib.sha1(Path(config.config_file_path).read_bytes())
        theme = self.project.templates / "theme"
        for path in sorted(theme.rglob("*")) if theme.is_dir() else []:
            if path.is_file():
                digest.update(path.relative_to(theme).as_posix().encode() + path.read_bytes())
        return digest.digest()

    def _preview_file(self, config, path: str, content, theme: bytes, inputs: PageInputs | None) -> File:
        """The preview's copy of a generated file, rewritten (and so rebuilt by a dirty build) only when it
        changed: MkDocs rebuilds a page when its source is newer than its output. A page rendered before
        from the same inputs is not rendered again."""
        source = self.sources / path
        if inputs is not None and same_inputs(self.rendered_from.get(path), inputs) and source.exists():
            if path in self.preview_searchable:
                self.searchable[path] = "data-pagefind-body"
            return File.generated(config, path, abs_src_path=str(source))
        self.rendered_from.pop(path, None)
        if callable(content):
            content = content()
        if isinstance(content, str):
            if path.endswith(".md") and "data-pagefind-body" in content:
                self.searchable[path] = "data-pagefind-body"
                self.preview_searchable.add(path)
            else:
                self.preview_searchable.discard(path)
            content = content.encode("utf-8")
        digest = hashlib.sha1(theme + content).hexdigest()
        if self.digests.get(path) != digest or not source.exists():
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(content)
            self.digests[path] = digest
        if inputs is not None:
            self.rendered_from[path] = inputs
        return File.generated(config, path, abs_src_path=str(source))

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

    def on_pre_template(self, template, *, template_name, config):
        if self.problems and template_name == ERROR_PAGE:
            # Rendered with MkDocs' context, whose `page` is None: the error page goes under another name.
            return jinja2.Environment(autoescape=False).from_string(
                "{{ registre_error_page }}", globals={"registre_error_page": error_page_html(self.problems)})
        return template

    def on_serve(self, server, *, config, builder):
        for folder in ("content", "templates", "site_config"):
            server.watch(str(self.project.root / folder))
        # While the register has problems, the preview answers every page with the error page, 404.html
        # (see on_pre_template), as the server serves it: with MkDocs' livereload script, so that the tab
        # shows the register again once corrected. The site's own pages are left as they were built, so
        # that the next good build rebuilds only those the corrections change.
        error_page = getattr(server, "mount_path", "/") + ERROR_PAGE
        server.set_app(showing_error_page(server.get_app(), lambda: bool(self.problems), error_page))
        return server

    def on_post_build(self, *, config) -> None:
        if self.problems:
            return  # no page to index
        if getattr(self, "had_problems", False):
            print(RECOVERED, file=sys.stderr, flush=True)
        if not self.config.search or os.environ.get("REGISTRE_SEARCH") == "defer":
            return  # deferred: `publish.build_site` indexes once MkDocs is out of memory
        if getattr(self, "serving", False):
            self.indexer = index_site_in_background(Path(config.site_dir), search_glob(self.searchable))
            return
        try:
            index_site(Path(config.site_dir), glob=search_glob(getattr(self, "searchable", {})))
        except RegistreError as error:
            raise PluginError(str(error)) from None
