"""Limits on what a content file may be, enforced before and while it is parsed, so that no input can
make `registre check` crash, hang or use memory out of proportion to the register.

Each limit is a located French problem: the staff see which file, which line, and what to do.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

import yaml

from generator.problems import Problem

MAX_FILE_BYTES = 2_000_000
"""A content file: the longest convention of the seeds is 60 kB of YAML."""
MAX_SOURCE_BYTES = 20_000_000
"""A source document's text."""
MAX_DEPTH = 40
"""Nesting of mappings and lists: a convention needs fewer than ten levels."""
MAX_SCALAR_CHARACTERS = 200_000
"""One value: the longest article of the seeds has 6,000 characters."""

#: characters that are never text: C0/C1 controls (category Cc; tab, line feed and carriage return excepted),
#: the line and paragraph separators, byte order marks inside the text, and lone surrogates (category Cs)
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def file_problem(path: Path, display_name: str, root: Path, limit: int = MAX_FILE_BYTES) -> Problem | None:
    """Why `path` may not be read as content, if it may not: not a regular file, outside the project, too large."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Problem(display_name, 1, "(fichier)", "Fichier introuvable.")
    except OSError as error:
        return Problem(display_name, 1, "(fichier)", f"Fichier illisible ({error.strerror or error}).")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return Problem(
                display_name,
                1,
                "(fichier)",
                "Lien symbolique cassé ou en boucle : remplacez-le par le fichier lui-même.",
            )
        if not target.is_relative_to(root.resolve()):
            return Problem(
                display_name,
                1,
                "(fichier)",
                "Lien symbolique vers un fichier hors du projet : le "
                "registre ne publie que ses propres fichiers ; copiez-le "
                "dans le dossier.",
            )
        info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        kind = "un dossier" if stat.S_ISDIR(info.st_mode) else "un fichier spécial (tube, périphérique…)"
        return Problem(
            display_name, 1, "(fichier)", f"Ce nom désigne {kind}, pas un fichier de texte : renommez-le ou retirez-le."
        )
    if info.st_size > limit:
        return Problem(
            display_name,
            1,
            "(fichier)",
            (
                f"Fichier trop grand ({info.st_size // 1000} ko, au plus {limit // 1000} ko) : un fichier du registre "
                "décrit une seule chose ; vérifiez qu’il ne contient pas autre chose que du texte."
            ),
        )
    return None


def character_problems(text: str, display_name: str) -> list[Problem]:
    """Characters that are not text (NUL, escape, control characters, U+2028…), each with its line and column."""
    if not _FORBIDDEN.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        found = _FORBIDDEN.search(line)
        if found is None:
            continue
        character, column = found.group(), found.start() + 1
        name = unicodedata.name(character, f"U+{ord(character):04X}")
        problems.append(
            Problem(
                display_name,
                number,
                "(fichier)",
                (
                    f"Caractère invisible interdit en colonne {column} "
                    f"(U+{ord(character):04X}, {name.lower()}) : "
                    "supprimez-le (il vient souvent d’un copier-coller)."
                ),
            )
        )
        if len(problems) >= 5:
            return problems
    return problems


def structure_problems(node: yaml.Node, display_name: str) -> list[Problem]:
    """Aliases (`*name`), nesting deeper than MAX_DEPTH and over-long values in a composed YAML document,
    found without following any alias twice: an alias bomb costs the size of its text, not of its expansion."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        line = current.start_mark.line + 1
        if id(current) in seen:
            return [
                Problem(
                    display_name,
                    line,
                    "(syntaxe)",
                    (
                        "Les ancres et alias YAML (« & » et « * ») ne sont pas permis dans le registre : recopiez la "
                        "valeur à chaque endroit, ou mettez-la entre apostrophes si elle commence par « * » ou « & »."
                    ),
                )
            ]
        seen.add(id(current))
        if depth > MAX_DEPTH:
            return [
                Problem(
                    display_name,
                    line,
                    "(syntaxe)",
                    (
                        f"Imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : vérifiez les crochets [ ] et "
                        "accolades { } de cette ligne."
                    ),
                )
            ]
        if isinstance(current, yaml.ScalarNode):
            if len(current.value) > MAX_SCALAR_CHARACTERS:
                return [
                    Problem(
                        display_name,
                        line,
                        "(fichier)",
                        (f"Valeur trop longue ({len(current.value)} caractères, au plus {MAX_SCALAR_CHARACTERS})."),
                    )
                ]
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack += [(value, depth + 1), (key, depth + 1)]
        elif isinstance(current, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in current.value]
    return []
