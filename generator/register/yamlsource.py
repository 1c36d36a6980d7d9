"""Read YAML while remembering the line of every value.

`read_yaml` returns the data and a `SourceMap` that answers "on which line is
`articles[3].title`?", so that every problem can name its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator.problems import Problem
from generator.register.limits import MAX_DEPTH, character_problems, file_problem, structure_problems

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


if TYPE_CHECKING:
    # CSafeLoader has the interface of the pure-Python loader it replaces (its parser is libyaml's).
    _FastBase = _ExactLoader
else:
    _FastBase = getattr(yaml, "CSafeLoader", _ExactLoader)


class _FastLoader(_FastBase):
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
    describe: Callable[[FieldPath], str] | None = field(default=None, compare=False, repr=False)
    """Names a field in French words, once the kind of the file is known."""

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

    def problem(
        self,
        path: FieldPath,
        message: str,
        severity: str = "error",
        line: int | None = None,
        code: str = "",
        words: str | None = None,
    ) -> Problem:
        """A problem at `path`; the field is also named in words, unless `words` says otherwise."""
        if words is None:
            words = self.describe(tuple(path)) if self.describe and path else ""
        return Problem(self.file, line or self.line(path), format_field(path), message, severity, code, words)


@dataclass
class YamlDocument:
    data: object
    source: SourceMap


def string_values(node: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string value of parsed YAML data, with its field path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from string_values(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_values(value, path + (index,))


def _record_lines(node: yaml.Node, path: FieldPath, source: SourceMap, problems: list[Problem]) -> None:
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and node.style == "|":
        source.literal_blocks[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(
                    Problem(
                        source.file,
                        key_node.start_mark.line + 1,
                        format_field(path + (key,)),
                        f"Le champ « {key} » apparaît deux fois ici : gardez-en un seul.",
                    )
                )
            seen.add(key)
            source.lines[path + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, path + (key,), source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), source, problems)


#: PyYAML's syntax problems, as French advice (matched on a part of its message)
SYNTAX_ADVICE = {
    "mapping values are not allowed here": (
        "un « : » inattendu : une valeur qui contient « : » doit être écrite entre apostrophes, "
        "ou la ligne est mal indentée"
    ),
    "could not find expected ':'": (
        "il manque « : » après le nom d’un champ, ou une valeur sur plusieurs lignes n’est pas indentée "
        "(écrivez-la en bloc avec |-)"
    ),
    "expected ',' or ']'": (
        "une liste entre crochets [ ] n’est pas refermée ou contient un « : » : "
        "écrivez la liste sur plusieurs lignes commençant par « - »"
    ),
    "expected ',' or '}'": "un groupe entre accolades { } n’est pas refermé",
    "found unexpected end of stream": "un guillemet ou une apostrophe n’est pas refermé",
    "found unexpected ':'": "un « : » inattendu : mettez la valeur entre apostrophes",
    "expected <block end>, but found '-'": "un élément de liste « - » n’est pas aligné avec les autres",
    "expected <block end>, but found": (
        "l’indentation ne correspond pas aux lignes précédentes : alignez ce champ avec ses voisins"
    ),
    "found undefined alias": "un « * » en début de valeur : mettez la valeur entre apostrophes",
    "that cannot start any token": (
        "un caractère comme « @ », « ` » ou « % » ne peut pas commencer une valeur : mettez-la entre apostrophes"
    ),
    "while scanning an alias": "un « * » en début de valeur : mettez la valeur entre apostrophes",
    "while scanning an anchor": "un « & » en début de valeur : mettez la valeur entre apostrophes",
    "found a tab character": "remplacez les tabulations par des espaces",
    "but found another document": "un fichier ne contient qu’un document : retirez la ligne « --- »",
    "could not determine a constructor": (
        "une étiquette « ! » n’est pas permise dans le contenu : retirez-la, ou mettez la valeur entre apostrophes"
    ),
}


def _syntax_message(error: Exception) -> str:
    problem = str(getattr(error, "problem", None) or error)
    context = str(getattr(error, "context", None) or "")
    for start, advice in SYNTAX_ADVICE.items():
        if start in problem or start in context:
            return f"Syntaxe YAML incorrecte : {advice}."
    return (
        "Syntaxe YAML incorrecte : vérifiez l’indentation (des espaces, alignés), les guillemets et les « : » "
        "de cette ligne et de la précédente."
    )


_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?[^\s'"#][^:]*:\s+(['"])(.*)$|^\s*-\s+(['"])(.*)$""")


def _unclosed_quote_before(text: str, error_line: int) -> int | None:
    """The last line up to `error_line` whose value opens a quote it does not close, if any: PyYAML
    reports an unclosed quote where the file stops making sense, often lines later."""
    lines = text.splitlines()
    for number in range(min(error_line, len(lines)), 0, -1):
        match = _OPEN_QUOTE.match(lines[number - 1])
        if not match:
            continue
        quote, rest = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        body = rest.replace("''", "") if quote == "'" else rest.replace('\\"', "")
        if quote not in body:
            return number
    return None


def _tab_lines(text: str) -> list[int]:
    """Lines indented with a tab, which YAML forbids."""
    return [
        number
        for number, line in enumerate(text.splitlines(), 1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]


def _decode(raw: bytes, display_name: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            Problem(
                display_name,
                line,
                "(fichier)",
                (
                    f"Caractère non UTF-8 en colonne {column} : enregistrez le fichier en UTF-8 "
                    "(dans votre éditeur : « Enregistrer avec l’encodage » UTF-8)."
                ),
            )
        )
        return None


def read_yaml(path: Path, display_name: str, problems: list[Problem], root: Path | None = None) -> YamlDocument | None:
    """Parse one YAML file of the project under `root`; on failure append a located problem and return None.
    The limits of `limits.py` hold before anything is parsed, then before anything is constructed."""
    source = SourceMap(display_name)
    refused = file_problem(path, display_name, root or path.parent)
    if refused:
        problems.append(refused)
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(display_name, 1, "(fichier)", "Fichier introuvable."))
        return None
    except OSError as error:
        problems.append(
            Problem(
                display_name,
                1,
                "(fichier)",
                f"Fichier illisible ({error.strerror or error}) : vérifiez qu’il s’agit d’un fichier "
                "ordinaire et ses droits de lecture.",
            )
        )
        return None
    text = _decode(raw, display_name, problems)
    if text is None:
        return None
    invisible = character_problems(text, display_name)
    if invisible:
        problems += invisible
        return None
    tabs = _tab_lines(text)
    if tabs:
        others = (
            f" (et {len(tabs) - 1} autre{'s' if len(tabs) > 2 else ''} ligne{'s' if len(tabs) > 2 else ''})"
            if len(tabs) > 1
            else ""
        )
        problems.append(
            Problem(
                display_name,
                tabs[0],
                "(syntaxe)",
                f"Tabulation dans l’indentation{others} : remplacez les tabulations par des espaces.",
            )
        )
        return None
    loader: _ExactLoader = _FastLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
            loader = _ExactLoader(text)
            node = loader.get_single_node()
        if node is None:
            problems.append(Problem(display_name, 1, "(document)", "Le fichier est vide : partez de `registre new`."))
            return None
        too_much = structure_problems(node, display_name)
        if too_much:
            problems += too_much
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        unclosed = _unclosed_quote_before(text, line)
        if unclosed:
            problems.append(
                Problem(
                    display_name,
                    unclosed,
                    "(syntaxe)",
                    (
                        "Syntaxe YAML incorrecte : la valeur de cette ligne s’ouvre par une apostrophe ou un guillemet "
                        "qui n’est pas refermé sur la ligne : ajoutez-le en fin de valeur, ou retirez-le."
                    ),
                )
            )
        else:
            problems.append(Problem(display_name, line, "(syntaxe)", _syntax_message(error)))
        return None
    except RecursionError:
        problems.append(
            Problem(
                display_name,
                1,
                "(syntaxe)",
                (
                    f"Imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : "
                    "vérifiez les crochets [ ] et accolades { } du fichier."
                ),
            )
        )
        return None
    except (yaml.YAMLError, ArithmeticError, ValueError, TypeError) as error:
        problems.append(Problem(display_name, 1, "(syntaxe)", _syntax_message(error)))
        return None
    finally:
        loader.dispose()
    _record_lines(node, (), source, problems)
    if not isinstance(data, dict):
        problems.append(
            Problem(
                display_name,
                1,
                "(document)",
                "Le fichier doit être une suite de champs « nom: valeur » (pas une liste ni un texte seul).",
            )
        )
        return None
    return YamlDocument(data, source)
