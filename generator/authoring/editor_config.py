"""The browser editor's configuration (Decap CMS `config.yml`), generated from the content model.

One collection per kind of content file, one editor field per model field, with the French labels and
help of `field_help`: required fields, enums (Literal fields) as selects, references to other files as
relation widgets, nested models as objects, lists of models as lists, long texts as text areas and the
verbatim texts as Markdown in raw mode only (the rich text mode would rewrite a verbatim text on save).

The editor cannot state every rule of the models (one of several keys, price grids keyed by dimension
values): `registre check`, in the editor's preview and in CI, says the rest.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import annotated_types
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.authoring.editor_bundle import SCRIPT
from generator.authoring.editor_schemas import DATE_PATTERN, PATTERN_MESSAGES
from generator.register import field_help, models

#: where the editor's page and configuration go, relative to the site root
PAGE = "admin/index.html"
CONFIG = "admin/config.yml"


@dataclass(frozen=True)
class Collection:
    name: str
    model: type[BaseModel]
    label: str
    summary: str
    search_fields: tuple[str, ...]


COLLECTIONS = (
    Collection("conventions", models.Convention, "Conventions", "{{title}}", ("title", "id")),
    *(
        [Collection("models", models.ConventionModel, "Modèles de convention", "{{name}}", ("name", "id"))]
        if hasattr(models, "ConventionModel")
        else []
    ),
    Collection("organisations", models.Organisation, "Organisations", "{{name}}", ("name", "short_name", "id")),
    Collection("services", models.Service, "Services", "{{name}}", ("name", "id")),
    Collection("topics", models.Topic, "Types de clauses", "{{label}}", ("label", "id")),
    Collection("tariffs", models.Tariff, "Tarifs", "{{title}}", ("title", "id")),
    Collection("notices", models.PrivacyNotice, "Notices d’information", "{{title}}", ("title", "id")),
)
BY_NAME = {collection.name: collection for collection in COLLECTIONS}

#: (model, field) -> the collection whose file ids the field holds
REFERENCES: dict[tuple[str, str], str] = {
    ("ClauseRef", "convention"): "conventions",
    ("Party", "organisation"): "organisations",
    ("Deliberation", "organisation"): "organisations",
    ("Service", "provider"): "organisations",
    ("Convention", "services"): "services",
    ("Convention", "providers"): "organisations",
    ("Annex", "services"): "services",
    ("AmendmentChange", "services"): "services",
    ("AmendmentChange", "providers"): "organisations",
    ("Article", "topics"): "topics",
    ("Insertion", "topics"): "topics",
    ("AmendmentChange", "topics"): "topics",
    ("TerminationEvent", "by"): "organisations",
    ("Tariff", "convention"): "conventions",
    ("Tariff", "services"): "services",
    ("PrivacyNotice", "conventions"): "conventions",
    ("PrivacyNotice", "services"): "services",
    ("PrivacyNotice", "controller"): "organisations",
}

#: the texts copied verbatim from the signed documents, written in Markdown
MARKDOWN: frozenset[tuple[str, str]] = frozenset(
    {
        ("Article", "text"),
        ("Annex", "intro"),
        ("Convention", "preamble"),
        ("Convention", "closing"),
        ("Amendment", "preamble"),
        ("Amendment", "closing"),
        ("Insertion", "text"),
        ("AmendmentChange", "text"),
    }
)

#: texts of a sentence or more, edited in a text area
LONG_TEXTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("Convention", "summary"),
        ("Amendment", "summary"),
        ("Service", "description"),
        ("Topic", "description"),
        ("Term", "description"),
        ("Party", "mandate"),
        ("Article", "heading"),
        ("Annex", "heading"),
        ("EditorialNote", "text"),
        ("TranscriptionChoice", "reason"),
        ("AmendmentChange", "wording"),
        ("TerminationEvent", "reason"),
        ("Statement", "text"),
        ("Purpose", "text"),
        ("IndicativeAmount", "description"),
        ("Tariff", "revision"),
    }
)

#: (model, field) -> the editor's help, where the field's description speaks of YAML rather than of the form
HINTS: dict[tuple[str, str], str] = {
    ("Contact", "publish"): "Cochez pour publier le nom, le téléphone et l’adresse électronique : c’est une "
    "décision explicite. Non cochée (par défaut), seule la fonction est affichée sur le site.",
}

#: fields a form cannot edit: kept as they are in the file, edited in the YAML (see the README)
KEPT_AS_WRITTEN: frozenset[tuple[str, str]] = frozenset({("Component", "prices")})


@dataclass(frozen=True)
class Backend:
    """The forge the editor saves to, outside local editing."""

    name: Literal["gitlab", "github"] = "gitlab"
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    """The forge's address (a self-hosted GitLab), or for GitHub the OAuth server's."""
    app_id: str = ""
    """GitLab: the OAuth application's id (PKCE needs no secret and no server)."""
    local_port: int = 8081
    """The port of the local backend (`registre edit`), which the editor tries first on 127.0.0.1."""


#: environment variable -> Backend attribute, read by the site build
BACKEND_VARIABLES = {
    "REGISTRE_EDITOR_FORGE": "name",
    "REGISTRE_EDITOR_REPO": "repo",
    "REGISTRE_EDITOR_BRANCH": "branch",
    "REGISTRE_EDITOR_BASE_URL": "base_url",
    "REGISTRE_EDITOR_APP_ID": "app_id",
    "REGISTRE_EDITOR_LOCAL_PORT": "local_port",
}


def backend_from(environment: Mapping[str, str]) -> Backend:
    values: dict[str, Any] = {
        attribute: environment[name] for name, attribute in BACKEND_VARIABLES.items() if environment.get(name)
    }
    if values.get("name", "gitlab") not in ("gitlab", "github"):
        values.pop("name")
    port = str(values.pop("local_port", ""))
    if port.isdigit() and 0 < int(port) < 65536:
        values["local_port"] = int(port)
    return Backend(**values)


def backend_config(backend: Backend) -> dict[str, Any]:
    config: dict[str, Any] = {"name": backend.name, "repo": backend.repo, "branch": backend.branch}
    if backend.name == "gitlab":
        config |= {"auth_type": "pkce", "app_id": backend.app_id}
        if backend.base_url:
            root = backend.base_url.rstrip("/")
            config |= {"base_url": root, "api_root": f"{root}/api/v4", "auth_endpoint": "oauth/authorize"}
    elif backend.base_url:
        config["base_url"] = backend.base_url.rstrip("/")
    return config


# --- types --------------------------------------------------------------------------------------------


def _alternatives(annotation: Any) -> list[Any]:
    """The types a value may have: unions unwrapped, None left out; Annotated kept (its constraints count)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [found for argument in typing.get_args(annotation) for found in _alternatives(argument)]
    return [] if annotation is type(None) else [annotation]


def _bare(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _constraints(annotation: Any, field: FieldInfo | None = None) -> list[Any]:
    found = list(field.metadata) if field is not None else []
    while typing.get_origin(annotation) is typing.Annotated:
        for extra in typing.get_args(annotation)[1:]:
            found += extra.metadata if isinstance(extra, FieldInfo) else [extra]
        annotation = typing.get_args(annotation)[0]
    return found


def _pattern(constraints: list[Any]) -> str | None:
    return next((getattr(item, "pattern", None) for item in constraints if getattr(item, "pattern", None)), None)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


# --- fields -------------------------------------------------------------------------------------------


def _words(owner: str, name: str) -> field_help.FieldHelp:
    """The field's French label and help; a field added to the models before its words gets its name."""
    return field_help.FIELDS.get((owner, name), field_help.FieldHelp(name, ""))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _scalar_widget(owner: str, name: str, annotation: Any, constraints: list[Any]) -> dict[str, Any]:
    """The widget of one value that is not a model: text, number, date, yes/no or a choice."""
    tp = _bare(annotation)
    if (owner, name) in REFERENCES:
        target = BY_NAME[REFERENCES[(owner, name)]]
        return {
            "widget": "relation",
            "collection": target.name,
            "value_field": "id",
            "search_fields": list(target.search_fields),
            "display_fields": [target.search_fields[0]],
        }
    if typing.get_origin(tp) is Literal:
        return {"widget": "select", "options": list(typing.get_args(tp))}
    if tp is bool:
        return {"widget": "boolean"}
    if tp is int:
        widget: dict[str, Any] = {"widget": "number", "value_type": "int"}
        for item in constraints:
            if isinstance(item, annotated_types.Ge):
                widget["min"] = item.ge
            if isinstance(item, annotated_types.Le):
                widget["max"] = item.le
        return widget
    if tp is Decimal:
        return {"widget": "number", "value_type": "float", "step": 0.01}
    if tp is dt.date:
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "DD/MM/YYYY",
            "time_format": False,
            "picker_utc": True,
            "pattern": [DATE_PATTERN, PATTERN_MESSAGES[DATE_PATTERN]],
        }
    if (owner, name) in MARKDOWN:
        return {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True}
    widget = {"widget": "text" if (owner, name) in LONG_TEXTS else "string"}
    pattern = _pattern(constraints)
    if pattern in PATTERN_MESSAGES:
        widget["pattern"] = [pattern, PATTERN_MESSAGES[pattern]]
    return widget


def _model_fields(model: type[BaseModel], required_context: bool) -> list[dict[str, Any]]:
    return [_field(model.__name__, name, info, required_context) for name, info in model.model_fields.items()]


def _field(owner: str, name: str, info: FieldInfo, required_context: bool) -> dict[str, Any]:
    """One model field as an editor field. Inside an optional object, nothing is required: the editor would
    otherwise refuse to save a file that leaves the whole object out (`registre check` still says what an
    object that is there lacks)."""
    required = required_context and info.is_required()
    field: dict[str, Any] = {
        "name": name,
        "label": _capitalised(_words(owner, name).label),
        "hint": HINTS.get((owner, name), _words(owner, name).description),
        "required": required,
    }
    if (owner, name) in KEPT_AS_WRITTEN or typing.get_origin(_bare(_alternatives(info.annotation)[0])) is dict:
        field["widget"] = "hidden"
        return field
    [annotation] = _alternatives(info.annotation) or [info.annotation]
    tp = _bare(annotation)
    if typing.get_origin(tp) is list:
        [item] = _alternatives(typing.get_args(tp)[0])
        field |= _list_widget(owner, name, item, required)
    elif _is_model(tp):
        field |= {"widget": "object", "fields": _model_fields(tp, required)}
        if not required:
            field["collapsed"] = True
    else:
        field |= _scalar_widget(owner, name, annotation, _constraints(annotation, info))
    if info.default not in (None, [], {}, PydanticUndefined) and not _is_model(type(info.default)):
        field["default"] = info.default
    if field.get("widget") == "datetime" and "default" not in field:
        field["default"] = ""  # not today: a date the document does not give stays blank
    if field.get("widget") == "boolean" and "default" not in field:
        field["default"] = False
    return field


def _list_widget(owner: str, name: str, item: Any, required: bool) -> dict[str, Any]:
    item_label = field_help.ITEM_LABELS.get((owner, name), _words(owner, name).label)
    # an explicit empty default: without it the editor starts a list whose items have defaults with one item
    widget: dict[str, Any] = {"widget": "list", "label_singular": item_label, "default": []}
    if (owner, name) in REFERENCES:
        return _scalar_widget(owner, name, item, []) | {"multiple": True}
    if _is_model(_bare(item)):
        model = _bare(item)
        widget["fields"] = _model_fields(model, True)
        widget["collapsed"] = False
        widget["summary"] = _list_summary(model)
        return widget
    widget["field"] = {"name": "value", "label": _capitalised(item_label)} | _scalar_widget(
        owner, name, item, _constraints(item)
    )
    return widget


def _list_summary(model: type[BaseModel]) -> str:
    names = [
        name for name in ("number", "title", "label", "name", "function", "text", "id") if name in model.model_fields
    ]
    return " – ".join(f"{{{{fields.{name}}}}}" for name in names[:2])


# --- the whole configuration --------------------------------------------------------------------------


def collection_config(collection: Collection) -> dict[str, Any]:
    model = collection.model
    return {
        "name": collection.name,
        "label": collection.label,
        "label_singular": _capitalised(field_help.MODELS.get(model.__name__, (collection.label,))[0]),
        "description": field_help.MODELS.get(model.__name__, ("", ""))[1],
        "folder": f"content/{collection.name}",
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        "delete": False,
        "identifier_field": "id",
        "slug": "{{fields.id}}",
        "summary": collection.summary,
        "sortable_fields": list(collection.search_fields[:1]) + ["id"],
        "fields": _model_fields(model, True),
    }


def editor_config(backend: Backend = Backend()) -> dict[str, Any]:
    """The whole configuration of the editor: the forge, local editing, French, and the collections."""
    return {
        "backend": backend_config(backend),
        "publish_mode": "editorial_workflow",
        "local_backend": {
            "url": f"http://127.0.0.1:{backend.local_port}/api/v1",
            "allowed_hosts": ["127.0.0.1", "localhost"],
        },
        "locale": "fr",
        "site_url": "/",
        "display_url": "/",
        "media_folder": "content/sources",
        "public_folder": "/sources",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection_config(collection) for collection in COLLECTIONS],
    }


def config_text(config: dict[str, Any]) -> str:
    header = "# Generated by the site build from the content model (generator/authoring/editor_config.py).\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def page_html(script: str = "../" + SCRIPT) -> str:
    """The editor's page: the vendored bundle, and nothing from another host.

    It has no <head> element (HTML lets a page leave it out), so that the site build gives it no policy of
    the register's pages (generator/publishing/csp.py): the editor compiles its form validation at run time
    (eval), styles its widgets inline and calls the forge's API. The server's policy for /admin/ says what
    it may load instead (README, "Editing in the browser")."""
    return f"""<!doctype html>
<html lang="fr">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="description" content="Modifier le registre dans le navigateur : l’éditeur des conventions, des \
organisations, des services, des tarifs et des notices, réservé au personnel.">
<title>Modifier le registre</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<body>
<script src="{script}"></script>
</body>
</html>
"""


def editor_files(backend: Backend = Backend()) -> dict[str, str]:
    """The files the site build adds for the editor, by path relative to the site root."""
    return {PAGE: page_html(), CONFIG: config_text(editor_config(backend))}
