"""The preview (`registre serve`, `mkdocs serve`): what it keeps from one build to the next (`Preview`), and
which pages it may keep without rendering them again.

A convention's page and its article pages show that convention, the articles of a few others (the same
type of clause elsewhere) and the register's other content: organisations, services, clause types,
tariffs, notices. Their inputs are those conventions' items and the shared inputs below. The preview's
`LoadedFiles` keeps the item of a file whose bytes did not change, so an unchanged input is the very
same object from one build to the next, and a page whose inputs are all the same objects renders the
same. Every other page (lists, clause types, deadlines...) may show any convention, and is rendered
on every build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.build import Generated, Project, check, generate
from generator.problems import Problem
from generator.publishing.preview_errors import RECOVERED, terminal_report
from generator.publishing.rendering import SEARCH_MARK, GeneratedPages
from generator.publishing.search_index import index_site_in_background
from generator.publishing.template_errors import template_problem
from generator.register.load import LoadedFiles
from generator.register.store import Register
from generator.site.sitedata import SiteData

#: the kinds of content every page may show, besides its own conventions
SHARED_KINDS = ("organisations", "services", "topics", "tariffs", "notices")


@dataclass(frozen=True)
class SharedInputs:
    files_digest: str
    """The bytes of the templates and of the site config."""
    as_of: dt.date
    masked_values: tuple
    """What the masker hides: a new private person changes every page."""
    items: tuple
    """Every content item of the shared kinds, as read."""


@dataclass(frozen=True)
class PageInputs:
    shared: SharedInputs
    conventions: tuple


def shared_inputs(
    templates: Path, site_config: Path, data: SiteData, previous: SharedInputs | None = None
) -> SharedInputs:
    """The shared inputs of this build: `previous` itself when they are the same, so that each page compares
    them by identity."""
    digest = hashlib.blake2b()
    for folder in (templates, site_config):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + hashlib.blake2b(path.read_bytes()).digest())
    loaded = _loaded(data)
    items = tuple(item for kind in SHARED_KINDS for item in loaded.items(kind))
    current = SharedInputs(digest.hexdigest(), data.as_of, data.masked_values, items)
    if (
        previous is not None
        and (previous.files_digest, previous.as_of, previous.masked_values)
        == (current.files_digest, current.as_of, current.masked_values)
        and _same_objects(previous.items, current.items)
    ):
        return previous
    return current


def page_inputs(shared: SharedInputs, data: SiteData, convention_ids: tuple[str, ...]) -> PageInputs:
    loaded = _loaded(data)
    return PageInputs(shared, tuple(loaded.conventions[identifier].item for identifier in convention_ids))


def _loaded(data: SiteData) -> Register:
    """The register as read: its items stay the same objects from one build to the next when their file did
    not change (the masked copies are made again each time)."""
    return data.loaded if data.loaded is not None else data.register


def same_inputs(previous: PageInputs | None, current: PageInputs) -> bool:
    """Whether a page rendered from `previous` would render the same from `current`."""
    return (
        previous is not None
        and previous.shared is current.shared
        and _same_objects(previous.conventions, current.conventions)
    )


def _same_objects(previous: tuple, current: tuple) -> bool:
    return len(previous) == len(current) and all(a is b for a, b in zip(previous, current, strict=True))


class Preview:
    """What the preview keeps from one build to the next.

    Every build loads the register again, reading only the files that changed (`loaded`). While the
    register has problems, `problems` lists them, and the preview shows them instead of the site. With
    `incremental` (MkDocs' dirty builds), the generated files are written to a folder of their own,
    `sources`, each rewritten only when it changed, since MkDocs rebuilds a page when its source is newer
    than its output; a page rendered before from the same inputs is not even rendered again. Pagefind
    runs in the background after each build that has pages."""

    def __init__(self, incremental: bool) -> None:
        self.incremental = incremental
        self.loaded = LoadedFiles()
        self.problems: list[Problem] = []
        self.had_problems = False
        self.digests: dict[str, str] = {}
        """By generated file: the digest of what its copy in `sources` was written from."""
        self.rendered_from: dict[str, PageInputs] = {}
        """By page showing a few conventions: the inputs its copy in `sources` was rendered from."""
        self.shared: SharedInputs | None = None
        self.searchable: set[str] = set()
        """The pages of `sources` that Pagefind indexes."""
        self.sources = Path(tempfile.mkdtemp(prefix="registre-preview-")) if incremental else None
        self.indexer: subprocess.Popen | None = None

    def generate(self, project: Project, as_of: dt.date) -> Generated | None:
        """Read and check the register, then generate its files (pages rendered lazily); None while it has
        problems, which the preview then shows (see `show_problems`)."""
        self.stop_indexing()  # the rebuild is about to rewrite the site it is indexing
        self.had_problems, self.problems = bool(self.problems), []
        checked = check(project, as_of, self.loaded)
        if checked.errors:
            self.show_problems(sorted(checked.errors))
            return None
        try:
            return generate(project, checked=checked, lazy=True)
        except jinja2.TemplateError as error:
            self.show_problems([template_problem(error, project)])
            return None

    def show_problems(self, problems: list[Problem]) -> None:
        """The preview shows these problems instead of the site, and the terminal lists them as `registre
        check` does."""
        self.problems = problems
        print(terminal_report(problems), file=sys.stderr, flush=True)

    def write_sources(self, pages: GeneratedPages, project: Project, config_file: Path) -> dict[str, Path]:
        """Every generated file, by path, as its copy in `sources`. Raises jinja2.TemplateError."""
        if self.sources is None or pages.generated.data is None:
            raise ValueError("only an incremental preview of a valid register writes its sources")
        theme = _theme_digest(config_file, project.templates / "theme")
        generated, data = pages.generated, pages.generated.data
        shared = self.shared = shared_inputs(project.templates, project.site_config.parent, data, self.shared)
        sources = {}
        for path, content in generated.files.items():
            shown = generated.conventions_shown.get(path)
            inputs = page_inputs(shared, data, shown) if shown is not None else None
            sources[path] = self._source(self.sources / path, pages, path, content, theme, inputs)
        return sources

    def _source(
        self, source: Path, pages: GeneratedPages, path: str, content, theme: bytes, inputs: PageInputs | None
    ) -> Path:
        """A generated file's copy, `source`, rewritten only when it changed; a page rendered before from
        the same inputs is not rendered again."""
        if inputs is not None and same_inputs(self.rendered_from.get(path), inputs) and source.exists():
            if path in self.searchable:
                pages.searchable.add(path)
            return source
        self.rendered_from.pop(path, None)
        if callable(content):
            content = content()
        if isinstance(content, str):
            if path.endswith(".md") and SEARCH_MARK in content:
                pages.searchable.add(path)
                self.searchable.add(path)
            else:
                self.searchable.discard(path)
            content = content.encode("utf-8")
        digest = hashlib.sha1(theme + content).hexdigest()
        if self.digests.get(path) != digest or not source.exists():
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(content)
            self.digests[path] = digest
        if inputs is not None:
            self.rendered_from[path] = inputs
        return source

    def report_recovery(self) -> None:
        """After a build with pages: say so if the previous one showed problems."""
        if self.had_problems:
            print(RECOVERED, file=sys.stderr, flush=True)

    def index_in_background(self, site_dir: Path, glob: str | None) -> None:
        self.indexer = index_site_in_background(site_dir, glob)

    def stop_indexing(self) -> None:
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.terminate()
            self.indexer.wait(timeout=30)
        self.indexer = None

    def close(self) -> None:
        self.stop_indexing()
        if self.sources is not None:
            shutil.rmtree(self.sources, ignore_errors=True)


def _theme_digest(config_file: Path, theme: Path) -> bytes:
    """What every page depends on besides its own Markdown: mkdocs.yml and the theme's templates."""
    digest = hashlib.sha1(config_file.read_bytes())
    for path in sorted(theme.rglob("*")) if theme.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(theme).as_posix().encode() + path.read_bytes())
    return digest.digest()
