"""The register's content model: one class per kind of YAML file in `content/`.

Every field carries a docstring; `registre schema` exports these classes as the
JSON Schema editors use to validate YAML as they type.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: « 5 », « 12-1 », « D », « 5 bis » (an article an avenant inserts): its address writes a space as a hyphen
ARTICLE_NUMBER_PATTERN = r"^[0-9A-Za-z]+([ -][0-9A-Za-z]+)*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
TEXT_FILE_PATTERN = r"^[^\x00]+$"
#: a placeholder's name, written `{{ name }}` in a convention model's texts
PLACEHOLDER_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
Identifier = Annotated[
    str, Field(pattern=ID_PATTERN, max_length=80, description="Lower-case slug: letters, digits, hyphens.")
]
ArticleNumber = Annotated[
    str,
    Field(pattern=ARTICLE_NUMBER_PATTERN, max_length=20, description="Article number or letter, as in the document."),
]
#: the dates a register can hold: calendar arithmetic (a term added to an end date) stays far from year 9999
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _plausible(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"Date hors des années {FIRST_DAY.year} à {LAST_DAY.year} : vérifiez l’année.")
    return day


Day = Annotated[dt.date, AfterValidator(_plausible)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --- shared pieces -----------------------------------------------------------


class Period(Model):
    """A length of time in calendar units."""

    years: int = Field(0, ge=0, le=99)
    """Whole years."""
    months: int = Field(0, ge=0, le=1200)
    """Whole months."""
    days: int = Field(0, ge=0, le=36500)
    """Whole days."""

    @model_validator(mode="after")
    def _not_empty(self) -> Period:
        if not (self.years or self.months or self.days):
            raise ValueError("a period needs at least one of years, months, days")
        return self


class ClauseRef(Model):
    """Where in a convention something is written."""

    convention: Identifier | None = None
    """Convention id; defaults to the convention that holds the reference."""
    annex: ArticleNumber | None = None
    """Annex number, when the clause is in an annex."""
    article: ArticleNumber
    """Article (or annex section) number."""


class Contact(Model):
    """A person or function to contact. Named agents stay private unless `publish` says otherwise."""

    function: str
    """The function, always published (e.g. « Directeur du service informatique »)."""
    name: str | None = None
    """The agent's name; personal data."""
    phone: str | None = None
    """Direct phone number; personal data unless functional."""
    email: str | None = None
    """E-mail address; personal data unless functional."""
    publish: bool = False
    """Explicit decision to publish the name, phone and e-mail. Default: only the function is shown."""


class EditorialNote(Model):
    """Something the register adds that the signed document does not say."""

    text: str
    """The note, in French. Shown on the page as an addition of the register."""


# --- organisations, services, topics ------------------------------------------


class Organisation(Model):
    """A public body or company that signs or provides under a convention."""

    id: Identifier
    """Stable identifier, used in URLs: /organisations/<id>/."""
    name: str
    """Full legal name, as written in the convention."""
    short_name: str | None = None
    """Usual short name or acronym (e.g. SMICA)."""
    kind: str
    """Kind of body: syndicat mixte, communauté de communes, entreprise..."""
    siret: str | None = None
    """SIRET number as written (spaces allowed), 14 digits."""
    address: list[str] = []
    """Postal address, one line per item."""
    website: str | None = None
    """Public website."""
    contacts: list[Contact] = []
    """Functional contacts."""

    @field_validator("siret")
    @classmethod
    def _siret_digits(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{14}", value.replace(" ", "")):
            raise ValueError("SIRET must have 14 digits")
        return value


class Service(Model):
    """A service that conventions provide to members."""

    id: Identifier
    """Stable identifier, used in URLs: /services/<id>/."""
    name: str
    """Name as the conventions write it."""
    description: str
    """One sentence saying what the service is."""
    provider: Identifier | None = None
    """Organisation that operates the service, when it is a third party."""
    platform: str | None = None
    """Platform the service is delivered through (e.g. e-occitanie)."""


class Topic(Model):
    """A kind of clause, shared across conventions so that clauses can be compared."""

    id: Identifier
    """Stable identifier, used in URLs: /clauses/<id>/."""
    label: str
    """French label (e.g. « Résiliation »)."""
    description: str
    """What clauses of this kind settle."""
    order: int = Field(100, ge=-10_000, le=10_000)
    """Position in lists of topics."""


# --- conventions -------------------------------------------------------------


class Representative(Model):
    """The elected official or officer who signs for a party."""

    civility: str | None = None
    """« Monsieur », « Madame », as written."""
    name: str
    """Name as written in the convention."""
    function: str
    """Function, e.g. « Président »."""


class Party(Model):
    """One signatory of a convention."""

    organisation: Identifier
    """The organisation's id."""
    role: str
    """Its role in the convention (e.g. « prestataire », « membre bénéficiaire »)."""
    designation: str | None = None
    """How the convention names it (« ci-après désigné le Syndicat mixte »)."""
    representative: Representative
    """Who signs for it."""
    mandate: str
    """The act that empowers the representative, verbatim."""
    mandate_date: Day | None = None
    """Date of that act, when the convention gives it."""


class Signature(Model):
    """Where and when the convention was signed. Either may be blank in the document."""

    place: str | None = None
    """Place of signature (« Fait à ... »)."""
    date: Day | None = None
    """Date of signature."""


class EntryIntoForce(Model):
    """When the convention takes effect."""

    date: Day | None = None
    """A fixed date."""
    on_signature: bool = False
    """True when it takes effect on signature."""
    not_stated: bool = False
    """True when the document does not say when it takes effect: the page says « non précisée par le
    document », and no clause is cited."""
    source: ClauseRef | None = None
    """The clause that says so; required unless `not_stated`."""

    @model_validator(mode="after")
    def _one_rule(self) -> EntryIntoForce:
        if [self.date is not None, self.on_signature, self.not_stated].count(True) != 1:
            raise ValueError("entry_into_force: exactly one of date, on_signature or not_stated")
        if self.source is None and not self.not_stated:
            raise ValueError("entry_into_force: source required")
        if self.source is not None and self.not_stated:
            raise ValueError("entry_into_force: no source when not_stated")
        return self


class Term(Model):
    """How long the convention (or the service it gives access to) runs."""

    not_stated: bool = False
    """True when the document states no term: the page says « non précisée par le document », and no
    clause is cited."""
    start: Day | None = None
    """First day, when it differs from the entry into force (e.g. the market's start)."""
    duration: Period | None = None
    """Initial duration; none for an open-ended convention."""
    renewals: int = Field(0, ge=0, le=100)
    """How many renewals are possible."""
    renewal_period: Period | None = None
    """Length of each renewal."""
    description: str | None = None
    """The rule in words, as the page shows it."""
    source: ClauseRef | None = None
    """The clause that sets the term; required unless `not_stated`."""

    @model_validator(mode="after")
    def _renewal_complete(self) -> Term:
        if self.renewals and self.renewal_period is None:
            raise ValueError("term: renewals need a renewal_period")
        if self.not_stated and (self.duration or self.renewals or self.source):
            raise ValueError("term: not_stated excludes duration, renewals and source")
        if self.source is None and not self.not_stated:
            raise ValueError("term: source required")
        return self


class Termination(Model):
    """How a party ends the convention: the notice and what it runs from."""

    kind: Literal["any_time", "before_anniversary"]
    """any_time: notice may be given on any day; before_anniversary: notice must reach the other party
    a notice period before the yearly anniversary of `anchor`."""
    notice: Period
    """The notice period."""
    anchor: Day | None = None
    """For before_anniversary: the date whose anniversary counts."""
    anchor_date_note: str | None = None
    """When the anchor date is the register's reading rather than a date the document gives: why that date."""
    anchor_label: str | None = None
    """What the anchor is, in words (« signature du marché avec NetExplorer »)."""
    form: str | None = None
    """How notice is given (« lettre recommandée avec avis de réception »)."""
    by: str
    """Who may terminate (« chaque partie », « l'établissement public membre »)."""
    source: ClauseRef
    """The clause that sets the rule."""

    @model_validator(mode="after")
    def _anchor_when_needed(self) -> Termination:
        if self.kind == "before_anniversary" and self.anchor is None:
            raise ValueError("before_anniversary needs an anchor date")
        return self


class TranscriptionChoice(Model):
    """A known, explained way in which an article's text differs from its source document. The text itself
    is never corrected: typos and all, it is the document's."""

    kind: Literal["table_rebuilt"]
    """table_rebuilt: a price grid that the PDF's text extraction jumbles, laid out again as a table; the
    check compares its euro amounts only, each as many times as in the document."""
    reason: str = Field(min_length=1)
    """Why, in French: what the document shows and what the transcription does."""


class Article(Model):
    """One article of a convention or one section of an annex, verbatim."""

    number: ArticleNumber
    """Number (or letter) as in the document; used in the URL. For a section the document does not
    number (préambule, visas), a short identifier such as `preambule`, with its `label`."""
    label: str | None = None
    """How the site names an unnumbered section (« Préambule »), instead of « Article <number> »."""
    heading: str
    """The heading line exactly as the document prints it."""
    title: str
    """The title alone, for tables of contents."""
    text: str
    """The article's text, verbatim, as Markdown (lists as Markdown lists)."""
    topics: list[Identifier] = []
    """Kinds of clause this article settles."""
    notes: list[EditorialNote] = []
    """Remarks of the register (e.g. a [sic]); never part of the text."""
    transcription: TranscriptionChoice | None = None
    """A known transcription choice that makes the text differ from the document (a rebuilt price grid)."""


class Annex(Model):
    """An annex: its own heading and articles or sections."""

    number: ArticleNumber
    """Annex number."""
    heading: str
    """Heading lines exactly as printed."""
    title: str
    """Title alone."""
    intro: str | None = None
    """Text before the first article, verbatim."""
    articles: list[Article]
    """Articles or sections, in order."""
    services: list[Identifier] = []
    """Services this annex sets the terms of."""
    term: Term | None = None
    """Term of the services of this annex, when it has its own."""
    termination: Termination | None = None
    """Termination rule of this annex, when it has its own."""
    notes: list[EditorialNote] = []
    """Remarks of the register about this annex."""


class SourceDocument(Model):
    """The signed document the content is transcribed from."""

    file: str = Field(max_length=300, pattern=TEXT_FILE_PATTERN)
    """Path under content/ of the document's text."""
    sha256: str = Field(pattern=SHA256_PATTERN)
    """SHA-256 of that file, checked on every build."""
    description: str
    """What the file is (e.g. « texte extrait du PDF signé »)."""


class ActDocument(Model):
    """The signed document of an avenant or of a termination letter."""

    file: str = Field(max_length=300, pattern=TEXT_FILE_PATTERN)
    """Path under content/ of the document's text."""
    sha256: str = Field(pattern=SHA256_PATTERN)
    """SHA-256 of that file, checked on every build."""
    description: str | None = None
    """What the file is (e.g. « texte extrait du PDF signé »)."""


class Publication(Model):
    """When an item was put online, and when it was last updated: data, so that a build stays a pure
    function of the repository."""

    first: Day
    """The day it was first put online (« Mis en ligne le … »)."""
    last: Day | None = None
    """The day of its last update (« mis à jour le … »); absent until it changes."""

    @model_validator(mode="after")
    def _in_order(self) -> Publication:
        if self.last is not None and self.last < self.first:
            raise ValueError("publication: last (mise à jour) cannot be before first (mise en ligne)")
        return self


class ActSignature(Model):
    """Where and when an avenant was signed."""

    place: str | None = None
    """Place of signature (« Fait à ... »)."""
    date: Day
    """Date of signature."""


class ActEntryIntoForce(Model):
    """When an avenant takes effect: a date, or its signature (the default)."""

    date: Day | None = None
    """A fixed date."""
    on_signature: bool = False
    """True when it takes effect on signature."""
    source: ClauseRef | None = None
    """The article of the avenant that says so, when it has one (article numbers of the avenant)."""

    @model_validator(mode="after")
    def _one_rule(self) -> ActEntryIntoForce:
        if (self.date is not None) == self.on_signature:
            raise ValueError("entry_into_force: exactly one of date or on_signature")
        return self


class Deliberation(Model):
    """The decision of an assembly that authorised an act."""

    organisation: Identifier | None = None
    """The organisation whose assembly decided."""
    body: str
    """The assembly (« comité syndical », « conseil communautaire »)."""
    date: Day | None = None
    """Date of the deliberation."""
    reference: str | None = None
    """Its number, as written (« délibération n° 2027-014 »)."""


class ClauseTarget(Model):
    """The article (or annex section) a change applies to, as numbered at that point in time."""

    article: ArticleNumber
    """Article (or annex section) number."""
    annex: ArticleNumber | None = None
    """Annex number, when the clause is in an annex."""


class Insertion(Model):
    """A new article (or annex section) an avenant inserts."""

    number: ArticleNumber
    """Its number as the avenant gives it (« 5 bis »)."""
    after: ArticleNumber | None = None
    """The article it follows; absent: before the first article."""
    annex: ArticleNumber | None = None
    """The annex it is inserted in, when it is an annex section."""
    title: str
    """Its title."""
    heading: str | None = None
    """Its heading line as the avenant prints it; by default « Article <number> – <title> »."""
    label: str | None = None
    """How the site names it when it is not numbered (see an article's `label`)."""
    text: str
    """Its text, verbatim from the avenant, as Markdown."""
    topics: list[Identifier] = []
    """Kinds of clause it settles."""


#: what one change of an avenant does: exactly one of these keys
CHANGE_KINDS = (
    "replace",
    "insert",
    "delete",
    "term",
    "termination",
    "services",
    "providers",
    "referent",
    "add_annex",
)


class AmendmentChange(Model):
    """One change an avenant makes, verbatim from it: exactly one of `replace`, `insert`, `delete`, `term`,
    `termination`, `services`, `providers`, `referent` or `add_annex`."""

    wording: str | None = None
    """The avenant's own sentence that makes the change (« L'article 1 est remplacé par ... »), verbatim."""
    replace: ClauseTarget | None = None
    """An article (or annex section) whose text and/or title the avenant replaces: give `text`, `title`,
    `heading` or `topics`."""
    text: str | None = None
    """With `replace`: the article's new text, verbatim."""
    title: str | None = None
    """With `replace`: the article's new title."""
    heading: str | None = None
    """With `replace`: the article's new heading line, when it changes."""
    topics: list[Identifier] | None = None
    """With `replace`: the kinds of clause the new wording settles, when they change."""
    insert: Insertion | None = None
    """A new article or annex section, inserted at its place."""
    delete: ClauseTarget | None = None
    """An article (or annex section) the avenant abrogates: it stays listed as « Abrogé par … »."""
    term: Term | None = None
    """The convention's new term (its source: the avenant's article, or the article it rewrites)."""
    termination: Termination | None = None
    """The convention's new termination rule."""
    services: list[Identifier] | None = None
    """The services the convention provides from then on (the whole list)."""
    providers: list[Identifier] | None = None
    """The organisations that deliver them from then on (the whole list)."""
    referent: Contact | None = None
    """The member's new referent."""
    add_annex: Annex | None = None
    """An annex the avenant adds."""

    @property
    def kind(self) -> str:
        return next(name for name in CHANGE_KINDS if getattr(self, name) is not None)

    @model_validator(mode="after")
    def _one_kind(self) -> AmendmentChange:
        kinds = [name for name in CHANGE_KINDS if getattr(self, name) is not None]
        if len(kinds) != 1:
            raise ValueError(f"a change has exactly one of {', '.join(CHANGE_KINDS)}")
        rewording = (self.text, self.title, self.heading, self.topics)
        if kinds[0] == "replace" and all(part is None for part in rewording):
            raise ValueError("replace needs the new text, title, heading or topics")
        if kinds[0] != "replace" and any(part is not None for part in rewording):
            raise ValueError("text, title, heading and topics go with replace only")
        return self


class Amendment(Model):
    """An avenant: its act, and the changes it makes to the convention, each verbatim."""

    reference: str
    """Its reference (« Avenant n° 1 »)."""
    signature: ActSignature
    """Place and date of signature."""
    entry_into_force: ActEntryIntoForce = ActEntryIntoForce(on_signature=True)
    """When it takes effect; by default on signature."""
    summary: str
    """What it changes, in one sentence (an addition of the register)."""
    signatories: list[Party] = []
    """Who signed it; by default the convention's parties, with their representatives."""
    deliberations: list[Deliberation] = []
    """The deliberations that authorised it, when known."""
    preamble: str | None = None
    """Its text before the first change (visas, considérants), verbatim."""
    closing: str | None = None
    """Its text after the last change (signature block), verbatim."""
    changes: list[AmendmentChange] = []
    """What it changes, in its order."""
    source: ActDocument | None = None
    """Its signed document's text, with SHA-256."""
    publication: Publication | None = None
    """When it was put online and last updated."""
    notes: list[EditorialNote] = []
    """Remarks of the register about this avenant."""

    @property
    def in_force_from(self) -> dt.date:
        """Its first day in force."""
        return self.entry_into_force.date or self.signature.date


class TerminationEvent(Model):
    """A termination that happened: who gave notice, when, and when it takes effect."""

    by: Identifier
    """The organisation that terminated (a party's id)."""
    notified: Day
    """The day the notice was received."""
    effective: Day
    """The day the termination takes effect: the convention is no longer in force from that day."""
    form: str | None = None
    """How notice was given (« lettre recommandée avec avis de réception du 3 mars 2028 »)."""
    reason: str | None = None
    """The reason given, when the letter gives one."""
    source: ActDocument | None = None
    """The letter's text, with SHA-256."""
    publication: Publication | None = None
    """When the termination was put online."""

    @model_validator(mode="after")
    def _in_order(self) -> TerminationEvent:
        if self.effective < self.notified:
            raise ValueError("terminated: effective cannot be before notified")
        return self


class Convention(Model):
    """A convention between a syndicate and one of its members."""

    id: Identifier
    """Stable identifier, used in URLs: /conventions/<id>/."""
    reference: str | None = None
    """The document's own reference (e.g. 2026CV4), when it has one."""
    title: str
    """Title as the document gives it."""
    summary: str
    """One or two sentences on what the convention is for (an addition of the register)."""
    parties: list[Party] = Field(min_length=2)
    """The signatories, in the document's order."""
    preamble: str | None = None
    """Text between the parties and the first article, verbatim."""
    closing: str | None = None
    """Text after the last article (signature block), verbatim."""
    signature: Signature
    """Place and date of signature."""
    entry_into_force: EntryIntoForce
    """When it takes effect."""
    term: Term
    """How long it runs."""
    termination: Termination | None = None
    """How to end it, when the convention says."""
    services: list[Identifier] = []
    """Services it provides."""
    providers: list[Identifier] = []
    """Organisations that deliver the services (contractors of the syndicate)."""
    referent: Contact | None = None
    """The member's referent named by the convention."""
    articles: list[Article] = Field(min_length=1)
    """The articles, in order."""
    annexes: list[Annex] = []
    """The annexes, in order."""
    amendments: list[Amendment] = []
    """Avenants, in the order of their signature: the text above stays the text as signed, and the site
    consolidates the text in force on each date from these."""
    terminated: TerminationEvent | None = None
    """A termination notified under the convention's termination rule."""
    source: SourceDocument
    """The document this content is transcribed from."""
    publication: Publication | None = None
    """When it was put online and last updated."""
    notes: list[EditorialNote] = []
    """Remarks of the register about the whole document."""
    model: Identifier | None = None
    """The convention model it was signed on (`content/models/<id>.yaml`): the file then gives only its
    particulars and the articles whose signed text differs from the model."""
    model_version: Identifier | None = None
    """The model's version it was signed on; required once the model has a version adopted after the
    signature, so that a later version never rewrites its published text."""
    model_values: dict[Annotated[str, Field(pattern=PLACEHOLDER_NAME_PATTERN)], str] = {}
    """The value of each placeholder of the model (`{{ membre }}` -> « Syndicat mixte … »)."""


# --- convention models ---------------------------------------------------------


class ModelPlaceholder(Model):
    """A named blank of a model's text, filled by each convention's `model_values`."""

    name: str = Field(pattern=PLACEHOLDER_NAME_PATTERN, max_length=60)
    """Its name, written `{{ name }}` in the texts: lower-case letters, digits and underscores."""
    label: str
    """What it stands for, in French (« nom du membre »), shown on the model's page."""


class ModelArticle(Article):
    """An article of a model; an optional one is part of a convention only when the convention lists it."""

    optional: bool = False
    """True for an article a member may choose: the convention lists its number in `articles` to keep it."""


class ModelAnnex(Annex):
    """An annex of a model, its articles possibly optional."""

    articles: list[ModelArticle]  # type: ignore[assignment]
    """Articles or sections, in order."""


class ModelText(Model):
    """The text a model's version shares with every convention signed on it: the fields of a convention
    that are the same for every member. A convention's own value of one of these fields replaces it."""

    title: str
    """Title of the conventions."""
    summary: str
    """One or two sentences on what the conventions are for (an addition of the register)."""
    preamble: str | None = None
    """Text between the parties and the first article, verbatim."""
    closing: str | None = None
    """Text after the last article (signature block), verbatim."""
    entry_into_force: EntryIntoForce | None = None
    """When the conventions take effect, when it is the same for all (e.g. on signature)."""
    term: Term | None = None
    """How long they run, when it is the same for all."""
    termination: Termination | None = None
    """How to end them."""
    services: list[Identifier] = []
    """Services they provide."""
    providers: list[Identifier] = []
    """Organisations that deliver the services."""
    articles: list[ModelArticle] = Field(min_length=1)
    """The articles, in order."""
    annexes: list[ModelAnnex] = []
    """The annexes, in order."""
    notes: list[EditorialNote] = []
    """Remarks of the register about the model's text."""


class ModelVersion(Model):
    """One adopted wording of a model. Once a convention is signed on it, a version's text is not edited:
    a new wording is a new version."""

    version: Identifier
    """Its identifier (« 1 », « 2027 »), named by the conventions' `model_version`."""
    adopted: Day
    """The day this wording was adopted: a convention signed before it cannot follow it."""
    deliberation: Deliberation | None = None
    """The deliberation that approved this wording, when known."""
    text: ModelText
    """The shared text, with its `{{ placeholders }}`."""


class ConventionModel(Model):
    """A convention model: the text a syndicate signs with each of its members, with named placeholders
    for what differs between them."""

    id: Identifier
    """Stable identifier, used in URLs: /modeles/<id>/."""
    name: str
    """The model's name (« Convention d’accompagnement des membres »)."""
    placeholders: list[ModelPlaceholder] = []
    """The placeholders its texts may use, each with what it stands for."""
    versions: list[ModelVersion] = Field(min_length=1)
    """Its versions, oldest first; a convention follows the last one unless it pins `model_version`."""

    @model_validator(mode="after")
    def _versions_in_order(self) -> ConventionModel:
        names = [version.version for version in self.versions]
        if len(set(names)) != len(names):
            raise ValueError("model versions need distinct names")
        if any(
            later.adopted < earlier.adopted for earlier, later in zip(self.versions, self.versions[1:], strict=False)
        ):
            raise ValueError("model versions go oldest first")
        return self


# --- tariffs -----------------------------------------------------------------

Amount = Annotated[
    Decimal,
    Field(
        allow_inf_nan=False,
        lt=Decimal("1e9"),
        gt=Decimal("-1e9"),
        description="Amount in euros, at most two decimals, as printed.",
    ),
]


def _read_grid(value: object, depth: int = 0) -> object:
    """Check a price grid's shape before typing it, so that a mistake gives one clear message, not one per
    alternative of the union. Keys stay strings: YAML reads an unquoted 3 as a number."""
    if isinstance(value, dict):
        if depth == 2:
            raise ValueError("Une grille de prix a au plus deux dimensions.")
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"La clé de grille {key} doit être écrite entre apostrophes : '{key}'.")
            _read_grid(item, depth + 1)
        return value
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"Montant attendu (par exemple 9.60) ou une grille de montants, pas « {value} ».")
    return value


PriceGrid = Annotated[Amount | dict[str, Amount] | dict[str, dict[str, Amount]], BeforeValidator(_read_grid)]


class DimensionValue(Model):
    """One value a dimension can take."""

    id: Identifier
    """Key used in price grids."""
    label: str
    """Label as printed (« Catégorie 3 », « 2 To »)."""


class Dimension(Model):
    """An axis of a price grid (category, storage volume...)."""

    id: Identifier
    """Identifier, used as a calculator input name."""
    label: str
    """French label of the input and of the grid's header."""
    values: list[DimensionValue] = Field(min_length=1)
    """Possible values, in the printed order."""


class Quantity(Model):
    """A number the user enters (users, months...)."""

    id: Identifier
    """Identifier, used as a calculator input name."""
    label: str
    """French label."""
    default: int = Field(1, ge=0, le=10_000_000)
    """Value shown first."""
    maximum: int = Field(100000, ge=1, le=10_000_000)
    """Largest accepted value."""


class Option(Model):
    """A yes/no choice that switches lines of the combination on or off."""

    id: Identifier
    """Identifier, used as a calculator input name."""
    label: str
    """French label."""
    default: bool = False
    """Checked at first."""


class Component(Model):
    """A grid of unit prices over some of the tariff's dimensions."""

    id: Identifier
    """Identifier, named by the combination lines."""
    label: str
    """Label of the grid as printed."""
    over: list[Identifier] = Field(default=[], max_length=2)
    """Dimensions indexing `prices`, outermost first. Empty for a single price."""
    prices: PriceGrid
    """Unit prices: one amount, or a mapping by value of `over[0]` (then of `over[1]`)."""
    source: ClauseRef
    """Where this grid is printed."""


class Line(Model):
    """One line of the estimate: a component's unit price times a quantity."""

    component: Identifier
    """The component priced on this line."""
    quantity: Identifier
    """The quantity it is multiplied by."""
    option: Identifier | None = None
    """When set, the line counts only if this option is chosen."""


class TariffVersion(Model):
    """The grid as in force over one period."""

    valid_from: Day
    """First day of validity."""
    valid_until: Day | None = None
    """Last day of validity; open-ended when absent."""
    components: list[Component] = Field(min_length=1)
    """Its price grids."""
    act: str | None = None
    """The act that set this grid (« Avenant n° 2 », « délibération n° 2027-014 »), when known."""
    notes: list[EditorialNote] = []
    """Remarks of the register on this version (e.g. where its dates come from)."""


class IndicativeAmount(Model):
    """A fee the convention states for information, not a grid."""

    year: int = Field(ge=FIRST_DAY.year, le=LAST_DAY.year)
    """The year the amount refers to."""
    amount: Amount
    """The amount, as stated."""
    description: str
    """The sentence that states it, verbatim."""


class Tariff(Model):
    """What a service costs under a convention: a price grid with its calculator, or an indicative fee."""

    id: Identifier
    """Stable identifier, used in URLs: /tarifs/<id>/."""
    title: str
    """Title as printed, or a short description."""
    convention: Identifier
    """The convention that sets it."""
    services: list[Identifier] = Field(min_length=1)
    """Services it prices."""
    source: ClauseRef
    """The clause or annex section that sets it."""
    currency: Literal["EUR"] = "EUR"
    """Currency."""
    tax_basis: Literal["TTC", "HT"] | None = None
    """Whether amounts include taxes. Required for a grid; absent when the convention does not say."""
    unit: str
    """What one amount pays for (« par utilisateur et par mois »)."""
    period: Literal["month", "year"] = "month"
    """The period one amount pays for: the calculator gives the total per period, per year and for a
    number of periods."""
    revision: str | None = None
    """How and when it is revised, in words."""
    dimensions: list[Dimension] = []
    """Axes of the grids."""
    quantities: list[Quantity] = []
    """Numbers the estimate multiplies by."""
    options: list[Option] = []
    """Choices that switch lines on or off."""
    lines: list[Line] = []
    """How components combine: the estimate is the sum of these lines."""
    versions: list[TariffVersion] = []
    """The grid's versions, oldest first."""
    indicative: list[IndicativeAmount] = []
    """Indicative amounts, for a fee that is not a grid."""
    notes: list[EditorialNote] = []
    """Remarks of the register."""

    @model_validator(mode="after")
    def _grid_or_indicative(self) -> Tariff:
        if bool(self.versions) == bool(self.indicative):
            raise ValueError("give either versions (a price grid) or indicative amounts, not both")
        if self.versions and not self.lines:
            raise ValueError("a price grid needs lines saying how its components combine")
        if self.versions and self.tax_basis is None:
            raise ValueError("a price grid needs its tax_basis (TTC or HT)")
        if self.indicative and (self.lines or self.dimensions or self.quantities or self.options):
            raise ValueError("an indicative fee has no dimensions, quantities, options or lines")
        return self


# --- privacy notices ---------------------------------------------------------

LegalBasis = Literal[
    "consentement", "contrat", "obligation légale", "intérêts vitaux", "mission d'intérêt public", "intérêts légitimes"
]


class Statement(Model):
    """One piece of information of a notice, with where it comes from."""

    text: str
    """The information, in plain French."""
    source: ClauseRef | None = None
    """The clause that says it. Absent: the statement is the DPO's addition, shown as such."""


class Purpose(Model):
    """Why the data is processed, and on what legal basis (GDPR art. 6)."""

    text: str
    """The purpose, in plain French."""
    legal_basis: LegalBasis
    """Legal basis under GDPR art. 6(1)."""
    source: ClauseRef | None = None
    """The clause that states the purpose; absent when the DPO adds it."""


class PrivacyNotice(Model):
    """The information GDPR art. 13 requires for one processing."""

    id: Identifier
    """Stable identifier, used in URLs: /donnees-personnelles/<id>/."""
    title: str
    """Name of the processing."""
    conventions: list[Identifier] = Field(min_length=1)
    """Conventions under which the processing happens."""
    services: list[Identifier] = []
    """Services it concerns."""
    last_reviewed: Day
    """When the DPO last reviewed it."""
    publication: Publication | None = None
    """When it was put online and last updated."""
    controller: Identifier
    """Organisation responsible for the processing."""
    controller_contact: Statement
    """How to reach the controller."""
    dpo_contact: Statement
    """How to reach the data protection officer."""
    purposes: list[Purpose] = Field(min_length=1)
    """Each purpose with its legal basis."""
    data_categories: list[Statement] = Field(min_length=1)
    """Categories of personal data."""
    data_subjects: list[Statement] = Field(min_length=1)
    """Whose data it is."""
    recipients: list[Statement] = Field(min_length=1)
    """Who receives the data."""
    transfers_outside_eu: Statement
    """Transfers outside the European Union, or that there are none."""
    retention: Statement
    """How long the data is kept."""
    rights: list[Statement] = Field(min_length=1)
    """The rights of the persons and how to exercise them."""
    complaint: Statement
    """The right to complain to the CNIL."""
    requirement: Statement
    """Whether providing the data is required, and what happens otherwise."""
    automated_decisions: Statement
    """Automated decision-making, or that there is none."""
    security: list[Statement] = []
    """Security measures the controller commits to."""
