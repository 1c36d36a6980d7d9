"""`registre check` compares every article with its source document, word for word
(generator/documents/transcription.py).

Each case edits a copy of the fixture register — the YAML, or the source text with its `source.sha256`
updated — and states the exact lines `registre check` prints. Line numbers are looked up in the edited
files, so that a case says which line it means.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.register import models
from generator.register.field_help import field_in_words
from generator.register.yamlsource import format_field

from helpers import assert_problems, line_of, replace_in, run_check

SMICA = "content/conventions/smica-severac-2026cv4.yaml"
SMICA_SOURCE = "content/sources/2026cv4.txt"
TARN = "content/conventions/tarn-et-garonne-deux-rives.yaml"
TARN_SOURCE = "content/sources/tarn-et-garonne-deux-rives.txt"
CC_DEUX_RIVES = "content/organisations/cc-deux-rives.yaml"
#: an unpublished contact of an organisation, whom the site masks everywhere
AGENT = "Hélène CASTANIER"
GRID = ("annexes", 1, "articles", 3, "text")
MASK = "[donnée personnelle occultée]"
NBSP = "\u00a0"
ONE_TB = "| 1 To | 10,80 € | 10,26 € | 9,72 € | 9,18 € | 8,64 € | 8,10 € | 7,56 € | 7,02 € | 6,48 € | 5,94 € | 5,40 € |"
TWO_TB = (
    "| 2 To | 14,40 € | 13,68 € | 12,96 € | 12,24 € | 11,52 € | 10,80 € | 10,08 € | 9,36 € | 8,64 € | 7,92 € | 7,20 € |"
)


def rehash(project: Path, convention: str, source: str) -> None:
    """Record the edited source file's SHA-256 in the convention, as the staff do after replacing a document."""
    old = (project / convention).read_text(encoding="utf-8").split("sha256: ", 1)[1].split("\n", 1)[0]
    new = hashlib.sha256((project / source).read_bytes()).hexdigest()
    replace_in(project, convention, f"sha256: {old}", f"sha256: {new}")


def problem(convention: str, line: int, path: tuple, message: str) -> str:
    """A problem line as `registre check` prints it: the field is also named in French words."""
    words = field_in_words(models.Convention, path)
    return f"{convention}:{line}: {format_field(path)}{f' ({words})' if words else ''}: {message}"


def differs(
    project: Path,
    convention: str,
    content_needle: str,
    path: tuple,
    source: str,
    source_needle: str,
    in_document: str,
    here: str,
    more: str = "",
) -> str:
    """The line reporting a word difference at the lines holding the two needles."""
    return problem(
        convention,
        line_of(project / convention, content_needle),
        path,
        f"le texte diffère du document source ({source.removeprefix('content/')}:"
        f"{line_of(project / source, source_needle)}) : « {in_document} » dans le document, "
        f"« {here} » ici{more}",
    )


@dataclass
class Case:
    name: str
    edits: list[tuple]
    """("yaml", file, old, new) in a convention; ("source", convention, source, old, new) in a source text,
    with the convention's sha256 updated."""
    expected: Callable[[Path], list[str]] = field(default=lambda project: [])
    """The problem lines, given the edited project; none: the check passes."""


CASES = [
    Case(
        "word-changed-in-the-yaml",
        [("yaml", TARN, "préavis de deux mois", "préavis de trois mois")],
        lambda p: [
            differs(
                p,
                TARN,
                "en respectant un préavis de trois mois",
                ("annexes", 1, "articles", 2, "text"),
                TARN_SOURCE,
                "préavis  de  deux  mois",
                "un préavis de deux mois par rapport",
                "un préavis de trois mois par rapport",
            )
        ],
    ),
    Case(
        "word-changed-in-the-source",
        [("source", TARN, TARN_SOURCE, "préavis  de  deux  mois", "préavis  de  trois  mois")],
        lambda p: [
            differs(
                p,
                TARN,
                "en respectant un préavis de deux mois",
                ("annexes", 1, "articles", 2, "text"),
                TARN_SOURCE,
                "préavis  de  trois  mois",
                "un préavis de trois mois par rapport",
                "un préavis de deux mois par rapport",
            )
        ],
    ),
    Case(
        "sentence-dropped",
        [
            (
                "yaml",
                SMICA,
                " La partie dissoute devra transmettre à l’autre partie, par lettre recommandée avec "
                "avis de réception, l’arrêté préfectoral de dissolution dès qu’elle l’aura en sa "
                "possession.",
                "",
            )
        ],
        lambda p: [
            differs(
                p,
                SMICA,
                "La dissolution d’au moins",
                ("articles", 2, "text"),
                SMICA_SOURCE,
                "convention. La partie dissoute",
                "à cette convention. La partie dissoute devra "
                "transmettre … qu’elle l’aura en sa possession. Hormis ce cas",
                "à cette convention. Hormis ce cas",
            )
        ],
    ),
    Case(
        "two-differences-in-one-field-give-one-line",
        [
            ("yaml", SMICA, "mettra automatiquement fin", "mettra fin"),
            ("yaml", SMICA, "préavis de deux mois", "préavis de trois mois"),
        ],
        lambda p: [
            differs(
                p,
                SMICA,
                "La dissolution d’au moins",
                ("articles", 2, "text"),
                SMICA_SOURCE,
                "mettra automatiquement fin",
                "ce délai, mettra automatiquement fin à cette",
                "ce délai, mettra fin à cette",
                " ; 1 autre différence plus loin dans ce champ",
            )
        ],
    ),
    Case(
        "closing-changed",
        [("yaml", SMICA, "Fait à Rodez le 17/02/2026", "Fait à Rodez, le 17/02/2026")],
        lambda p: [
            differs(
                p,
                SMICA,
                "Fait à Rodez, le",
                ("closing",),
                SMICA_SOURCE,
                "Fait à Rodez le",
                "Toulouse. Fait à Rodez le 17/02/2026 le",
                "Toulouse. Fait à Rodez, le 17/02/2026 le",
            )
        ],
    ),
    Case(
        "preamble-changed",
        [("yaml", SMICA, "Est convenu ce qui suit", "Il est convenu ce qui suit")],
        lambda p: [
            differs(
                p,
                SMICA,
                "Il est convenu ce qui suit",
                ("preamble",),
                SMICA_SOURCE,
                "Est convenu ce qui suit",
                "« parties » Est convenu ce qui",
                "« parties » Il est convenu ce qui",
            )
        ],
    ),
    Case(
        "annex-intro-not-in-the-document",
        [
            (
                "yaml",
                TARN,
                "    title: Charte d’utilisation du Bouquet de services de Tarn-et-Garonne Aménagement\n",
                "    title: Charte d’utilisation du Bouquet de services de Tarn-et-Garonne Aménagement\n"
                "    intro: Texte ajouté.\n",
            )
        ],
        lambda p: [
            problem(
                TARN,
                line_of(p / TARN, "intro: Texte ajouté."),
                ("annexes", 0, "intro"),
                "le texte diffère du document source (sources/tarn-et-garonne-deux-rives.txt:"
                f"{line_of(p / TARN_SOURCE, 'Charte d’utilisation du Bouquet')}) : rien dans le "
                "document, « Texte ajouté. » ici",
            )
        ],
    ),
    Case(
        "heading-not-found",
        [
            (
                "yaml",
                SMICA,
                "heading: 'Article n° 3 : Durée de la convention'",
                "heading: 'Article n° 3 : Durée de la Convention'",
            )
        ],
        lambda p: [
            problem(
                SMICA,
                line_of(p / SMICA, "Durée de la Convention"),
                ("articles", 2, "heading"),
                "intitulé introuvable dans le document source après la ligne "
                f"{line_of(p / SMICA_SOURCE, 'Article n° 2 : Responsabilités')} : vérifiez qu’il est "
                "recopié à l’identique",
            )
        ],
    ),
    # The fixture gives the referent's name, phone and e-mail in article 3: the page masks them. A text
    # that gives the mask instead is as faithful.
    Case(
        "referent-masked-in-the-text",
        [
            ("yaml", TARN, f"NOM{NBSP}: DAVID ALLARD", f"NOM{NBSP}: {MASK}"),
            ("yaml", TARN, f"TEL{NBSP}: 05 63 29 92 37", f"TEL{NBSP}: {MASK}"),
            ("yaml", TARN, f"MAIL{NBSP}: DAVID.ALLARD@CC-DEUXRIVES.FR", f"MAIL{NBSP}: {MASK}"),
        ],
    ),
    # Both sides are masked as the site masks them, whatever the written form of each side.
    Case(
        "referent-in-another-written-form-in-the-text",
        [
            ("yaml", TARN, f"NOM{NBSP}: DAVID ALLARD", f"NOM{NBSP}: **DAVID** ALLARD"),
            ("yaml", TARN, f"TEL{NBSP}: 05 63 29 92 37", f"TEL{NBSP}: +33 (0)5 63 29 92 37"),
            ("yaml", TARN, f"MAIL{NBSP}: DAVID.ALLARD@CC-DEUXRIVES.FR", f"MAIL{NBSP}: david.allard\\@cc-deuxrives.fr"),
        ],
    ),
    Case(
        "organisation-contact-in-another-written-form-in-the-text",
        [
            (
                "yaml",
                CC_DEUX_RIVES,
                "address:",
                f"contacts:\n  - function: Secrétaire générale\n    name: {AGENT}\naddress:",
            ),
            (
                "source",
                TARN,
                TARN_SOURCE,
                f"FONCTION{NBSP}:  DIRECTEUR DU SERVICE INFORMATIQUE",
                f"FONCTION{NBSP}:  DIRECTEUR DU SERVICE INFORMATIQUE, suppléé par {AGENT}",
            ),
            (
                "yaml",
                TARN,
                f"FONCTION{NBSP}: DIRECTEUR DU SERVICE INFORMATIQUE",
                f"FONCTION{NBSP}: DIRECTEUR DU SERVICE INFORMATIQUE, suppléé par _Hélène_ Castanier",
            ),
        ],
    ),
    Case(
        "another-person-where-the-document-names-the-referent",
        [("yaml", TARN, f"NOM{NBSP}: DAVID ALLARD", f"NOM{NBSP}: JEAN DUPONT")],
        lambda p: [
            differs(
                p,
                TARN,
                "JEAN DUPONT",
                ("articles", 2, "text"),
                TARN_SOURCE,
                "DAVID ALLARD",
                f"/ NOM : {MASK} FONCTION : DIRECTEUR",
                "/ NOM : JEAN DUPONT FONCTION : DIRECTEUR",
            )
        ],
    ),
    Case(
        "layout-only",
        [
            (
                "source",
                SMICA,
                SMICA_SOURCE,
                "La présente convention prend effet au 1er janvier 2026, elle est",
                "\uf0b7  La présente convention prend\n\neffet au 1er janvier\u00a02026, elle est",
            ),
            (
                "yaml",
                SMICA,
                "(OK-ACTE, OK-COURRIER, OK-HELIOS, SafeTender)",
                "(OK-ACTE, OK-COURRIER, OK-HELIOS,\n        SafeTender)",
            ),
        ],
    ),
    Case(
        "rebuilt-grid-with-a-changed-amount",
        [("yaml", TARN, "| 9,60 € | 9,12 €", "| 9,70 € | 9,12 €")],
        lambda p: [
            problem(
                TARN,
                line_of(p / TARN, "| 9,70 € | 9,12 €"),
                GRID,
                "grille reconstituée : ses montants diffèrent du document source "
                f"(sources/tarn-et-garonne-deux-rives.txt:{line_of(p / TARN_SOURCE, 'au GFU (OF) 9,60 €')})"
                " : « 9,70 € » 0 fois dans le document, 1 fois ici ; « 9,60 € » 1 fois dans le document, "
                "0 fois ici",
            )
        ],
    ),
    Case(
        "rebuilt-grid-with-its-rows-in-another-order",
        [("yaml", TARN, f"{ONE_TB}\n          {TWO_TB}", f"{TWO_TB}\n          {ONE_TB}")],
    ),
]


def apply(project: Path, edit: tuple) -> None:
    if edit[0] == "yaml":
        replace_in(project, *edit[1:])
    else:
        _, convention, source, old, new = edit
        replace_in(project, source, old, new)
        rehash(project, convention, source)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_registre_check_reports_each_transcription_difference(project, capsys, case):
    for edit in case.edits:
        apply(project, edit)
    expected = case.expected(project)
    if expected:
        assert_problems(project, capsys, *expected)
    else:
        code, lines = run_check(project, capsys)
        assert (code, [line for line in lines if line.startswith("content/")]) == (0, [])


def test_unchanged_fixture_passes(project, capsys):
    code, lines = run_check(project, capsys)
    assert code == 0
    assert not [line for line in lines if line.startswith("content/")]


def test_a_grid_whose_reason_is_removed_is_compared_word_for_word(project, capsys):
    text = (project / TARN).read_text(encoding="utf-8")
    start = text.index("        transcription:\n")
    end = text.index("\n", text.index("          reason:", start)) + 1
    (project / TARN).write_text(text[:start] + text[end:], encoding="utf-8")
    assert_problems(
        project,
        capsys,
        differs(
            project,
            TARN,
            "GFU (part Exploitant)",
            GRID,
            TARN_SOURCE,
            "au GFU (OF) 9,60 €",
            "au GFU (OF)",
            "GFU (part Exploitant) Tarif GFU … Tarif GFU (€ TTC/mois) — au GFU (OF)",
            " ; 1 autre différence plus loin dans ce champ",
        ),
    )


def test_a_wrong_source_file_gives_a_few_lines(project, capsys):
    shutil.copy(project / SMICA_SOURCE, project / TARN_SOURCE)
    rehash(project, TARN, TARN_SOURCE)
    headings = [
        problem(
            TARN,
            line_of(project / TARN, heading),
            ("articles", index, "heading"),
            "intitulé introuvable dans le document source : vérifiez qu’il est recopié à l’identique",
        )
        for index, heading in enumerate(
            [
                "heading: 'Article 1",
                "heading: 'Article 2",
                "heading: 'Article 3",
                "heading: Article 4",
                "heading: 'Article 5",
            ]
        )
    ]
    assert_problems(
        project,
        capsys,
        *headings,
        problem(
            TARN,
            line_of(project / TARN, "  file: sources/"),
            ("source", "file"),
            "18 autres intitulés de la convention introuvables dans le document source : vérifiez que c’est bien "
            "son texte",
        ),
    )


def test_a_source_file_not_in_utf8_is_reported_instead_of_compared(project, capsys):
    source = project / SMICA_SOURCE
    source.write_bytes(source.read_text(encoding="utf-8").encode("cp1252"))
    rehash(project, SMICA, SMICA_SOURCE)
    assert_problems(
        project,
        capsys,
        problem(
            SMICA,
            line_of(project / SMICA, "  file: sources/"),
            ("source", "file"),
            "Le fichier content/sources/2026cv4.txt n’est pas un texte UTF-8 : enregistrez-le en UTF-8 pour que son "
            "texte puisse être comparé à la convention, puis recopiez sa nouvelle empreinte dans sha256.",
        ),
    )


def test_only_a_rebuilt_table_is_a_known_transcription_choice():
    """The text is the document's, typos included: no kind of choice corrects it."""
    reason = "Le texte extrait du PDF donne la grille dans le désordre."
    assert models.TranscriptionChoice(kind="table_rebuilt", reason=reason).kind == "table_rebuilt"
    for kind, why in (("text_corrected", reason), ("table_rebuilt", "")):
        with pytest.raises(ValidationError):
            models.TranscriptionChoice(kind=kind, reason=why)
