"""The register's side of the pipeline: load -> validate -> derive -> render. Produces the generated files;
writes nothing. `publishing/publish.py: build_site` runs it, then MkDocs, Pagefind and the swap into place."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, cast

from generator.authoring.editor_config import backend_from, editor_files
from generator.documents.sources import check_documents
from generator.privacy.checks import check_personal_data
from generator.problems import ContentError, Problem, RegistreError, errors_only
from generator.register.load import LoadedFiles, load_content
from generator.register.models import FIRST_DAY, LAST_DAY
from generator.register.publication_dates import check_publication_dates
from generator.register.site_config import load_site_config
from generator.register.validate import validate
from generator.site.deadlines import next_notice_cells
from generator.site.identity import logo_path
from generator.site.pages import all_pages
from generator.site.render import make_environment, render
from generator.site.sitedata import SiteData, build_site_data
from generator.tariffs.checks import check_tariffs


@dataclass(frozen=True)
class Project:
    """Where a register's inputs live."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site_config(self) -> Path:
        return self.root / "site_config" / "site.yaml"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


@dataclass
class Generated:
    """The register's generated files, by path relative to the site root, and the warnings met."""

    files: dict[str, str | bytes | Callable[[], str]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    data: SiteData | None = None
    conventions_shown: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """For a page that shows only a few conventions (see `PageSpec.conventions`), their ids."""


def build_date() -> dt.date:
    """The date every "as of" refers to: REGISTRE_DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today.

    Read once, by what starts a build (the `registre` command, the MkDocs plugin when MkDocs starts it,
    a caller that gives no date), and passed down from there. A date outside the years the register can
    hold (see `models.FIRST_DAY`) is refused, so that no date arithmetic can overflow."""
    written = os.environ.get("REGISTRE_DATE")
    if written:
        day = _iso_day(written)
        if day is None:
            raise RegistreError(
                f"REGISTRE_DATE doit être une date écrite AAAA-MM-JJ entre {FIRST_DAY.year} et "
                f"{LAST_DAY.year}, par exemple 2026-11-22, pas {written!r}"
            )
        return day
    seconds = os.environ.get("SOURCE_DATE_EPOCH")
    if seconds:
        day = (
            dt.datetime.fromtimestamp(int(seconds), dt.UTC).date() if seconds.isdigit() and len(seconds) < 12 else None
        )
        if day is None or not FIRST_DAY <= day <= LAST_DAY:
            raise RegistreError(
                f"SOURCE_DATE_EPOCH doit être un nombre de secondes depuis 1970 (avant "
                f"{LAST_DAY.year + 1}), pas {seconds!r}"
            )
        return day
    return dt.date.today()


def _iso_day(text: str) -> dt.date | None:
    """`2026-11-22` as a date; None for anything else (Python would also take 20261122 or 2026-W48-7)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


class Checked(NamedTuple):
    """What `check` found: the site data (None if the register has errors) and every problem."""

    data: SiteData | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity != "error"]


def check(project: Project, as_of: dt.date | None = None, cache: LoadedFiles | None = None) -> Checked:
    """Load and validate everything, as of `as_of` (the build date if not given), reporting every problem.

    `cache` (the preview's) keeps each file's reading from one call to the next, so that only the files
    that changed are read again."""
    as_of = as_of or build_date()
    config, problems = load_site_config(project.site_config, "site_config/site.yaml", as_of)
    # Read every content file even when the site config is broken, so that all problems show at once.
    register, content_problems = load_content(project.content, project.root, cache)
    problems += content_problems
    # Cross-file checks run on every file that could be read, so that a syntax error in one file does
    # not hide the problems of the others; references to an unreadable file are not reported twice.
    problems += validate(register, project.content)
    problems += check_tariffs(register)
    problems += check_documents(register, project.content)
    problems += check_publication_dates(register, as_of)
    if config is not None:
        problems += check_personal_data(register, config, as_of, project.content, project.site_config)
    if errors_only(problems) or config is None:
        return Checked(None, problems)
    return Checked(build_site_data(register, config, as_of, project.content), problems)


def generate(
    project: Project, as_of: dt.date | None = None, *, checked: Checked | None = None, lazy: bool = False
) -> Generated:
    """Every generated file of the site, from what `check` found (checked here when not given).
    Raises ContentError, with all problems, if the content is wrong.

    With `lazy`, a Markdown page is not rendered here: its entry in `files` is a function that renders it.
    The MkDocs plugin calls it when MkDocs reads the page, so that the tens of thousands of pages of a
    large register are never all in memory at once. Template syntax errors still show here."""
    if checked is None:
        checked = check(project, as_of)
    data = checked.data
    if data is None:
        raise ContentError(checked.errors)
    generated = Generated(warnings=checked.warnings, data=data)
    environment = make_environment([project.templates / "pages", project.templates / "js", project.templates / "feeds"])
    shared = {"data": data, "config": data.config, "as_of": data.as_of, "next_notices": next_notice_cells(data)}
    for spec in all_pages(data):
        if spec.conventions is not None:
            generated.conventions_shown[spec.src] = spec.conventions
        if lazy and spec.content is None and spec.template is not None and spec.src.endswith(".md"):
            environment.get_template(spec.template)
            # Without ready-made content, a page renders its template: text.
            generated.files[spec.src] = cast("Callable[[], str]", functools.partial(render, environment, spec, shared))
        else:
            generated.files[spec.src] = render(environment, spec, shared)
    for view in data.conventions.values():
        if view.source_published:
            generated.files[view.source_src] = (project.content / view.convention.source.file).read_bytes()
        for number, amendment in enumerate(view.convention.amendments, start=1):
            if amendment.source is not None and view.amendment_source_published(number):
                generated.files[view.amendment_source_src(number)] = (
                    project.content / amendment.source.file
                ).read_bytes()
    logo = logo_path(data.config.identity)
    if logo:
        generated.files[logo] = (project.site_config.parent / cast(str, data.config.identity.logo)).read_bytes()
    assets = project.templates / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            generated.files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    # The browser editor (/admin/): its page and its configuration, generated from the content model.
    generated.files.update(editor_files(backend_from(os.environ)))
    return generated
