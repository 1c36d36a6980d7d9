"""Clauses (articles and annex sections) of a convention, flattened in reading order, with their addresses."""

from __future__ import annotations

from dataclasses import dataclass

from generator.register import models


@dataclass(frozen=True)
class Clause:
    """One article or annex section as the site shows it."""

    convention_id: str
    annex: str | None
    article: models.Article

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def slug(self) -> str:
        number = self.article.number.lower().replace(" ", "-")
        return f"annexe-{self.annex.lower()}-article-{number}" if self.annex else f"article-{number}"

    @property
    def label(self) -> str:
        """« Article 3 », « Annexe 2, section D », or an unnumbered section's own label (« Préambule »)."""
        own = self.article.label
        if self.annex:
            kind = "section" if self.article.number.isalpha() else "article"
            return (
                f"Annexe {self.annex}, {own[:1].lower() + own[1:]}"
                if own
                else f"Annexe {self.annex}, {kind} {self.article.number}"
            )
        return own or f"Article {self.article.number}"

    @property
    def src(self) -> str:
        return f"conventions/{self.convention_id}/{self.slug}.md"

    def matches(self, ref: models.ClauseRef) -> bool:
        return self.annex == ref.annex and self.article.number == ref.article


def convention_clauses(convention: models.Convention) -> list[Clause]:
    clauses = [Clause(convention.id, None, article) for article in convention.articles]
    for annex in convention.annexes:
        clauses += [Clause(convention.id, annex.number, article) for article in annex.articles]
    return clauses
