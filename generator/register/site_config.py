"""The site's identity, read from `site_config/site.yaml`."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, field_validator, model_validator

from generator.problems import Problem
from generator.register.colours import colour_problem
from generator.register.dates import add_period
from generator.register.field_help import field_in_words
from generator.register.models import Day, Model, Period
from generator.register.validation_messages import french_message
from generator.register.yamlsource import read_yaml, string_values

#: what the shipped site config holds until the publisher fills it in
PLACEHOLDERS = ("example.org", "à compléter")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("Texte attendu : ce champ ne peut pas être vide.")
    return value


#: a text that says something (a required fact of the legal notices cannot be an empty string)
Text = Annotated[str, AfterValidator(_not_blank)]

#: an absolute http(s) address: a host, then an optional port, path, query or fragment without spaces,
#: quotes, angle brackets or backslashes (it is written into links)
LINK_URL = re.compile(r"https?://[^\W_](?:[\w.-]*[^\W_])?(?::\d{1,5})?(?:[/?#][^\s\"'<>\\`]*)?")


def _link(value: str) -> str:
    if not LINK_URL.fullmatch(value):
        raise ValueError(
            "Adresse web attendue, commençant par https:// ou http://, sans espace, "
            "par exemple https://www.exemple.fr/accessibilite/."
        )
    return value


Link = Annotated[str, AfterValidator(_link)]

#: a phone number as people write it: digits, spaces, dots, hyphens, parentheses, a leading +
PHONE = re.compile(r"\+?[\d .()-]+")


def _phone(value: str) -> str:
    # A placeholder is let through here: `placeholder_warnings` reports it, and `--strict` refuses it.
    if any(marker in value.lower() for marker in PLACEHOLDERS):
        return value
    if not PHONE.fullmatch(value.strip()) or sum(char.isdigit() for char in value) < 4:
        raise ValueError("Numéro de téléphone attendu, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89.")
    return value


Phone = Annotated[str, AfterValidator(_phone)]


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


class PublicationDirector(Model):
    """The publication director (LCEN art. 6 III): a person whose name the law requires the site to publish.
    The name is never masked: only the agents declared private in content/ are."""

    name: Text
    """The director's name, as published in the legal notices."""
    function: Text
    """The director's function, e.g. « Président du syndicat mixte »."""


class Host(Model):
    """Who hosts the static site (LCEN art. 6 III requires its name, address and phone)."""

    name: Text
    """Host's name."""
    address: Text
    """Host's postal address."""
    phone: Phone
    """Host's phone number."""
    logs: str
    """What the host's access logs record and how long they are kept."""


LICENCE_ID = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")


def _licence_id(value: str) -> str:
    if not LICENCE_ID.fullmatch(value):
        raise ValueError(
            "Identifiant de licence attendu : minuscules, chiffres, « . » et « - », "
            "par exemple etalab-2.0, odc-odbl-1.0 ou cc-by-4.0."
        )
    return value


class Licence(Model):
    """The licence the open data is published under."""

    id: Annotated[str, AfterValidator(_licence_id)]
    """Short identifier of the licence, e.g. `etalab-2.0`, written into the exports."""
    title: Text
    """Its full title, as shown on the site."""
    url: Link
    """Where its text is published."""


#: the licence of the public sector's open data in France (décret n° 2017-638), used unless the config says otherwise
LICENCE_OUVERTE = Licence(
    id="etalab-2.0",
    title="Licence Ouverte / Open Licence version 2.0",
    url="https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
)


class Audit(Model):
    """The RGAA audit the accessibility statement rests on."""

    date: Day
    """Date the audit was completed."""
    author: Text
    """Who carried it out: an outside firm, or the publisher's own team."""
    method: str | None = None
    """How it was carried out: the sample of pages, the tools, the technologies."""
    rate: Decimal | None = Field(None, ge=0, le=100, decimal_places=2)
    """Share of the applicable RGAA criteria that are met, in percent."""

    @property
    def rate_text(self) -> str | None:
        """« 72,5 % »: the rate as French readers write it."""
        if self.rate is None:
            return None
        return f"{self.rate.normalize():f}".replace(".", ",") + "\u00a0%"


class AccessibilityDocument(Model):
    """A document the accessibility statement refers to: a link to it, or its text, shown on the page."""

    title: Text
    """Title of the document, e.g. « Schéma pluriannuel de mise en accessibilité 2026-2028 »."""
    url: Link | None = None
    """Where it is published."""
    text: str | None = None
    """Its text, when it is not published elsewhere: the accessibility page shows it."""

    @model_validator(mode="after")
    def _url_or_text(self) -> AccessibilityDocument:
        if self.url is None and not (self.text or "").strip():
            raise ValueError("Donnez l’adresse du document (url) ou son texte (text), affiché sur la page.")
        return self


class Accessibility(Model):
    """The RGAA compliance statement."""

    status: Literal["totalement conforme", "partiellement conforme", "non conforme"]
    """« totalement conforme », « partiellement conforme » or « non conforme »."""
    audit: Audit
    """The audit that measured compliance."""
    non_compliant: list[str] = []
    """Known non-compliant content."""
    multi_year_schema: AccessibilityDocument
    """The publisher's multi-year accessibility plan (schéma pluriannuel)."""
    action_plan: AccessibilityDocument
    """The current year's action plan."""
    contact: Text
    """Where to report an accessibility problem."""
    established: Day
    """Date the statement was established."""
    validity_years: int = Field(3, ge=1, le=10)
    """A statement whose audit is older than this many years is reported."""

    @model_validator(mode="after")
    def _established_after_audit(self) -> Accessibility:
        if self.established < self.audit.date:
            raise ValueError(
                "La déclaration (established) ne peut pas être établie avant l’audit sur lequel elle repose "
                "(audit.date) : vérifiez les deux dates."
            )
        return self

    def expiry(self) -> dt.date:
        """The last day the statement is valid: `validity_years` after its audit."""
        return add_period(self.audit.date, Period(years=self.validity_years))


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
    publication_director: PublicationDirector
    """The publication director: name and function."""
    host: Host
    """Who hosts the site."""
    dpo_contact: str
    """How to reach the publisher's data protection officer."""
    accessibility: Accessibility
    """RGAA statement."""
    licence: Licence = LICENCE_OUVERTE
    """Licence of the open data (Licence Ouverte 2.0 unless said otherwise)."""
    allowed_emails: list[str] = []
    """Functional addresses that may appear in published text."""
    allowed_phones: list[str] = []
    """Functional phone numbers that may appear in published text."""
    notice_review_months: int = Field(12, ge=1)
    """A privacy notice not reviewed for this many months is reported."""
    identity: Identity = Identity()
    """The publisher's colours and logo."""

    @field_validator("publication_director", mode="before")
    @classmethod
    def _director_with_name(cls, value: object) -> object:
        # The field used to hold the function alone: say how to write it now.
        if isinstance(value, str):
            raise ValueError(
                "Le directeur de la publication s’écrit en deux champs, indentés sous publication_director : "
                f"name (son nom, que la loi impose de publier) et function (sa fonction, par exemple « {value} »)."
            )
        return value

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


def load_site_config(
    path: Path, display_name: str, as_of: dt.date | None = None
) -> tuple[SiteConfig | None, list[Problem]]:
    """The site config and its problems; with the build date `as_of`, also whether the accessibility
    statement is still valid that day."""
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
    problems += logo_problems(config, path.parent, document) + placeholder_warnings(document)
    if as_of is not None:
        problems += accessibility_warnings(config.accessibility, as_of, document)
    return config, problems


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


def accessibility_warnings(statement: Accessibility, as_of: dt.date, document) -> list[Problem]:
    """A warning when the statement's audit is older than its validity on `as_of` (RGAA: a statement rests
    on an audit still valid, and is updated at each substantial change of the site)."""
    if as_of <= statement.expiry():
        return []
    years = statement.validity_years
    return [
        document.source.problem(
            ("accessibility", "audit", "date"),
            (
                f"Déclaration d’accessibilité fondée sur un audit du {statement.audit.date.isoformat()}, "
                f"il y a plus de {years} an{'s' if years > 1 else ''} au {as_of.isoformat()} : faites réaliser "
                "un nouvel audit RGAA, puis mettez à jour la déclaration (audit, established)."
            ),
            severity="warning",
        )
    ]


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
