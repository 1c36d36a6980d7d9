"""JSON Schemas of the YAML files, in French, for the editors the staff type in.

One schema per kind of file (`kind_schemas`), generated from the models: pydantic gives the structure, the
types, the required fields, the id patterns and the enums (Literal fields); this module then

- writes dates as text in the AAAA-MM-JJ form (`format: date` and a pattern), as YAML 1.2 editors read them;
- writes amounts as numbers of at most two decimals, zero or more, as `registre check` accepts them
  (generator/tariffs/checks.py);
- replaces the models' English docstrings by the French titles, descriptions and examples of
  `field_help`, and gives the patterns French error messages (`patternErrorMessage`, understood by the
  YAML language server that editors run);
- adds the rules a schema can state simply: the SIRET's 14 digits, a period's non-empty length, the anchor
  date a `before_anniversary` termination needs, the renewal period renewals need, the clause (`source`)
  an entry into force or a term cites unless the document states none, an avenant's entry into force (a
  date or on signature), and a change's one kind (with the new wording a `replace` needs, and only there).

`registre schema --write` writes them to generator/schemas/<kind>.schema.json, which .vscode/settings.json
maps to the content folders; a test keeps those files in step with the models.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from generator.register import field_help, models
from generator.register.site_config import SiteConfig

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: kind -> (model, folder of its files relative to the project, names of its files in that folder)
KINDS: dict[str, tuple[type[BaseModel], str, tuple[str, ...]]] = {
    "organisation": (models.Organisation, "content/organisations", ("*.yaml", "*.yml")),
    "service": (models.Service, "content/services", ("*.yaml", "*.yml")),
    "topic": (models.Topic, "content/topics", ("*.yaml", "*.yml")),
    "convention": (models.Convention, "content/conventions", ("*.yaml", "*.yml")),
    "tariff": (models.Tariff, "content/tariffs", ("*.yaml", "*.yml")),
    "notice": (models.PrivacyNotice, "content/notices", ("*.yaml", "*.yml")),
    "model": (models.ConventionModel, "content/models", ("*.yaml", "*.yml")),
    "site": (SiteConfig, "site_config", ("site.yaml",)),
}

DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
SIRET_PATTERN = r"^ *([0-9] *){14}$"

#: a pattern of the models -> the French message an editor shows when a value does not match it
PATTERN_MESSAGES = {
    DATE_PATTERN: "Date attendue au format AAAA-MM-JJ, par exemple 2026-02-17 (et non 17/02/2026).",
    models.ID_PATTERN: "Identifiant attendu : lettres minuscules sans accent, chiffres et tirets, par exemple "
    "smica-severac-2026cv4.",
    models.ARTICLE_NUMBER_PATTERN: "Numéro attendu : chiffres ou lettres, éventuellement reliés par une espace "
    "ou un tiret, par exemple '3', D, 2-1 ou 5 bis.",
    models.SHA256_PATTERN: "Empreinte SHA-256 attendue : 64 caractères parmi 0-9 et a-f.",
    models.TEXT_FILE_PATTERN: "Chemin de fichier attendu, relatif à content/, par exemple sources/ma-convention.txt.",
    SIRET_PATTERN: "Le SIRET compte 14 chiffres (espaces permis), par exemple 200 066 710 00019.",
    models.PLACEHOLDER_NAME_PATTERN: "Nom d’emplacement attendu : lettres minuscules sans accent, chiffres et _, "
    "par exemple le_membre.",
}
#: what a convention signed on a model (`model:`) may leave to its model
FROM_MODEL = ("title", "summary", "articles", "entry_into_force", "term")

#: a pattern of the models -> the message for a value that is not text at all (a number YAML read as such)
NOT_TEXT_MESSAGES = {
    models.ID_PATTERN: "Identifiant attendu, entre apostrophes s’il n’a que des chiffres, par exemple '3'.",
    models.ARTICLE_NUMBER_PATTERN: "Numéro attendu, entre apostrophes s’il n’a que des chiffres, par exemple '3'.",
}

AMOUNT_MESSAGE = "Montant attendu : un nombre écrit avec un point, par exemple 9.60."
PERIOD_MESSAGE = "Une durée indique au moins years (années), months (mois) ou days (jours), par exemple months: 2."

#: (model, field) -> constraints on the field's value (its text branch, when the field is optional)
FIELD_CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = {
    ("Organisation", "siret"): {"pattern": SIRET_PATTERN},
}


def _required_unless_not_stated(name: str) -> dict[str, Any]:
    return {
        "if": {"properties": {"not_stated": {"const": True}}, "required": ["not_stated"]},
        "else": {"required": [name]},
    }


CHANGE_MESSAGE = (
    "Un changement a une seule de ces clés : " + ", ".join(models.CHANGE_KINDS) + " ; par exemple "
    "replace: {article: '1'} avec text, ou delete: {article: '6'}."
)
REWORDING = ("text", "title", "heading", "topics")
REWORDING_MESSAGE = "Un remplacement (replace) donne le nouveau text, title, heading ou topics de l’article."
REWORDING_ELSEWHERE_MESSAGE = (
    "text, title, heading et topics accompagnent replace seulement : pour un nouvel article, écrivez-les dans insert."
)
ACT_ENTRY_MESSAGE = "Indiquez date: AAAA-MM-JJ, ou on_signature: true (à la signature), l’un ou l’autre."


def _one_change_kind() -> dict[str, Any]:
    """Exactly one kind of change (models.AmendmentChange)."""
    return {"oneOf": [{"required": [kind], "errorMessage": CHANGE_MESSAGE} for kind in models.CHANGE_KINDS]}


def _rewording_with_replace_only() -> dict[str, Any]:
    reworded = [{"required": [name]} for name in REWORDING]
    return {
        "if": {"required": ["replace"]},
        "then": {"anyOf": reworded, "errorMessage": REWORDING_MESSAGE},
        "else": {"not": {"anyOf": reworded}, "errorMessage": REWORDING_ELSEWHERE_MESSAGE},
    }


#: model -> rules across its fields, as JSON Schema (all must hold)
MODEL_RULES: dict[str, list[dict[str, Any]]] = {
    "Period": [
        {"anyOf": [{"required": [name], "errorMessage": PERIOD_MESSAGE} for name in ("years", "months", "days")]}
    ],
    "EntryIntoForce": [_required_unless_not_stated("source")],
    "Term": [
        {
            "if": {"properties": {"renewals": {"minimum": 1}}, "required": ["renewals"]},
            "then": {"required": ["renewal_period"]},
        },
        _required_unless_not_stated("source"),
    ],
    "Termination": [
        {
            "if": {"properties": {"kind": {"const": "before_anniversary"}}, "required": ["kind"]},
            "then": {"required": ["anchor"]},
        }
    ],
    "ActEntryIntoForce": [
        {
            "oneOf": [
                {"required": ["date"], "properties": {"on_signature": {"const": False}}},
                {
                    "required": ["on_signature"],
                    "properties": {"on_signature": {"const": True}},
                    "not": {"required": ["date"]},
                },
            ],
            "errorMessage": ACT_ENTRY_MESSAGE,
        }
    ],
    "AmendmentChange": [_one_change_kind(), _rewording_with_replace_only()],
}


class EditorJsonSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema, with dates and amounts written the way the YAML files write them."""

    def date_schema(self, schema) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def decimal_schema(self, schema) -> dict[str, Any]:
        """The models' decimals are all amounts in euros (models.Amount): zero or more, at most two decimals."""
        amount: dict[str, Any] = {"type": "number", "minimum": 0, "multipleOf": 0.01, "errorMessage": AMOUNT_MESSAGE}
        if schema.get("lt") is not None:
            amount["exclusiveMaximum"] = float(schema["lt"])
        return amount


# --- walking a schema --------------------------------------------------------------------------------

_SCHEMA_MAPS = ("properties", "$defs", "patternProperties", "dependentSchemas")
_SCHEMA_LISTS = ("anyOf", "allOf", "oneOf", "prefixItems")
_SCHEMA_VALUES = ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames")


def _subschemas(node: dict) -> list[dict]:
    """The schemas directly inside `node` (not its keywords' other values, such as a property's name)."""
    found = [value for key in _SCHEMA_MAPS for value in node.get(key, {}).values()]
    found += [value for key in _SCHEMA_LISTS for value in node.get(key, [])]
    found += [node[key] for key in _SCHEMA_VALUES if isinstance(node.get(key), dict)]
    return found


def _walk(node: dict):
    yield node
    for child in _subschemas(node):
        yield from _walk(child)


def _without_english(schema: dict) -> dict:
    """Remove the titles and descriptions pydantic took from the models' English names and docstrings."""
    for node in _walk(schema):
        node.pop("title", None)
        node.pop("description", None)
    return schema


def _with_pattern_messages(schema: dict) -> dict:
    for node in _walk(schema):
        if node.get("pattern") in PATTERN_MESSAGES:
            node["patternErrorMessage"] = PATTERN_MESSAGES[node["pattern"]]
        if node.get("pattern") in NOT_TEXT_MESSAGES:
            node["errorMessage"] = NOT_TEXT_MESSAGES[node["pattern"]]
    return schema


def _value_branch(node: dict) -> dict:
    """The schema of a field's value when it is given: the non-null branch of an optional field."""
    branches = [branch for branch in node.get("anyOf", []) if branch.get("type") != "null"]
    return branches[0] if len(branches) == 1 else node


# --- French words ------------------------------------------------------------------------------------


def _models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """`model` and every model its fields use, by class name (the names of pydantic's `$defs`)."""
    found: dict[str, type[BaseModel]] = {}
    pending = [model]
    while pending:
        current = pending.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for field in current.model_fields.values():
            pending += [tp for tp in _types_in(field.annotation) if isinstance(tp, type) and issubclass(tp, BaseModel)]
    return found


def _types_in(annotation: Any) -> list[Any]:
    """Every type named in an annotation, arguments included: list[Article] | None -> list, Article, None."""
    arguments = getattr(annotation, "__args__", ()) or ()
    return [annotation, *(found for argument in arguments for found in _types_in(argument))]


def _describe_model(node: dict, model: type[BaseModel]) -> None:
    name = model.__name__
    node["title"] = field_help.model_label(name)[0].upper() + field_help.model_label(name)[1:]
    node["description"] = field_help.model_description(name)
    for field_name, prop in node.get("properties", {}).items():
        help_ = field_help.FIELDS[(name, field_name)]
        prop["title"] = help_.label
        prop["description"] = help_.description
        if help_.example is not None:
            prop["examples"] = [help_.example]
        if (name, field_name) in field_help.ITEM_LABELS and isinstance(prop.get("items"), dict):
            prop["items"]["title"] = field_help.ITEM_LABELS[(name, field_name)]
        _value_branch(prop).update(copy.deepcopy(FIELD_CONSTRAINTS.get((name, field_name), {})))
    if name in MODEL_RULES:
        node.setdefault("allOf", []).extend(copy.deepcopy(MODEL_RULES[name]))


def kind_schema(model: type[BaseModel]) -> dict:
    """The French editor schema of the files of one model."""
    schema = _without_english(model.model_json_schema(schema_generator=EditorJsonSchema))
    known = _models_in(model)
    _describe_model(schema, model)
    for name, definition in schema.get("$defs", {}).items():
        _describe_model(definition, known[name])
    if model is models.Convention:
        _required_unless_from_model(schema)
    return {"$schema": DIALECT, **_with_pattern_messages(schema)}


def _required_unless_from_model(schema: dict) -> None:
    """A convention signed on a model may leave its shared text to the model: required only without `model`."""
    supplied = [name for name in FROM_MODEL if name in schema.get("required", [])]
    schema["required"] = [name for name in schema["required"] if name not in supplied]
    schema.setdefault("allOf", []).append({"if": {"not": {"required": ["model"]}}, "then": {"required": supplied}})


def kind_schemas() -> dict[str, dict]:
    """The editor schema of every kind of file: organisation, service, topic, convention, tariff, notice, site."""
    return {kind: kind_schema(model) for kind, (model, _, _) in KINDS.items()}


def content_schemas() -> dict[str, dict]:
    """The editor schemas of the content files, keyed by their folder under content/ (`registre schema`)."""
    return {
        folder.removeprefix("content/"): kind_schema(model)
        for model, folder, _ in KINDS.values()
        if folder.startswith("content/")
    }


# --- files -------------------------------------------------------------------------------------------


def schema_text(schema: dict) -> str:
    """A schema as the shipped files hold it: pretty-printed, keys sorted, French letters kept."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_files() -> dict[str, str]:
    """File name under generator/schemas/ -> its expected text."""
    return {schema_file_name(kind): schema_text(schema) for kind, schema in kind_schemas().items()}


def write_schemas(folder: Path | None = None) -> list[Path]:
    """Write every kind's schema into `folder` (generator/schemas/ by default); return the files written."""
    folder = folder or SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def editor_mapping(schema_folder: str = "./generator/schemas") -> dict[str, list[str]]:
    """The `yaml.schemas` setting of the YAML extension: each schema file -> the files it describes."""
    return {
        f"{schema_folder}/{schema_file_name(kind)}": [f"{folder}/{name}" for name in names]
        for kind, (_, folder, names) in KINDS.items()
    }
