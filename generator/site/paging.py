"""Long lists split into pages of bounded size: a page's weight must not grow with the register.

`paginate(folder, template, context, key, items, per_page)` gives the PageSpecs of one list: the first
page at `<folder>/index.md` (its URL does not change when the list grows past one page), the next ones
at `<folder>/page/<n>/index.md`. Each page's context has `key` bound to its slice of `items` and
`pager`, which `_pager.md.j2` renders as links to every page (a window of them for long lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.site import urls
from generator.site.render import PageSpec

#: rows of a conventions table on one page (a row weighs about 0.7 KB of HTML)
CONVENTIONS_PER_PAGE = 50
#: clauses shown side by side, with their text, on one page of a clause type
CLAUSES_PER_PAGE = 20
#: rows of the organisations table on one page
ORGANISATIONS_PER_PAGE = 100
#: rows of the deadlines table on one page
DEADLINES_PER_PAGE = 100
#: rows of the changes table on one page
CHANGES_PER_PAGE = 100
#: how many conventions the home page lists before it links to the list instead
HOME_CONVENTIONS_SHOWN = 50
#: how many conventions a privacy notice (and the privacy hub) names before linking to a list of them instead
NOTICE_CONVENTIONS_NAMED = 10


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a paginated list."""

    number: int
    """This page's number, from 1."""
    srcs: tuple[str, ...]
    """The source path of every page of the list, in order."""
    total: int
    """Number of items in the whole list."""
    per_page: int

    @property
    def count(self) -> int:
        return len(self.srcs)

    @property
    def first(self) -> int:
        """Position (from 1) of this page's first item."""
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.number * self.per_page, self.total)

    @property
    def previous(self) -> str | None:
        return self.srcs[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.srcs[self.number] if self.number < self.count else None

    @property
    def is_split(self) -> bool:
        """Whether the list has more than one page (a list on one page shows no links to pages)."""
        return self.count > 1

    @property
    def title_suffix(self) -> str:
        """Told in the page's title, so that every page of a list has its own."""
        return f" (page {self.number} sur {self.count})" if self.is_split else ""

    @property
    def position_text(self) -> str:
        """« Page 2 sur 5 : éléments 51 à 100 sur 230. »"""
        return f"Page {self.number} sur {self.count} : éléments {self.first} à {self.last} sur {self.total}."

    def window(self, around: int = 2) -> list[tuple[int, str] | None]:
        """Page numbers to link, with None for a gap: all of them for a short list, else the first two,
        the last two and those around this page."""
        shown = [
            n
            for n in range(1, self.count + 1)
            if self.count <= 12 or n <= 2 or n > self.count - 2 or abs(n - self.number) <= around
        ]
        result: list[tuple[int, str] | None] = []
        for index, n in enumerate(shown):
            if index and n != shown[index - 1] + 1:
                result.append(None)
            result.append((n, self.srcs[n - 1]))
        return result


def page_srcs(folder: str, count: int) -> tuple[str, ...]:
    return tuple(urls.list_page(folder, n) for n in range(1, count + 1))


def paginate(folder: str, template: str, context: dict, key: str, items: Iterable, per_page: int) -> list[PageSpec]:
    """One PageSpec per page of `items`; each gets `context`, `key` = its slice and `pager`."""
    items = list(items)
    count = max(1, -(-len(items) // per_page))
    srcs = page_srcs(folder, count)
    return [
        PageSpec(
            srcs[n - 1],
            template,
            {**context, key: items[(n - 1) * per_page : n * per_page], "pager": Pager(n, srcs, len(items), per_page)},
        )
        for n in range(1, count + 1)
    ]
