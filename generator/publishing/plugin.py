"""The MkDocs adapter: each hook hands its work to the objects that do it, and returns.

- `pages` (publishing/rendering.py): this build's generated register, each page rendered when MkDocs reads it;
  `html` and `nav`: this build's compressed HTML and navigation cache;
- `preview` (publishing/preview.py): in `mkdocs serve` and `registre serve`, what outlives the rebuilds.

`publish.build_site` checks and generates the register itself, and hands it to the plugin with `use` before it
runs MkDocs. When MkDocs starts the build itself (`mkdocs build`, `mkdocs serve`, `registre serve`), nothing was
handed: the plugin runs the same steps in on_config, and the search indexing in on_post_build.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.build import Project, build_date, generate
from generator.problems import ContentError, Problem, RegistreError
from generator.publishing.fast_markdown import FastRawHtml
from generator.publishing.preview import Preview
from generator.publishing.preview_errors import error_page_html, showing_error_page
from generator.publishing.rendering import CompressedHtml, GeneratedPages, NavCache
from generator.publishing.search_index import index_site
from generator.publishing.template_errors import template_error_message, template_problem
from generator.register.site_config import SiteConfig
from generator.site import urls
from generator.site.identity import STYLE_SHEET, identity_css, logo_path
from generator.site.links import page_url

log = get_plugin_logger(__name__)

#: the page the preview shows at every address while the register has problems (see on_serve)
ERROR_PAGE = "404.html"


class RegistreConfig(Config):
    project_dir = config_options.Type(str, default=".")
    """Folder holding content/, site_config/ and templates/, relative to mkdocs.yml."""
    search = config_options.Type(bool, default=True)
    """Build the Pagefind search index after the site."""


class _NotTheDirtyBuildWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave stale pages; the preview's are exact (see Preview)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def registre_plugin(config: MkDocsConfig) -> RegistrePlugin:
    """The registre plugin of a loaded MkDocs configuration."""
    plugin = config.plugins.get("registre")
    if not isinstance(plugin, RegistrePlugin):
        raise RegistreError(
            f"{config.config_file_path} n’active pas le plugin du registre : ajoutez « - registre » sous « plugins: »."
        )
    return plugin


class RegistrePlugin(BasePlugin[RegistreConfig]):
    # `mkdocs serve` (and `registre serve`) keeps this instance from one rebuild to the next because it has
    # on_startup: its `preview` lives as long as the server.

    def __init__(self) -> None:
        super().__init__()
        self.preview: Preview | None = None
        self.project: Project | None = None
        self.pages: GeneratedPages | None = None
        """None while the preview shows the register's problems instead of the site."""
        self.html = CompressedHtml()
        self.nav = NavCache()
        self._handed: GeneratedPages | None = None
        self._runs_pipeline = True

    def use(self, pages: GeneratedPages) -> None:
        """Build the site of this checked, generated register on the next build: its caller ran the steps
        before MkDocs, and runs the search indexing once MkDocs is done."""
        self._handed = pages

    def project_of(self, config: MkDocsConfig) -> Project:
        """The register a MkDocs configuration builds: `project_dir`, relative to mkdocs.yml."""
        return Project((Path(config.config_file_path).parent / self.config.project_dir).resolve())

    def on_startup(self, *, command, dirty):
        self._close_preview()
        if command == "serve":
            self.preview = Preview(incremental=dirty)
            if dirty:
                logging.getLogger("mkdocs.commands.build").addFilter(_NotTheDirtyBuildWarning())

    def on_shutdown(self):
        self._close_preview()

    def _close_preview(self) -> None:
        if self.preview is not None:
            self.preview.close()
        self.preview = None

    def on_config(self, config):
        self.project = self.project_of(config)
        self.html, self.nav = CompressedHtml(), NavCache()
        self.pages, self._handed = self._handed, None
        self._runs_pipeline = self.pages is None
        if self._runs_pipeline:
            self.pages = self._generate(self.project)
        if self.pages is None:
            config.nav = None  # the preview shows the problems: no page, so no navigation to check
            return config
        self._log_warnings(self.pages.generated.warnings)
        return self._configure(config, self.pages.generated.data.config)

    def _generate(self, project: Project) -> GeneratedPages | None:
        """The steps before MkDocs, when MkDocs started the build: read and check everything, then generate."""
        as_of = build_date()
        if self.preview is not None:
            generated = self.preview.generate(project, as_of)
            return None if generated is None else GeneratedPages(generated)
        try:
            return GeneratedPages(generate(project, as_of, lazy=True))
        except ContentError as error:
            raise PluginError(f"the register's content has problems:\n{error.report()}") from None
        except jinja2.TemplateError as error:
            raise PluginError(template_error_message(error, project)) from None

    def _log_warnings(self, warnings: list[Problem]) -> None:
        for warning in warnings:
            # A placeholder in the site config does not stop a build (a merge request's preview, a test):
            # `registre check --strict` refuses it before the main branch is published.
            if warning.code == "placeholder":
                log.info(str(warning))
            else:
                log.warning(str(warning))

    def _configure(self, config: MkDocsConfig, site: SiteConfig) -> MkDocsConfig:
        config.site_name = site.site_name
        config.site_url = site.base_url
        config.extra["registre"] = {
            "publisher": site.publisher.name,
            "accessibility_status": site.accessibility.status,
            "feed": page_url(urls.changes_feed()),
            "feed_title": f"{site.site_name} — changements",
            "identity_css": page_url(STYLE_SHEET) if identity_css(site.identity) else None,
        }
        logo = logo_path(site.identity)
        if logo:
            config.theme["logo"] = logo
        # Same HTML, without running an HTML parser over the templates' raw HTML (see fast_markdown).
        config.markdown_extensions.append(FastRawHtml())
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if self.pages is None or self.project is None:
            return files  # the preview shows the register's problems instead
        try:
            generated_files = self._generated_files(config, self.pages, self.project)
        except jinja2.TemplateError as error:  # only the incremental preview renders pages here
            assert self.preview is not None
            self.preview.show_problems([template_problem(error, self.project)])
            self.pages, config.nav = None, None
            return files
        for file in generated_files:
            files.append(file)
        self.pages.release_markdown()
        return files

    def _generated_files(self, config, pages: GeneratedPages, project: Project) -> list[File]:
        """Every generated file: the preview's copy (incremental preview), else rendered when MkDocs reads it."""
        if self.preview is not None and self.preview.incremental:
            sources = self.preview.write_sources(pages, project, Path(config.config_file_path))
            return [File.generated(config, path, abs_src_path=str(source)) for path, source in sources.items()]
        return [File.generated(config, path, content=content) for path, content in pages.contents().items()]

    def on_page_read_source(self, *, page, config):
        if self.pages is None or self.project is None:
            return None
        try:
            return self.pages.read(page.file.src_uri)
        except jinja2.TemplateError as error:
            raise PluginError(template_error_message(error, self.project)) from None

    def on_page_content(self, html, *, page, config, files):
        page.markdown = ""
        if page.file.generated_by is not None:
            page.file.content_string = ""
        self.html.keep(page.file.src_uri, html)
        return ""

    @event_priority(100)
    def on_page_context(self, context, *, page, config, nav):
        html = self.html.take(page.file.src_uri)
        if html is not None:
            page.content = html
        return context

    def on_env(self, env, *, config, files):
        env.globals["registre_nav"] = self.nav.template_global()
        return env

    def on_post_page(self, output, *, page, config):
        page.content = None  # written once the page is rendered; links and anchors are checked without it
        return output

    def on_pre_template(self, template, *, template_name, config):
        if self._shows_problems() and template_name == ERROR_PAGE:
            # Rendered with MkDocs' context, whose `page` is None: the error page goes under another name.
            return jinja2.Environment(autoescape=False).from_string(
                "{{ registre_error_page }}", globals={"registre_error_page": error_page_html(self.preview.problems)}
            )
        return template

    def _shows_problems(self) -> bool:
        return self.preview is not None and bool(self.preview.problems)

    def on_serve(self, server, *, config, builder):
        for folder in ("content", "templates", "site_config"):
            server.watch(str(self.project.root / folder))
        # While the register has problems, the preview answers every page with the error page, 404.html
        # (see on_pre_template), as the server serves it: with MkDocs' livereload script, so that the tab
        # shows the register again once corrected. The site's own pages are left as they were built, so
        # that the next good build rebuilds only those the corrections change.
        error_page = getattr(server, "mount_path", "/") + ERROR_PAGE
        server.set_app(showing_error_page(server.get_app(), self._shows_problems, error_page))
        return server

    def on_post_build(self, *, config) -> None:
        if self.pages is None:
            return  # no page to index
        if self.preview is not None:
            self.preview.report_recovery()
        if not self.config.search or not self._runs_pipeline:
            return  # handed the register: its caller indexes the site once MkDocs is out of memory
        if self.preview is not None:
            self.preview.index_in_background(Path(config.site_dir), self.pages.search_glob())
            return
        try:
            index_site(Path(config.site_dir), glob=self.pages.search_glob())
        except RegistreError as error:
            raise PluginError(str(error)) from None
