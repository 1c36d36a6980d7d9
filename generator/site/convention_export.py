"""The conventions as open data, in time: each convention with the text in force on the build date, every
version with its dates, and an OCDS-style list of its amendments (/donnees-ouvertes/conventions.*,
versions.*, avenants.*). Everything is read from the site data's `ConventionView` (`view.version`,
`view.history`), never recomputed here."""

from __future__ import annotations

import datetime as dt
import re

from generator.formatting import french_date
from generator.register import models
from generator.register.derive import STATUS_LABELS
from generator.register.versions import Version
from generator.site.datasets import Column, Dataset
from generator.site.export_schema import (
    DAY,
    OPTIONAL_DAY,
    OPTIONAL_TEXT,
    PUBLICATION,
    TEXT,
    TEXTS,
    URL,
)
from generator.site.links import page_url
from generator.site.sitedata import ConventionView, SiteData
from generator.site.version_links import amendment_versions, clause_changes, version_src

_ID = "Identifiant du registre (minuscules, chiffres, tirets), aussi l’adresse de la page."
_ADDRESS = "Adresse permanente de la page sur le site."
_DAY_ISO = "Date au format AAAA-MM-JJ."
_SHA256 = "[0-9a-f]{64}"
#: `version-YYYY-MM-DD` (`-2` for a second version of the same day), `version-signee` when undated
_VERSION_SLUG = "version-([0-9]{4}-[0-9]{2}-[0-9]{2}|signee)(-[0-9]+)?"
_IDENTIFIER = models.ID_PATTERN.removeprefix("^").removesuffix("$")

CONVENTION_COLUMNS = [
    Column("id", "Identifiant", _ID, required=True, unique=True, pattern=_IDENTIFIER),
    Column("reference", "Référence", "Référence que la convention se donne (numéro), si elle en a une."),
    Column("titre", "Titre", "Titre de la convention.", required=True),
    Column("adresse", "Adresse", _ADDRESS, format="uri", required=True),
    Column("parties", "Parties", "Noms des organisations signataires, dans l’ordre du document.", listed=True),
    Column(
        "parties_siret",
        "SIRET des parties",
        "Numéros SIRET des parties qui en ont un (14 chiffres sans espace, comme l’« idAttribuant » du SCDL), "
        "dans l’ordre de « parties ».",
        listed=True,
        pattern=r"[0-9]{14}( \| [0-9]{14})*",
    ),
    Column("services", "Services", "Identifiants des services fournis.", listed=True),
    Column("signature_lieu", "Lieu de signature", "Lieu de signature, quand le document le dit."),
    Column(
        "dateConvention",
        "Date de signature",
        "Date de signature de la convention (nom du SCDL « Subventions »), quand le document la donne.",
        type="date",
    ),
    Column("entree_en_vigueur", "Entrée en vigueur", "Date d’entrée en vigueur, quand le document la donne.", "date"),
    Column("fin", "Fin", "Dernier jour de la convention, renouvellements et résiliation compris.", "date"),
    Column(
        "statut",
        "Statut",
        "Statut à la date de publication.",
        required=True,
        enum=tuple(STATUS_LABELS),
    ),
    Column(
        "version_en_vigueur",
        "Version en vigueur",
        "Version du texte en vigueur à la date de publication.",
        required=True,
        pattern=_VERSION_SLUG,
    ),
    Column("version_en_vigueur_du", "Version en vigueur depuis le", "Premier jour de cette version.", "date"),
    Column("avenants", "Avenants", "Références des avenants, dans l’ordre.", listed=True),
    Column(
        "datePublicationDonnees",
        "Mise en ligne",
        "Date de mise en ligne de la convention (nom des données essentielles de la commande publique).",
        "date",
    ),
    Column("mise_a_jour", "Dernière mise à jour", "Date de la dernière mise à jour de sa page.", "date"),
    Column("resiliation_par", "Résiliée par", "Identifiant de l’organisation qui l’a résiliée.", pattern=_IDENTIFIER),
    Column("resiliation_notifiee", "Résiliation notifiée le", "Date de notification de la résiliation.", "date"),
    Column("resiliation_effet", "Résiliation effective le", "Date d’effet de la résiliation.", "date"),
    Column(
        "source_sha256",
        "Empreinte du document signé",
        "SHA-256 du texte du document signé.",
        required=True,
        pattern=_SHA256,
    ),
]
CONVENTION_NESTED = ("publication", "resiliation", "versions", "amendments")

_CONVENTION_ID = Column("convention", "Convention", "Identifiant de la convention.", required=True, pattern=_IDENTIFIER)
_CHANGED_ARTICLES = Column(
    "articles_modifies", "Articles modifiés", "Articles remplacés, insérés ou abrogés.", listed=True
)
_CHANGED_FACTS = Column(
    "faits_modifies",
    "Autres modifications",
    "Ce qui change hors des articles : term (durée), termination (résiliation), services, providers "
    "(prestataires), referent (référent), add_annex (annexe ajoutée).",
    listed=True,
)

VERSION_COLUMNS = [
    _CONVENTION_ID,
    Column(
        "version",
        "Version",
        "Identifiant de la version : « version- » et son premier jour (« version-signee » s’il n’est pas connu).",
        required=True,
        pattern=_VERSION_SLUG,
    ),
    Column("numero", "Numéro", "0 pour le texte signé, puis 1 par avenant.", "integer", required=True),
    Column("debut", "Début", "Premier jour de la version.", "date"),
    Column("fin", "Fin", "Dernier jour de la version, avant la suivante.", "date"),
    Column("acte", "Acte", "L’avenant qui fait cette version (vide pour le texte signé)."),
    Column(
        "en_vigueur",
        "En vigueur",
        "« oui » pour la version en vigueur à la date de publication.",
        "boolean",
        required=True,
        true_values=("oui",),
        false_values=("non",),
    ),
    _CHANGED_ARTICLES,
    _CHANGED_FACTS,
    Column("adresse", "Adresse", _ADDRESS, format="uri", required=True),
]

AMENDMENT_COLUMNS = [
    _CONVENTION_ID,
    Column(
        "id", "Identifiant", "Identifiant de l’avenant : la convention et sa référence.", required=True, unique=True
    ),
    Column("reference", "Référence", "Comment l’avenant se nomme (« Avenant n° 1 »).", required=True),
    Column("signature_lieu", "Lieu de signature", "Lieu de signature, quand l’avenant le dit."),
    Column("signature_date", "Date de signature", "Date de signature de l’avenant.", "date", required=True),
    Column("entree_en_vigueur", "Entrée en vigueur", "Date d’entrée en vigueur de l’avenant.", "date", required=True),
    Column("statut", "Statut", "Statut à la date de publication.", required=True, enum=("en vigueur", "à venir")),
    Column("resume", "Résumé", "Ce que l’avenant change, en une phrase du registre.", required=True),
    _CHANGED_ARTICLES,
    _CHANGED_FACTS,
    Column(
        "version", "Version", "La version de la convention que fait l’avenant.", required=True, pattern=_VERSION_SLUG
    ),
    Column("adresse", "Adresse", _ADDRESS, format="uri", required=True),
    Column("mise_en_ligne", "Mise en ligne", "Date de mise en ligne de l’avenant.", "date"),
    Column("mise_a_jour", "Dernière mise à jour", "Date de la dernière mise à jour.", "date"),
    Column("source_sha256", "Empreinte du document signé", "SHA-256 du texte de l’avenant signé.", pattern=_SHA256),
]

_YES_NO = {"type": "string", "enum": ["oui", "non"]}
_AMENDMENT_STATUS = {"type": "string", "enum": ["en vigueur", "à venir"]}
_CHANGED_CLAUSE = {
    "type": "object",
    "properties": {
        "id": TEXT,
        "label": TEXT,
        "change": {"type": "string", "enum": ["replace", "insert", "delete"]},
    },
    "required": ["id", "label", "change"],
    "additionalProperties": False,
}
_FACTS = {
    "type": "array",
    "items": {"type": "string", "enum": ["term", "termination", "services", "providers", "referent", "add_annex"]},
}
VERSION_PROPERTIES: dict[str, object] = {
    "numero": {"type": "integer", "minimum": 0},
    "version": TEXT,
    "debut": OPTIONAL_DAY,
    "fin": OPTIONAL_DAY,
    "acte": OPTIONAL_TEXT,
    "en_vigueur": _YES_NO,
    "articles_modifies": {"type": "array", "items": _CHANGED_CLAUSE},
    "faits_modifies": _FACTS,
    "adresse": URL,
}
VERSION_SCHEMA = {
    "type": "object",
    "properties": VERSION_PROPERTIES,
    "required": [
        "numero",
        "version",
        "debut",
        "fin",
        "acte",
        "en_vigueur",
        "articles_modifies",
        "faits_modifies",
        "adresse",
    ],
    "additionalProperties": False,
}
AMENDMENT_SCHEMA = {
    "type": "object",
    "description": "Un avenant, à la manière des « amendments » de l’Open Contracting Data Standard.",
    "properties": {
        "id": TEXT,
        "date": DAY,
        "description": TEXT,
        "rationale": OPTIONAL_TEXT,
        "reference": TEXT,
        "signature": {
            "type": "object",
            "properties": {"place": OPTIONAL_TEXT, "date": DAY},
            "required": ["place", "date"],
            "additionalProperties": False,
        },
        "entryIntoForce": DAY,
        "status": _AMENDMENT_STATUS,
        "changedClauses": {"type": "array", "items": _CHANGED_CLAUSE},
        "changedFacts": _FACTS,
        "version": TEXT,
        "url": URL,
        "publication": PUBLICATION,
        "sourceSha256": OPTIONAL_TEXT,
    },
    "required": [
        "id",
        "date",
        "description",
        "rationale",
        "reference",
        "signature",
        "entryIntoForce",
        "status",
        "changedClauses",
        "changedFacts",
        "version",
        "url",
        "publication",
        "sourceSha256",
    ],
    "additionalProperties": False,
}
TERMINATION_SCHEMA = {
    "type": ["object", "null"],
    "properties": {
        "par": TEXT,
        "par_nom": TEXT,
        "notifiee": DAY,
        "effet": DAY,
        "forme": OPTIONAL_TEXT,
        "motif": OPTIONAL_TEXT,
    },
    "required": ["par", "par_nom", "notifiee", "effet", "forme", "motif"],
    "additionalProperties": False,
}
CONVENTION_SCHEMA = {
    "id": TEXT,
    "reference": OPTIONAL_TEXT,
    "titre": TEXT,
    "adresse": URL,
    "parties": TEXTS,
    "services": TEXTS,
    "signature_lieu": OPTIONAL_TEXT,
    "parties_siret": TEXTS,
    "dateConvention": OPTIONAL_DAY,
    "entree_en_vigueur": OPTIONAL_DAY,
    "fin": OPTIONAL_DAY,
    "statut": {"type": "string", "enum": list(STATUS_LABELS)},
    "version_en_vigueur": TEXT,
    "version_en_vigueur_du": OPTIONAL_DAY,
    "avenants": TEXTS,
    "datePublicationDonnees": OPTIONAL_DAY,
    "mise_a_jour": OPTIONAL_DAY,
    "resiliation_par": OPTIONAL_TEXT,
    "resiliation_notifiee": OPTIONAL_DAY,
    "resiliation_effet": OPTIONAL_DAY,
    "source_sha256": TEXT,
    "publication": PUBLICATION,
    "resiliation": TERMINATION_SCHEMA,
    "versions": {"type": "array", "items": VERSION_SCHEMA, "minItems": 1},
    "amendments": {"type": "array", "items": AMENDMENT_SCHEMA},
}
VERSION_ROW_SCHEMA = VERSION_PROPERTIES | {"convention": TEXT, "articles_modifies": TEXTS}
AMENDMENT_ROW_SCHEMA = {
    "convention": TEXT,
    "id": TEXT,
    "reference": TEXT,
    "signature_lieu": OPTIONAL_TEXT,
    "signature_date": DAY,
    "entree_en_vigueur": DAY,
    "statut": _AMENDMENT_STATUS,
    "resume": TEXT,
    "articles_modifies": TEXTS,
    "faits_modifies": _FACTS,
    "version": TEXT,
    "adresse": URL,
    "mise_en_ligne": OPTIONAL_DAY,
    "mise_a_jour": OPTIONAL_DAY,
    "source_sha256": OPTIONAL_TEXT,
}

#: a row's `convention` names a row of the conventions dataset
OF_A_CONVENTION = (("convention",), "conventions", ("id",))


def conventions_datasets(data: SiteData) -> list[Dataset]:
    """Conventions, their versions and their avenants: one pass over the conventions, each version once."""
    conventions, versions, amendments = [], [], []
    for view in data.conventions.values():
        version_items = [_version(data, view, version) for version in view.history.versions]
        amendment_items = [_amendment(data, view, act, version) for act, version in _amendments(view)]
        conventions.append(_convention(data, view, version_items, amendment_items))
        versions += [_version_row(view.id, item) for item in version_items]
        for item in amendment_items:
            amendments.append(_amendment_row(view.id, item))
    day = french_date(data.as_of)
    return [
        Dataset(
            "conventions",
            "Conventions",
            f"Les conventions du registre, texte en vigueur, statut au {day} ; en JSON, chacune avec ses "
            "versions et ses avenants.",
            CONVENTION_COLUMNS,
            conventions,
            nested=CONVENTION_NESTED,
            row_schema=CONVENTION_SCHEMA,
            primary_key=("id",),
        ),
        Dataset(
            "versions",
            "Versions des conventions",
            f"Une ligne par version de chaque convention (la version signée, puis une par avenant), avec ses "
            f"dates et ce qu’elle a changé ; « en_vigueur » au {day}.",
            VERSION_COLUMNS,
            versions,
            row_schema=VERSION_ROW_SCHEMA,
            primary_key=("convention", "version"),
            foreign_keys=(OF_A_CONVENTION,),
        ),
        Dataset(
            "avenants",
            "Avenants",
            f"Une ligne par avenant : dates de signature et d’entrée en vigueur, résumé, clauses changées ; "
            f"statut au {day}.",
            AMENDMENT_COLUMNS,
            amendments,
            row_schema=AMENDMENT_ROW_SCHEMA,
            primary_key=("id",),
            foreign_keys=(OF_A_CONVENTION,),
        ),
    ]


def _amendments(view: ConventionView) -> list[tuple[models.Amendment, Version]]:
    return amendment_versions(view.history.versions)


def _address(data: SiteData, src: str) -> str:
    return data.config.base_url + page_url(src)


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _publication(publication: models.Publication | None) -> dict | None:
    if publication is None:
        return None
    return {"first": publication.first.isoformat(), "last": _day(publication.last)}


def _convention(data: SiteData, view: ConventionView, versions: list[dict], amendments: list[dict]) -> dict:
    convention, facts = view.convention, view.facts.convention
    termination = convention.terminated
    publication = convention.publication
    return {
        "id": convention.id,
        "reference": convention.reference,
        "titre": convention.title,
        "adresse": _address(data, view.src),
        "parties": [organisation.name for _, organisation in view.parties],
        "services": view.all_services,
        "signature_lieu": convention.signature.place,
        "parties_siret": [
            organisation.siret.replace(" ", "") for _, organisation in view.parties if organisation.siret
        ],
        "dateConvention": _day(convention.signature.date),
        "entree_en_vigueur": _day(convention.entry_into_force.date),
        "fin": _day(facts.final_end),
        "statut": facts.status,
        "version_en_vigueur": view.version.slug,
        "version_en_vigueur_du": _day(view.version.start),
        "avenants": [item["reference"] for item in amendments],
        "datePublicationDonnees": _day(publication.first) if publication else None,
        "mise_a_jour": _day(publication.last) if publication else None,
        "resiliation_par": termination.by if termination else None,
        "resiliation_notifiee": _day(termination.notified) if termination else None,
        "resiliation_effet": _day(termination.effective) if termination else None,
        "source_sha256": convention.source.sha256,
        "publication": _publication(publication),
        "resiliation": _termination(data, termination),
        "versions": versions,
        "amendments": amendments,
    }


def _termination(data: SiteData, termination: models.TerminationEvent | None) -> dict | None:
    if termination is None:
        return None
    organisation = data.organisations.get(termination.by)
    return {
        "par": termination.by,
        "par_nom": organisation.name if organisation else termination.by,
        "notifiee": termination.notified.isoformat(),
        "effet": termination.effective.isoformat(),
        "forme": termination.form,
        "motif": termination.reason,
    }


def _changed_clauses(view: ConventionView, version: Version) -> list[dict]:
    return [
        {"id": clause.slug, "label": clause.label, "change": kind} for clause, kind in clause_changes(view.id, version)
    ]


def _version(data: SiteData, view: ConventionView, version: Version) -> dict:
    return {
        "numero": version.index,
        "version": version.slug,
        "debut": _day(version.start),
        "fin": _day(version.end),
        "acte": version.act.reference if version.act else None,
        "en_vigueur": "oui" if version is view.version else "non",
        "articles_modifies": _changed_clauses(view, version),
        "faits_modifies": list(version.changed_facts),
        "adresse": _version_address(data, view, version),
    }


def _version_row(convention_id: str, item: dict) -> dict:
    clauses = [clause["label"] for clause in item["articles_modifies"]]
    return {"convention": convention_id} | item | {"articles_modifies": clauses}


def _version_address(data: SiteData, view: ConventionView, version: Version) -> str:
    """A version's permanent page; a convention never amended has one version: its own page."""
    return _address(data, version_src(view.id, version) if view.history.amended else view.src)


def _amendment(data: SiteData, view: ConventionView, act: models.Amendment, version: Version) -> dict:
    return {
        "id": f"{view.id}-{_slug(act.reference)}",
        "date": act.signature.date.isoformat(),
        "description": act.summary,
        "rationale": act.preamble,
        "reference": act.reference,
        "signature": {"place": act.signature.place, "date": act.signature.date.isoformat()},
        "entryIntoForce": act.in_force_from.isoformat(),
        "status": "en vigueur" if act.in_force_from <= data.as_of else "à venir",
        "changedClauses": _changed_clauses(view, version),
        "changedFacts": list(version.changed_facts),
        "version": version.slug,
        "url": _version_address(data, view, version),
        "publication": _publication(act.publication),
        "sourceSha256": act.source.sha256 if act.source else None,
    }


def _amendment_row(convention_id: str, item: dict) -> dict:
    publication = item["publication"] or {}
    return {
        "convention": convention_id,
        "id": item["id"],
        "reference": item["reference"],
        "signature_lieu": item["signature"]["place"],
        "signature_date": item["date"],
        "entree_en_vigueur": item["entryIntoForce"],
        "statut": item["status"],
        "resume": item["description"],
        "articles_modifies": [clause["label"] for clause in item["changedClauses"]],
        "faits_modifies": item["changedFacts"],
        "version": item["version"],
        "adresse": item["url"],
        "mise_en_ligne": publication.get("first"),
        "mise_a_jour": publication.get("last"),
        "source_sha256": item["sourceSha256"],
    }


def _slug(text: str) -> str:
    """« Avenant n° 1 » -> `avenant-n-1`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
