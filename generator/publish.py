"""Build the site with MkDocs into a temporary folder, then swap it into place: `site/` is never half-written."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> None:
    """Build into a sibling temporary folder; replace `site_dir` only if the whole build succeeded."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
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
