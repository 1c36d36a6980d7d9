"""The site's identity, read from `site_config/site.yaml`."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from generator.problems import Problem
from generator.register.colours import colour_problem
from generator.register.field_help import field_in_words
from generator.register.models import Model
from generator.register.validation_messages import french_message
from generator.register.yamlsource import read_yaml, string_values


class Publisher(Model):
    """The body that publishes the register."""

    name: str
    """Name shown in the header and footer."""
    address: list[str]
    """Postal address."""
    email: str
    """Functional contact address."""
    website: str | None = None
    """Main website."""


class Host(Model):
    """Who hosts the static site (LCEN art. 6 requires naming it)."""

    name: str
    """Host's name."""
    address: str
    """Host's address."""
    logs: str
    """What the host's access logs record and how long they are kept."""


class Accessibility(Model):
    """The RGAA compliance statement."""

    status: str
    """« totalement conforme », « partiellement conforme » or « non conforme »."""
    audit: str
    """How and when compliance was assessed."""
    non_compliant: list[str] = []
    """Known non-compliant content."""
    contact: str
    """Where to report an accessibility problem."""
    established: str
    """Date the statement was established, as text."""


class Identity(Model):
    """The publisher's visual identity on the site: its colours and logo. Every field is optional: without
    it, the site keeps the theme's own."""

    primary_colour: str | None = None
    """Colour of the header and of links, written #RRGGBB; white text on it must reach a 4.5:1 contrast."""
    accent_colour: str | None = None
    """Colour of links under the pointer and of highlights, written #RRGGBB; same contrast rule."""
    logo: str | None = Field(None, max_length=200)
    """Logo shown in the header: an SVG or PNG file of site_config/, e.g. logo.svg."""

    @field_validator("primary_colour", "accent_colour")
    @classmethod
    def _legible_colour(cls, value: str | None) -> str | None:
        problem = colour_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("logo")
    @classmethod
    def _logo_file_name(cls, value: str | None) -> str | None:
        if value is not None and not LOGO_FILE.fullmatch(value):
            raise ValueError(LOGO_FILE_RULE)
        return value

    @property
    def logo_extension(self) -> str | None:
        return self.logo.rsplit(".", 1)[-1].lower() if self.logo else None


#: a logo's path under site_config/: folders and a name of letters, digits, `-`, `_` and `.`, ending in .svg or .png
LOGO_FILE = re.compile(r"(?:[\w-]+/)*[\w-][\w.-]*\.(?:svg|png|SVG|PNG)")
LOGO_FILE_RULE = (
    "Logo attendu : le nom d’un fichier SVG ou PNG du dossier site_config/, par exemple « logo.svg » "
    "(lettres, chiffres, « - », « _ », sans espace ni « .. »)."
)


class SiteConfig(Model):
    """Everything about the site that is not the register's content."""

    site_name: str
    """Name of the site."""
    base_url: str
    """Public URL the site is served from (used for the sitemap, feeds and citations)."""
    description: str
    """One sentence presenting the register."""
    publisher: Publisher
    """Who publishes."""
    publication_director: str
    """Function of the publication director (the function, not the person's name)."""
    host: Host
    """Who hosts the site."""
    dpo_contact: str
    """How to reach the publisher's data protection officer."""
    accessibility: Accessibility
    """RGAA statement."""
    allowed_emails: list[str] = []
    """Functional addresses that may appear in published text."""
    allowed_phones: list[str] = []
    """Functional phone numbers that may appear in published text."""
    notice_review_months: int = Field(12, ge=1)
    """A privacy notice not reviewed for this many months is reported."""
    identity: Identity = Identity()
    """The publisher's colours and logo."""

    @field_validator("base_url")
    @classmethod
    def _absolute_site_url(cls, value: str) -> str:
        # Written as is in every page (canonical link, sitemap, feeds, citations): nothing that could end an
        # attribute or a tag, and an address the links can be appended to.
        if not BASE_URL.fullmatch(value):
            raise ValueError(BASE_URL_RULE)
        return value


#: an absolute http(s) URL ending with `/`: host (letters, digits, dots, hyphens), optional port, path
#: segments without quotes, spaces, angle brackets, `&`, backslash or other punctuation
BASE_URL = re.compile(r"https?://[^\W_](?:[\w.-]*[^\W_])?(?::\d{1,5})?/(?:[\w.~%+-]+/)*")
BASE_URL_RULE = "base_url: an absolute http(s) URL ending with /"


def load_site_config(path: Path, display_name: str) -> tuple[SiteConfig | None, list[Problem]]:
    problems: list[Problem] = []
    document = read_yaml(path, display_name, problems, root=path.parent.parent)
    if document is None:
        return None, problems
    document.source.describe = functools.partial(field_in_words, SiteConfig)
    try:
        config = SiteConfig.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            problems.append(document.source.problem(detail["loc"], french_message(detail, SiteConfig, document.data)))
        return None, problems
    return config, problems + logo_problems(config, path.parent, document) + placeholder_warnings(document)


def logo_problems(config: SiteConfig, folder: Path, document) -> list[Problem]:
    """The logo must be a file of site_config/ (it is copied into the site)."""
    logo = config.identity.logo
    if logo is None or ((folder / logo).is_file() and (folder / logo).resolve().is_relative_to(folder.resolve())):
        return []
    return [
        document.source.problem(
            ("identity", "logo"),
            f"Le fichier du logo « {logo} » n’existe pas dans site_config/ : ajoutez-le, ou corrigez son nom.",
        )
    ]


#: what the shipped site config holds until the publisher fills it in
PLACEHOLDERS = ("example.org", "à compléter")


def placeholder_warnings(document) -> list[Problem]:
    """A warning for every value still holding a placeholder: it must not be published as is."""
    found = []
    for path, text in string_values(document.data):
        marker = next((marker for marker in PLACEHOLDERS if marker in text.lower()), None)
        if marker:
            found.append(
                document.source.problem(
                    path,
                    (
                        f"Valeur provisoire « {marker} » : remplacez-la par la vraie valeur avant de publier "
                        "(`registre check --strict`, utilisé pour la branche principale, refuse de publier ainsi)."
                    ),
                    severity="warning",
                    code="placeholder",
                )
            )
    return found
