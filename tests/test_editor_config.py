"""The browser editor's configuration cannot drift from the content model, and its vendored bundle is the
npm package's."""

from __future__ import annotations

import hashlib
import os
import typing

import pytest
import yaml
from pydantic import BaseModel

from generator.authoring import editor_bundle
from generator.authoring.editor_config import (
    COLLECTIONS,
    CONFIG,
    PAGE,
    Backend,
    backend_from,
    editor_config,
    editor_files,
)
from generator.build import Project, generate
from generator.cli import main

from conftest import ROOT


def _model_in(annotation) -> type[BaseModel] | None:
    """The model a field holds (itself, in a list, or optional), if any."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is dict:
        return None
    return next(filter(None, map(_model_in, typing.get_args(annotation))), None)


def unmatched(model: type[BaseModel], fields: list[dict], path: str) -> list[str]:
    """Every model field without an editor field, and every editor field without a model field."""
    by_name = {field["name"]: field for field in fields}
    problems = [f"{path}.{name}: no editor field" for name in model.model_fields if name not in by_name]
    problems += [f"{path}.{name}: not in the model" for name in by_name if name not in model.model_fields]
    for name, info in model.model_fields.items():
        field = by_name.get(name)
        inner = _model_in(info.annotation)
        if field is None or inner is None or field["widget"] == "hidden":
            continue
        if "fields" not in field:
            problems.append(f"{path}.{name}: holds {inner.__name__} but the editor field has no fields")
            continue
        problems += unmatched(inner, field["fields"], f"{path}.{name}")
    return problems


def test_every_model_field_is_an_editor_field_and_back():
    config = editor_config()
    by_name = {collection["name"]: collection for collection in config["collections"]}
    problems = []
    for collection in COLLECTIONS:
        problems += unmatched(collection.model, by_name[collection.name]["fields"], collection.name)
    assert problems == []


def test_the_check_fails_on_a_missing_or_extra_field():
    convention = next(c for c in editor_config()["collections"] if c["name"] == "conventions")
    articles = next(field for field in convention["fields"] if field["name"] == "articles")
    articles["fields"] = [field for field in articles["fields"] if field["name"] != "title"]
    articles["fields"].append({"name": "titre", "widget": "string"})
    model = next(c.model for c in COLLECTIONS if c.name == "conventions")
    assert unmatched(model, convention["fields"], "conventions") == [
        "conventions.articles.title: no editor field",
        "conventions.articles.titre: not in the model",
    ]


def _fields(config: dict, collection: str, *path: str) -> dict:
    fields = next(c for c in config["collections"] if c["name"] == collection)["fields"]
    field: dict = {}
    for name in path:
        field = next(f for f in fields if f["name"] == name)
        fields = field.get("fields", [])
    return field


def test_widgets_follow_the_model():
    config = editor_config()
    assert config["locale"] == "fr"
    assert [c["folder"] for c in config["collections"]] == [f"content/{c.name}" for c in COLLECTIONS]
    party = _fields(config, "conventions", "parties", "organisation")
    assert party["widget"] == "relation" and party["collection"] == "organisations" and party["required"]
    topics = _fields(config, "conventions", "articles", "topics")
    assert (topics["widget"], topics["collection"], topics["multiple"]) == ("relation", "topics", True)
    assert _fields(config, "conventions", "articles", "text")["widget"] == "markdown"
    assert _fields(config, "conventions", "articles", "title")["label"] == "Titre"
    kind = _fields(config, "conventions", "termination", "kind")
    assert kind["widget"] == "select" and kind["options"] == ["any_time", "before_anniversary"]
    # inside an optional object nothing is required, or the editor would refuse a file without it
    assert not kind["required"] and not _fields(config, "conventions", "termination")["required"]
    publish = _fields(config, "organisations", "contacts", "publish")
    assert publish["widget"] == "boolean" and publish["default"] is False and "Cochez" in publish["hint"]
    signature_date = _fields(config, "conventions", "signature", "date")
    assert signature_date["widget"] == "datetime" and signature_date["default"] == ""
    dimensions = _fields(config, "tariffs", "dimensions")
    assert dimensions["widget"] == "list" and [f["name"] for f in dimensions["fields"]] == ["id", "label", "values"]


def test_the_forge_comes_from_the_environment():
    backend = backend_from(
        {
            "REGISTRE_EDITOR_REPO": "syndicat/registre",
            "REGISTRE_EDITOR_APP_ID": "abc123",
            "REGISTRE_EDITOR_BASE_URL": "https://gitlab.exemple.fr/",
            "REGISTRE_EDITOR_LOCAL_PORT": "9999",
        }
    )
    config = editor_config(backend)
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "syndicat/registre",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc123",
        "base_url": "https://gitlab.exemple.fr",
        "api_root": "https://gitlab.exemple.fr/api/v4",
        "auth_endpoint": "oauth/authorize",
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"]["url"] == "http://127.0.0.1:9999/api/v1"
    assert backend_from({"REGISTRE_EDITOR_LOCAL_PORT": "huit"}) == Backend()


def test_the_build_writes_the_editor(project):
    files = generate(Project(project)).files
    page = files[PAGE]
    assert isinstance(page, str) and '<script src="../assets/admin/decap-cms.js"></script>' in page
    assert "http" not in page.replace("http-equiv", "")
    assert yaml.safe_load(files[CONFIG]) == editor_config(backend_from(os.environ))
    assert files["assets/admin/decap-cms.js"] == (ROOT / "templates/assets/admin/decap-cms.js").read_bytes()
    assert editor_files().keys() == {PAGE, CONFIG}


def test_vendored_bundle_matches_its_manifest():
    manifest = editor_bundle.read_manifest()
    assert manifest["package"] == "decap-cms"
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((editor_bundle.VENDORED / name).read_bytes()).hexdigest() == digest, name
    on_disk = {path.name for path in editor_bundle.VENDORED.iterdir()} - {"bundle.json"}
    assert on_disk == set(manifest["files"])


def test_vendored_bundle_is_the_locked_npm_package():
    dist = editor_bundle.TOOLS / "node_modules" / "decap-cms" / "dist"
    if not dist.is_dir():
        pytest.skip("tests/tools is not installed (make test installs it)")
    manifest = editor_bundle.read_manifest()
    locked = editor_bundle.locked_package()
    assert (manifest["version"], manifest["integrity"]) == (locked["version"], locked["integrity"])
    assert sorted(manifest["files"]) == sorted(editor_bundle.bundle_files(dist))
    for name in manifest["files"]:
        assert (dist / name).read_bytes() == (editor_bundle.VENDORED / name).read_bytes(), name


EDITOR_SAVED = """contacts:
  - function: Secrétariat
    name: ''
    publish: false
kind: communauté de communes
id: cc-haut-val
address: []
name: Communauté de communes du Haut-Val
website: ''
notes_du_registre: à revoir
"""
CANONICAL = """id: cc-haut-val
name: Communauté de communes du Haut-Val
kind: communauté de communes
contacts:
  - function: Secrétariat
    publish: false
"""


def test_fix_format_restores_the_layout_the_editor_loses(project, capsys):
    saved = project / "content" / "organisations" / "cc-haut-val.yaml"
    saved.write_text(EDITOR_SAVED, encoding="utf-8")
    by_hand = project / "content" / "services" / "a-la-main.yaml"
    written = "# écrit à la main\nname: Service écrit à la main\nid: a-la-main\ndescription: ''\n"
    by_hand.write_text(written, encoding="utf-8")
    main(["--project", str(project), "check", "--fix-format"])
    report = capsys.readouterr().err
    assert "Mise en forme rétablie : content/organisations/cc-haut-val.yaml" in report
    # a key the model does not know stays, last, for the check to name
    assert saved.read_text(encoding="utf-8") == CANONICAL + "notes_du_registre: à revoir\n"
    assert "cc-haut-val.yaml:7: notes_du_registre" in report
    assert by_hand.read_text(encoding="utf-8") == written
    assert "2 fichiers avec des commentaires laissés tels quels (écrits à la main)." in report


def test_canonical_layout_is_stable_and_keeps_texts_and_amounts():
    from decimal import Decimal

    from generator.authoring.canonical_yaml import canonical_text
    from generator.register import models

    article = "number: '2'\nheading: 'Article 2'\ntitle: Durée\ntext: \"Première ligne.\\n\\n- un\\n- deux\\n\"\n"
    fixed = canonical_text(article, models.Article)
    assert fixed == "number: '2'\nheading: Article 2\ntitle: Durée\ntext: |\n  Première ligne.\n\n  - un\n  - deux\n"
    assert canonical_text(fixed, models.Article) == fixed
    amount = canonical_text("year: 2026\namount: 9.60\ndescription: x\n", models.IndicativeAmount)
    assert "amount: 9.60\n" in amount and Decimal("9.60") == Decimal(amount.split("amount: ")[1].split()[0])
    dated = canonical_text("first: '2026-03-01'\nlast: ''\n", models.Publication)
    assert dated == "first: 2026-03-01\n"
