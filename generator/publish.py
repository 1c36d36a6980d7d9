"""Build the site with MkDocs into a temporary folder, then swap it into place: `site/` is never half-written.

The build is reproducible: every date MkDocs writes (the sitemap's `lastmod`, the gzip header of
`sitemap.xml.gz`) comes from SOURCE_DATE_EPOCH, which is set from the register's declared build
date when the caller did not set it, and Pagefind's index is rewritten in a stable order
(`reproducible.normalise_pagefind`, run by the search indexing step).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .build import build_date


def source_date_epoch(day: dt.date) -> int:
    """Midnight UTC of `day`, as seconds since the epoch."""
    return int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp())


@contextmanager
def declared_build_date():
    """Set SOURCE_DATE_EPOCH from the declared build date (REGISTRE_DATE or today) unless it is already set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(build_date()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> None:
    """Build into a sibling temporary folder; replace `site_dir` only if the whole build succeeded."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        # mkdtemp makes the folder private (0700); a published site must be readable by the web server.
        staging.chmod(0o777 & ~_umask())
        with declared_build_date():
            config = load_config(str(config_file), site_dir=str(staging), strict=strict)
            mkdocs_build(config)
    except (MkDocsException, Exception):
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
