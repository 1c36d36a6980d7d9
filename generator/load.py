"""Load `content/` into a typed `Register`, collecting every problem on the way."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import models
from .problems import Problem
from .register import Entry, Register
from .yamlsource import read_yaml

#: folder under content/ -> (Register attribute, model class)
KINDS: dict[str, tuple[str, type[BaseModel]]] = {
    "organisations": ("organisations", models.Organisation),
    "services": ("services", models.Service),
    "topics": ("topics", models.Topic),
    "conventions": ("conventions", models.Convention),
    "tariffs": ("tariffs", models.Tariff),
    "notices": ("notices", models.PrivacyNotice),
}


def _message(error: dict, model: type[BaseModel]) -> str:
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        if model is models.PrivacyNotice and len(error["loc"]) == 1:
            return f"required by GDPR art. 13 ({model.model_fields[error['loc'][0]].description})"
        return "required"
    if error["type"] == "too_short" and model is models.PrivacyNotice and len(error["loc"]) == 1:
        return f"required by GDPR art. 13: give at least one ({model.model_fields[error['loc'][0]].description})"
    return message.removeprefix("Value error, ")


def load_content(content_dir: Path, display_root: Path | None = None) -> tuple[Register, list[Problem]]:
    """Read every YAML file of `content_dir`; return the register and all problems found."""
    display_root = display_root or content_dir.parent
    register = Register()
    problems: list[Problem] = []
    if not content_dir.is_dir():
        problems.append(Problem(str(content_dir), 1, "(folder)", "content folder not found"))
        return register, problems
    loaded: dict[str, tuple] = {}
    for folder, (attribute, model) in KINDS.items():
        for path in sorted((content_dir / folder).glob("*.y*ml")):
            name = path.relative_to(display_root).as_posix()
            item, source, file_problems = _load_file(path, name, model, loaded)
            problems += file_problems
            if item is None:
                continue
            collection = getattr(register, attribute)
            if item.id != path.stem:
                problems.append(source.problem(("id",), f"must match the file name '{path.stem}'"))
            elif item.id in collection:
                problems.append(source.problem(("id",), f"duplicate id '{item.id}'"))
            else:
                collection[item.id] = Entry(item, source)
    _loaded.clear()  # keep this register's files only
    _loaded.update(loaded)
    return register, problems


#: the last reading of each file, by its path, with the digest of its bytes: the preview (`mkdocs serve`)
#: loads the register again after every edit, and then reads only the files that changed
_loaded: dict[str, tuple] = {}


def _load_file(path: Path, name: str, model: type[BaseModel],
               loaded: dict[str, tuple]) -> tuple[BaseModel | None, object, list[Problem]]:
    """One file's item (None if it has problems), source map and problems."""
    try:
        key, digest = str(path.resolve()), hashlib.sha1(path.read_bytes()).digest()
    except OSError:
        key = digest = None
    cached = _loaded.get(key) if key else None
    if cached is not None and cached[:3] == (digest, name, model):
        loaded[key] = cached
        return cached[3], cached[4], list(cached[5])
    problems: list[Problem] = []
    item = source = None
    document = read_yaml(path, name, problems)
    if document is not None:
        source = document.source
        try:
            item = model.model_validate(document.data)
        except ValidationError as error:
            for detail in error.errors():
                location = _file_location(detail["loc"], document.data, detail["type"] == "missing")
                problems.append(document.source.problem(location, _message(detail, model)))
    if key:
        loaded[key] = (digest, name, model, item, source, tuple(problems))
    return item, source, problems


_UNKNOWN = object()


def _is_union_tag(part: object) -> bool:
    """Pydantic adds the chosen union member's name to error locations; files do not have it."""
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "date", "none", "decimal"})


def _file_location(loc: tuple, data: object, missing: bool) -> tuple:
    """An error location as a path in the file. Follows the data, so that the union member names pydantic
    inserts are skipped while a field really called `date` (`signature.date`) is kept."""
    path: list = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif missing and index == len(loc) - 1:
            pass
        elif isinstance(part, str) and (node is not _UNKNOWN or _is_union_tag(part)):
            continue  # not in the file: a union member's name
        else:
            node = _UNKNOWN
        path.append(part)
    return tuple(path)


def content_schema() -> dict:
    """JSON Schema of every kind of content file, keyed by its folder under content/."""
    return {folder: model.model_json_schema() for folder, (_, model) in KINDS.items()}
