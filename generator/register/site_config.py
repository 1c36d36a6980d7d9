"""The site's identity, read from `site_config/site.yaml`."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from generator.problems import Problem
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
    return config, problems + placeholder_warnings(document)


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
