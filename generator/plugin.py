"""The MkDocs adapter: hands MkDocs the files the generator makes. All logic lives in the generator."""

from __future__ import annotations

from pathlib import Path

import jinja2

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .build import Generated, Project, generate
from .fast_markdown import FastRawHtml
from .problems import ContentError, RegistreError
from .search_index import index_site

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
            self.generated: Generated = generate(self.project)
        except ContentError as error:
            raise PluginError(f"the register's content has problems:\n{error.report()}") from None
        except jinja2.TemplateSyntaxError as error:
            raise PluginError(f"{self._template_name(error.filename or error.name)}:{error.lineno}: "
                              f"template error: {error.message}") from None
        except jinja2.TemplateError as error:
            raise PluginError(f"template error: {error}") from None
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

    def _template_name(self, filename: str | None) -> str:
        """A template's path as the staff know it: `templates/pages/article.md.j2`."""
        path = Path(filename or "?")
        return path.relative_to(self.project.root).as_posix() if path.is_relative_to(self.project.root) else str(path)

    def on_files(self, files: Files, *, config) -> Files:
        for path, content in self.generated.files.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server, *, config, builder):
        for folder in ("content", "templates", "site_config"):
            server.watch(str(self.project.root / folder))
        return server

    def on_post_build(self, *, config) -> None:
        if not self.config.search:
            return
        try:
            index_site(Path(config.site_dir))
        except RegistreError as error:
            raise PluginError(str(error)) from None
