"""Problems found in the content, and the exceptions that carry them to the edge."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located by file, line and field."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "error"
    code: str = ""
    """What kind of rule it is, for the few callers that treat one apart (e.g. "placeholder")."""
    words: str = ""
    """The field in French words (« titre de l’article n° 4 »), when it is known."""

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "avertissement : "
        words = f" ({self.words})" if self.words else ""
        return f"{self.file}:{self.line}: {self.field}{words}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "field_in_words": self.words,
            "message": self.message,
            "severity": self.severity,
        }


class RegistreError(Exception):
    """Base of the errors Registre reports to its user."""


class ContentError(RegistreError):
    """The content has problems; nothing may be published."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count_problems(len(self.problems))} : rien n’a été publié.")
        return "\n".join(lines)


def count_problems(count: int) -> str:
    """« 1 problème trouvé », « 3 problèmes trouvés »."""
    return f"{count} problème trouvé" if count == 1 else f"{count} problèmes trouvés"


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]
