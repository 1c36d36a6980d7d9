"""A Jinja2 error in the register's templates, located as the staff know them: `templates/pages/home.md.j2:12`."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from generator.build import Project
from generator.problems import Problem


def template_problem(error: jinja2.TemplateError, project: Project) -> Problem:
    """A template error as a problem of the register, located in the template where Jinja can tell."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(
            template_name(error.filename or error.name, project),
            error.lineno,
            "template error",
            error.message or str(error),
        )
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).is_relative_to(project.templates):
            return Problem(template_name(frame.filename, project), frame.lineno or 0, "template error", str(error))
    return Problem("templates", 0, "template error", str(error))


def template_error_message(error: jinja2.TemplateError, project: Project) -> str:
    """The one-line message a build that stops on a template error prints."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{template_name(error.filename or error.name, project)}:{error.lineno}: template error: {error.message}"
    return f"template error: {error}"


def template_name(filename: str | None, project: Project) -> str:
    """A template's path as the staff know it: `templates/pages/article.md.j2`."""
    path = Path(filename or "?")
    return path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)
