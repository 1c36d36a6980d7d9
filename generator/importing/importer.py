"""`registre import`: a signed document read into draft content files and a French report.

Nothing is written here: `draft` returns the files (by path under content/) and the report, and the CLI
writes them, refusing to overwrite a file that exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.importing import drafting
from generator.importing.extraction import extract
from generator.importing.layout import SourceText, clean
from generator.importing.parties import PartyText
from generator.importing.segmentation import Segmented, segment
from generator.wording import fold, slug


@dataclass
class Imported:
    identifier: str
    #: path relative to content/ -> text
    files: dict[str, str] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    segmented: Segmented | None = None
    source: SourceText | None = None


def _known_organisations(content: Path) -> list[dict]:
    found = []
    for path in sorted((content / "organisations").glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and data.get("id"):
            found.append(data)
    return found


def _comparable(name: object) -> str:
    return " ".join(fold(str(name or "")).replace("’", "'").split())


def match_organisation(party: PartyText, known: list[dict]) -> str | None:
    """The id of the known organisation the party is: same SIRET, same name or same short name."""
    siret = (party.siret or "").replace(" ", "")
    for organisation in known:
        if siret and str(organisation.get("siret") or "").replace(" ", "") == siret:
            return str(organisation["id"])
    names = {_comparable(party.name), _comparable(party.short_name)} - {""}
    for organisation in known:
        if names & {_comparable(organisation.get("name")), _comparable(organisation.get("short_name"))}:
            return str(organisation["id"])
    return None


def draft(document: Path, content: Path, identifier: str | None = None) -> Imported:
    identifier = identifier or slug(document.stem)
    imported = Imported(identifier)
    source = clean(extract(document))
    segmented = segment(source)
    imported.source, imported.segmented = source, segmented
    source_file = f"sources/{identifier}.txt"
    source_path = f"content/{source_file}"
    imported.files[source_file] = source.text
    sha256 = hashlib.sha256(source.text.encode("utf-8")).hexdigest()

    known = _known_organisations(content)
    organisations: list[str] = []
    new_organisations: list[str] = []
    for party in segmented.parties:
        found = match_organisation(party, known)
        if found is None:
            found = slug(party.short_name or party.name)
            if found not in organisations:
                imported.files[f"organisations/{found}.yaml"] = drafting.organisation(party, found)
                new_organisations.append(found)
        organisations.append(found)
    topics = {path.stem for path in (content / "topics").glob("*.y*ml")}
    drafts = drafting.convention(segmented, identifier, organisations, topics, source_file, sha256, document.name)
    imported.files |= drafts.files

    grids = 0
    for annex, section in [(None, s) for s in segmented.articles] + [
        (a.number, s) for a in segmented.annexes for s in a.articles
    ]:
        priced = [table for table in section.tables if drafting.is_price_grid(table)]
        if priced:
            grids += 1
            tariff_id = f"{identifier}-grille" + (f"-{grids}" if grids > 1 else "")
            imported.files[f"tariffs/{tariff_id}.yaml"] = drafting.tariff(identifier, tariff_id, section, annex, priced)

    imported.report = _report(
        document, imported, segmented, source, drafts, new_organisations, organisations, source_path
    )
    return imported


def _report(document, imported, segmented, source, drafts, new_organisations, organisations, source_path) -> list[str]:
    sections = sum(len(annex.articles) for annex in segmented.annexes)
    lines = [
        f"Import de {document.name} : brouillon de la convention « {imported.identifier} ».",
        f"Reconnu : le titre « {segmented.title[:80]} »"
        + (f", la référence {segmented.reference}" if segmented.reference else ", sans référence")
        + f", {len(segmented.parties)} parties, {len(segmented.articles)} articles, {len(segmented.annexes)} annexes"
        + (f" ({sections} sections)" if segmented.annexes else "")
        + (", la formule « convenu ce qui suit »" if segmented.agreed_line else "")
        + ".",
    ]
    for party, organisation in zip(segmented.parties, organisations, strict=True):
        known = "nouvelle organisation (brouillon)" if organisation in new_organisations else "organisation connue"
        who = " ".join(filter(None, [party.civility, party.representative])) or "représentant non reconnu"
        lines.append(f"  Partie : {party.name} -> {organisation} ({known}) ; {who}.")
    if segmented.closing_line:
        place = segmented.signature_place or "lieu laissé en blanc"
        date = segmented.signature_date.isoformat() if segmented.signature_date else "date laissée en blanc"
        lines.append(f"  Signature ({source_path}:{segmented.closing_line}) : {place}, {date}.")
    if source.dropped:
        lines.append(
            f"Mise en page retirée ({len(source.dropped)}) : "
            + " ; ".join(source.dropped[:8])
            + (" ; …" if len(source.dropped) > 8 else "")
            + "."
        )
    if segmented.findings:
        lines.append("Non placé ou deviné, à vérifier dans le document :")
        lines += [f"  {source_path}:{line} : {message}" for line, message in sorted(segmented.findings)]
    if drafts.checks:
        lines.append("À vérifier par une personne dans le brouillon :")
        lines += [f"  content/conventions/{imported.identifier}.yaml : {check}" for check in drafts.checks]
    lines.append("Fichiers écrits : " + ", ".join(f"content/{path}" for path in imported.files) + ".")
    lines.append(
        "Ensuite : remplacez chaque « À COMPLÉTER » (résumé, services…), vérifiez ce qui est listé ci-dessus, puis "
        "lancez « registre check »."
    )
    return lines
