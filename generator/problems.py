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

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {self.field}: {prefix}{self.message}"


class RegistreError(Exception):
    """Base of the errors Registre reports to its user."""


class ContentError(RegistreError):
    """The content has problems; nothing may be published."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count > 1 else ''} found; nothing was published.")
        return "\n".join(lines)


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]
