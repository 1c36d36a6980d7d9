"""Load `content/` into a typed `Register`, collecting every problem on the way."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.problems import Problem
from generator.register import models
from generator.register.assembly import assemble, model_entries, model_problems
from generator.register.field_help import field_in_words
from generator.register.limits import file_problem
from generator.register.placeholders import placeholder_paths, placeholder_problems
from generator.register.store import Entry, Register
from generator.register.validation_messages import french_message
from generator.register.yamlsource import SourceMap, read_yaml
from generator.wording import slug

#: The model of a content file: each has an `id`, the file's name without .yaml.
ContentModel = (
    models.Organisation
    | models.Service
    | models.Topic
    | models.ConventionModel
    | models.Convention
    | models.Tariff
    | models.PrivacyNotice
)

#: folder under content/ -> (Register attribute, model class)
KINDS: dict[str, tuple[str, type[ContentModel]]] = {
    "organisations": ("organisations", models.Organisation),
    "services": ("services", models.Service),
    "topics": ("topics", models.Topic),
    "models": ("models", models.ConventionModel),  # before the conventions, which are assembled from them
    "conventions": ("conventions", models.Convention),
    "tariffs": ("tariffs", models.Tariff),
    "notices": ("notices", models.PrivacyNotice),
}


class LoadedFiles:
    """The last reading of each file of a register, by its path, with the digest of its bytes.

    The preview (`registre serve`) loads the register again after every edit: given the same LoadedFiles,
    the loader reads only the files that changed, and the item of an unchanged file is the very same
    object as in the previous build (which `publishing/preview.py` relies on)."""

    def __init__(self) -> None:
        self._readings: dict[str, tuple] = {}

    def reading(self, key: str, digest: bytes, name: str, model: type[BaseModel]) -> tuple | None:
        """The previous reading of the file at `key`, if its bytes, display name and model are the same."""
        previous = self._readings.get(key)
        return previous if previous is not None and previous[:3] == (digest, name, model) else None

    def keep_only(self, readings: dict[str, tuple]) -> None:
        """Remember these readings, and no other: the files of the register just loaded."""
        self._readings = dict(readings)


def load_content(
    content_dir: Path, display_root: Path | None = None, cache: LoadedFiles | None = None
) -> tuple[Register, list[Problem]]:
    """Read every YAML file of `content_dir`; return the register and all problems found.

    With `cache`, a file whose bytes did not change since the cache's last load is not read again."""
    display_root = display_root or content_dir.parent
    register = Register()
    problems: list[Problem] = []
    if not content_dir.is_dir():
        problems.append(
            Problem(
                str(content_dir),
                1,
                "(dossier)",
                "Dossier content/ introuvable : lancez la commande depuis le dossier du registre, ou donnez --project.",
            )
        )
        return register, problems
    readings: dict[str, tuple] = {}
    register_models = model_entries(register)
    for folder, (attribute, model) in KINDS.items():
        # a convention's reading depends on the models it may be assembled from
        models_digest = b"".join(
            readings[key][0] or b"" for key in sorted(readings) if readings[key][2] is models.ConventionModel
        )
        for path in sorted((content_dir / folder).glob("*.y*ml")):
            name = path.relative_to(display_root).as_posix()
            item, source, file_problems = _load_file(
                path, name, model, content_dir, cache, readings, register_models, models_digest
            )
            problems += file_problems
            if item is None or source is None:  # a source map comes with every item read
                register.unreadable.setdefault(attribute, set()).add(path.stem)
                continue
            collection = model_entries(register) if attribute == "models" else getattr(register, attribute)
            if item.id != path.stem:
                problems.append(
                    source.problem(
                        ("id",),
                        (
                            f"L’identifiant doit être le nom du fichier sans .yaml : écrivez id: {path.stem}, "
                            f"ou renommez le fichier en {item.id}.yaml."
                        ),
                    )
                )
                register.unreadable.setdefault(attribute, set()).add(path.stem)
            elif item.id in collection:
                problems.append(
                    source.problem(
                        ("id",),
                        (
                            f"L’identifiant « {item.id} » est déjà pris par {collection[item.id].source.file} : "
                            "gardez un seul des deux fichiers."
                        ),
                    )
                )
            else:
                collection[item.id] = Entry(item, source)
    if cache is not None:
        cache.keep_only(readings)
    return register, problems


def _load_file(
    path: Path,
    name: str,
    model: type[ContentModel],
    content_dir: Path,
    cache: LoadedFiles | None,
    readings: dict[str, tuple],
    register_models: dict[str, Entry],
    models_digest: bytes,
) -> tuple[ContentModel | None, SourceMap | None, list[Problem]]:
    """One file's item (None if it has problems), source map and problems; its reading goes into `readings`."""
    refused = file_problem(path, name, content_dir.parent)  # before reading it: a FIFO, /dev/zero, a folder
    if refused:
        return None, None, [refused]
    key: str | None
    digest: bytes | None
    try:
        key, digest = str(path.resolve()), hashlib.sha1(path.read_bytes()).digest()
        if model is models.Convention:
            digest = hashlib.sha1(digest + models_digest).digest()
    except OSError:
        key = digest = None
    if cache is not None and key and digest is not None:
        cached = cache.reading(key, digest, name, model)
        if cached is not None:
            readings[key] = cached
            return cached[3], cached[4], list(cached[5])
    problems: list[Problem] = []
    item: ContentModel | None = None
    source: SourceMap | None = None
    document = read_yaml(path, name, problems, root=content_dir.parent)
    if document is not None:
        document.source.describe = functools.partial(field_in_words, model)
        problems += [
            replace(problem, message=problem.message + _actual_digest(document.data, content_dir))
            if problem.field == "source.sha256"
            else problem
            for problem in placeholder_problems(document)
        ]
        if model is models.Convention:
            assembled, assembly_problems = assemble(document, register_models)
            problems += assembly_problems
            if assembled is None:
                if key:
                    readings[key] = (digest, name, model, None, document.source, tuple(problems))
                return None, document.source, problems
            document = assembled
        source = document.source
        unfilled = placeholder_paths(document)
        try:
            item = model.model_validate(document.data)
        except ValidationError as error:
            for detail in error.errors():
                location = _file_location(detail["loc"], document.data, detail["type"] == "missing")
                if location in unfilled:
                    continue  # « À COMPLÉTER » is reported as such, not as a wrong date or identifier
                message = french_message({**detail, "loc": location}, model, document.data)
                if location == ("source", "sha256"):
                    message += _actual_digest(document.data, content_dir)
                if location == ("id",) and detail["type"] == "string_pattern_mismatch" and slug(path.stem) != path.stem:
                    message += f" Renommez aussi le fichier en {slug(path.stem)}{path.suffix}."
                unknown = detail["type"] == "extra_forbidden"  # the message names it: no words for it
                problems.append(document.source.problem(location, message, words="" if unknown else None))
        if isinstance(item, models.ConventionModel):
            problems += model_problems(Entry(item, source))
    if key:
        readings[key] = (digest, name, model, item, source, tuple(problems))
    return item, source, problems


def _actual_digest(data: object, content_dir: Path) -> str:
    """« Celle du fichier … est : … », when the source file a convention names can be read."""
    source = data.get("source") if isinstance(data, dict) else None
    file = source.get("file") if isinstance(source, dict) else None
    if not isinstance(file, str):
        return ""
    path = content_dir / file
    try:
        if path.resolve().is_relative_to(content_dir.resolve()) and path.is_file():
            return f" Celle du fichier content/{file} est : {hashlib.sha256(path.read_bytes()).hexdigest()}"
    except (OSError, ValueError):
        pass
    return ""


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
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
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
