"""Build the Pagefind search index of a built site (chunked, loaded a piece at a time by the browser)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .problems import RegistreError
from .reproducible import normalise_pagefind


def index_site(site_dir: Path) -> None:
    """Run Pagefind over `site_dir`; it writes `site_dir/pagefind/`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "fr", "--silent"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RegistreError(f"search indexing failed: {result.stderr.strip() or result.stdout.strip()}")
    normalise_pagefind(site_dir)
