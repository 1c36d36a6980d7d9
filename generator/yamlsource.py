"""Read YAML while remembering the line of every value.

`read_yaml` returns the data and a `SourceMap` that answers "on which line is
`articles[3].title`?", so that every problem can name its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from .problems import Problem

FieldPath = tuple  # of str (mapping keys) and int (list indexes)


class _ExactLoader(yaml.SafeLoader):
    """Safe loader that reads decimal numbers as Decimal, never as float."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _construct_date(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A date-shaped value that is no real date (2021-02-30) stays text, so validation names its field."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_ExactLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


class _FastLoader(getattr(yaml, "CSafeLoader", _ExactLoader)):
    """The same loader on libyaml's parser, ten times faster on a large register. On a syntax error
    `read_yaml` parses again with `_ExactLoader`, so that messages do not depend on libyaml."""


_FastLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def format_field(path: FieldPath) -> str:
    """`("articles", 3, "title")` -> `articles[3].title`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


@dataclass
class SourceMap:
    """Line numbers (1-based) of the values of one YAML file."""

    file: str
    lines: dict[FieldPath, int] = field(default_factory=dict)
    literal_blocks: dict[FieldPath, int] = field(default_factory=dict)
    """Fields written as literal blocks (`|`), with the line of their indicator."""

    def line(self, path: FieldPath) -> int:
        """Line of `path`, or of its closest ancestor present in the file."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def text_line(self, path: FieldPath, text: str, offset: int) -> int:
        """Line of the character at `offset` of the string at `path`: exact inside a literal block."""
        path = tuple(path)
        if path in self.literal_blocks:
            return self.literal_blocks[path] + 1 + text.count("\n", 0, offset)
        return self.line(path)

    def problem(self, path: FieldPath, message: str, severity: str = "error", line: int | None = None) -> Problem:
        return Problem(self.file, line or self.line(path), format_field(path), message, severity)


@dataclass
class YamlDocument:
    data: object
    source: SourceMap


def _record_lines(node: yaml.Node, path: FieldPath, source: SourceMap, problems: list[Problem]) -> None:
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and node.style == "|":
        source.literal_blocks[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(source.file, key_node.start_mark.line + 1, format_field(path + (key,)),
                                        "duplicate key"))
            seen.add(key)
            source.lines[path + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, path + (key,), source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), source, problems)


def read_yaml(path: Path, display_name: str, problems: list[Problem]) -> YamlDocument | None:
    """Parse one YAML file; on failure append a located problem and return None."""
    source = SourceMap(display_name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(display_name, 1, "(file)", "file not found"))
        return None
    except UnicodeDecodeError as error:
        problems.append(Problem(display_name, 1, "(file)", f"not valid UTF-8 ({error.reason})"))
        return None
    loader = _FastLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
            loader = _ExactLoader(text)
            node = loader.get_single_node()
        if node is None:
            problems.append(Problem(display_name, 1, "(document)", "file is empty"))
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(display_name, line, "(syntax)", f"invalid YAML: {error.problem or error}"))
        return None
    except (yaml.YAMLError, ArithmeticError) as error:
        problems.append(Problem(display_name, 1, "(syntax)", f"invalid YAML: {error}"))
        return None
    finally:
        loader.dispose()
    _record_lines(node, (), source, problems)
    if not isinstance(data, dict):
        problems.append(Problem(display_name, 1, "(document)", "expected a mapping of fields at the top level"))
        return None
    return YamlDocument(data, source)
