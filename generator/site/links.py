"""Addresses of generated files and relative links between them (directory URLs, as MkDocs serves them)."""

from __future__ import annotations

import functools
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
    here, here_parts = _here(from_src)
    target, target_parts = _target(to_src)
    if here_parts is None or target_parts is None:  # a `..` in a path: let posixpath work it out
        path = posixpath.relpath(target or ".", here or ".")
    else:
        # posixpath.relpath without its two os.getcwd() calls: a large register has a million links.
        common = 0
        for mine, theirs in zip(here_parts, target_parts, strict=False):  # paths of different lengths
            if mine != theirs:
                break
            common += 1
        path = "/".join([".."] * (len(here_parts) - common) + list(target_parts[common:])) or "."
    if target.endswith("/") or target == "":
        path = path.rstrip("/") + "/" if path != "." else "./"
    return path + (f"#{anchor}" if anchor else "")


def _parts(path: str) -> tuple[str, ...] | None:
    parts = tuple(part for part in posixpath.normpath(path).split("/") if part not in ("", "."))
    return None if ".." in parts or path.startswith("/") else parts


@functools.lru_cache(maxsize=1 << 16)
def _here(from_src: str) -> tuple[str, tuple[str, ...] | None]:
    here = posixpath.dirname(page_url(from_src).rstrip("/") + "/x") if page_url(from_src) else "."
    return here, _parts(here or ".")


@functools.lru_cache(maxsize=1 << 16)
def _target(to_src: str) -> tuple[str, tuple[str, ...] | None]:
    target = page_url(to_src)
    return target, _parts(target or ".")
