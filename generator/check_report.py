"""`registre check`'s problems in the formats its readers take: a person, a program, GitHub and GitLab."""

from __future__ import annotations

import hashlib
import json

from generator.problems import Problem, count_problems

FORMATS = ("text", "json", "github", "gitlab")


def as_text(problems: list[Problem], failing: list[Problem]) -> str:
    lines = [str(problem) for problem in problems]
    if failing:
        lines.append(f"{count_problems(len(failing))}.")
    else:
        warnings = len(problems)
        lines.append(
            "Le contenu est valide."
            if not warnings
            else f"Le contenu est valide ({warnings} avertissement{'s' if warnings > 1 else ''})."
        )
    return "\n".join(lines) + "\n"


def as_json(problems: list[Problem], failing: list[Problem]) -> str:
    return (
        json.dumps(
            {"valid": not failing, "problems": [problem.as_dict() for problem in problems]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def as_github(problems: list[Problem], failing: list[Problem]) -> str:
    """Workflow commands: GitHub shows each on the offending line of the pull request's files."""
    lines = []
    for problem in problems:
        level = "error" if problem in failing else "warning"
        lines.append(
            f"::{level} file={_property(problem.file)},line={problem.line},"
            f"title={_property(problem.field)}::{_data(problem.message)}"
        )
    return "".join(line + "\n" for line in lines)


def as_gitlab(problems: list[Problem], failing: list[Problem]) -> str:
    """A Code Quality report: GitLab shows each problem on its line in the merge request's diff."""
    report = [
        {
            "description": f"{problem.field} : {problem.message}",
            "check_name": "registre-check",
            "fingerprint": hashlib.sha256(f"{problem.file}\0{problem.field}\0{problem.message}".encode()).hexdigest(),
            "severity": "major" if problem in failing else "minor",
            "location": {"path": problem.file, "lines": {"begin": problem.line}},
        }
        for problem in problems
    ]
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


RENDERERS = {"text": as_text, "json": as_json, "github": as_github, "gitlab": as_gitlab}
