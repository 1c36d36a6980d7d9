"""The draft content files of an imported convention, as YAML text: the convention, the organisations the
register does not know yet, and a tariff for each ruled price grid.

What the import could not read is written « À COMPLÉTER » (`generator.register.placeholders`), so that
`registre check` lists it and the site is not built until a person has completed it; what it suggests
(topics, roles, dates read in the text) is named in the file's header and in the report, to be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml

from generator.importing.extraction import Table
from generator.importing.french_dates import first_date
from generator.importing.parties import PartyText
from generator.importing.segmentation import Section, Segmented
from generator.register.placeholders import PLACEHOLDER
from generator.wording import fold, slug

#: topic id -> folded words of an article's title that suggest it
TOPIC_WORDS = {
    "preambule": ("preambule",),
    "objet": ("objet",),
    "duree": ("duree",),
    "resiliation": ("resiliation",),
    "remuneration": ("remuneration", "contribution", "tarif"),
    "facturation": ("facturation",),
    "litiges": ("litige", "contentieux", "competence"),
    "modification": ("modification", "clauses finales"),
    "responsabilite": ("responsabilit",),
    "confidentialite": ("confidentialit",),
    "donnees-personnelles": ("donnees personnelles", "protection des donnees", "rgpd", "securite des donnees"),
    "propriete-intellectuelle": ("propriete intellectuelle",),
    "annexes": ("annexe",),
    "referent": ("referent",),
    "niveau-de-service": ("engagement de service", "niveau de service", "delai de reponse"),
    "conditions-utilisation": ("conditions d'utilisation", "conditions d’utilisation", "souscription"),
}
KINDS = {
    "syndicat mixte": "syndicat mixte",
    "communaute de communes": "communauté de communes",
    "communaute d'agglomeration": "communauté d’agglomération",
    "communaute d’agglomeration": "communauté d’agglomération",
    "commune": "commune",
    "departement": "département",
    "societe": "entreprise",
}
AMOUNT = re.compile(r"(?P<amount>-?\d[\d\s]*(?:[.,]\d{1,2})?)\s*(?:€|euros?)?")
STARTS_IN_FORCE = re.compile(r"prend\s+effet\s+(?:au|le|à\s+compter\s+du)\s+(?P<date>[^,.;]+)", re.IGNORECASE)
ON_SIGNATURE = re.compile(r"prend\s+effet\s+à\s+compter\s+de\s+(?:la\s+date\s+de\s+)?sa\s+signature", re.IGNORECASE)
DURATION = re.compile(r"pour\s+une\s+durée\s+de\s+(?P<count>\d{1,2})\s+(?P<unit>ans?|années?|mois)\b", re.IGNORECASE)


@dataclass
class Drafts:
    #: path relative to content/ -> YAML text
    files: dict[str, str] = field(default_factory=dict)
    #: what a person must check, in French, without a line
    checks: list[str] = field(default_factory=list)


class _Dumper(yaml.SafeDumper):
    pass


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:.2f}")


_Dumper.add_representer(str, _string)
_Dumper.add_representer(Decimal, _decimal)


#: field -> what to write in place of « À COMPLÉTER », as the comment above it
HINTS = {
    "summary": "une ou deux phrases du registre sur l’objet de la convention (pas une citation)",
    "role": "le rôle de la partie dans la convention (« prestataire », « membre bénéficiaire »)",
    "function": "la fonction du représentant (« Président »), telle que le document la donne",
    "name": "le nom du représentant, tel qu’écrit",
    "mandate": "l’acte qui habilite le représentant, mot pour mot",
    "organisation": "l’identifiant de l’organisation (nom d’un fichier de content/organisations/)",
    "services": "les services que la convention fournit (noms des fichiers de content/services/)",
    "topics": "les thèmes de l’article (noms des fichiers de content/topics/), ou une liste vide : []",
    "date": "la date, AAAA-MM-JJ",
    "description": "la durée en mots, et la clause qui la fixe (source.article)",
    "article": "le numéro de l’article qui le dit",
    "title": "le titre, tel que le document le donne",
    "text": "le texte, mot pour mot",
    "heading": "l’intitulé, tel qu’imprimé",
    "kind": "la nature de l’organisation (syndicat mixte, commune, entreprise…)",
    "unit": "ce que paie un montant (« par utilisateur et par mois »)",
    "label": "l’intitulé en français",
    "valid_from": "le premier jour de validité de la grille, AAAA-MM-JJ",
    "tax_basis": "TTC ou HT",
    "prices": "le montant de la case",
}
FIELD = re.compile(r"(?P<indent>\s*)(?:- )?(?P<key>[\w']+):(?: À COMPLÉTER)?")


def to_yaml(data: dict) -> str:
    """The YAML, with a comment above each « À COMPLÉTER » saying what to write there."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    lines: list[str] = []
    for line in text.splitlines():
        if line.endswith(PLACEHOLDER):
            key_line = line if ": " in line else (lines[-1] if lines else "")
            field = FIELD.fullmatch(key_line)
            key = field.group("key") if field else ""
            hint = HINTS.get(key, HINTS["prices"] if key.strip("'").isdigit() else "la valeur que donne le document")
            indent = len(line) - len(line.lstrip(" -")) if ": " in line else len(line) - len(line.lstrip())
            target = len(lines) if ": " in line else len(lines) - 1
            lines.insert(max(target, 0), " " * indent + f"# À compléter : {hint}.")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _header(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


def suggested_topics(section: Section, known: set[str]) -> list[str]:
    title = fold(section.title)
    return [topic for topic, words in TOPIC_WORDS.items() if topic in known and any(word in title for word in words)]


def _article(section: Section, known_topics: set[str], where: str, drafts: Drafts) -> dict:
    data: dict = {"number": section.number}
    if section.label:
        data["label"] = section.label
    data |= {"heading": section.heading, "title": section.title, "text": section.text or PLACEHOLDER}
    topics = suggested_topics(section, known_topics)
    data["topics"] = topics or [PLACEHOLDER]
    if topics:
        drafts.checks.append(f"{where} : thèmes suggérés d’après le titre ({', '.join(topics)}), à vérifier.")
    else:
        drafts.checks.append(f"{where} : aucun thème suggéré ; donnez-en un (content/topics/) ou videz la liste.")
    return data


def _clause(section: Section | None, annex: str | None = None) -> dict:
    if section is None:
        return {"article": PLACEHOLDER}
    return ({"annex": annex} if annex else {}) | {"article": section.number}


def _rules(segmented: Segmented, drafts: Drafts) -> tuple[dict, dict]:
    """Entry into force and term, when an article states them plainly; otherwise to complete."""
    entry: dict = {"date": PLACEHOLDER, "source": _clause(None)}
    term: dict = {"description": PLACEHOLDER, "source": _clause(None)}
    for section in segmented.articles:
        flat = " ".join(section.text.split())
        if entry.get("date") == PLACEHOLDER:
            if ON_SIGNATURE.search(flat):
                entry = {"on_signature": True, "source": _clause(section)}
            elif (starts := STARTS_IN_FORCE.search(flat)) and (day := first_date(starts.group("date"))):
                entry = {"date": day, "source": _clause(section)}
        if term.get("description") == PLACEHOLDER and (duration := DURATION.search(flat)):
            unit = "months" if fold(duration.group("unit")) == "mois" else "years"
            term = {"duration": {unit: int(duration.group("count"))}, "source": _clause(section)}
    if entry.get("date") != PLACEHOLDER:
        drafts.checks.append(f"entry_into_force : lue à l’article {entry['source']['article']}, à vérifier.")
    if term.get("description") != PLACEHOLDER:
        drafts.checks.append(f"term : durée lue à l’article {term['source']['article']}, à vérifier.")
    if any("resili" in fold(section.text) for section in segmented.articles):
        drafts.checks.append(
            "termination : le texte parle de résiliation ; la règle (préavis, forme) n’est pas reprise, ajoutez-la "
            "(voir « registre schema »)."
        )
    return entry, term


def _party(found: PartyText, organisation: str, drafts: Drafts) -> dict:
    data: dict = {"organisation": organisation, "role": found.role or PLACEHOLDER}
    if found.role:
        drafts.checks.append(
            f"parties ({organisation}) : rôle « {found.role} » tiré de « {found.designation} », à vérifier."
        )
    if found.designation:
        data["designation"] = found.designation
    representative: dict = {}
    if found.civility:
        representative["civility"] = found.civility
    representative["name"] = found.representative or PLACEHOLDER
    representative["function"] = found.function or PLACEHOLDER
    if not found.function:
        drafts.checks.append(
            f"parties ({organisation}) : le bloc des parties ne donne pas la fonction du représentant."
        )
    data["representative"] = representative
    data["mandate"] = found.mandate or PLACEHOLDER
    if found.mandate_date:
        data["mandate_date"] = found.mandate_date
    return data


def organisation(found: PartyText, identifier: str) -> str:
    kind = next((label for start, label in KINDS.items() if fold(found.name).startswith(start)), PLACEHOLDER)
    data: dict = {"id": identifier, "name": found.name}
    if found.short_name:
        data["short_name"] = found.short_name
    data["kind"] = kind
    if found.siret:
        data["siret"] = found.siret
    if found.address:
        data["address"] = found.address
    return _header(
        [
            f"Brouillon écrit par « registre import » d’après le bloc des parties (ligne {found.line} du texte "
            "source).",
            "Vérifiez le nom, la nature (kind), le SIRET et l’adresse, et remplacez chaque « À COMPLÉTER ».",
        ]
    ) + to_yaml(data)


def amount(cell: str) -> Decimal | None:
    found = AMOUNT.fullmatch(cell.strip())
    if not found:
        return None
    try:
        return Decimal(found.group("amount").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None


def is_price_grid(table: Table) -> bool:
    cells = [cell for row in table.rows[1:] for cell in row[1:] if cell]
    return bool(cells) and sum(amount(cell) is not None for cell in cells) >= 0.8 * len(cells)


def tariff(convention: str, identifier: str, section: Section, annex: str | None, tables: list[Table]) -> str:
    """A price grid: one dimension per header row, one component per priced row."""
    dimensions: list[dict] = []
    components: list[dict] = []
    for table in tables:
        header = table.rows[0]
        values = [{"id": slug(value), "label": value} for value in header[1:]]
        dimension = next((d for d in dimensions if d["values"] == values), None)
        if dimension is None:
            dimension = {
                "id": slug(header[0]) if header[0] else f"dimension-{len(dimensions) + 1}",
                "label": header[0] or PLACEHOLDER,
                "values": values,
            }
            dimensions.append(dimension)
        for row in table.rows[1:]:
            prices = {value["id"]: amount(cell) for value, cell in zip(values, row[1:], strict=False)}
            components.append(
                {
                    "id": slug(row[0]) if row[0] else f"ligne-{len(components) + 1}",
                    "label": row[0] or PLACEHOLDER,
                    "over": [dimension["id"]],
                    "prices": {key: price if price is not None else PLACEHOLDER for key, price in prices.items()},
                    "source": _clause(section, annex),
                }
            )
    flat = fold(section.text)
    data: dict = {
        "id": identifier,
        "title": PLACEHOLDER,
        "convention": convention,
        "services": [PLACEHOLDER],
        "source": _clause(section, annex),
        "currency": "EUR",
        "tax_basis": "TTC" if "ttc" in flat else "HT" if re.search(r"\bht\b", flat) else PLACEHOLDER,
        "unit": PLACEHOLDER,
    }
    if "mensuel" in flat or "mois" in flat:
        data["period"] = "month"
    elif "annuel" in flat or " an" in flat:
        data["period"] = "year"
    data |= {
        "dimensions": dimensions,
        "quantities": [{"id": "quantite", "label": PLACEHOLDER}],
        "lines": [{"component": component["id"], "quantity": "quantite"} for component in components],
        "versions": [{"valid_from": PLACEHOLDER, "components": components}],
    }
    return _header(
        [
            f"Brouillon écrit par « registre import » d’après la grille de l’article {section.number}"
            + (f" de l’annexe {annex}" if annex else "")
            + " du document.",
            "Chaque montant est celui d’une case de la grille ; vérifiez les intitulés, regroupez les dimensions si "
            "la grille en croise deux,",
            "dites comment les lignes se combinent (lines, quantities, options) et remplacez chaque « À COMPLÉTER ».",
        ]
    ) + to_yaml(data)


def convention(
    segmented: Segmented,
    identifier: str,
    organisations: list[str],
    known_topics: set[str],
    source_file: str,
    sha256: str,
    document_name: str,
) -> Drafts:
    drafts = Drafts()
    entry, term = _rules(segmented, drafts)
    data: dict = {
        "id": identifier,
        "reference": segmented.reference,
        "title": segmented.title or PLACEHOLDER,
        "summary": PLACEHOLDER,
        "parties": [_party(found, org, drafts) for found, org in zip(segmented.parties, organisations, strict=True)],
    }
    if len(data["parties"]) < 2:
        data["parties"] += [
            {
                "organisation": PLACEHOLDER,
                "role": PLACEHOLDER,
                "representative": {"name": PLACEHOLDER, "function": PLACEHOLDER},
                "mandate": PLACEHOLDER,
            }
        ] * (2 - len(data["parties"]))
    if segmented.preamble:
        data["preamble"] = segmented.preamble
    if segmented.closing:
        data["closing"] = segmented.closing
    signature: dict = {"place": segmented.signature_place, "date": segmented.signature_date}
    data |= {
        "signature": signature,
        "entry_into_force": entry,
        "term": term,
        "services": [PLACEHOLDER],
        "providers": [],
    }
    data["articles"] = [
        _article(section, known_topics, f"articles[{position}] (article {section.number})", drafts)
        for position, section in enumerate(segmented.articles)
    ]
    if segmented.annexes:
        data["annexes"] = []
        for annex_position, annex in enumerate(segmented.annexes):
            annex_data: dict = {"number": annex.number, "heading": annex.heading, "title": annex.title}
            if annex.intro:
                annex_data["intro"] = annex.intro
            annex_data["articles"] = [
                _article(
                    section,
                    known_topics,
                    f"annexes[{annex_position}].articles[{position}] (annexe {annex.number}, {section.number})",
                    drafts,
                )
                for position, section in enumerate(annex.articles)
            ] or [{"number": "1", "heading": PLACEHOLDER, "title": PLACEHOLDER, "text": PLACEHOLDER}]
            data["annexes"].append(annex_data)
    data["source"] = {"file": source_file, "sha256": sha256, "description": f"Texte extrait de {document_name}."}
    header = [
        f"Brouillon écrit par « registre import » d’après {document_name} ; texte source : content/{source_file}.",
        "Vérifiez chaque valeur avec le document signé. « registre check » liste chaque « À COMPLÉTER » restant",
        "(le résumé, les services…) et le site n’est pas construit tant qu’il en reste. Les thèmes (topics), les",
        "rôles des parties et les dates lues dans le texte sont des suggestions : le rapport de l’import les liste.",
    ]
    drafts.files[f"conventions/{identifier}.yaml"] = _header(header) + to_yaml(data)
    return drafts
