"""`registre check` on broken content: one table of (what the staff got wrong, what `check` prints).

Every case breaks a copy of the fixture register (the `project` fixture) and compares, line for line, what
`registre check` prints with what the staff should read: `content/<file>.yaml:LINE: field.path: message`,
in French, saying how to fix it. Lines are found in the edited file by a piece of their text, so that
the cases keep pointing at the right line when the fixture changes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import line_of, replace_in, run_check, snapshot

ROOT = Path(__file__).resolve().parent.parent
SMICA = "content/conventions/smica-severac-2026cv4.yaml"
TARN = "content/conventions/tarn-et-garonne-deux-rives.yaml"
SMICA_SOURCE = "content/sources/2026cv4.txt"
TARN_SOURCE = "content/sources/tarn-et-garonne-deux-rives.txt"
DATE_HINT = "Date attendue au format AAAA-MM-JJ, par exemple"
UNKNOWN_FIELD = "Vérifiez l’orthographe et l’indentation (les champs possibles sont décrits par `registre schema`)."


@dataclass
class Case:
    """Edits to make to the fixture register, and the problems `registre check` must print for them."""

    name: str
    edits: list[tuple]
    """("replace", file, old, new) once in the file; ("write", file, text or bytes); ("remove", path);
    ("rename", path, new path); ("append", file, text)."""
    expected: list[tuple]
    """(file, where, "field: message"): `where` is a line number, or a text found on the line
    (optionally with its occurrence: (text, 2))."""
    sha_of: dict = field(default_factory=dict)
    """Placeholders in the messages: {"{digest}": path of the file whose SHA-256 fills it}."""


CASES = [
    # --- files and YAML syntax ---------------------------------------------------------------------------
    Case(
        "yaml-syntax",
        [("write", "content/topics/duree.yaml", "id: duree\nlabel: [Durée\ndescription: x\n")],
        [
            (
                "content/topics/duree.yaml",
                3,
                "(syntaxe): Syntaxe YAML incorrecte : une liste entre crochets [ ] n’est "
                "pas refermée ou contient un « : » : écrivez la liste sur plusieurs lignes commençant par « - ».",
            )
        ],
    ),
    Case(
        "unclosed-quote",
        [("replace", SMICA, "  place: Rodez\n", "  place: 'Rodez\n")],
        [
            (
                SMICA,
                "place: 'Rodez",
                "(syntaxe): Syntaxe YAML incorrecte : la valeur de cette ligne s’ouvre par une "
                "apostrophe ou un guillemet qui n’est pas refermé sur la ligne : ajoutez-le en fin de valeur, ou "
                "retirez-le.",
            )
        ],
    ),
    Case(
        "tab",
        [("replace", "content/topics/duree.yaml", "\ndescription:", "\n\tdescription:")],
        [
            (
                "content/topics/duree.yaml",
                "\tdescription:",
                "(syntaxe): Tabulation dans l’indentation : remplacez les tabulations par des espaces.",
            )
        ],
    ),
    Case(
        "empty-file",
        [("write", "content/organisations/smica.yaml", "")],
        # The conventions that name `smica` are not reported: the empty file is the problem.
        [("content/organisations/smica.yaml", 1, "(document): Le fichier est vide : partez de `registre new`.")],
    ),
    Case(
        "not-a-mapping",
        [("write", "content/services/gfu.yaml", "- gfu\n- stockage\n")],
        [
            (
                "content/services/gfu.yaml",
                1,
                "(document): Le fichier doit être une suite de champs « nom: valeur » "
                "(pas une liste ni un texte seul).",
            )
        ],
    ),
    Case(
        "not-utf8",
        [("write", "content/topics/litiges.yaml", "id: litiges\nlabel: Réglement\n".encode("latin-1"))],
        [
            (
                "content/topics/litiges.yaml",
                2,
                "(fichier): Caractère non UTF-8 en colonne 9 : enregistrez le fichier "
                "en UTF-8 (dans votre éditeur : « Enregistrer avec l’encodage » UTF-8).",
            )
        ],
    ),
    # --- fields ------------------------------------------------------------------------------------------
    Case(
        "missing-field",
        [("replace", SMICA, "title: Convention (référence 2026CV4)\n", "")],
        [(SMICA, 1, "title (titre): Champ obligatoire « title » manquant : ajoutez-le.")],
    ),
    Case(
        "missing-nested-field",
        [
            (
                "replace",
                SMICA,
                "      name: Jean-Louis GRIMAL\n      function: Président\n",
                "      name: Jean-Louis GRIMAL\n",
            )
        ],
        [
            (
                SMICA,
                ("representative:", 2),
                "parties[1].representative.function (fonction du représentant de la partie n° 2): "
                "Champ obligatoire « function » manquant : ajoutez-le.",
            )
        ],
    ),
    Case(
        "french-date",
        [("replace", SMICA, "  date: 2026-02-17\n", "  date: 17/02/2026\n")],
        [(SMICA, "date: 17/02/2026", f"signature.date (date de la signature): {DATE_HINT} 2026-02-17.")],
    ),
    Case(
        "date-in-words",
        [("replace", SMICA, "  date: 2026-02-17\n", "  date: 17 février 2026\n")],
        [(SMICA, "date: 17 février", f"signature.date (date de la signature): {DATE_HINT} 2026-02-17.")],
    ),
    Case(
        "impossible-date",
        [("replace", SMICA, "    mandate_date: 2021-10-20\n", "    mandate_date: 2021-02-30\n")],
        [
            (
                SMICA,
                "mandate_date: 2021-02-30",
                "parties[0].mandate_date (date du mandat de la partie n° 1): « 2021-02-30 » n’est pas une date du "
                "calendrier : vérifiez le jour et le mois (AAAA-MM-JJ).",
            )
        ],
    ),
    Case(
        "word-for-a-number",
        [("replace", SMICA, "  duration:\n    years: 3\n", "  duration:\n    years: trois\n")],
        [
            (
                SMICA,
                "years: trois",
                "term.duration.years (nombre d’années de la durée initiale de la période de validité): "
                "Nombre entier attendu, par exemple 3 (pas « trois »).",
            )
        ],
    ),
    Case(
        "number-to-quote",
        [("replace", SMICA, "  - number: '5'\n", "  - number: 5\n")],
        [
            (
                SMICA,
                "- number: 5",
                "articles[4].number (numéro de l’article n° 5): Texte attendu : écrivez la valeur entre apostrophes, "
                "par exemple '5' (sans apostrophes, le YAML la lit comme un nombre).",
            )
        ],
    ),
    Case(
        "text-for-a-list",
        [("replace", SMICA, "    topics:\n      - litiges\n", "    topics: litiges\n")],
        [
            (
                SMICA,
                "topics: litiges",
                "articles[5].topics (types de clause de l’article n° 6): Liste attendue : une ligne par élément, "
                "commençant par « - ».",
            )
        ],
    ),
    Case(
        "unknown-choice",
        [("replace", SMICA, "  kind: any_time\n", "  kind: any-time\n")],
        [
            (
                SMICA,
                "kind: any-time",
                "termination.kind (modalité de la résiliation): Valeur inconnue « any-time ». "
                "Voulez-vous dire « any_time » ? Valeurs possibles : any_time, before_anniversary.",
            )
        ],
    ),
    Case(
        "unknown-field",
        [("replace", SMICA, "reference: 2026CV4\n", "reference: 2026CV4\ncolour: bleu\n")],
        [(SMICA, "colour: bleu", f"colour: Champ inconnu « colour ». {UNKNOWN_FIELD}")],
    ),
    Case(
        "misspelt-field",
        [("replace", SMICA, "    title: Rémunération\n", "    titel: Rémunération\n")],
        [
            (
                SMICA,
                "- number: '4'",
                "articles[3].title (titre de l’article n° 4): Champ obligatoire « title » manquant : ajoutez-le.",
            ),
            (
                SMICA,
                "titel: Rémunération",
                f"articles[3].titel: Champ inconnu « titel ». Voulez-vous dire « title » ? {UNKNOWN_FIELD}",
            ),
        ],
    ),
    Case(
        "duplicate-key",
        [("replace", SMICA, "reference: 2026CV4\n", "reference: 2026CV4\nreference: 2026CV5\n")],
        [
            (
                SMICA,
                "reference: 2026CV5",
                "reference: Le champ « reference » apparaît deux fois ici : gardez-en un seul.",
            )
        ],
    ),
    Case(
        "accented-id",
        [
            ("rename", "content/topics/duree.yaml", "content/topics/Durée.yaml"),
            ("replace", "content/topics/Durée.yaml", "id: duree\n", "id: Durée\n"),
        ],
        [
            (
                "content/topics/Durée.yaml",
                1,
                "id (identifiant): Identifiant sans accent ni espace, en minuscules, mots séparés par "
                "des tirets : par exemple « duree ». Renommez aussi le fichier en duree.yaml.",
            ),
            # the articles that name `duree` are reported too: no file defines it any more
            *[
                (
                    convention,
                    ("- duree", occurrence),
                    f"{field} ({words}): Le type de clause « duree » n’existe pas. Les identifiants "
                    "connus sont les noms des fichiers de content/topics/ (sans .yaml).",
                )
                for convention, occurrence, field, words in (
                    (SMICA, 1, "articles[2].topics[0]", "type de clause n° 1 de l’article n° 3"),
                    (TARN, 1, "articles[6].topics[0]", "type de clause n° 1 de l’article n° 7"),
                    (
                        TARN,
                        2,
                        "annexes[1].articles[2].topics[0]",
                        "type de clause n° 1 de l’article n° 3 de l’annexe n° 2",
                    ),
                )
            ],
        ],
    ),
    Case(
        "siret",
        [("replace", "content/organisations/cc-deux-rives.yaml", "siret: 248 200 016 00017", "siret: 248 200 016")],
        [
            (
                "content/organisations/cc-deux-rives.yaml",
                "siret:",
                "siret (numéro SIRET): Le SIRET compte 14 chiffres (espaces permis), par exemple 200 066 710 00019.",
            )
        ],
    ),
    # --- identifiers -------------------------------------------------------------------------------------
    Case(
        "id-not-file-name",
        [("replace", SMICA, "id: smica-severac-2026cv4\n", "id: autre-convention\n")],
        [
            (
                SMICA,
                1,
                "id (identifiant): L’identifiant doit être le nom du fichier sans .yaml : "
                "écrivez id: smica-severac-2026cv4, ou renommez le fichier en autre-convention.yaml.",
            )
        ],
    ),
    Case(
        "duplicate-id",
        [("copy", "content/topics/duree.yaml", "content/topics/duree.yml")],
        [
            (
                "content/topics/duree.yml",
                1,
                "id (identifiant): L’identifiant « duree » est déjà pris par content/topics/duree.yaml : "
                "gardez un seul des deux fichiers.",
            )
        ],
    ),
    Case(
        "duplicate-article",
        [("replace", SMICA, "  - number: '5'\n", "  - number: '4'\n")],
        [
            (
                SMICA,
                ("- number: '4'", 2),
                "articles[4].number (numéro de l’article n° 5): Deux articles portent le numéro « 4 » (les majuscules "
                "ne comptent pas) : chaque article a son propre numéro.",
            )
        ],
    ),
    # --- references --------------------------------------------------------------------------------------
    Case(
        "unknown-organisation",
        [("replace", SMICA, "  - organisation: smica\n", "  - organisation: smika\n")],
        [
            (
                SMICA,
                "organisation: smika",
                "parties[1].organisation (organisation de la partie n° 2): L’organisation « smika » n’existe pas. "
                "Voulez-vous dire « smica » ? Les identifiants connus sont les noms des fichiers "
                "de content/organisations/ (sans .yaml).",
            )
        ],
    ),
    Case(
        "unknown-topic",
        [("replace", SMICA, "      - litiges\n", "      - litige\n")],
        [
            (
                SMICA,
                "- litige",
                "articles[5].topics[0] (type de clause n° 1 de l’article n° 6): "
                "Le type de clause « litige » n’existe pas. Voulez-vous dire "
                "« litiges » ? Les identifiants connus sont les noms des fichiers de content/topics/ (sans .yaml).",
            )
        ],
    ),
    Case(
        "unknown-service-far-from-any",
        [("replace", SMICA, "  - safetender\n", "  - parapheur\n")],
        [
            (
                SMICA,
                "- parapheur",
                "services[3] (service n° 4): Le service « parapheur » n’existe pas. Les identifiants connus sont "
                "les noms des fichiers de content/services/ (sans .yaml).",
            )
        ],
    ),
    Case(
        "unknown-provider",
        [("replace", "content/services/stockage-sauvegarde.yaml", "provider: netexplorer", "provider: net-explorer")],
        [
            (
                "content/services/stockage-sauvegarde.yaml",
                "provider:",
                "provider (prestataire): L’organisation « net-explorer » "
                "n’existe pas. Voulez-vous dire « netexplorer » ? "
                "Les identifiants connus sont les noms des fichiers de "
                "content/organisations/ (sans .yaml).",
            )
        ],
    ),
    Case(
        "missing-article",
        [
            ("replace", SMICA, "    years: 3\n  description:", "    years: 3\n  description:"),
            ("term-source", SMICA, "'3'", "'12'"),
        ],
        [
            (
                SMICA,
                ("article: '12'", 1, -1),
                "term.source (clause de la période de validité): "
                "La convention « smica-severac-2026cv4 » n’a pas d’article "
                "12 : indiquez le numéro d’un article qui y figure.",
            )
        ],
    ),
    # --- source documents --------------------------------------------------------------------------------
    Case(
        "stale-sha256",
        [("append", SMICA_SOURCE, "\nune ligne ajoutée\n")],
        [
            (
                SMICA,
                "  sha256:",
                "source.sha256 (empreinte SHA-256 du document source): "
                "L’empreinte ne correspond pas au fichier content/sources/2026cv4.txt. "
                "Si ce fichier est bien le texte du document signé, écrivez : sha256: {digest}",
            )
        ],
        sha_of={"{digest}": SMICA_SOURCE},
    ),
    Case(
        "malformed-sha256",
        [("sha256", SMICA, "0123 abcd")],
        [
            (
                SMICA,
                "  sha256:",
                "source.sha256 (empreinte SHA-256 du document source): Empreinte SHA-256 attendue : "
                "64 caractères 0-9 et a-f (`registre "
                "check` donne celle du fichier). Celle du fichier content/sources/2026cv4.txt est : {digest}",
            )
        ],
        sha_of={"{digest}": SMICA_SOURCE},
    ),
    Case(
        "missing-source",
        [("remove", SMICA_SOURCE)],
        [
            (
                SMICA,
                "  file: sources/2026cv4.txt",
                "source.file (fichier du document source): Fichier introuvable : content/sources/2026cv4.txt. "
                "Placez-y le texte du document signé, ou corrigez le chemin (relatif à content/, par exemple "
                "sources/ma-convention.txt).",
            )
        ],
    ),
    Case(
        "source-outside-content",
        [("replace", SMICA, "  file: sources/2026cv4.txt\n", "  file: ../mkdocs.yml\n")],
        [
            (
                SMICA,
                "  file: ../mkdocs.yml",
                "source.file (fichier du document source): Le document source doit être un fichier de content/, par "
                "exemple sources/ma-convention.txt.",
            )
        ],
    ),
    # --- several files at once ---------------------------------------------------------------------------
    Case(
        "syntax-and-meaning-in-two-files",
        [
            (
                "write",
                "content/topics/duree.yaml",
                "id (identifiant): duree\nlabel: Durée: du contrat\ndescription: x\n",
            ),
            (
                "replace",
                TARN,
                "  - organisation: tarn-et-garonne-amenagement\n",
                "  - organisation: tarn-amenagement\n",
            ),
            ("replace", SMICA, "  date: 2026-02-17\n", "  date: demain\n"),
        ],
        [
            (
                "content/topics/duree.yaml",
                2,
                "(syntaxe): Syntaxe YAML incorrecte : un « : » inattendu : une valeur qui "
                "contient « : » doit être écrite entre apostrophes, ou la ligne est mal indentée.",
            ),
            (SMICA, "date: demain", f"signature.date (date de la signature): {DATE_HINT} 2026-02-17."),
            (
                TARN,
                "organisation: tarn-amenagement",
                "parties[0].organisation (organisation de la partie n° 1): L’organisation « tarn-amenagement » "
                "n’existe pas. Voulez-vous dire « tarn-et-garonne-amenagement » ? "
                "Les identifiants connus sont les noms des fichiers de content/organisations/ (sans .yaml).",
            ),
        ],
    ),
]


def apply(project: Path, edit: tuple) -> None:
    kind, relative, *rest = edit
    path = project / relative
    if kind == "replace":
        replace_in(project, relative, *rest)
    elif kind == "write":
        path.write_bytes(rest[0] if isinstance(rest[0], bytes) else rest[0].encode("utf-8"))
    elif kind == "append":
        path.write_bytes(path.read_bytes() + rest[0].encode("utf-8"))
    elif kind == "remove":
        path.unlink()
    elif kind == "rename":
        path.rename(project / rest[0])
    elif kind == "copy":
        shutil.copy(path, project / rest[0])
    elif kind == "sha256":
        text = path.read_text(encoding="utf-8")
        start = text.index("  sha256: ")
        end = text.index("\n", start)
        path.write_text(text[:start] + f"  sha256: {rest[0]}" + text[end:], encoding="utf-8")
    elif kind == "term-source":
        text = path.read_text(encoding="utf-8")
        start = text.index("\nterm:\n")
        old, new = f"  source:\n    article: {rest[0]}", f"  source:\n    article: {rest[1]}"
        at = text.index(old, start)
        path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    else:
        raise ValueError(kind)


def expected_line(project: Path, case: Case, relative: str, where, text: str) -> str:
    if isinstance(where, int):
        line = where
    else:
        needle, occurrence, offset = (where, 1, 0) if isinstance(where, str) else (*where, 0)[:3]
        line = line_of(project / relative, needle, occurrence) + offset
    for placeholder, source in case.sha_of.items():
        text = text.replace(placeholder, hashlib.sha256((project / source).read_bytes()).hexdigest())
    return f"{relative}:{line}: {text}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_prints_the_problem_in_french_where_it_is(project, capsys, case):
    for edit in case.edits:
        apply(project, edit)
    code, lines = run_check(project, capsys)
    expected = sorted(expected_line(project, case, *item) for item in case.expected)
    count = len(expected)
    assert lines == [*expected, f"{count} problème{'s' if count > 1 else ''} trouvé{'s' if count > 1 else ''}."]
    assert code == 1


def test_missing_content_folder(project, capsys):
    shutil.rmtree(project / "content")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert lines[0].endswith(
        ":1: (dossier): Dossier content/ introuvable : lancez la commande depuis le dossier "
        "du registre, ou donnez --project."
    )


# --- nothing is published ----------------------------------------------------


@pytest.mark.parametrize("breakage", ["content", "template"])
def test_build_with_broken_input_leaves_the_site_untouched(project, tmp_path, breakage):
    site = tmp_path / "public" / "site"
    (site / "conventions").mkdir(parents=True)
    (site / "index.html").write_text("<p>le site d’hier</p>\n", encoding="utf-8")
    (site / "conventions" / "marqueur.txt").write_bytes(b"ne pas toucher \x00\xff\n")
    before = snapshot(site)
    if breakage == "content":
        replace_in(project, SMICA, "  date: 2026-02-17\n", "  date: 17/02/2026\n")
        expected = f"{SMICA}:{line_of(project / SMICA, 'date: 17/02/2026')}: signature.date (date de la signature): "
    else:
        with (project / "templates/pages/article.md.j2").open("a", encoding="utf-8") as template:
            template.write("{% if %}\n")
        line = len((project / "templates/pages/article.md.j2").read_text(encoding="utf-8").splitlines())
        expected = f"templates/pages/article.md.j2:{line}: template error: "
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert snapshot(site) == before
    # No half-written site is left next to it either.
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]
