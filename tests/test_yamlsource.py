"""Reading YAML with the line of every value: the basis of every `file:line: field: message`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.register.yamlsource import SourceMap, format_field, read_yaml


def read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "exemple.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    problems = []
    document = read_yaml(path, "content/topics/exemple.yaml", problems)
    return document, [str(problem) for problem in problems]


def test_every_value_keeps_its_line(tmp_path):
    document, problems = read(
        tmp_path,
        (
            "id: exemple\n"  # 1
            "articles:\n"  # 2
            "  - number: '1'\n"  # 3
            "    title: Objet\n"  # 4
            "  - number: '2'\n"  # 5
            "\n"  # 6
            "    title: Durée\n"  # 7
            "    topics: [duree, resiliation]\n"  # 8
        ),
    )
    assert problems == []
    source = document.source
    assert source.line(("id",)) == 1
    assert source.line(("articles",)) == 2
    assert source.line(("articles", 0, "title")) == 4
    assert source.line(("articles", 1)) == 5
    assert source.line(("articles", 1, "title")) == 7
    assert source.line(("articles", 1, "topics", 1)) == 8
    # A field the file does not have is located at its closest ancestor (where it should be added).
    assert source.line(("articles", 1, "text")) == 5
    assert source.line(("nowhere", "at", "all")) == 1


def test_problem_names_file_line_and_field(tmp_path):
    document, _ = read(tmp_path, "id: x\narticles:\n  - number: '1'\n    title: Objet\n")
    problem = document.source.problem(("articles", 0, "title"), "too long")
    assert str(problem) == "content/topics/exemple.yaml:4: articles[0].title: too long"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), "(document)"),
        (("id",), "id"),
        (("articles", 3, "title"), "articles[3].title"),
        (("annexes", 1, "articles", 0, "topics", 2), "annexes[1].articles[0].topics[2]"),
        (("services", 0), "services[0]"),
    ],
)
def test_field_paths_read_like_the_yaml(path, text):
    assert format_field(path) == text


def test_decimals_stay_exact(tmp_path):
    """Amounts are never floats: 0.1 + 0.2 must be 0.3 in a price grid."""
    document, problems = read(tmp_path, "a: 0.10\nb: 0.20\nc: 1_130.00\n")
    assert problems == []
    assert document.data["a"] + document.data["b"] == Decimal("0.30")
    assert isinstance(document.data["a"], Decimal)
    assert document.data["c"] == Decimal("1130.00")


def test_malformed_yaml_is_located(tmp_path):
    document, problems = read(tmp_path, "id: x\nlabel: [non fermé\ndescription: y\n")
    assert document is None
    assert len(problems) == 1
    assert problems == [
        "content/topics/exemple.yaml:3: (syntaxe): Syntaxe YAML incorrecte : une liste entre "
        "crochets [ ] n’est pas refermée ou contient un « : » : écrivez la liste sur plusieurs lignes "
        "commençant par « - »."
    ]


EMPTY = "1: (document): Le fichier est vide : partez de `registre new`."
NOT_A_MAPPING = (
    "1: (document): Le fichier doit être une suite de champs « nom: valeur » (pas une liste ni un texte seul)."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: x\nlabel: 'pas de fin\n",
            "2: (syntaxe): Syntaxe YAML incorrecte : la valeur de cette ligne s’ouvre par une "
            "apostrophe ou un guillemet qui n’est pas refermé sur la ligne : ajoutez-le en fin "
            "de valeur, ou retirez-le.",
        ),
        (
            "id: x\n\tlabel: y\n",
            "2: (syntaxe): Tabulation dans l’indentation : remplacez les tabulations par des espaces.",
        ),
        (
            "id: a\n---\nid: b\n",
            "2: (syntaxe): Syntaxe YAML incorrecte : un fichier ne contient qu’un document : retirez la ligne « --- ».",
        ),
        ("", EMPTY),
        ("\n\n", EMPTY),
        ("# rien que des commentaires\n", EMPTY),
        ("- a\n- b\n", NOT_A_MAPPING),
        ("juste du texte\n", NOT_A_MAPPING),
        ("42\n", NOT_A_MAPPING),
    ],
    ids=[
        "unclosed-quote",
        "tab-indentation",
        "two-documents",
        "empty",
        "blank-lines",
        "comments-only",
        "list",
        "plain-text",
        "number",
    ],
)
def test_unreadable_file_is_located(tmp_path, text, expected):
    document, problems = read(tmp_path, text)
    assert document is None
    assert problems == [f"content/topics/exemple.yaml:{expected}"]


def test_duplicate_key_is_reported_at_the_second_occurrence(tmp_path):
    _document, problems = read(tmp_path, "id: a\nlabel: Un\nparties:\n  - role: x\n    role: y\nlabel: Deux\n")
    assert problems == [
        "content/topics/exemple.yaml:5: parties[0].role: Le champ « role » apparaît deux fois ici : gardez-en un seul.",
        "content/topics/exemple.yaml:6: label: Le champ « label » apparaît deux fois ici : gardez-en un seul.",
    ]


def test_not_utf8(tmp_path):
    document, problems = read(tmp_path, "id: x\nlabel: caf\xe9\n".encode("latin-1"))
    assert document is None
    assert problems == [
        "content/topics/exemple.yaml:2: (fichier): Caractère non UTF-8 en colonne 11 : enregistrez le "
        "fichier en UTF-8 (dans votre éditeur : « Enregistrer avec l’encodage » UTF-8)."
    ]


def test_missing_file(tmp_path):
    problems = []
    assert read_yaml(tmp_path / "absent.yaml", "content/topics/absent.yaml", problems) is None
    assert [str(problem) for problem in problems] == ["content/topics/absent.yaml:1: (fichier): Fichier introuvable."]


def test_python_tags_are_refused(tmp_path):
    """A content file cannot make the build run code."""
    document, problems = read(tmp_path, "id: !!python/object/apply:os.system ['true']\n")
    assert document is None
    assert len(problems) == 1
    assert problems == [
        "content/topics/exemple.yaml:1: (syntaxe): Syntaxe YAML incorrecte : une étiquette « ! » "
        "n’est pas permise dans le contenu : retirez-la, ou mettez la valeur entre apostrophes."
    ]


def test_source_map_without_lines_points_at_line_one():
    assert SourceMap("content/x.yaml").line(("a", 0)) == 1
