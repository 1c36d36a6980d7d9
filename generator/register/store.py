"""The loaded register: every entity by id, with the source map of its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from generator.register.yamlsource import SourceMap

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """An entity and where it was read from."""

    item: T
    source: SourceMap


@dataclass
class Register:
    """All content, keyed by kind then id, in id order."""

    organisations: dict[str, Entry] = field(default_factory=dict)
    services: dict[str, Entry] = field(default_factory=dict)
    topics: dict[str, Entry] = field(default_factory=dict)
    conventions: dict[str, Entry] = field(default_factory=dict)
    tariffs: dict[str, Entry] = field(default_factory=dict)
    notices: dict[str, Entry] = field(default_factory=dict)
    models: dict[str, Entry] = field(default_factory=dict)
    """Convention models (content/models/): their conventions are already assembled from them."""
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    """Ids (file names) of the files of each kind that could not be read or typed: their own problems are
    reported, and references to them are not reported again as unknown."""

    def unreadable_ids(self, kind: str) -> frozenset[str]:
        return frozenset(self.unreadable.get(kind, ()))

    def items(self, kind: str) -> list:
        return [entry.item for entry in getattr(self, kind).values()]
