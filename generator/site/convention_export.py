"""The conventions as open data, in time: each convention with the text in force on the build date, every
version with its dates, and an OCDS-style list of its amendments (/donnees-ouvertes/conventions.*,
versions.*, avenants.*). Everything is read from the site data's `ConventionView` (`view.version`,
`view.history`), never recomputed here."""

from __future__ import annotations

import datetime as dt
import re

from generator.formatting import french_date
from generator.register import models
from generator.register.versions import Version
from generator.site.datasets import Dataset
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

CONVENTION_COLUMNS = [
    "id",
    "reference",
    "titre",
    "adresse",
    "parties",
    "services",
    "signature_lieu",
    "signature_date",
    "entree_en_vigueur",
    "fin",
    "statut",
    "version_en_vigueur",
    "version_en_vigueur_du",
    "avenants",
    "mise_en_ligne",
    "mise_a_jour",
    "resiliation_par",
    "resiliation_notifiee",
    "resiliation_effet",
    "source_sha256",
]
CONVENTION_NESTED = ("publication", "resiliation", "versions", "amendments")

VERSION_COLUMNS = [
    "convention",
    "version",
    "numero",
    "debut",
    "fin",
    "acte",
    "en_vigueur",
    "articles_modifies",
    "faits_modifies",
    "adresse",
]

AMENDMENT_COLUMNS = [
    "convention",
    "id",
    "reference",
    "signature_lieu",
    "signature_date",
    "entree_en_vigueur",
    "statut",
    "resume",
    "articles_modifies",
    "faits_modifies",
    "version",
    "adresse",
    "mise_en_ligne",
    "mise_a_jour",
    "source_sha256",
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
    "signature_date": OPTIONAL_DAY,
    "entree_en_vigueur": OPTIONAL_DAY,
    "fin": OPTIONAL_DAY,
    "statut": TEXT,
    "version_en_vigueur": TEXT,
    "version_en_vigueur_du": OPTIONAL_DAY,
    "avenants": TEXTS,
    "mise_en_ligne": OPTIONAL_DAY,
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
        ),
        Dataset(
            "versions",
            "Versions des conventions",
            f"Une ligne par version de chaque convention (la version signée, puis une par avenant), avec ses "
            f"dates et ce qu’elle a changé ; « en_vigueur » au {day}.",
            VERSION_COLUMNS,
            versions,
            row_schema=VERSION_ROW_SCHEMA,
        ),
        Dataset(
            "avenants",
            "Avenants",
            f"Une ligne par avenant : dates de signature et d’entrée en vigueur, résumé, clauses changées ; "
            f"statut au {day}.",
            AMENDMENT_COLUMNS,
            amendments,
            row_schema=AMENDMENT_ROW_SCHEMA,
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
        "signature_date": _day(convention.signature.date),
        "entree_en_vigueur": _day(convention.entry_into_force.date),
        "fin": _day(facts.final_end),
        "statut": facts.status,
        "version_en_vigueur": view.version.slug,
        "version_en_vigueur_du": _day(view.version.start),
        "avenants": [item["reference"] for item in amendments],
        "mise_en_ligne": _day(publication.first) if publication else None,
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
