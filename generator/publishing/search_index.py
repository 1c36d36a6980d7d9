"""Build the Pagefind search index of a built site (chunked, loaded a piece at a time by the browser)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.problems import RegistreError
from generator.publishing.reproducible import normalise_pagefind


def search_glob(files: dict[str, str | bytes]) -> str | None:
    """A Pagefind `--glob` matching every generated page that has `data-pagefind-body` (the convention
    pages), so that Pagefind reads those pages only, not the tens of thousands of others it would
    leave out of the index anyway. None (read everything) when no generated page is marked."""
    patterns = set()
    for path, content in files.items():
        if path.endswith(".md") and isinstance(content, str) and "data-pagefind-body" in content:
            folder = path[: -len("index.md")] if path.endswith("/index.md") or path == "index.md" else path[:-3] + "/"
            parts = folder.rstrip("/").split("/") if folder else []
            patterns.add("/".join(parts[:-1] + ["*"] if parts else []) + ("/" if parts else "") + "index.html")
    if not patterns:
        return None
    return next(iter(patterns)) if len(patterns) == 1 else "{" + ",".join(sorted(patterns)) + "}"


def _on_one_cpu() -> None:
    """In Pagefind's process, before it starts: one CPU. Its peak memory grows with its threads; on one
    CPU it indexes 2,000 conventions in 1.2 GB instead of 1.45 GB, taking about ten seconds more."""
    if hasattr(os, "sched_getaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def _pagefind(site_dir: Path, glob: str | None) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "fr", "--silent"] + (
        ["--glob", glob] if glob else []
    )


def index_site_in_background(site_dir: Path, glob: str | None = None) -> subprocess.Popen:
    """Start Pagefind over `site_dir` and return at once: the preview shows a page before its search
    index is ready (a few seconds later)."""
    return subprocess.Popen(
        _pagefind(site_dir, glob), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_on_one_cpu
    )


def index_site(site_dir: Path, glob: str | None = None) -> None:
    """Run Pagefind over `site_dir` (only the pages matching `glob`, if given); it writes `site_dir/pagefind/`."""
    result = subprocess.run(
        _pagefind(site_dir, glob), capture_output=True, text=True, check=False, preexec_fn=_on_one_cpu
    )
    if result.returncode != 0:
        raise RegistreError(f"search indexing failed: {result.stderr.strip() or result.stdout.strip()}")
    normalise_pagefind(site_dir)
