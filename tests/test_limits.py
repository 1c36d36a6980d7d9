"""The inputs an attacker's or a careless editor's probe found crashing or hanging `registre check`: each
now ends, within seconds, with exit 1 and a located French message (see generator/register/limits.py)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from helpers import line_of, replace_in, run_check

SMICA = "content/conventions/smica-severac-2026cv4.yaml"
TOPIC = "content/topics/duree.yaml"
SECONDS = 15


def write(project: Path, relative: str, text: str | bytes) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (project / relative).write_bytes(data)


def alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]" for n in range(8)]
    return "id: duree\nlabel: Durée\ndescription: x\n" + "\n".join(lines) + "\n"


def special(kind: str):
    def make(project: Path) -> None:
        target = project / "content/topics/special.yaml"
        if kind == "directory":
            target.mkdir()
        elif kind == "fifo":
            os.mkfifo(target)
        elif kind == "loop":
            target.symlink_to(target)
        elif kind == "device":
            target.symlink_to("/dev/zero")
        elif kind == "outside":
            outside = project.parent / "ailleurs.yaml"
            outside.write_text("id: special\nlabel: x\ndescription: x\n", encoding="utf-8")
            target.symlink_to(outside)

    return make


CASES = [
    ("directory", special("directory"), "content/topics/special.yaml:1: (fichier): Ce nom désigne un dossier"),
    ("fifo", special("fifo"), "content/topics/special.yaml:1: (fichier): Ce nom désigne un fichier spécial"),
    ("symlink-loop", special("loop"), "content/topics/special.yaml:1: (fichier): Lien symbolique cassé ou en boucle"),
    (
        "symlink-to-device",
        special("device"),
        "content/topics/special.yaml:1: (fichier): Lien symbolique vers un fichier hors du projet",
    ),
    (
        "symlink-outside",
        special("outside"),
        "content/topics/special.yaml:1: (fichier): Lien symbolique vers un fichier hors du projet",
    ),
    (
        "huge-file",
        lambda p: write(p, TOPIC, "id: duree\nlabel: Durée\ndescription: " + "x" * 3_000_000 + "\n"),
        "content/topics/duree.yaml:1: (fichier): Fichier trop grand (3000 ko, au plus 2000 ko)",
    ),
    (
        "alias-bomb",
        lambda p: write(p, TOPIC, alias_bomb()),
        "content/topics/duree.yaml:4: (syntaxe): Les ancres et alias YAML",
    ),
    (
        "deep-nesting",
        lambda p: write(p, TOPIC, "id: duree\nlabel: Durée\ndescription: " + "[" * 5000 + "]" * 5000),
        "content/topics/duree.yaml:1: (syntaxe): Imbrication trop profonde",
    ),
    (
        "deep-nesting-broken",
        lambda p: write(p, TOPIC, "id: duree\nlabel: Durée\ndescription: " + "[" * 5000),
        "content/topics/duree.yaml:1: (syntaxe): Imbrication trop profonde",
    ),
    (
        "nul-character",
        lambda p: write(p, TOPIC, "id: duree\nlabel: Du\x00rée\ndescription: x\n"),
        "content/topics/duree.yaml:2: (fichier): Caractère invisible interdit en colonne 10 (U+0000",
    ),
    (
        "escape-character",
        lambda p: write(p, TOPIC, "id: duree\nlabel: \x1b[31mDurée\ndescription: x\n"),
        "content/topics/duree.yaml:2: (fichier): Caractère invisible interdit en colonne 8 (U+001B",
    ),
    (
        "line-separator",
        lambda p: write(p, TOPIC, "id: duree\nlabel: Durée\u2028longue\ndescription: x\n"),
        "content/topics/duree.yaml:2: (fichier): Caractère invisible interdit en colonne 13 (U+2028",
    ),
    (
        "bad-tag",
        lambda p: write(p, TOPIC, "id: duree\nlabel: !!int abc\ndescription: x\n"),
        "content/topics/duree.yaml:1: (syntaxe): Syntaxe YAML incorrecte",
    ),
    (
        "non-utf8-deep",
        lambda p: write(p, TOPIC, ("id: duree\nlabel: Durée\n" + "\n" * 190).encode() + b"description: caf\xe9\n"),
        None,
    ),
    (
        "year-9999",
        lambda p: replace_in(p, SMICA, "  date: 2026-02-17\n", "  date: 9999-12-31\n"),
        "signature.date (date de la signature): Date hors des années 1900 à 2199 : vérifiez l’année.",
    ),
    (
        "huge-renewals",
        lambda p: replace_in(
            p,
            SMICA,
            "  duration:\n    years: 3\n",
            "  duration:\n    years: 3\n  renewals: 2147483648\n  renewal_period:\n    years: 1\n",
        ),
        "term.renewals",
    ),
    (
        "long-article-number",
        lambda p: replace_in(p, SMICA, "  - number: '5'\n", "  - number: '" + "5" * 1000 + "'\n"),
        "articles[4].number (numéro de l’article n° 5): Texte trop long : au plus 20 caractères ici.",
    ),
    (
        "nul-in-source-file",
        lambda p: replace_in(p, SMICA, "  file: sources/2026cv4.txt\n", '  file: "sources/2026cv4\\0.txt"\n'),
        "source.file",
    ),
    (
        "long-source-file",
        lambda p: replace_in(p, SMICA, "  file: sources/2026cv4.txt\n", "  file: sources/" + "a" * 5000 + ".txt\n"),
        "source.file",
    ),
    (
        "long-source-name",
        lambda p: replace_in(p, SMICA, "  file: sources/2026cv4.txt\n", "  file: sources/" + "a" * 280 + ".txt\n"),
        "source.file",
    ),
]


@pytest.mark.parametrize(("name", "make", "expected"), CASES, ids=[case[0] for case in CASES])
def test_hostile_input_is_refused_with_a_located_message(project, capsys, name, make, expected):
    make(project)
    started = time.monotonic()
    code, lines = run_check(project, capsys)
    assert time.monotonic() - started < SECONDS
    assert code == 1, lines
    problems = lines[:-1]
    assert problems and all(re.match(r"^[^\s:][^:]*:\d+: \S", line) for line in problems), lines
    if name == "non-utf8-deep":
        assert problems == [
            f"{TOPIC}:193: (fichier): Caractère non UTF-8 en colonne 17 : enregistrez le fichier en "
            "UTF-8 (dans votre éditeur : « Enregistrer avec l’encodage » UTF-8)."
        ]
    else:
        assert any(expected in line for line in problems), lines


def test_the_date_limit_is_located_on_the_line(project, capsys):
    replace_in(project, SMICA, "  date: 2026-02-17\n", "  date: 9999-12-31\n")
    _code, lines = run_check(project, capsys)
    assert f"{SMICA}:{line_of(project / SMICA, 'date: 9999-12-31')}: signature.date" in lines[0]
