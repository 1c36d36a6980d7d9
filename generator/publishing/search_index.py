"""Build the Pagefind search index of a built site (chunked, loaded a piece at a time by the browser).

Pagefind reads a copy of the searchable pages written for it alone, not the pages the reader gets:
- Pagefind splits a word on ASCII punctuation only, so `l’adhérent` would be one word that « adhérent »
  does not find. In the copy, an apostrophe between two letters (’ or ʼ; a straight ' is split already)
  becomes an ASCII mark that Pagefind splits on (`APOSTROPHE_MARKS`). The texts Pagefind sends back (excerpts,
  headings) carry those marks; the search page puts the reader's apostrophe back (search.js `readerText`).
- A register's note (« Note du registre », `registre-note`) is the register's text, not the convention's:
  left out of the index, so that no excerpt shows it as the convention's text.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
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


#: the apostrophes a word may be elided with, and the ASCII mark that stands for each in the indexed copy
APOSTROPHE_MARKS = {"\u2019": "`", "\u02bc": "^"}
_ELIDED = re.compile(r"(?<=\w)([\u2019\u02bc])(?=\w)")
SEARCH_BODY = "data-pagefind-body"
REGISTER_NOTE = '<p class="registre-note">'


def indexed_text(html: str) -> str:
    """The page as Pagefind reads it: from its indexed part on, apostrophes between letters become word
    boundaries and the register's notes are left out. What comes before (title, filters) is unchanged."""
    start = html.find(SEARCH_BODY)
    if start < 0:
        return html
    body = _ELIDED.sub(lambda match: APOSTROPHE_MARKS[match.group(1)], html[start:])
    return html[:start] + body.replace(REGISTER_NOTE, '<p class="registre-note" data-pagefind-ignore>')


def _patterns(glob: str | None) -> list[str]:
    if glob is None:
        return ["**/*.html"]
    return glob[1:-1].split(",") if glob.startswith("{") else [glob]


def write_indexed_copy(site_dir: Path, copy_dir: Path, glob: str | None) -> None:
    """The pages of `site_dir` that `glob` matches, at the same paths under `copy_dir`, as `indexed_text`."""
    for pattern in _patterns(glob):
        for page in site_dir.glob(pattern):
            relative = page.relative_to(site_dir)
            if relative.parts[0] == "pagefind":
                continue
            target = copy_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(indexed_text(page.read_text(encoding="utf-8")), encoding="utf-8")


def _on_one_cpu() -> None:
    """In Pagefind's process, before it starts: one CPU. Its peak memory grows with its threads; on one
    CPU it indexes 2,000 conventions in 1.2 GB instead of 1.45 GB, taking about ten seconds more."""
    if hasattr(os, "sched_getaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def _pagefind(copy_dir: Path, site_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(copy_dir),
        "--output-path",
        str(site_dir / "pagefind"),
        "--force-language",
        "fr",
        "--silent",
    ]


def _indexed_copy(site_dir: Path, glob: str | None) -> Path:
    copy_dir = Path(tempfile.mkdtemp(prefix="registre-search-"))
    write_indexed_copy(site_dir, copy_dir, glob)
    return copy_dir


def index_site_in_background(site_dir: Path, glob: str | None = None) -> subprocess.Popen:
    """Start Pagefind over `site_dir` and return at once: the preview shows a page before its search
    index is ready (a few seconds later). The process is this module's `__main__`, which removes the copy
    Pagefind reads once Pagefind ends or is stopped."""
    copy_dir = _indexed_copy(site_dir, glob)
    return subprocess.Popen(
        [sys.executable, "-m", __name__, str(copy_dir), str(site_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _index_copy_then_remove(copy_dir: Path, site_dir: Path) -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: the `finally` clauses still run
    try:
        process = subprocess.Popen(
            _pagefind(copy_dir, site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_on_one_cpu
        )
        try:
            process.wait()
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait()
    finally:
        shutil.rmtree(copy_dir, ignore_errors=True)


def index_site(site_dir: Path, glob: str | None = None) -> None:
    """Run Pagefind over `site_dir` (only the pages matching `glob`, if given); it writes `site_dir/pagefind/`."""
    copy_dir = _indexed_copy(site_dir, glob)
    try:
        result = subprocess.run(
            _pagefind(copy_dir, site_dir), capture_output=True, text=True, check=False, preexec_fn=_on_one_cpu
        )
    finally:
        shutil.rmtree(copy_dir, ignore_errors=True)
    if result.returncode != 0:
        raise RegistreError(f"search indexing failed: {result.stderr.strip() or result.stdout.strip()}")
    normalise_pagefind(site_dir)


if __name__ == "__main__":
    _index_copy_then_remove(Path(sys.argv[1]), Path(sys.argv[2]))
