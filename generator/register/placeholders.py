"""Values still left as « À COMPLÉTER », the placeholder of the skeletons `registre new` writes.

A value is a placeholder when its whole text is « À COMPLÉTER », in any case, with or without accents.
A longer text that merely contains these words is not one: a convention's verbatim text may say
« à compléter » (a form to fill in), and it must be transcribed as it is.
"""

from __future__ import annotations

import re

from generator.problems import Problem
from generator.register.yamlsource import YamlDocument, string_values
from generator.wording import fold

PLACEHOLDER = "À COMPLÉTER"
MESSAGE = "À compléter : remplacez « À COMPLÉTER » par la valeur (voir le commentaire au-dessus)."


def _folded(text: str) -> str:
    """Lower case, without accents, with runs of spaces as one space: « À  COMPLÉTER » -> « a completer »."""
    return " ".join(fold(text).split())


_FOLDED_PLACEHOLDER = _folded(PLACEHOLDER)
#: more printable ASCII characters than the folded placeholder has: folding keeps each of them, so a text
#: holding them is not the placeholder, found without folding it (most values are long texts)
_TOO_MANY_FOR_PLACEHOLDER = re.compile(rf"(?:[^!-~]*+[!-~]){{{len(_FOLDED_PLACEHOLDER.replace(' ', '')) + 1}}}")


def is_placeholder(value: object) -> bool:
    return (
        isinstance(value, str) and not _TOO_MANY_FOR_PLACEHOLDER.match(value) and _folded(value) == _FOLDED_PLACEHOLDER
    )


def placeholder_paths(document: YamlDocument) -> set[tuple]:
    return {path for path, text in string_values(document.data) if is_placeholder(text)}


def placeholder_problems(document: YamlDocument) -> list[Problem]:
    """One problem per value of the document that is still the placeholder, at the line it is written on."""
    problems = []
    for path, text in string_values(document.data):
        if is_placeholder(text):
            offset = len(text) - len(text.lstrip())
            line = document.source.text_line(path, text, offset)
            problems.append(document.source.problem(path, MESSAGE, line=line))
    return problems
