"""Addresses of generated files and relative links between them (directory URLs, as MkDocs serves them)."""

from __future__ import annotations

import posixpath


def page_url(src: str) -> str:
    """Site-relative URL of a source file: `conventions/x/index.md` -> `conventions/x/`, `a/b.md` -> `a/b/`."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def markdown_link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Link written in a Markdown page to another source file; MkDocs checks and rewrites it."""
    path = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return path + (f"#{anchor}" if anchor else "")


def html_link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Link written as raw HTML, relative to the page's own URL."""
    here = posixpath.dirname(page_url(from_src).rstrip("/") + "/x") if page_url(from_src) else "."
    target = page_url(to_src)
    path = posixpath.relpath(target or ".", here or ".")
    if target.endswith("/") or target == "":
        path = path.rstrip("/") + "/" if path != "." else "./"
    return path + (f"#{anchor}" if anchor else "")
