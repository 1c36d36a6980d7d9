"""Conventions signed on a model: the full convention assembled from the model's text and its particulars.

A convention file that says `model: <id>` gives only what differs between members. Its convention is:

1. the text of the model's version it follows (`model_version`, or the model's last version), each
   `{{ name }}` of its texts replaced by the convention's `model_values[name]`;
2. every field the convention gives replaces the model's, except `articles` and `annexes`: these are
   matched by `number`, and the fields a convention's article gives (its `text`, `title`…) replace the
   model article's. An optional article of the model is kept only when the convention lists its number.

The assembled data is then validated as any convention. Its source map (`AssembledSourceMap`) sends
each field back to the file it was written in: the model's file for the model's text, the convention's
file for its particulars, so that every problem names the line to edit.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.problems import Problem
from generator.register import models
from generator.register.store import Entry, Register
from generator.register.yamlsource import FieldPath, SourceMap, YamlDocument, format_field, string_values
from generator.wording import did_you_mean, french_date

#: `{{ name }}` in a model's text; the name may be anything, so that a misspelt one is reported
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
#: fields of a model's text merged item by item (matched on `number`) rather than replaced
NUMBERED = ("articles", "annexes")


def model_entries(register: Register) -> dict[str, Entry]:
    """The register's convention models, by id (the `models` kind of `load.KINDS`)."""
    return register.models


def placeholders_in(text: str) -> Iterator[re.Match[str]]:
    return PLACEHOLDER.finditer(text)


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known `{{ name }}` replaced by its value; the others are left as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


@dataclass
class AssembledSourceMap(SourceMap):
    """The source map of an assembled convention: each field's line in the file it comes from."""

    origins: dict[FieldPath, tuple[SourceMap, FieldPath]] = field(default_factory=dict)
    """For an assembled field (and everything under it): the map of the file it was written in and its
    path there."""

    def origin(self, path: FieldPath) -> tuple[SourceMap, FieldPath]:
        path = tuple(path)
        for length in range(len(path), -1, -1):
            found = self.origins.get(path[:length])
            if found is not None:
                return found[0], found[1] + path[length:]
        return SourceMap(self.file, self.lines, self.literal_blocks), path

    def line(self, path: FieldPath) -> int:
        source, original = self.origin(path)
        return source.line(original)

    def text_line(self, path: FieldPath, text: str, offset: int) -> int:
        source, original = self.origin(path)
        return source.text_line(original, text, offset)

    def problem(
        self,
        path: FieldPath,
        message: str,
        severity: str = "error",
        line: int | None = None,
        code: str = "",
        words: str | None = None,
    ) -> Problem:
        if words is None:
            words = self.describe(tuple(path)) if self.describe and path else ""
        source, original = self.origin(path)
        return source.problem(original, message, severity, line, code, words)


def chosen_version(model: models.ConventionModel, pinned: object) -> models.ModelVersion | None:
    """The version a convention follows: the one it pins, else the model's last."""
    if pinned is None:
        return model.versions[-1]
    return next((version for version in model.versions if version.version == pinned), None)


def assemble(document: YamlDocument, register_models: dict[str, Entry]) -> tuple[YamlDocument | None, list[Problem]]:
    """The full convention of a convention file that names a model, or None (with why) if it cannot be
    assembled. A file without `model` is returned as it is."""
    data, own = document.data, document.source
    if not isinstance(data, dict) or data.get("model") is None:
        return document, []
    name = data["model"]
    entry = register_models.get(name) if isinstance(name, str) else None
    if entry is None:
        message = (
            f"Le modèle « {name} » n’existe pas.{did_you_mean(str(name), register_models)} "
            "Les modèles sont les fichiers de content/models/ (sans .yaml)."
        )
        return None, [own.problem(("model",), message)]
    model: models.ConventionModel = entry.item
    refused = pin_problem(own, data, entry)
    if refused is not None:
        return None, [refused]
    version = chosen_version(model, data.get("model_version"))
    if version is None:
        known = ", ".join(f"« {version.version} »" for version in model.versions)
        message = (
            f"Le modèle « {model.id} » n’a pas de version « {data['model_version']} » : ses versions sont {known}."
        )
        return None, [own.problem(("model_version",), message)]
    index = model.versions.index(version)
    values = data.get("model_values") or {}
    values = values if isinstance(values, dict) else {}
    problems = _value_problems(own, model, version, values)
    base: dict = _filled(version.text.model_dump(exclude_unset=True), {str(k): str(v) for k, v in values.items()})
    source = AssembledSourceMap(own.file, own.lines, own.literal_blocks, describe=own.describe)
    assembled: dict = {}
    prefix = ("versions", index, "text")
    for key, value in base.items():
        assembled[key] = value
        source.origins[(key,)] = (entry.source, prefix + (key,))
    for key, value in data.items():
        if key in NUMBERED and key in base and isinstance(value, list):
            assembled[key], more = _merge_numbered(
                base[key], value, (key,), (entry.source, prefix + (key,)), (own, (key,)), source
            )
            problems += more
        else:
            assembled[key] = value
            source.origins[(key,)] = (own, (key,))
    for key in NUMBERED:  # optional articles of a part the convention does not mention
        if key in base and key not in data:
            assembled[key], more = _merge_numbered(base[key], [], (key,), (entry.source, prefix + (key,)), None, source)
    return YamlDocument(assembled, source), problems


def _filled(node: Any, values: dict[str, str]) -> Any:
    if isinstance(node, str):
        return fill(node, values)
    if isinstance(node, dict):
        return {key: _filled(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_filled(value, values) for value in node]
    return node


def _value_problems(
    own: SourceMap, model: models.ConventionModel, version: models.ModelVersion, values: dict
) -> list[Problem]:
    """A placeholder the version uses that the convention leaves unfilled; a value for no placeholder."""
    declared = {placeholder.name: placeholder.label for placeholder in model.placeholders}
    used: dict[str, str] = {}
    for path, text in string_values(version.text.model_dump(exclude_unset=True)):
        for match in placeholders_in(text):
            used.setdefault(match.group(1), format_field(path))
    problems = []
    for name, where in used.items():
        if name in declared and name not in values:
            at = ("model_values",) if ("model_values",) in own.lines else ("model",)
            problems.append(
                own.problem(
                    at,
                    f"Le modèle « {model.id} » attend une valeur pour {{{{ {name} }}}} ({declared[name]}), "
                    f"utilisée dans {where} : ajoutez-la sous model_values, par exemple « {name}: … ».",
                )
            )
    for name in values:
        if name not in declared:
            problems.append(
                own.problem(
                    ("model_values", name),
                    f"Le modèle « {model.id} » n’a pas d’emplacement {{{{ {name} }}}}."
                    f"{did_you_mean(str(name), declared)} Retirez cette valeur, ou déclarez l’emplacement "
                    "dans le modèle (placeholders).",
                )
            )
    return problems


def _merge_numbered(
    base: list,
    own_items: list,
    out_path: FieldPath,
    model_at: tuple[SourceMap, FieldPath],
    own_at: tuple[SourceMap, FieldPath] | None,
    source: AssembledSourceMap,
) -> tuple[list, list[Problem]]:
    """The model's numbered items (articles, annexes) with the convention's own fields over them."""
    problems: list[Problem] = []
    overrides: dict[str, tuple[int, dict]] = {}
    numbers = {str(item.get("number")) for item in base}
    for position, item in enumerate(own_items):
        if not isinstance(item, dict) or "number" not in item:
            continue  # validation of the assembled convention names what is missing
        number = str(item["number"])
        if number not in numbers and own_at is not None:
            problems.append(
                own_at[0].problem(
                    own_at[1] + (position, "number"),
                    f"Le modèle n’a pas d’article ou d’annexe n° {number} : donnez le numéro d’un article du "
                    "modèle (pour remplacer son texte ou choisir un article facultatif).",
                )
            )
        overrides[number] = (position, item)
    merged: list[dict] = []
    for position, item in enumerate(base):
        number = str(item.get("number"))
        own = overrides.get(number)
        if item.get("optional") and own is None:
            continue
        at = out_path + (len(merged),)
        result = {key: value for key, value in copy.deepcopy(item).items() if key != "optional"}
        source.origins[at] = (model_at[0], model_at[1] + (position,))
        if own is not None and own_at is not None:
            own_position, fields = own
            for key, value in fields.items():
                if key == "articles" and isinstance(value, list) and "articles" in result:
                    result[key], more = _merge_numbered(
                        result["articles"],
                        value,
                        at + ("articles",),
                        (model_at[0], model_at[1] + (position, "articles")),
                        (own_at[0], own_at[1] + (own_position, "articles")),
                        source,
                    )
                    problems += more
                    continue
                result[key] = value
                source.origins[at + (key,)] = (own_at[0], own_at[1] + (own_position, key))
        elif "articles" in result:
            result["articles"], _ = _merge_numbered(
                result["articles"],
                [],
                at + ("articles",),
                (model_at[0], model_at[1] + (position, "articles")),
                None,
                source,
            )
        merged.append(result)
    return merged, problems


# --- checks of the models themselves ------------------------------------------


def model_problems(entry: Entry) -> list[Problem]:
    """Each `{{ name }}` of a model's texts that the model does not declare, at its line."""
    model: models.ConventionModel = entry.item
    declared = {placeholder.name for placeholder in model.placeholders}
    problems = []
    for index, version in enumerate(model.versions):
        for path, text in string_values(version.text.model_dump(exclude_unset=True), ("versions", index, "text")):
            for match in placeholders_in(text):
                name = match.group(1)
                if name not in declared:
                    line = entry.source.text_line(path, text, match.start())
                    problems.append(
                        entry.source.problem(
                            path,
                            f"Emplacement inconnu {{{{ {name} }}}}.{did_you_mean(name, declared)} Déclarez-le sous "
                            "placeholders (name et label), ou corrigez son nom.",
                            line=line,
                        )
                    )
    return problems


def pin_problem(own: SourceMap, data: dict, model_entry: Entry) -> Problem | None:
    """A convention that would follow a model version adopted after its signature (its published text would
    change without anything signed), or that pins a version adopted after it."""
    model: models.ConventionModel = model_entry.item
    signature = data.get("signature")
    signed = signature.get("date") if isinstance(signature, dict) else None
    signed = signed if isinstance(signed, dt.date) else None
    pinned = data.get("model_version")
    if pinned is not None:
        version = chosen_version(model, pinned)
        if version is None or signed is None or version.adopted <= signed:
            return None
        return own.problem(
            ("model_version",),
            f"La version « {version.version} » du modèle a été adoptée le {french_date(version.adopted)}, "
            f"après la signature ({french_date(signed)}) : indiquez la version sur laquelle la convention "
            "a été signée.",
        )
    latest = model.versions[-1]
    if len(model.versions) == 1 or (signed is not None and latest.adopted <= signed):
        return None
    before = [version for version in model.versions if signed is not None and version.adopted <= signed]
    advice = (
        f"Ajoutez model_version: '{before[-1].version}', la version sur laquelle elle a été signée"
        if before
        else "Ajoutez model_version: avec la version sur laquelle elle a été signée"
    )
    at = f"{model_entry.source.file}:{model_entry.source.line(('versions', len(model.versions) - 1))}"
    when = f"après sa signature ({french_date(signed)})" if signed else "et sa date de signature n’est pas connue"
    return own.problem(
        ("model",),
        f"Le modèle « {model.id} » a une version « {latest.version} » adoptée le {french_date(latest.adopted)} "
        f"({at}), {when} : sans model_version, le texte publié de cette convention changerait. {advice}.",
    )


# --- where a member's signed text differs from the model -----------------------


@dataclass(frozen=True)
class Deviation:
    """An article of a convention whose signed text differs from its model's."""

    annex: str | None
    number: str
    model_text: str
    """The model's text of the article, its placeholders filled with the convention's values."""
    signed_text: str
    """The text the member signed."""


def deviations(convention: models.Convention, model: models.ConventionModel) -> list[Deviation]:
    """Every article of `convention`, as signed, whose text is not the model's with its values filled."""
    version = chosen_version(model, convention.model_version)
    if version is None:
        return []
    values = convention.model_values
    model_articles: dict[tuple[str | None, str], models.Article] = {
        (None, article.number): article for article in version.text.articles
    }
    for annex in version.text.annexes:
        model_articles |= {(annex.number, article.number): article for article in annex.articles}
    signed = [(None, article) for article in convention.articles] + [
        (annex.number, article) for annex in convention.annexes for article in annex.articles
    ]
    found = []
    for annex_number, article in signed:
        model_article = model_articles.get((annex_number, article.number))
        if model_article is None:
            continue
        expected = fill(model_article.text, values)
        if expected != article.text:
            found.append(Deviation(annex_number, article.number, expected, article.text))
    return found
