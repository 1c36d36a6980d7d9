"""Which pages the preview (`registre serve`) may keep from its previous build without rendering them again.

A convention's page and its article pages show that convention, the articles of a few others (the same
type of clause elsewhere) and the register's other content: organisations, services, clause types,
tariffs, notices. Their inputs are those conventions' items and the shared inputs below. The loader
keeps the item of a file whose bytes did not change (`load._loaded`), so an unchanged input is the very
same object from one build to the next, and a page whose inputs are all the same objects renders the
same. Every other page (lists, clause types, deadlines...) may show any convention, and is rendered
on every build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.site.sitedata import SiteData

#: the kinds of content every page may show, besides its own conventions
SHARED_KINDS = ("organisations", "services", "topics", "tariffs", "notices")


@dataclass(frozen=True)
class SharedInputs:
    files_digest: str
    """The bytes of the templates and of the site config."""
    as_of: dt.date
    items: tuple
    """Every content item of the shared kinds."""


@dataclass(frozen=True)
class PageInputs:
    shared: SharedInputs
    conventions: tuple


def shared_inputs(templates: Path, site_config: Path, data: SiteData,
                  previous: SharedInputs | None = None) -> SharedInputs:
    """The shared inputs of this build: `previous` itself when they are the same, so that each page compares
    them by identity."""
    digest = hashlib.blake2b()
    for folder in (templates, site_config):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + hashlib.blake2b(path.read_bytes()).digest())
    items = tuple(item for kind in SHARED_KINDS for item in data.register.items(kind))
    current = SharedInputs(digest.hexdigest(), data.as_of, items)
    if previous is not None and (previous.files_digest, previous.as_of) == (current.files_digest, current.as_of) \
            and _same_objects(previous.items, current.items):
        return previous
    return current


def page_inputs(shared: SharedInputs, data: SiteData, convention_ids: tuple[str, ...]) -> PageInputs:
    return PageInputs(shared, tuple(data.register.conventions[identifier].item for identifier in convention_ids))


def same_inputs(previous: PageInputs | None, current: PageInputs) -> bool:
    """Whether a page rendered from `previous` would render the same from `current`."""
    return (previous is not None and previous.shared is current.shared
            and _same_objects(previous.conventions, current.conventions))


def _same_objects(previous: tuple, current: tuple) -> bool:
    return len(previous) == len(current) and all(a is b for a, b in zip(previous, current))
