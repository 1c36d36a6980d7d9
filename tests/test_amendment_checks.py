"""`registre check` on a convention in time: avenants whose changes cannot apply at their date, an avenant in
force after the convention's end or its termination, the references and signed texts of avenants and
terminations, publication dates, and the French messages of the models' own rules for these shapes.

Every case breaks a copy of the fixture register with the three avenants of tests/fixtures/avenants (in
force on 1 April 2026, 1 October 2026 and 1 January 2027; the build date is 22 November 2026) and compares,
line for line, what `registre check` prints. Lines are found by a piece of their text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_project
from helpers import AMENDED_CONVENTION, add_avenants, assert_problems, line_of, replace_in, run_check

NOTICE = "content/notices/bouquet-services-referents.yaml"
AVENANT_1_SOURCE = "content/sources/2026cv4-avenant-1.txt"

#: a termination notified by the SMICA, with the lines a case breaks
TERMINATION = """terminated:
  by: smica
  notified: 2027-03-01
  effective: 2027-05-01
  form: lettre recommandée avec avis de réception
"""

#: a change the third avenant makes after its own, for the cases that need one more
EXTRA_CHANGE_AFTER = (
    "        text: Chaque année le SMICA percevra une rémunération révisée au 1er janvier selon l’indice des prix.\n"
)


@dataclass
class Case:
    name: str
    edits: list[tuple]
    """("replace", file, old, new): once in the file; ("append", file, text); ("write", file, text)."""
    expected: list[tuple[At | str, str]]
    """(where: an `At`, or a text found on a line of the amended convention; "field (words): message")."""


@dataclass(frozen=True)
class At:
    """The `occurrence`-th line of `file` that holds `needle`."""

    needle: str
    occurrence: int = 1
    file: str = AMENDED_CONVENTION


def change_of_avenant_3(yaml_lines: str) -> tuple:
    """An edit adding a change (its YAML, indented as an item of `changes`) to the third avenant."""
    return ("replace", AMENDED_CONVENTION, EXTRA_CHANGE_AFTER, EXTRA_CHANGE_AFTER + yaml_lines)


CASES = [
    # --- changes that cannot apply at their date (the convention's history) -----------------------
    Case(
        "replace of an article that never existed",
        [("replace", AMENDED_CONVENTION, "replace: {article: '4'}", "replace: {article: '9'}")],
        [
            (
                "replace: {article: '9'}",
                "amendments[2].changes[0].replace (article remplacé du changement n° 1 de l’avenant n° 3): "
                "L’article 9 n’existe pas à cette date : vérifiez le numéro visé.",
            )
        ],
    ),
    Case(
        "replace of an article an earlier avenant abrogated",
        [("replace", AMENDED_CONVENTION, "replace: {article: '4'}", "replace: {article: '6'}")],
        [
            (
                "replace: {article: '6'}",
                "amendments[2].changes[0].replace (article remplacé du changement n° 1 de l’avenant n° 3): "
                "L’article 6 est déjà abrogé à cette date (par « Avenant n° 2 ») : vérifiez le numéro visé.",
            )
        ],
    ),
    Case(
        "insert of a number that exists at that date",
        [change_of_avenant_3("      - insert: {after: '5', number: 5 bis, title: Données, text: Autre texte.}\n")],
        [
            (
                "number: 5 bis, title: Données",
                "amendments[2].changes[1].insert (article inséré du changement n° 2 de l’avenant n° 3): "
                "L’article 5 bis existe déjà à cette date : donnez un autre numéro.",
            )
        ],
    ),
    Case(
        "replace that leaves the article as it is",
        [change_of_avenant_3("      - replace: {article: '5 bis'}\n        title: Protection des données\n")],
        [
            (
                "replace: {article: '5 bis'}",
                "amendments[2].changes[1].replace (article remplacé du changement n° 2 de l’avenant n° 3): "
                "Le remplacement laisse l’article 5 bis inchangé : vérifiez le texte de l’avenant.",
            )
        ],
    ),
    Case(
        "two avenants in force on the same day change the same article differently",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "entry_into_force: {date: 2027-01-01}",
                "entry_into_force: {date: 2026-10-01}",
            ),
            ("replace", AMENDED_CONVENTION, "replace: {article: '4'}", "replace: {article: '3'}"),
        ],
        [
            (
                At("replace: {article: '3'}", 2),
                "amendments[2].changes[0].replace (article remplacé du changement n° 1 de l’avenant n° 3): "
                "« Avenant n° 2 » et « Avenant n° 3 » entrent en vigueur le même jour (1er octobre 2026) et changent "
                "différemment la même clause : corrigez l’une des deux dates, ou l’un des deux changements.",
            )
        ],
    ),
    Case(
        "an avenant in force before the convention",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "entry_into_force: {date: 2026-04-01}",
                "entry_into_force: {date: 2025-12-01}",
            )
        ],
        [
            (
                "entry_into_force: {date: 2025-12-01}",
                "amendments[0].entry_into_force (entrée en vigueur de l’avenant n° 1): L’avenant entre en vigueur "
                "le 1er décembre 2025, avant la convention (1er janvier 2026) : vérifiez sa date d’entrée en vigueur.",
            )
        ],
    ),
    # --- an avenant once the convention has ended ------------------------------------------------
    Case(
        "an avenant in force after the end of the term in force the day before",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "entry_into_force: {date: 2027-01-01}",
                "entry_into_force: {date: 2030-01-01}",
            )
        ],
        [
            (
                "entry_into_force: {date: 2030-01-01}",
                "amendments[2].entry_into_force (entrée en vigueur de l’avenant n° 3): L’avenant entre en vigueur "
                "le 1er janvier 2030, après la fin de la convention (31 décembre 2029, terme de sa durée en vigueur "
                "la veille) : un avenant ne prolonge qu’une convention encore en vigueur ; vérifiez sa date "
                "d’entrée en vigueur.",
            )
        ],
    ),
    Case(
        "an avenant in force on or after the termination's effective date",
        [
            (
                "append",
                AMENDED_CONVENTION,
                TERMINATION.replace("2027-03-01", "2026-11-01").replace("2027-05-01", "2027-01-01"),
            )
        ],
        [
            (
                "entry_into_force: {date: 2027-01-01}",
                "amendments[2].entry_into_force (entrée en vigueur de l’avenant n° 3): L’avenant entre en vigueur "
                "le 1er janvier 2027, alors que la résiliation de la convention prend effet le 1er janvier 2027 : "
                "vérifiez sa date d’entrée en vigueur, ou celle de la résiliation (terminated.effective).",
            )
        ],
    ),
    # --- references ------------------------------------------------------------------------------
    Case(
        "unknown signatory and deliberating organisation",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "      - organisation: smica\n        body",
                "      - organisation: smicaa\n        body",
            ),
            (
                "replace",
                AMENDED_CONVENTION,
                "    summary: Prévoit la révision",
                "    signatories:\n      - organisation: severac\n        role: membre\n"
                "        representative: {name: Arnaud VIALA, function: Président}\n"
                "        mandate: dûment habilité\n    summary: Prévoit la révision",
            ),
        ],
        [
            (
                "organisation: smicaa",
                "amendments[0].deliberations[0].organisation (organisation de la délibération n° 1 de l’avenant "
                "n° 1): L’organisation « smicaa » n’existe pas. Voulez-vous dire « smica » ? Les identifiants "
                "connus sont les noms des fichiers de content/organisations/ (sans .yaml).",
            ),
            (
                "organisation: severac",
                "amendments[2].signatories[0].organisation (organisation du signataire n° 1 de l’avenant n° 3): "
                "L’organisation « severac » n’existe pas. Les identifiants connus sont les noms des fichiers de "
                "content/organisations/ (sans .yaml).",
            ),
        ],
    ),
    Case(
        "unknown new services, providers and topics",
        [
            change_of_avenant_3("      - services: [ok-acte, ok-actes]\n"),
            change_of_avenant_3("      - providers: [netexplorerr]\n"),
            ("replace", AMENDED_CONVENTION, "topics: [donnees-personnelles]", "topics: [donnees-personelles]"),
            (
                "replace",
                AMENDED_CONVENTION,
                "        title: Rémunération et révision\n",
                "        title: Rémunération et révision\n        topics: [revision-annuelle]\n",
            ),
        ],
        [
            (
                "topics: [donnees-personelles]",
                "amendments[0].changes[1].insert.topics[0] (type de clause n° 1 de l’article inséré du changement "
                "n° 2 de l’avenant n° 1): Le type de clause « donnees-personelles » n’existe pas. Voulez-vous dire "
                "« donnees-personnelles » ? Les identifiants connus sont les noms des fichiers de content/topics/ "
                "(sans .yaml).",
            ),
            (
                "topics: [revision-annuelle]",
                "amendments[2].changes[0].topics[0] (type de clause n° 1 du changement n° 1 de l’avenant n° 3): "
                "Le type de clause « revision-annuelle » n’existe pas. Les identifiants connus sont les noms des "
                "fichiers de content/topics/ (sans .yaml).",
            ),
            (
                "providers: [netexplorerr]",
                "amendments[2].changes[1].providers[0] (prestataire n° 1 du changement n° 2 de l’avenant n° 3): "
                "L’organisation « netexplorerr » n’existe pas. Voulez-vous dire « netexplorer » ? Les identifiants "
                "connus sont les noms des fichiers de content/organisations/ (sans .yaml).",
            ),
            (
                "services: [ok-acte, ok-actes]",
                "amendments[2].changes[2].services[1] (service n° 2 du changement n° 3 de l’avenant n° 3): "
                "Le service « ok-actes » n’existe pas. Voulez-vous dire « ok-acte » ? Les identifiants connus sont "
                "les noms des fichiers de content/services/ (sans .yaml).",
            ),
        ],
    ),
    Case(
        "a new term citing an article that does not exist, or that the same avenant abrogates",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "          source: {article: '3'}\n      - wording",
                "          source: {article: '6'}\n      - wording",
            ),
        ],
        [
            (
                "source: {article: '6'}",
                "amendments[1].changes[1].term.source (clause de la nouvelle période de validité du changement "
                "n° 2 de l’avenant n° 2): Après « Avenant n° 2 », la convention n’a pas d’article 6 : citez un "
                "article du texte en vigueur à cette date (un article qu’insère l’avenant compte, un article qu’il "
                "abroge non).",
            )
        ],
    ),
    Case(
        "a new termination rule citing an article that does not exist",
        [
            change_of_avenant_3(
                "      - termination: {kind: any_time, notice: {months: 3}, by: chaque partie,\n"
                "          source: {article: '12'}}\n"
            )
        ],
        [
            (
                "source: {article: '12'}",
                "amendments[2].changes[1].termination.source (clause de la nouvelle résiliation du changement n° 2 "
                "de l’avenant n° 3): Après « Avenant n° 3 », la convention n’a pas d’article 12 : citez un article "
                "du texte en vigueur à cette date (un article qu’insère l’avenant compte, un article qu’il abroge "
                "non).",
            )
        ],
    ),
    Case(
        "a termination by an unknown organisation",
        [("append", AMENDED_CONVENTION, TERMINATION.replace("by: smica", "by: smic"))],
        [
            (
                "by: smic",
                "terminated.by (auteur de la résiliation notifiée): L’organisation « smic » n’existe pas. "
                "Voulez-vous dire « smica » ? Les identifiants connus sont les noms des fichiers de "
                "content/organisations/ (sans .yaml).",
            )
        ],
    ),
    Case(
        "a termination by an organisation that is not a party",
        [("append", AMENDED_CONVENTION, TERMINATION.replace("by: smica", "by: cc-deux-rives"))],
        [
            (
                "by: cc-deux-rives",
                "terminated.by (auteur de la résiliation notifiée): « cc-deux-rives » n’est pas une partie de la "
                "convention : la résiliation est notifiée par l’une d’elles (syndicat-mixte-severac-carrefour-aveyron, "
                "smica).",
            )
        ],
    ),
    # --- the signed texts -------------------------------------------------------------------------
    Case(
        "an avenant's signed text missing, another's hash wrong",
        [
            ("replace", AMENDED_CONVENTION, "file: sources/2026cv4-avenant-2.txt", "file: sources/avenant-2.txt"),
            ("replace", AMENDED_CONVENTION, "sha256: 40b3", "sha256: 50b3"),
        ],
        [
            (
                "file: sources/avenant-2.txt",
                "amendments[1].source.file (fichier du document source de l’avenant n° 2): Fichier introuvable : "
                "content/sources/avenant-2.txt. Placez-y le texte du document signé, ou corrigez le chemin (relatif "
                "à content/, par exemple sources/ma-convention.txt).",
            ),
            (
                "sha256: 50b3",
                "amendments[2].source.sha256 (empreinte SHA-256 du document source de l’avenant n° 3): L’empreinte "
                "ne correspond pas au fichier content/sources/2026cv4-avenant-3.txt. Si ce fichier est bien le texte "
                "du document signé, écrivez : sha256: 40b3c9bb454cb433c3bcd4623d806d6cf1262f7381f4529b6c3de1dd941b773c",
            ),
        ],
    ),
    Case(
        "a termination letter whose hash is wrong",
        [
            ("write", "content/sources/resiliation.txt", "Le SMICA résilie la convention 2026CV4.\n"),
            (
                "append",
                AMENDED_CONVENTION,
                TERMINATION + "  source: {file: sources/resiliation.txt, sha256: " + "a" * 64 + "}\n",
            ),
        ],
        [
            (
                "source: {file: sources/resiliation.txt",
                "terminated.source.sha256 (empreinte SHA-256 du document source de la résiliation notifiée): "
                "L’empreinte ne correspond pas au fichier content/sources/resiliation.txt. Si ce fichier est bien "
                "le texte du document signé, écrivez : sha256: "
                + hashlib.sha256("Le SMICA résilie la convention 2026CV4.\n".encode()).hexdigest(),
            )
        ],
    ),
    # --- publication dates ------------------------------------------------------------------------
    Case(
        "publication dates before the signature or after the build date",
        [
            ("replace", AMENDED_CONVENTION, "publication: {first: 2026-03-20}", "publication: {first: 2026-03-09}"),
            (
                "replace",
                AMENDED_CONVENTION,
                "publication: {first: 2026-09-20, last: 2026-10-02}",
                "publication: {first: 2026-09-20, last: 2026-12-02}",
            ),
            ("append", AMENDED_CONVENTION, "publication: {first: 2026-02-16}\n"),
            ("append", NOTICE, "publication: {first: 2026-11-23}\n"),
        ],
        [
            (
                "publication: {first: 2026-03-09}",
                "amendments[0].publication.first (date de mise en ligne de la publication de l’avenant n° 1): "
                "La mise en ligne (9 mars 2026) précède la signature de l’avenant (10 mars 2026) : on ne publie pas "
                "un acte avant qu’il existe ; vérifiez les deux dates.",
            ),
            (
                "last: 2026-12-02",
                "amendments[1].publication.last (date de mise à jour de la publication de l’avenant n° 2): "
                "La mise à jour est datée du 2 décembre 2026, après la date de construction du site (22 novembre "
                "2026) : une date de publication ne peut pas être dans le futur ; écrivez le jour où la page a été "
                "mise en ligne (ou mise à jour).",
            ),
            (
                "publication: {first: 2026-02-16}",
                "publication.first (date de mise en ligne de la publication): La mise en ligne (16 février 2026) "
                "précède la signature de la convention (17 février 2026) : on ne publie pas un acte avant qu’il "
                "existe ; vérifiez les deux dates.",
            ),
            (
                At("publication: {first: 2026-11-23}", file=NOTICE),
                "publication.first (date de mise en ligne de la publication): La mise en ligne est datée du "
                "23 novembre 2026, après la date de construction du site (22 novembre 2026) : une date de "
                "publication ne peut pas être dans le futur ; écrivez le jour où la page a été mise en ligne (ou "
                "mise à jour).",
            ),
        ],
    ),
    Case(
        "a termination published before it was notified",
        [
            (
                "append",
                AMENDED_CONVENTION,
                TERMINATION.replace("2027-03-01", "2026-11-02") + "  publication: {first: 2026-11-01}\n",
            )
        ],
        [
            (
                "publication: {first: 2026-11-01}",
                "terminated.publication.first (date de mise en ligne de la publication de la résiliation "
                "notifiée): La mise en ligne (1er novembre 2026) précède la notification de la résiliation "
                "(2 novembre 2026) : on ne publie pas un acte avant qu’il existe ; vérifiez les deux dates.",
            )
        ],
    ),
    # --- the termination's dates ------------------------------------------------------------------
    Case(
        "a termination notified before the convention took effect",
        [
            (
                "append",
                AMENDED_CONVENTION,
                TERMINATION.replace("2027-03-01", "2025-12-15").replace("2027-05-01", "2026-02-15"),
            )
        ],
        [
            (
                "entry_into_force: {date: 2026-04-01}",
                "amendments[0].entry_into_force (entrée en vigueur de l’avenant n° 1): L’avenant entre en vigueur le "
                "1er avril 2026, alors que la résiliation de la convention prend effet le 15 février 2026 : vérifiez "
                "sa date d’entrée en vigueur, ou celle de la résiliation (terminated.effective).",
            ),
            (
                "entry_into_force: {date: 2026-10-01}",
                "amendments[1].entry_into_force (entrée en vigueur de l’avenant n° 2): L’avenant entre en vigueur le "
                "1er octobre 2026, alors que la résiliation de la convention prend effet le 15 février 2026 : "
                "vérifiez sa date d’entrée en vigueur, ou celle de la résiliation (terminated.effective).",
            ),
            (
                "entry_into_force: {date: 2027-01-01}",
                "amendments[2].entry_into_force (entrée en vigueur de l’avenant n° 3): L’avenant entre en vigueur le "
                "1er janvier 2027, alors que la résiliation de la convention prend effet le 15 février 2026 : "
                "vérifiez sa date d’entrée en vigueur, ou celle de la résiliation (terminated.effective).",
            ),
            (
                "notified: 2025-12-15",
                "terminated.notified (date de notification de la résiliation notifiée): La résiliation est notifiée "
                "le 15 décembre 2025, avant l’entrée en vigueur de la convention (1er janvier 2026) : vérifiez les "
                "deux dates.",
            ),
        ],
    ),
    Case(
        "a termination effective after the convention's end",
        [
            (
                "append",
                AMENDED_CONVENTION,
                TERMINATION.replace("2027-03-01", "2029-11-02").replace("2027-05-01", "2030-01-02"),
            )
        ],
        [
            (
                "effective: 2030-01-02",
                "terminated.effective (date d’effet de la résiliation notifiée): La résiliation prend effet le "
                "2 janvier 2030, alors que la convention a pris fin le 31 décembre 2029 (terme de sa durée en vigueur "
                "la veille) : une "
                "convention échue n’est pas résiliée ; vérifiez la date, ou retirez terminated.",
            )
        ],
    ),
    # --- the models' own rules, in French -----------------------------------------------------------
    Case(
        "a change with two kinds",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "      - wording: L'article 6 de la convention est abrogé.\n",
                "      - providers: []\n",
            )
        ],
        [
            (
                "      - providers: []",
                "amendments[1].changes[2] (changement n° 3 de l’avenant n° 2): Un changement fait une seule chose : "
                "il a une seule de ces clés, replace, insert, delete, term, termination, services, providers, "
                "referent, add_annex. Par exemple - replace: {article: '1'} suivi de text: …, ou - delete: "
                "{article: '6'} ; pour deux changements, écrivez deux blocs « - ».",
            )
        ],
    ),
    Case(
        "a replace without its new wording, new wording without replace",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "        replace: {article: '4'}\n"
                "        heading: 'Article n°4 : Rémunération et révision'\n"
                "        title: Rémunération et révision\n",
                "        delete: {article: '4'}\n",
            ),
            change_of_avenant_3("      - replace: {article: '5'}\n"),
        ],
        [
            (
                "wording: L'article 4 de la convention",
                "amendments[2].changes[0] (changement n° 1 de l’avenant n° 3): text, title, heading et topics "
                "accompagnent replace seulement : pour un nouvel article, écrivez-les dans insert (insert: "
                "{number: '5 bis', after: '5', title: …, text: …}) ; sinon retirez-les.",
            ),
            (
                "replace: {article: '5'}",
                "amendments[2].changes[1] (changement n° 2 de l’avenant n° 3): Un remplacement (replace) donne la "
                "nouvelle rédaction : ajoutez text (le nouveau texte), title, heading ou topics, par exemple "
                "replace: {article: '1'} puis, à la ligne, text: |- et le texte de l’avenant.",
            ),
        ],
    ),
    Case(
        "an avenant's entry into force with neither date nor signature, a publication updated before it was put online",
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "entry_into_force: {date: 2026-04-01}",
                "entry_into_force: {on_signature: false}",
            ),
            (
                "replace",
                AMENDED_CONVENTION,
                "publication: {first: 2026-09-20, last: 2026-10-02}",
                "publication: {first: 2026-09-20, last: 2026-09-19}",
            ),
            ("append", AMENDED_CONVENTION, TERMINATION.replace("2027-05-01", "2027-02-01")),
        ],
        [
            (
                "entry_into_force: {on_signature: false}",
                "amendments[0].entry_into_force (entrée en vigueur de l’avenant n° 1): Un avenant entre en vigueur "
                "à une date ou à sa signature : écrivez entry_into_force: {date: 2027-04-01}, ou entry_into_force: "
                "{on_signature: true}, l’un ou l’autre (sans ce bloc, il entre en vigueur à sa signature).",
            ),
            (
                "last: 2026-09-19",
                "amendments[1].publication (publication de l’avenant n° 2): La date de mise à jour (last) précède "
                "la date de mise en ligne (first) : vérifiez les deux dates, par exemple publication: {first: "
                "2027-03-20, last: 2027-05-02}.",
            ),
            (
                "terminated:",
                "terminated (résiliation notifiée): La résiliation prend effet (effective) avant d’avoir été "
                "notifiée (notified) : vérifiez les deux dates ; effective est le premier jour où la convention "
                "n’est plus en vigueur.",
            ),
        ],
    ),
]


def apply(project: Path, edits: list[tuple]) -> None:
    for kind, relative, *rest in edits:
        path = project / relative
        if kind == "replace":
            replace_in(project, relative, *rest)
        elif kind == "append":
            path.write_text(path.read_text(encoding="utf-8") + rest[0], encoding="utf-8")
        else:
            path.write_text(rest[0], encoding="utf-8")


def expected_line(project: Path, where: At | str, message: str) -> str:
    at = where if isinstance(where, At) else At(where)
    return f"{at.file}:{line_of(project / at.file, at.needle, at.occurrence)}: {message}"


@pytest.fixture
def amended(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    add_avenants(project)
    return project


def test_the_amended_fixture_passes(amended, capsys):
    code, lines = run_check(amended, capsys)
    assert (code, lines) == (0, ["Le contenu est valide."]), "\n".join(lines)


def test_what_is_true_in_time_passes(amended, capsys):
    """Edge cases each rule must let through: an avenant after the signed term but within the term an earlier
    avenant set; a new rule citing the article an earlier avenant inserted; a termination effective the day
    after the end, notified the day the convention took effect, by a party, with its letter; publication
    dates on the day of the signature and of the build; a notice put online long ago."""
    letter = "Le SMICA résilie la convention 2026CV4.\n"
    apply(
        amended,
        [
            (
                "replace",
                AMENDED_CONVENTION,
                "entry_into_force: {date: 2027-01-01}",
                "entry_into_force: {date: 2029-06-01}",
            ),
            change_of_avenant_3(
                "      - termination: {kind: any_time, notice: {months: 3}, by: chaque partie,\n"
                "          source: {article: 5 bis}}\n"
            ),
            ("replace", AMENDED_CONVENTION, "publication: {first: 2026-03-20}", "publication: {first: 2026-03-10}"),
            ("replace", AMENDED_CONVENTION, "publication: {first: 2026-11-10}", "publication: {first: 2026-11-22}"),
            ("write", "content/sources/resiliation.txt", letter),
            (
                "append",
                AMENDED_CONVENTION,
                "publication: {first: 2026-02-17, last: 2026-11-22}\n"
                + TERMINATION.replace("2027-03-01", "2026-01-01").replace("2027-05-01", "2030-01-01")
                + "  source: {file: sources/resiliation.txt, sha256: "
                + hashlib.sha256(letter.encode()).hexdigest()
                + "}\n  publication: {first: 2026-01-01}\n",
            ),
            ("append", NOTICE, "publication: {first: 2001-01-01, last: 2026-11-22}\n"),
        ],
    )
    # the termination (effective 1 January 2030) comes after every avenant's entry into force
    code, lines = run_check(amended, capsys)
    assert (code, lines) == (0, ["Le contenu est valide."]), "\n".join(lines)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_avenants_and_terminations(amended, capsys, case):
    apply(amended, case.edits)
    expected = [expected_line(amended, where, message) for where, message in case.expected]
    assert_problems(amended, capsys, *expected)


def test_an_avenant_text_published_as_it_is_is_scanned_for_personal_data(amended, capsys):
    source = amended / AVENANT_1_SOURCE
    text = source.read_text(encoding="utf-8") + "\nContact : 05 65 12 34 56\n"
    old = hashlib.sha256(source.read_bytes()).hexdigest()
    source.write_text(text, encoding="utf-8")
    replace_in(amended, AMENDED_CONVENTION, old, hashlib.sha256(text.encode()).hexdigest())
    assert_problems(
        amended,
        capsys,
        f"{AMENDED_CONVENTION}:{line_of(amended / AMENDED_CONVENTION, 'file: sources/2026cv4-avenant-1.txt')}: "
        "amendments[0].source.file (fichier du document source de l’avenant n° 1): Le document source contient le "
        "numéro de téléphone « 05 65 12 34 56 » et serait publié tel quel. Si c’est celui d’un agent, "
        "déclarez-le comme référent de la convention (referent, sans publish: true) ou dans les contacts de son "
        "organisation (contacts, sans publish: true) : il est alors occulté partout sur le site, et le document "
        "n’est plus publié tel quel, seule son empreinte l’est ; s’il est fonctionnel, ajoutez-le à "
        "allowed_phones dans site_config/site.yaml.",
    )
