"""The editors' help: French words for every field, the per-kind JSON Schemas shipped in generator/schemas/,
the VS Code mapping, and the real YAML language server (the one VS Code's YAML extension runs) reading them."""

from __future__ import annotations

import inspect
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
import typing
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel, TypeAdapter

from generator.authoring import editor_schemas
from generator.cli import main
from generator.register import field_help, load, models, site_config
from generator.register.field_help import field_in_words

from conftest import REGISTER, ROOT

SERVER = ROOT / "tests" / "tools" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
WAIT = 30  # seconds: the longest any exchange with the language server may take


def all_models() -> dict[str, type[BaseModel]]:
    """Every model class of the content and of the site configuration, by name: those the two modules define
    and those the files' models use."""
    found = {}
    for module in (models, site_config):
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, models.Model) and value is not models.Model:
                found[name] = value
    for model, _, _ in editor_schemas.KINDS.values():
        found.update(editor_schemas._models_in(model))
    return found


def all_fields() -> dict[tuple[str, str], object]:
    return {(name, field): info for name, model in all_models().items() for field, info in model.model_fields.items()}


def is_list(annotation) -> bool:
    return any(typing.get_origin(tp) is list for tp in field_help._alternatives(annotation))


# --- the table of French words ----------------------------------------------------------------------


def test_every_field_of_every_model_has_french_help_and_nothing_else_has():
    fields, table = set(all_fields()), set(field_help.FIELDS)
    assert not fields - table, (
        f"fields without French help in generator/register/field_help.py: {sorted(fields - table)}"
    )
    assert not table - fields, f"French help for fields that do not exist: {sorted(table - fields)}"


def test_every_list_field_names_its_items_and_only_list_fields_do():
    lists = {key for key, info in all_fields().items() if is_list(info.annotation)}
    named = set(field_help.ITEM_LABELS)
    assert not lists - named, f"list fields without an item label (ITEM_LABELS): {sorted(lists - named)}"
    assert not named - lists, f"item labels for fields that are not lists: {sorted(named - lists)}"


def test_every_model_has_a_french_name_and_description():
    assert set(field_help.MODELS) == set(all_models())


def test_labels_are_lower_case_phrases_with_known_gender():
    labels = [help_.label for help_ in field_help.FIELDS.values()]
    labels += list(field_help.ITEM_LABELS.values()) + [name for name, _ in field_help.MODELS.values()]
    for text in labels:
        assert text and text[0].islower() and text == text.strip(), text
        assert field_help.head_noun(text) in field_help.NOUNS, f"add « {field_help.head_noun(text)} » to NOUNS"


def test_french_typography():
    texts = [text for help_ in field_help.FIELDS.values() for text in (help_.label, help_.description)]
    texts += [text for pair in field_help.MODELS.values() for text in pair]
    for text in texts:
        assert not re.search(r"[^\W\d_]'[^\W\d_]", text), f"use the ’ apostrophe: {text}"
        assert '"' not in text, f"use « » quotes: {text}"
        assert not re.search(r"«\S|\S»", text), f"a space inside « »: {text}"
    for help_ in field_help.FIELDS.values():
        assert help_.description.endswith((".", "…")), help_.description


def test_every_example_is_a_valid_value_of_its_field():
    for key, info in all_fields().items():
        example = field_help.FIELDS[key].example
        if example is not None:
            as_read = json.loads(json.dumps(example), parse_float=Decimal)  # the YAML loader reads Decimal
            TypeAdapter(typing.Annotated[info.annotation, info]).validate_python(as_read)  # raises if wrong


def test_label_and_description():
    assert field_help.label("Convention", "title") == "titre"
    assert field_help.label("Party", "mandate_date") == "date du mandat"
    assert field_help.description("Party", "mandate_date").startswith("Date de cet acte")
    with pytest.raises(KeyError, match=re.escape("Convention.couleur")):
        field_help.label("Convention", "couleur")


@pytest.mark.parametrize(
    ("model", "path", "words"),
    [
        (models.Convention, ("articles", 3, "title"), "titre de l’article n° 4"),
        (models.Convention, ("parties", 1, "mandate_date"), "date du mandat de la partie n° 2"),
        (models.Convention, ("parties", 0, "representative", "name"), "nom du représentant de la partie n° 1"),
        (models.Convention, ("annexes", 1, "articles", 0, "heading"), "intitulé de l’article n° 1 de l’annexe n° 2"),
        (
            models.Convention,
            ("annexes", 0, "termination", "notice", "months"),
            "nombre de mois du préavis de la résiliation de l’annexe n° 1",
        ),
        (models.Convention, ("signature", "date"), "date de la signature"),
        (models.Convention, ("entry_into_force",), "entrée en vigueur"),
        (models.Convention, ("articles", 2), "article n° 3"),
        (models.Convention, ("articles",), "articles"),
        (models.Convention, ("notes", 0, "text"), "texte de la note n° 1"),
        (models.Organisation, ("address", 2), "ligne d’adresse n° 3"),
        (models.Organisation, ("siret",), "numéro SIRET"),
        (
            models.Tariff,
            ("versions", 0, "components", 1, "prices", "3", "2"),
            "prix unitaires (« 3 », « 2 ») de la grille n° 2 de la version n° 1",
        ),
        (models.Tariff, ("indicative", 0, "amount"), "montant du montant indicatif n° 1"),
        (models.PrivacyNotice, ("purposes", 0, "legal_basis"), "base légale de la finalité n° 1"),
        (site_config.SiteConfig, ("publisher", "address", 0), "ligne d’adresse n° 1 de l’éditeur"),
        (site_config.SiteConfig, ("allowed_emails", 1), "adresse électronique n° 2"),
        # parts the models do not know: words for what is known, then stop
        (models.Convention, ("articles", 3, "couleur"), "champ « couleur » de l’article n° 4"),
        (models.Convention, ("couleur", 2, "title"), "champ « couleur »"),
        (models.Convention, ("title", 0), "titre"),
        (models.Convention, ("articles", "title"), "articles"),
        (models.Convention, (), "convention"),
    ],
)
def test_field_in_words(model, path, words):
    assert field_in_words(model, path) == words


# --- the schemas ------------------------------------------------------------------------------------


def test_shipped_schema_files_match_the_models():
    expected = editor_schemas.schema_files()
    shipped = {path.name: path.read_text(encoding="utf-8") for path in editor_schemas.SCHEMA_DIR.glob("*.json")}
    stale = sorted(name for name in expected.keys() | shipped.keys() if expected.get(name) != shipped.get(name))
    assert not stale, (
        f"generator/schemas/ is out of date with the models ({', '.join(stale)}): "
        "run `registre schema --write` and commit the result"
    )


def test_one_schema_per_kind_of_file():
    schemas = editor_schemas.kind_schemas()
    assert set(schemas) == {"organisation", "service", "topic", "convention", "tariff", "notice", "model", "site"}
    assert schemas["convention"]["title"] == "Convention"
    assert schemas["site"]["title"] == "Configuration du site"
    folders = {folder for _, folder, _ in editor_schemas.KINDS.values()}
    assert {f"content/{folder}" for folder in load.KINDS} <= folders, "every folder the loader reads has a schema"


def walk(schema: dict):
    return editor_schemas._walk(schema)


def test_schemas_speak_french_only():
    french = {help_.description for help_ in field_help.FIELDS.values()}
    french |= {description for _, description in field_help.MODELS.values()}
    for kind, schema in editor_schemas.kind_schemas().items():
        for node in walk(schema):
            if "description" in node:
                assert node["description"] in french, f"{kind}: description not from field_help: {node['description']}"


def test_fields_carry_their_label_description_and_example():
    convention = editor_schemas.kind_schema(models.Convention)
    party = convention["$defs"]["Party"]["properties"]["mandate_date"]
    assert party["title"] == "date du mandat"
    assert party["description"] == field_help.description("Party", "mandate_date")
    assert party["examples"] == ["2020-09-25"]
    assert convention["properties"]["articles"]["items"]["title"] == "article"
    assert convention["$defs"]["Party"]["title"] == "Partie"


def test_every_pattern_has_a_french_message():
    for kind, schema in editor_schemas.kind_schemas().items():
        for node in walk(schema):
            if "pattern" in node:
                assert node.get("patternErrorMessage") in editor_schemas.PATTERN_MESSAGES.values(), (
                    f"{kind}: no French message for the pattern {node['pattern']} (PATTERN_MESSAGES)"
                )


def date_schemas(schema: dict) -> list[dict]:
    return [node for node in walk(schema) if node.get("format") == "date"]


def test_dates_are_text_in_the_iso_form():
    schema = editor_schemas.kind_schema(models.Convention)
    dates = date_schemas(schema)
    assert len(dates) >= 5
    pattern = re.compile(editor_schemas.DATE_PATTERN)
    for node in dates:
        assert node["type"] == "string" and node["pattern"] == editor_schemas.DATE_PATTERN
    assert pattern.match("2026-02-17") and pattern.match("2024-12-31")
    for wrong in ("17/02/2026", "2026-2-17", "2026-13-01", "2026-02-17T10:00", " 2026-02-17"):
        assert not pattern.match(wrong), wrong


def test_literal_fields_are_enums():
    convention = editor_schemas.kind_schema(models.Convention)
    assert convention["$defs"]["Termination"]["properties"]["kind"]["enum"] == ["any_time", "before_anniversary"]
    tariff = editor_schemas.kind_schema(models.Tariff)
    assert tariff["properties"]["period"]["enum"] == ["month", "year"]
    notice = editor_schemas.kind_schema(models.PrivacyNotice)
    assert "mission d'intérêt public" in notice["$defs"]["Purpose"]["properties"]["legal_basis"]["enum"]


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("20006671000019", True),
        ("200 066 710 00019", True),
        (" 200 066 710 00019 ", True),
        ("2000667100001", False),
        ("200066710000190", False),
        ("200-066-710-00019", False),
        ("200\t066 710 00019", False),
        ("", False),
        ("2000667100001A", False),
    ],
)
def test_siret_pattern_agrees_with_the_model(siret, valid):
    schema = editor_schemas.kind_schema(models.Organisation)["properties"]["siret"]
    pattern = next(branch["pattern"] for branch in schema["anyOf"] if branch["type"] == "string")
    assert bool(re.search(pattern, siret)) is valid
    data = {"id": "exemple", "name": "Exemple", "kind": "entreprise", "siret": siret}
    try:
        models.Organisation.model_validate(data)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted is valid


def test_amounts_are_numbers_of_at_most_two_decimals_zero_or_more():
    tariff = editor_schemas.kind_schema(models.Tariff)
    amounts = [node for node in walk(tariff) if node.get("multipleOf") is not None]
    assert len(amounts) == 4  # the indicative amount and the three shapes of a price grid
    for node in amounts:
        assert node["type"] == "number" and node["minimum"] == 0 and node["multipleOf"] == 0.01
    assert not [node for node in walk(tariff) if node.get("type") == "string" and "multipleOf" in node]


def test_cli_prints_the_schemas_by_content_folder(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == set(load.KINDS)
    assert printed == json.loads(json.dumps(editor_schemas.content_schemas()))


def test_cli_writes_the_schema_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(editor_schemas, "SCHEMA_DIR", tmp_path / "schemas")
    assert main(["schema", "--write"]) == 0
    written = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "schemas").iterdir()}
    assert written == editor_schemas.schema_files()
    text = written["convention.schema.json"]
    assert text.endswith("}\n") and "« " in text and "\\u" not in text
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- the editor mapping -----------------------------------------------------------------------------


def test_vscode_maps_each_schema_to_its_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_schemas.editor_mapping()
    for schema_path in settings["yaml.schemas"]:
        assert (ROOT / schema_path).is_file(), schema_path
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# --- the real YAML language server ------------------------------------------------------------------


class LanguageServer:
    """A client of a language server over stdio (LSP: JSON-RPC with Content-Length headers). Every wait is
    bounded by WAIT seconds."""

    def __init__(self, command: list[str], stderr_path: Path, settings: dict):
        self.settings = settings
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        self.stderr_path = stderr_path
        self.messages: queue.Queue = queue.Queue()
        self.diagnostics: dict[str, list] = {}
        self._next_id = 0
        self._validated: set[str] = set()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        try:
            while True:
                headers = {}
                while line := stream.readline().decode("ascii").strip():
                    name, _, value = line.partition(":")
                    headers[name.lower()] = value.strip()
                if not headers:
                    break
                self.messages.put(json.loads(stream.read(int(headers["content-length"]))))
        finally:
            self.messages.put(None)  # the server has gone

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self._send({"method": method, "params": params or {}})

    def _next(self, deadline: float) -> dict:
        try:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(
                f"no answer from the YAML language server in {WAIT} s; its stderr:\n"
                + self.stderr_path.read_text(errors="replace")[-2000:]
            ) from None
        if message is None:
            self.messages.put(None)
            raise AssertionError(
                "the YAML language server stopped; its stderr:\n" + self.stderr_path.read_text(errors="replace")[-2000:]
            )
        self._handle(message)
        return message

    def _handle(self, message: dict) -> None:
        """Answer the server's own requests; keep its diagnostics."""
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        if method and "id" in message:
            result = None
            if method == "workspace/configuration":
                result = [self.settings.get(item.get("section"), {}) for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})

    def request(self, method: str, params: dict | None) -> object:
        self._next_id += 1
        request_id = self._next_id
        self._send({"id": request_id, "method": method, "params": params})
        deadline = time.monotonic() + WAIT
        while True:
            message = self._next(deadline)
            if message.get("id") == request_id and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")

    def diagnostics_of(self, path: Path, text: str) -> list[dict]:
        """Open `text` as the file at `path` and return the diagnostics the server publishes for it. Each path
        serves once: on closing a file the server publishes an empty list for it, which may come late."""
        uri = path.as_uri()
        assert uri not in self._validated, f"{path} was already validated: give each text its own path"
        self._validated.add(uri)
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
        )
        deadline = time.monotonic() + WAIT
        while uri not in self.diagnostics:
            self._next(deadline)
        found = self.diagnostics.pop(uri)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return found

    def stop(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", None)
                self.notify("exit")
                self.process.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=5)
            self._stderr.close()


def server_command() -> list[str]:
    node = shutil.which("node")
    if node is None or not SERVER.is_file():
        missing = "Node.js" if node is None else "yaml-language-server (tests/tools/node_modules)"
        message = f"{missing} is not installed: `make test` installs it (npm ci in tests/tools/)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [node, str(SERVER), "--stdio"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A project folder as the staff open it in VS Code: the fixture register and the shipped schemas."""
    folder = tmp_path_factory.mktemp("editor") / "registre"
    shutil.copytree(REGISTER / "content", folder / "content")
    shutil.copytree(REGISTER / "site_config", folder / "site_config")
    shutil.copytree(editor_schemas.SCHEMA_DIR, folder / "generator" / "schemas")
    # a convention model, and a convention signed on it that leaves its shared text to it
    models = ROOT / "tests" / "fixtures" / "models" / "content"
    shutil.copytree(models / "models", folder / "content" / "models")
    shutil.copy(models / "conventions" / "smica-bozouls-2026cv7.yaml", folder / "content" / "conventions")
    return folder


@pytest.fixture(scope="module")
def server(workspace, tmp_path_factory):
    """The YAML language server, configured as VS Code configures it from .vscode/settings.json."""
    command = server_command()
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    yaml_settings = {
        "schemas": settings["yaml.schemas"],
        "validate": True,
        "hover": True,
        "completion": True,
        "schemaStore": {"enable": False},
    }  # no catalogue download: the tests have no network
    client = LanguageServer(command, tmp_path_factory.mktemp("lsp") / "stderr.txt", {"yaml": yaml_settings})
    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "locale": "fr",
                "rootUri": workspace.as_uri(),
                "workspaceFolders": [{"uri": workspace.as_uri(), "name": workspace.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {"publishDiagnostics": {}, "hover": {"contentFormat": ["markdown"]}},
                },
            },
        )
        client.notify("initialized")
        client.notify("workspace/didChangeConfiguration", {"settings": {}})  # the server then asks for them
        wait_for_the_schemas(client, workspace)
        yield client
    finally:
        client.stop()


def wait_for_the_schemas(client: LanguageServer, workspace: Path) -> None:
    """Wait until the server applies the settings it asked for: it validates without them until then, and
    a file without a schema has no diagnostics, which would let a test of a correct file pass for nothing."""
    deadline = time.monotonic() + WAIT
    for attempt in range(1000):
        probe = workspace / "content" / "topics" / f"sonde-{attempt}.yaml"
        if client.diagnostics_of(probe, "champ_inconnu: 1\n"):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the YAML language server applied no schema to {probe} in {WAIT} s")
        time.sleep(0.1)


def line_of(text: str, needle: str) -> int:
    """0-based line of the first line of `text` that holds `needle` (LSP counts lines from 0)."""
    return next(number for number, line in enumerate(text.splitlines()) if needle in line)


def edited(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    return text.replace(old, new)


def by_line(diagnostics: list[dict]) -> dict[int, str]:
    return {diagnostic["range"]["start"]["line"]: diagnostic["message"] for diagnostic in diagnostics}


def test_language_server_reports_a_wrong_date_and_an_unknown_field(server, workspace):
    convention = workspace / "content" / "conventions" / "smica-severac-2026cv4.yaml"
    text = edited(convention, "  date: 2026-02-17\n", "  date: 17/02/2026\n") + "couleur: bleu\n"
    found = by_line(server.diagnostics_of(convention.with_name("erreurs.yaml"), text))
    assert set(found) == {line_of(text, "date: 17/02/2026"), line_of(text, "couleur: bleu")}, found
    assert found[line_of(text, "date: 17/02/2026")] == editor_schemas.PATTERN_MESSAGES[editor_schemas.DATE_PATTERN]
    assert "couleur" in found[line_of(text, "couleur: bleu")]


def test_language_server_reports_a_siret_of_13_digits(server, workspace):
    organisation = workspace / "content" / "organisations" / "smica.yaml"
    text = edited(organisation, "kind: syndicat mixte\n", "kind: syndicat mixte\nsiret: 200 066 710 0001\n")
    found = by_line(server.diagnostics_of(organisation.with_name("siret.yaml"), text))
    assert found == {line_of(text, "siret:"): editor_schemas.PATTERN_MESSAGES[editor_schemas.SIRET_PATTERN]}
    text = edited(organisation, "kind: syndicat mixte\n", "kind: syndicat mixte\nsiret: 200 066 710 00019\n")
    assert server.diagnostics_of(organisation.with_name("siret-juste.yaml"), text) == []


def test_language_server_accepts_the_amounts_registre_check_accepts(server, workspace):
    tariff = workspace / "content" / "tariffs" / "smica-severac-2026cv4-remuneration.yaml"
    original = tariff.read_text(encoding="utf-8")
    amount = re.search(r"amount: (\S+)", original).group(1)
    for good in ("9.60", "9.6", "12", "0", "1250.05", "0.07"):
        text = original.replace(f"amount: {amount}", f"amount: {good}", 1)
        assert server.diagnostics_of(tariff.with_name(f"montant-{good}.yaml"), text) == [], good
    for wrong in ("9.605", "-1", "'9,60'"):
        text = original.replace(f"amount: {amount}", f"amount: {wrong}", 1)
        found = by_line(server.diagnostics_of(tariff.with_name(f"faux-{len(wrong)}.yaml"), text))
        assert list(found) == [line_of(text, f"amount: {wrong}")], (wrong, found)


def test_language_server_states_the_rules_across_fields(server, workspace):
    convention = workspace / "content" / "conventions" / "smica-severac-2026cv4.yaml"
    text = edited(
        convention, "  kind: any_time\n  notice:\n    months: 2\n", "  kind: before_anniversary\n  notice: {}\n"
    )
    text = text.replace(
        "entry_into_force:\n  date: 2026-01-01\n  source:\n    article: '3'\n",
        "entry_into_force:\n  date: 2026-01-01\n",
    )
    found = by_line(server.diagnostics_of(convention.with_name("regles.yaml"), text))
    assert set(found) == {
        line_of(text, "notice: {}"),
        line_of(text, "termination:"),
        line_of(text, "entry_into_force:"),
    }
    assert found[line_of(text, "notice: {}")] == editor_schemas.PERIOD_MESSAGE
    assert "anchor" in found[line_of(text, "termination:")]
    assert "source" in found[line_of(text, "entry_into_force:")]
    stated_none = text.replace("entry_into_force:\n  date: 2026-01-01\n", "entry_into_force:\n  not_stated: true\n")
    found = by_line(server.diagnostics_of(convention.with_name("regles-non-precisee.yaml"), stated_none))
    assert line_of(stated_none, "entry_into_force:") not in found


def test_language_server_asks_to_quote_a_number_written_as_a_number(server, workspace):
    convention = workspace / "content" / "conventions" / "smica-severac-2026cv4.yaml"
    text = edited(
        convention,
        "entry_into_force:\n  date: 2026-01-01\n  source:\n    article: '3'\n",
        "entry_into_force:\n  date: 2026-01-01\n  source:\n    article: 3\n",
    )
    found = by_line(server.diagnostics_of(convention.with_name("article-nombre.yaml"), text))
    assert found == {line_of(text, "article: 3"): editor_schemas.NOT_TEXT_MESSAGES[models.ARTICLE_NUMBER_PATTERN]}


def test_language_server_finds_nothing_wrong_in_a_correct_register(server, workspace):
    files = sorted((workspace / "content").glob("*/*.yaml")) + [workspace / "site_config" / "site.yaml"]
    assert {path.parent.name for path in files} == {*load.KINDS, "site_config"}
    problems = {
        path.relative_to(workspace).as_posix(): found
        for path in files
        if (found := server.diagnostics_of(path, path.read_text(encoding="utf-8")))
    }
    assert problems == {}
    # and each of these files is under its schema, as .vscode/settings.json maps it: an unknown field shows
    for path in files:
        text = path.read_text(encoding="utf-8") + "champ_inconnu: 1\n"
        found = by_line(server.diagnostics_of(workspace / "copie" / path.relative_to(workspace), text))
        assert list(found) == [line_of(text, "champ_inconnu")], path.relative_to(workspace).as_posix()


def test_language_server_shows_the_french_description_on_hover(server, workspace):
    convention = workspace / "content" / "conventions" / "smica-severac-2026cv4.yaml"
    text = convention.read_text(encoding="utf-8")
    uri = convention.as_uri()
    server.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
    )
    hover = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line_of(text, "mandate_date:"), "character": 6}},
    )
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert "date du mandat" in hover["contents"]["value"]
    assert field_help.description("Party", "mandate_date") in hover["contents"]["value"]
