"""The pipeline of a build, top to bottom: `build_site`.

    read and check everything -> generate the pages -> MkDocs renders them -> Pagefind indexes them -> swap

MkDocs writes into a temporary folder next to the site, which replaces it only when the whole build succeeded:
the site is never half-written, and nothing is written while the register has an error.

The build is reproducible: every date MkDocs writes (the sitemap's `lastmod`, the gzip header of
`sitemap.xml.gz`) comes from SOURCE_DATE_EPOCH, MkDocs' own interface for it, set from the build date
while MkDocs runs when the caller did not set it; Pagefind's index is rewritten in a stable order
(`reproducible.normalise_pagefind`, run by the search indexing step).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
import secrets
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import MkDocsException, PluginError

from generator.build import build_date, check, generate
from generator.problems import Problem, RegistreError, errors_only
from generator.publishing.search_index import index_site


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


def build_site(config_file: Path, site_dir: Path, *, as_of: dt.date | None = None, strict: bool = True,
               isolated: bool = False) -> BuildReport:
    """Build the site of the register `config_file` (its mkdocs.yml) names, as of `as_of` (the build date if
    not given), into `site_dir`, which is replaced only if the whole build succeeded.

    `isolated` (the `registre build` command) runs the steps up to MkDocs in a child process, and the search
    indexing in this one once the child has exited: on a large register, MkDocs holds hundreds of megabytes
    and Pagefind needs more than a gigabyte, and they are never both in memory at once."""
    as_of = as_of or build_date()
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}-new-{secrets.token_hex(4)}")

    def render() -> BuildReport:
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
            pages = GeneratedPages(generate(project, checked=checked, lazy=True))
        except jinja2.TemplateError as error:
            return BuildReport([*checked.problems, template_problem(error, project)])
        # 3. MkDocs renders the site into the staging folder, from the register handed to the plugin.
        plugin.use(pages)
        staging.mkdir(parents=True)
        _run_mkdocs(config, as_of)
        return BuildReport(checked.problems, search=plugin.config.search, search_glob=pages.search_glob())

    try:
        # Steps 1 to 3, in a child process when isolated: their memory is given back before Pagefind starts.
        report = _in_child(render) if isolated and hasattr(os, "fork") else render()
        if report.errors:
            return report
        # 4. Pagefind indexes the rendered pages.
        if report.search:
            _index(staging, report.search_glob)
        # 5. The new site replaces the previous one at once.
        _swap(staging, site_dir)
        return report
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
    try:
        index_site(site_dir, glob=glob)
    except RegistreError as error:
        raise PluginError(str(error)) from None


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging`: two renames, the site missing only between them."""
    previous = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


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


class _Recorder:
    """Stands for sys.stdout or sys.stderr in the child when the parent had replaced them (pytest's
    capture, an embedding program): what is written is replayed by the parent, in order."""

    def __init__(self, name: str, chunks: list):
        self.name, self.chunks = name, chunks

    def write(self, text: str) -> int:
        self.chunks.append((self.name, text))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _capture_replaced_streams() -> list:
    """In the child: let output reach the real file descriptors when it can (it shows as it comes),
    else record it for the parent."""
    chunks: list = []
    for name, descriptor in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, name)
        try:
            if stream.fileno() == descriptor:
                continue
        except (AttributeError, OSError, ValueError):
            pass
        recorder = _Recorder(name, chunks)
        for handler in [h for logger in [logging.getLogger()] + [logging.getLogger(n) for n in
                                                                  logging.root.manager.loggerDict]
                        if isinstance(logger, logging.Logger) for h in logger.handlers]:
            if isinstance(handler, logging.StreamHandler) and handler.stream is stream:
                handler.setStream(recorder)
        setattr(sys, name, recorder)
    return chunks


def _in_child(work: Callable[[], BuildReport]) -> BuildReport:
    """Run `work` in a forked process and return what it returned; its errors are raised here: MkDocs' as
    MkDocsException (the message the caller prints), the register's as RegistreError, others as RuntimeError
    after their traceback."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        code = 0
        output = _capture_replaced_streams()
        try:
            outcome: dict = {"report": work()}
        except MkDocsException as error:
            outcome = {"mkdocs_error": str(error)}
        except RegistreError as error:
            outcome = {"registre_error": str(error)}
        except BaseException as error:
            traceback.print_exc()
            outcome, code = {"error": f"{type(error).__name__}: {error}"}, 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        outcome["output"] = output
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(outcome, pipe)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    outcome = pickle.loads(data) if data else {"error": "the build process ended without a report"}
    for name, chunk in outcome.get("output", []):
        getattr(sys, name).write(chunk)
    if "mkdocs_error" in outcome:
        raise MkDocsException(outcome["mkdocs_error"])
    if "registre_error" in outcome:
        raise RegistreError(outcome["registre_error"])
    if "error" in outcome:
        raise RuntimeError(f"the site build failed: {outcome['error']}")
    return outcome["report"]
