"""The pipeline: load -> validate -> derive -> render. Produces the generated files; writes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.documents.sources import check_documents
from generator.privacy.checks import check_personal_data
from generator.problems import ContentError, Problem, RegistreError, errors_only
from generator.register.load import load_content
from generator.register.site_config import load_site_config
from generator.register.validate import validate
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

    files: dict[str, str | bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    data: SiteData | None = None
    conventions_shown: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """For a page that shows only a few conventions (see `PageSpec.conventions`), their ids."""


def build_date() -> dt.date:
    """The date every "as of" refers to: REGISTRE_DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today."""
    if os.environ.get("REGISTRE_DATE"):
        try:
            return dt.date.fromisoformat(os.environ["REGISTRE_DATE"])
        except ValueError:
            raise RegistreError(f"REGISTRE_DATE doit être une date écrite AAAA-MM-JJ, par exemple 2026-11-22, "
                                f"pas {os.environ['REGISTRE_DATE']!r}")
    if os.environ.get("SOURCE_DATE_EPOCH"):
        try:
            return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise RegistreError(f"SOURCE_DATE_EPOCH doit être un nombre de secondes depuis 1970, "
                                f"pas {os.environ['SOURCE_DATE_EPOCH']!r}")
    return dt.date.today()


#: the last check and the key of the inputs it read (`registre build` checks, then the plugin generates)
_last_check: list = [None, None]


def _inputs_key(project: Project, as_of: dt.date) -> tuple:
    """What a check depends on: the project, the date, and the bytes of every file under content/ and site_config/."""
    digest = hashlib.blake2b()
    for folder in (project.content, project.site_config.parent):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(project.root).as_posix().encode() + b"\0")
                digest.update(hashlib.blake2b(path.read_bytes()).digest())
    return str(project.root.resolve()), as_of, digest.hexdigest()


def check(project: Project, as_of: dt.date | None = None) -> tuple[SiteData | None, list[Problem]]:
    """Load and validate everything; return the site data (None on error) and all problems, errors first.

    The result of the last call is reused while the files it read are byte for byte the same: on a large
    register, loading takes a good part of the build, and `registre build` checks before it builds."""
    key = _inputs_key(project, as_of or build_date())
    if _last_check[0] != key:
        _last_check[:] = [None, None]
        _last_check[:] = [key, _check_uncached(project, as_of)]
    data, problems = _last_check[1]
    return data, list(problems)


def _check_uncached(project: Project, as_of: dt.date | None = None) -> tuple[SiteData | None, list[Problem]]:
    config, problems = load_site_config(project.site_config, "site_config/site.yaml")
    # Read every content file even when the site config is broken, so that all problems show at once.
    register, content_problems = load_content(project.content, project.root)
    problems += content_problems
    # Cross-file checks run on every file that could be read, so that a syntax error in one file does
    # not hide the problems of the others; references to an unreadable file are not reported twice.
    problems += validate(register, project.content)
    problems += check_tariffs(register)
    problems += check_documents(register, project.content)
    if config is not None:
        problems += check_personal_data(register, config, as_of or build_date(), project.content)
    if errors_only(problems) or config is None:
        return None, problems
    return build_site_data(register, config, as_of or build_date()), problems


def generate(project: Project, as_of: dt.date | None = None, lazy: bool = False) -> Generated:
    """Every generated file of the site. Raises ContentError, with all problems, if the content is wrong.

    With `lazy`, a Markdown page is not rendered here: its entry in `files` is a function that renders it.
    The MkDocs plugin calls it when MkDocs reads the page, so that the tens of thousands of pages of a
    large register are never all in memory at once. Template syntax errors still show here."""
    data, problems = check(project, as_of)
    if data is None:
        raise ContentError(errors_only(problems))
    generated = Generated(warnings=[problem for problem in problems if problem.severity != "error"], data=data)
    environment = make_environment([project.templates / "pages", project.templates / "js", project.templates / "feeds"])
    shared = {"data": data, "config": data.config, "as_of": data.as_of}
    for spec in all_pages(data):
        if spec.conventions is not None:
            generated.conventions_shown[spec.src] = spec.conventions
        if lazy and spec.content is None and spec.src.endswith(".md"):
            environment.get_template(spec.template)
            generated.files[spec.src] = functools.partial(render, environment, spec, shared)
        else:
            generated.files[spec.src] = render(environment, spec, shared)
    for view in data.conventions.values():
        if view.source_published:
            generated.files[view.source_src] = (project.content / view.convention.source.file).read_bytes()
    assets = project.templates / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            generated.files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    return generated
