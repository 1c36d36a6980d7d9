"""Build the site with MkDocs into a temporary folder, then swap it into place: `site/` is never half-written.

The build is reproducible: every date MkDocs writes (the sitemap's `lastmod`, the gzip header of
`sitemap.xml.gz`) comes from SOURCE_DATE_EPOCH, which is set from the register's declared build
date when the caller did not set it, and Pagefind's index is rewritten in a stable order
(`reproducible.normalise_pagefind`, run by the search indexing step).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import MkDocsException, PluginError

from generator.problems import RegistreError
from generator.publishing.search_index import index_site, search_glob


def source_date_epoch(day: dt.date) -> int:
    """Midnight UTC of `day`, as seconds since the epoch."""
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


@contextmanager
def declared_build_date():
    """Set SOURCE_DATE_EPOCH from the declared build date (REGISTRE_DATE or today) unless it is already set."""
    from generator.build import build_date

    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(build_date()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_site(config_file: Path, site_dir: Path, strict: bool = True, isolated: bool = False,
               precheck: Callable[[], int] | None = None) -> int:
    """Build into a sibling temporary folder; replace `site_dir` only if the whole build succeeded.

    `precheck`, if given, runs first; a non-zero status it returns stops the build and is returned.
    `isolated` (the `registre build` command) runs the precheck and MkDocs in a child process, then the
    search indexing in this one once the child has exited: on a large register, MkDocs holds hundreds of
    megabytes and Pagefind needs more than a gigabyte, and they are never both in memory at once.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        # mkdtemp makes the folder private (0700); a published site must be readable by the web server.
        staging.chmod(0o777 & ~_umask())
        if isolated and hasattr(os, "fork"):
            status, search = _in_child(lambda: _build_deferring_search(config_file, staging, strict, precheck))
            if not status and search is not None:
                try:
                    with declared_build_date():
                        index_site(staging, glob=search or None)
                except RegistreError as error:
                    raise PluginError(str(error)) from None
        else:
            status = precheck() if precheck else 0
            if not status:
                from mkdocs.commands.build import build as mkdocs_build
                from mkdocs.config import load_config

                with declared_build_date():
                    config = load_config(str(config_file), site_dir=str(staging), strict=strict)
                    mkdocs_build(config)
        if status:
            shutil.rmtree(staging, ignore_errors=True)
            return status
    except (MkDocsException, Exception):
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


def _build_deferring_search(config_file: Path, staging: Path, strict: bool,
                            precheck: Callable[[], int] | None) -> tuple[int, str | None]:
    """Precheck and MkDocs build, without the search index; return the status and what to index:
    None for no index, "" for the whole site, else a Pagefind glob."""
    status = precheck() if precheck else 0
    if status:
        return status, None
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["REGISTRE_SEARCH"] = "defer"
    with declared_build_date():
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        mkdocs_build(config)
    plugin = config.plugins.get("registre")
    if plugin is None or not plugin.config.search:
        return 0, None
    return 0, search_glob(getattr(plugin, "searchable", {})) or ""


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


def _in_child(work: Callable[[], tuple[int, str | None]]) -> tuple[int, str | None]:
    """Run `work` in a forked process and return its result; its errors are raised here, MkDocs' as
    MkDocsException (the message the caller prints), others as RuntimeError after their traceback."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        code = 0
        output = _capture_replaced_streams()
        try:
            status, search = work()
            report = {"status": status, "search": search}
        except MkDocsException as error:
            report = {"mkdocs_error": str(error)}
        except BaseException as error:
            traceback.print_exc()
            report, code = {"error": f"{type(error).__name__}: {error}"}, 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        report["output"] = output
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            json.dump(report, pipe)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    report = json.loads(text) if text else {"error": "the build process ended without a report"}
    for name, chunk in report.get("output", []):
        getattr(sys, name).write(chunk)
    if "mkdocs_error" in report:
        raise MkDocsException(report["mkdocs_error"])
    if "error" in report:
        raise RuntimeError(f"the site build failed: {report['error']}")
    return report["status"], report["search"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
