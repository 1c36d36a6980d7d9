"""The canonical layout of a content file, which `registre check --fix-format` restores after the browser
editor has saved it.

The editor rewrites the whole file on every save: it drops comments, orders keys its own way, writes the
fields left blank as empty values and long texts as quoted lines. The canonical layout is the models'
field order, blank values left out, multi-line texts as literal block scalars (`|`), dates and amounts
unquoted as the staff write them: two saves of the same data give the same file, so that a merge request
shows only what changed. A file with comments was written by hand, and is left as it is.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Loader(yaml.SafeLoader):
    """Reads amounts as Decimal, so that 9.60 is written back as 9.60."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the register's files write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def _types(annotation: Any) -> list[Any]:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [found for argument in typing.get_args(annotation) for found in _types(argument)]
    return [] if annotation is type(None) else [annotation]


def _model(types_: list[Any]) -> type[BaseModel] | None:
    return next((tp for tp in types_ if isinstance(tp, type) and issubclass(tp, BaseModel)), None)


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _value(value: Any, annotation: Any) -> Any:
    """A value in canonical form, given the type its field declares."""
    alternatives = _types(annotation)
    inner = _model(alternatives)
    if isinstance(value, dict) and inner is not None:
        return canonical(value, inner)
    if isinstance(value, list):
        items = [item for tp in alternatives if typing.get_origin(tp) is list for item in typing.get_args(tp)]
        return [_value(item, items[0] if items else Any) for item in value]
    if isinstance(value, str) and dt.date in alternatives and _ISO_DAY.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # an impossible date stays as written, for `registre check` to name
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def _only_defaults(value: dict, model: type[BaseModel]) -> bool:
    """True for an object the editor filled with defaults only (an optional object left empty): each value
    is its field's default, or an object of defaults itself."""
    fields = model.model_fields
    for name, item in value.items():
        if name not in fields:
            return False
        default = fields[name].default
        if default is not PydanticUndefined and default == item:
            continue
        inner = _model(_types(fields[name].annotation))
        if not (isinstance(item, dict) and inner is not None and _only_defaults(item, inner)):
            return False
    return True


def canonical(data: dict, model: type[BaseModel]) -> dict:
    """`data` in the model's field order, blank values left out; keys the model does not know kept last,
    for `registre check` to report."""
    result: dict = {}
    fields = model.model_fields
    for name in [*fields, *(key for key in data if key not in fields)]:
        if name not in data:
            continue
        annotation = fields[name].annotation if name in fields else Any
        value = _value(data[name], annotation)
        inner = _model(_types(annotation))
        optional = name in fields and not fields[name].is_required()
        # an empty text or date is a value left blank, even in a required field (`registre check` then says
        # it is missing); an empty list or object is kept where the model requires one
        if value is None or value == "" or (_blank(value) and (optional or name not in fields)):
            continue
        left_empty = isinstance(value, dict) and inner is not None and _only_defaults(value, inner)
        if optional and left_empty and fields[name].default is None:
            continue
        result[name] = value
    return result


def canonical_text(text: str, model: type[BaseModel]) -> str:
    """The file's text in the canonical layout; raises yaml.YAMLError if it is not YAML."""
    data = yaml.load(text, Loader=_Loader)
    if not isinstance(data, dict):
        return text
    return yaml.dump(canonical(data, model), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2)


def has_comments(text: str) -> bool:
    """True when the file has a comment line: the editor writes none."""
    return any(line.lstrip().startswith("#") for line in text.splitlines())


def fix_formats(
    content: Path, folders: dict[str, type[BaseModel]], only: set[Path] | None = None
) -> tuple[list[Path], list[Path]]:
    """Rewrite in the canonical layout the files of `folders` (folder under `content` -> its model) that have
    no comment, among `only` when given (the files changed since the last commit). Returns the files
    rewritten and the files left as they are because of their comments."""
    rewritten: list[Path] = []
    kept: list[Path] = []
    for folder, model in folders.items():
        for path in sorted((content / folder).glob("*.y*ml")):
            if only is not None and path.resolve() not in only:
                continue
            text = path.read_text(encoding="utf-8")
            if has_comments(text):
                kept.append(path)
                continue
            try:
                fixed = canonical_text(text, model)
            except yaml.YAMLError:
                continue  # `registre check` reports it, with its line
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
                rewritten.append(path)
    return rewritten, kept
