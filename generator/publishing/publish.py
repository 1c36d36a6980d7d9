"""The pipeline of a build, top to bottom: `build_site`.

    read and check everything -> generate the pages -> MkDocs renders them -> each page gets its content
    security policy -> Pagefind indexes them
    -> the manifest of the published files, signed -> swap

(the PDFs of the published texts are made with the pages, `generator/publishing/pdf.py`.)

MkDocs writes into a temporary folder next to the site, which replaces it only when the whole build succeeded:
the site is never half-written, and nothing is written while the register has an error. The replacement is one
atomic exchange of the two folders (`swap`): whenever a build is killed, the site is the whole previous one
or the whole new one. One build at a time writes a site (`SiteLock`, a lock file next to it), and each one
first removes what interrupted builds left there (`remove_leftovers`). A site that cannot be written (a full
or read-only disk, no permission, a path under a file) is told in French (PublishError), the site unchanged.

The build is reproducible: every date MkDocs writes (the sitemap's `lastmod`, the gzip header of
`sitemap.xml.gz`) comes from SOURCE_DATE_EPOCH, MkDocs' own interface for it, set from the build date
while MkDocs runs when the caller did not set it; Pagefind's index is rewritten in a stable order
(`reproducible.normalise_pagefind`, run by the search indexing step).
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from mkdocs.exceptions import PluginError

from generator.build import Generated, Project, build_date, check, generate
from generator.problems import Problem, RegistreError, errors_only
from generator.publishing.csp import add_policies
from generator.publishing.manifest import publication_files, publication_of, write_manifest
from generator.publishing.pdf import PdfCache, published_pdfs
from generator.publishing.search_index import index_site
from generator.publishing.sitemap import date_sitemap
from generator.site.render import render as render_page
from generator.site.sitedata import SiteData
from generator.site.sitemap_dates import page_dates

try:
    import fcntl
except ImportError:  # not POSIX: builds are not locked (SiteLock)
    fcntl = None  # type: ignore[assignment]


from generator.publishing.child_process import in_child
from generator.publishing.site_folder import (
    SiteLock,
    check_writable,
    default_lock_timeout,
    nearly_full,
    publish_error,
    remove_leftovers,
    remove_tree,
    swap,
)


@dataclass(frozen=True)
class BuildReport:
    """What a build found and made: every problem of the register, and what Pagefind indexes."""

    problems: list[Problem] = field(default_factory=list)
    """The register's problems; when one is an error, nothing was written."""
    search: bool = False
    """Whether the site has a search index (the plugin's `search` option)."""
    search_glob: str | None = None
    """The pages Pagefind reads (None: all of them)."""

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    as_of: dt.date | None = None,
    strict: bool = True,
    isolated: bool = False,
    lock_timeout: float | None = None,
) -> BuildReport:
    """Build the site of the register `config_file` (its mkdocs.yml) names, as of `as_of` (the build date if
    not given), into `site_dir`, which is replaced only if the whole build succeeded.

    `isolated` (the `registre build` command) runs the steps up to MkDocs in a child process, and the search
    indexing in this one once the child has exited: on a large register, MkDocs holds hundreds of megabytes
    and Pagefind needs more than a gigabyte, and they are never both in memory at once.

    One build at a time writes a given site: before its first write, a build takes the site's lock
    (`SiteLock`), waiting at most `lock_timeout` seconds (`default_lock_timeout()` if not given) for another
    one to finish. A site folder that cannot be written (a read-only or full disk, no permission, a path
    under a file) raises PublishError, whose message is in French and names the path; the previous site is
    then left as it was."""
    as_of = as_of or build_date()
    # The publication's key, commit and archive, from the environment: a wrong key is told before anything.
    publication = publication_of(as_of, os.environ)
    started = time.time()
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}-new-{secrets.token_hex(4)}")
    lock = SiteLock(site_dir, default_lock_timeout() if lock_timeout is None else lock_timeout)

    def prepare() -> None:
        """Right before the first write, in this process (which stays until the end of the build): the lock,
        then what interrupted builds left, then the staging folder."""
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        remove_leftovers(site_dir, older_than=started)
        staging.mkdir()

    def render(prepare_to_write: Callable[[], None]) -> BuildReport:
        import jinja2

        from generator.publishing.plugin import registre_plugin
        from generator.publishing.rendering import GeneratedPages
        from generator.publishing.template_errors import template_problem

        config = _mkdocs_config(config_file, staging, strict)
        plugin = registre_plugin(config)
        project = plugin.project_of(config)
        # 1. Read and check everything: every problem is reported, and nothing is written while one is an error.
        checked = check(project, as_of)
        if checked.errors:
            return BuildReport(checked.problems)
        # 2. Derive and generate the pages (each rendered when MkDocs reads it).
        try:
            generated = generate(project, checked=checked, lazy=True)
            generated.files.update(publication_files(publication, cast(SiteData, generated.data), project.templates))
            # 2b. A PDF of every published text, linked from its page; those made by an earlier build are reused.
            _add_pdfs(generated, project)
            pages = GeneratedPages(generated)
        except jinja2.TemplateError as error:
            return BuildReport([*checked.problems, template_problem(error, project)])
        # 3. MkDocs renders the site into the staging folder, from the register handed to the plugin.
        plugin.use(pages)
        prepare_to_write()
        _run_mkdocs(config, as_of)
        # The sitemap dates each page by the last change of its data, not by the build.
        date_sitemap(staging, page_dates(cast(SiteData, generated.data)))
        return BuildReport(checked.problems, search=plugin.config.search, search_glob=pages.search_glob())

    try:
        # Told at once, before the register is even read: a site folder that cannot be written.
        check_writable(site_dir)
        # Steps 1 to 3, in a child process when isolated: their memory is given back before Pagefind starts.
        report = in_child(render, prepare) if isolated and hasattr(os, "fork") else render(prepare)
        if report.errors:
            return report
        # Each page's content security policy, with the hashes of its final HTML's inline scripts.
        add_policies(staging)
        # 4. Pagefind indexes the rendered pages.
        if report.search:
            _index(staging, report.search_glob)
        # 5. The manifest of every file of the finished site, and its signature.
        write_manifest(staging, publication)
        # 6. The new site replaces the previous one at once.
        swap(staging, site_dir)
        return report
    except OSError as error:
        raise publish_error(error, site_dir, staging) from None
    finally:
        # The unfinished new site, or after the swap the previous one; if this build is killed before it is
        # gone, the next build removes it (remove_leftovers).
        remove_tree(staging)
        lock.release()


def _add_pdfs(generated: Generated, project: Project) -> None:
    """The PDFs into the site's files, and into the context of each page that has one its link (`pdf`).
    REGISTRE_PDF=off leaves them out (a quick preview build, the page benchmarks): a publication makes them."""
    if os.environ.get("REGISTRE_PDF") == "off":
        return
    files, links = published_pdfs(cast(SiteData, generated.data), project.templates, PdfCache.of_project(project.root))
    generated.files.update(files)
    for page, pdf in links.items():
        page_render = generated.files.get(page)
        # A page rendered when MkDocs reads it (`generate(lazy=True)`): the same rendering, its context plus the link.
        if isinstance(page_render, functools.partial) and page_render.func is render_page:
            environment, spec, shared = page_render.args
            spec = replace(spec, context={**spec.context, "pdf": pdf})
            generated.files[page] = cast("Callable[[], str]", functools.partial(render_page, environment, spec, shared))


def _mkdocs_config(config_file: Path, site_dir: Path, strict: bool):
    from mkdocs.config import load_config

    return load_config(str(config_file), site_dir=str(site_dir), strict=strict)


def _run_mkdocs(config, as_of: dt.date) -> None:
    """What `mkdocs build` does with a loaded configuration."""
    from mkdocs.commands.build import build as mkdocs_build

    config.plugins.on_startup(command="build", dirty=False)
    try:
        with mkdocs_build_date(as_of):
            mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def _index(site_dir: Path, glob: str | None) -> None:
    """Pagefind indexes `site_dir`. It does not report a full disk: it exits with success, its files cut short
    or empty, and reading them (the index is made reproducible) then fails, or not. So an index written on a
    disk that is full after it is taken as cut short, and told like any failure to write the site."""
    try:
        index_site(site_dir, glob=glob)
    except Exception as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise  # a system error, told by build_site
        # Other system errors Pagefind tells as Rust does, "… (os error 30)".
        system = re.search(r"\(os error (\d+)\)", str(error))
        if system:
            raise OSError(int(system[1]), os.strerror(int(system[1])), str(site_dir)) from None
        if nearly_full(site_dir):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir)) from None
        if isinstance(error, RegistreError):
            raise PluginError(str(error)) from None
        raise
    if nearly_full(site_dir):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir))


def source_date_epoch(day: dt.date) -> int:
    """Midnight UTC of `day`, as seconds since the epoch."""
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


@contextmanager
def mkdocs_build_date(day: dt.date) -> Iterator[None]:
    """While MkDocs runs: SOURCE_DATE_EPOCH, the date MkDocs writes, set to `day` unless the caller set it."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(day))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
