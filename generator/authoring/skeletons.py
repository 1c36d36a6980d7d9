"""The commented French skeletons `registre new` writes: one per kind of content file.

A skeleton lists every field of its model, in the model's order, each under a French comment that says
what to write, with an example. Values to fill in are the placeholder « À COMPLÉTER », which
`registre check` reports until it is replaced; optional fields are written commented out. The text is
built from the models' fields, so that a field added to a model without its French hint fails the tests
instead of being left out of the skeletons.
"""

from __future__ import annotations

import re
import textwrap
import typing
from collections.abc import Mapping
from dataclasses import dataclass

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.register import models
from generator.register.placeholders import PLACEHOLDER

#: kind named on the command line -> folder under content/
FOLDERS = {
    "convention": "conventions",
    "organisation": "organisations",
    "service": "services",
    "notice": "notices",
    "tariff": "tariffs",
}

MODELS: dict[str, type[BaseModel]] = {
    "convention": models.Convention,
    "organisation": models.Organisation,
    "service": models.Service,
    "notice": models.PrivacyNotice,
    "tariff": models.Tariff,
}

TITLES = {
    "convention": "Convention",
    "organisation": "Organisation",
    "service": "Service",
    "notice": "Notice d’information sur les données personnelles",
    "tariff": "Tarif",
}

COMMENT_WIDTH = 110

QUOTED = f"'{PLACEHOLDER}'"
"""For a text that looks like a number (article numbers, SIRET, phone): the quotes keep it a text."""
BLOCK = f"|-\n{PLACEHOLDER}"
"""For a long or multi-line text: a literal block, where any character may be written."""
CLAUSE = f"{{article: '{PLACEHOLDER}'}}"
LIST = f"[{PLACEHOLDER}]"
"""For a list that may be absent (a change's new services): one item, written inline."""


@dataclass(frozen=True)
class Hint:
    """What the skeleton writes for one field."""

    comment: str
    """French: what to write, with an example."""
    value: str | None = None
    """YAML text of the value (of each item, for a list); None: the placeholder, or the fields of a nested model."""
    optional: bool = False
    """Written commented out."""
    items: int = 1
    """For a list: how many items the skeleton shows."""


def _clause(what: str, example: str) -> Hint:
    return Hint(
        f"{what}, entre apostrophes, par exemple {{article: '{example}'}} ; dans une annexe : "
        "{annex: '2', article: 'C'}.",
        CLAUSE,
    )


_NOTES = Hint(
    "Remarques du registre, que le document ne dit pas (facultatif) : un bloc « - text: » par remarque.", optional=True
)

HINTS: dict[type[BaseModel], dict[str, Hint]] = {
    models.Contact: {
        "function": Hint("La fonction, toujours publiée, par exemple Directeur du service informatique."),
        "name": Hint(
            "Nom de l’agent, par exemple Jeanne MARTIN : donnée personnelle, publiée seulement avec "
            "publish: true (facultatif).",
            optional=True,
        ),
        "phone": Hint(
            "Téléphone direct, entre apostrophes, par exemple '05 63 00 00 00' : donnée personnelle, "
            "sauf numéro fonctionnel (facultatif).",
            QUOTED,
            optional=True,
        ),
        "email": Hint(
            "Adresse électronique, par exemple jeanne.martin@exemple.fr : donnée personnelle, sauf "
            "adresse fonctionnelle (facultatif).",
            optional=True,
        ),
        "publish": Hint(
            "Publier le nom, le téléphone et l’adresse électronique : true ; avec false, seule la "
            "fonction est publiée, le reste est masqué partout sur le site.",
            "false",
        ),
    },
    models.EditorialNote: {
        "text": Hint(
            "La remarque, en français, affichée comme « Note du registre », par exemple : Le document "
            "écrit « Communuaté » (sic)."
        ),
    },
    models.Organisation: {
        "name": Hint(
            "Nom officiel complet, tel que la convention l’écrit, par exemple Communauté de Communes du Briançonnais."
        ),
        "short_name": Hint("Nom court ou sigle usuel, par exemple SMICA (facultatif).", optional=True),
        "kind": Hint("Nature de l’organisme, par exemple syndicat mixte, communauté de communes, commune ou société."),
        "siret": Hint(
            "Numéro SIRET tel qu’écrit (14 chiffres, espaces permis), entre apostrophes, par exemple "
            "'248 200 016 00017' (facultatif).",
            QUOTED,
            optional=True,
        ),
        "address": Hint(
            "Adresse postale, une ligne « - » par ligne de l’adresse, par exemple - 1 place de la "
            "Mairie puis - 05100 BRIANÇON (facultatif).",
            optional=True,
            items=2,
        ),
        "website": Hint("Site internet public, par exemple https://www.exemple.fr/ (facultatif).", optional=True),
        "contacts": Hint("Contacts fonctionnels (facultatif) : un bloc « - function: » par contact.", optional=True),
    },
    models.Service: {
        "name": Hint("Nom du service tel que les conventions l’écrivent, par exemple OK-ACTE."),
        "description": Hint(
            "Une phrase qui dit ce qu’est le service, par exemple Module de dématérialisation des "
            "actes mis à disposition par le SMICA via la plateforme e-occitanie."
        ),
        "provider": Hint(
            "Identifiant de l’organisation qui exploite le service, quand c’est un tiers (son fichier "
            "content/organisations/<id>.yaml), par exemple octogone-fibre (facultatif).",
            optional=True,
        ),
        "platform": Hint(
            "Plateforme par laquelle le service est fourni, par exemple e-occitanie (facultatif).", optional=True
        ),
    },
    models.Representative: {
        "civility": Hint("Civilité telle qu’écrite : Monsieur ou Madame (facultatif).", optional=True),
        "name": Hint("Nom du signataire tel qu’écrit, par exemple Jean-Louis GRIMAL."),
        "function": Hint("Sa fonction, par exemple Président."),
    },
    models.Party: {
        "organisation": Hint(
            "Identifiant de l’organisation signataire (son fichier content/organisations/<id>.yaml, "
            "créé au besoin avec « registre new organisation <id> »), par exemple smica."
        ),
        "role": Hint("Son rôle dans la convention, par exemple prestataire, ou membre bénéficiaire."),
        "designation": Hint(
            "Comment la convention la désigne, par exemple ci-après désigné le Syndicat mixte (facultatif).",
            optional=True,
        ),
        "representative": Hint("Qui signe pour elle."),
        "mandate": Hint(
            "L’acte qui habilite le signataire, recopié tel quel, par exemple dûment habilité par "
            "délibération du Conseil Syndical en date du 25/09/2020."
        ),
        "mandate_date": Hint(
            "Date de cet acte, si la convention la donne, au format AAAA-MM-JJ, par exemple 2020-09-25 (facultatif).",
            optional=True,
        ),
    },
    models.Signature: {
        "place": Hint(
            "Lieu de signature (« Fait à … »), par exemple Rodez ; écrivez null si le document le laisse en blanc."
        ),
        "date": Hint(
            "Date de signature, au format AAAA-MM-JJ, par exemple 2026-02-17 ; écrivez null si le "
            "document la laisse en blanc."
        ),
    },
    models.EntryIntoForce: {
        "date": Hint(
            "Date d’entrée en vigueur, au format AAAA-MM-JJ, par exemple 2026-01-01. Une seule des "
            "trois possibilités : cette date, on_signature: true ou not_stated: true (supprimez alors "
            "cette ligne)."
        ),
        "on_signature": Hint(
            "Entrée en vigueur à la signature : décommentez on_signature: true, à la place de date.",
            "true",
            optional=True,
        ),
        "not_stated": Hint(
            "Non précisé par le document : décommentez not_stated: true, à la place de date, et supprimez source.",
            "true",
            optional=True,
        ),
        "source": _clause("L’article qui fixe l’entrée en vigueur", "7"),
    },
    models.Term: {
        "not_stated": Hint(
            "Durée non précisée par le document : décommentez not_stated: true, et supprimez duration et source.",
            "true",
            optional=True,
        ),
        "start": Hint(
            "Premier jour, s’il diffère de l’entrée en vigueur (par exemple le début d’un marché), au "
            "format AAAA-MM-JJ, par exemple 2022-11-14 (facultatif).",
            optional=True,
        ),
        "duration": Hint(
            "Durée initiale en années (years), mois (months) ou jours (days), par exemple {years: 3}, "
            "{months: 18} ou {years: 1, months: 6} ; supprimez la ligne pour une convention sans "
            "durée fixée.",
            f"{{years: {PLACEHOLDER}}}",
        ),
        "renewals": Hint(
            "Nombre de reconductions possibles, par exemple 2 (facultatif ; aucune par défaut).", optional=True
        ),
        "renewal_period": Hint(
            "Durée de chaque reconduction, obligatoire avec renewals, par exemple {years: 1}.",
            f"{{years: {PLACEHOLDER}}}",
            optional=True,
        ),
        "description": Hint(
            "La règle en mots, telle que la page l’affiche, par exemple Conclue pour une durée de "
            "3 ans à compter du 1er janvier 2026."
        ),
        "source": _clause("L’article qui fixe la durée", "3"),
    },
    models.Termination: {
        "kind": Hint(
            "Comment le préavis se compte : any_time (préavis donné n’importe quel jour) ou "
            "before_anniversary (préavis à donner avant la date anniversaire d’anchor)."
        ),
        "notice": Hint(
            "Le délai de préavis, en années (years), mois (months) ou jours (days), par exemple {months: 2}.",
            f"{{months: {PLACEHOLDER}}}",
        ),
        "anchor": Hint(
            "Pour before_anniversary : la date dont l’anniversaire compte, au format AAAA-MM-JJ, par "
            "exemple 2022-11-14.",
            optional=True,
        ),
        "anchor_date_note": Hint(
            "Si cette date est une lecture du registre plutôt qu’une date que donne le "
            "document : pourquoi cette date (facultatif).",
            optional=True,
        ),
        "anchor_label": Hint(
            "Ce qu’est cette date, en mots, par exemple signature du marché avec NetExplorer (facultatif).",
            optional=True,
        ),
        "form": Hint(
            "Forme du préavis, par exemple lettre recommandée avec avis de réception (facultatif).", optional=True
        ),
        "by": Hint("Qui peut résilier, par exemple chaque partie, ou l’établissement public membre."),
        "source": _clause("L’article qui fixe la résiliation", "3"),
    },
    models.Article: {
        "number": Hint(
            "Numéro (ou lettre) de l’article tel que le document l’écrit, entre apostrophes, par exemple "
            "'1' ; il sert dans l’adresse de sa page. Pour une partie sans numéro (préambule, visas), un "
            "identifiant sans accent ni espace, par exemple 'preambule', avec label.",
            QUOTED,
        ),
        "label": Hint(
            "Pour une partie sans numéro seulement : le nom que le site affiche à la place de "
            "« Article <numéro> », par exemple Préambule (facultatif).",
            optional=True,
        ),
        "heading": Hint(
            "La ligne de titre exactement comme le document l’imprime, entre apostrophes, par exemple "
            "'Article n°1 : Objet de la convention' (une apostrophe du texte s’y écrit '').",
            QUOTED,
        ),
        "title": Hint("Le titre seul, pour les tables des matières, par exemple Objet de la convention."),
        "text": Hint(
            "Le texte de l’article, recopié tel quel (fautes comprises), en Markdown : listes en « - », "
            "sous-titres en « ### ». Chaque ligne en retrait de deux espaces sous « text: |- ».",
            BLOCK,
        ),
        "topics": Hint(
            "Les types de clause que l’article règle, par leur identifiant (fichiers de "
            "content/topics/), par exemple - duree ou - resiliation (facultatif).",
            optional=True,
        ),
        "notes": _NOTES,
        "transcription": Hint(
            "Seulement si le texte diffère du document par un choix de transcription connu, par "
            "exemple une grille de prix que l’extraction du PDF mélange, remise en tableau "
            "(facultatif).",
            optional=True,
        ),
    },
    models.TranscriptionChoice: {
        "kind": Hint(
            "Le choix : table_rebuilt (grille de prix remise en tableau ; la vérification compare alors "
            "ses seuls montants en euros).",
            "table_rebuilt",
        ),
        "reason": Hint("Pourquoi, en français : ce que montre le document et ce que fait la transcription."),
    },
    models.Annex: {
        "number": Hint("Numéro de l’annexe, entre apostrophes, par exemple '1'.", QUOTED),
        "heading": Hint("Les lignes de titre exactement comme le document les imprime.", BLOCK),
        "title": Hint("Le titre seul, par exemple Solution de stockage et de sauvegarde mutualisée."),
        "intro": Hint(
            "Le texte avant le premier article de l’annexe, recopié tel quel (facultatif).", BLOCK, optional=True
        ),
        "articles": Hint(
            "Ses articles ou sections, dans l’ordre, avec les mêmes champs que les articles de la convention."
        ),
        "services": Hint(
            "Les services dont l’annexe fixe les conditions, par leur identifiant (facultatif).", optional=True
        ),
        "term": Hint(
            "La durée des services de l’annexe, si elle a la sienne (mêmes champs que term plus haut).", optional=True
        ),
        "termination": Hint(
            "La résiliation propre à l’annexe, si elle a la sienne (mêmes champs que termination plus haut).",
            optional=True,
        ),
        "notes": _NOTES,
    },
    models.ActSignature: {
        "place": Hint("Lieu de signature (« Fait à … »), par exemple Rodez (facultatif).", optional=True),
        "date": Hint("Date de signature de l’avenant, au format AAAA-MM-JJ, par exemple 2027-03-10."),
    },
    models.ActEntryIntoForce: {
        "date": Hint("Date d’entrée en vigueur, au format AAAA-MM-JJ, par exemple 2027-04-01."),
        "on_signature": Hint(
            "Ou, à la place de date, une entrée en vigueur à la signature : on_signature: true.",
            "true",
            optional=True,
        ),
        "source": Hint(
            "L’article de l’avenant qui le dit, par exemple {article: '3'} (facultatif).", CLAUSE, optional=True
        ),
    },
    models.Deliberation: {
        "organisation": Hint("Identifiant de l’organisation dont l’assemblée a délibéré, par exemple smica."),
        "body": Hint("L’assemblée, par exemple comité syndical."),
        "date": Hint("Date de la délibération, au format AAAA-MM-JJ (facultatif).", optional=True),
        "reference": Hint("Son numéro tel qu’écrit, par exemple délibération n° 2027-014 (facultatif).", optional=True),
    },
    models.ClauseTarget: {
        "article": Hint("Numéro de l’article visé, tel qu’il est numéroté à cette date, entre apostrophes.", QUOTED),
        "annex": Hint("Numéro de l’annexe, si l’article visé est dans une annexe (facultatif).", QUOTED, optional=True),
    },
    models.Insertion: {
        "number": Hint("Numéro du nouvel article, entre apostrophes, par exemple '5 bis'.", QUOTED),
        "after": Hint(
            "Numéro de l’article après lequel il s’insère, par exemple '5' ; sans after, avant le premier.", QUOTED
        ),
        "annex": Hint("Numéro de l’annexe, s’il s’insère dans une annexe (facultatif).", QUOTED, optional=True),
        "title": Hint("Son titre, par exemple Protection des données."),
        "heading": Hint(
            "Sa ligne de titre comme l’avenant l’imprime (facultatif : par défaut « Article <numéro> – <titre> »).",
            QUOTED,
            optional=True,
        ),
        "label": Hint(
            "Pour une partie sans numéro seulement : le nom que le site affiche (facultatif).", optional=True
        ),
        "text": Hint("Son texte, recopié tel quel de l’avenant, en Markdown.", BLOCK),
        "topics": Hint("Les types de clause qu’il règle, par leur identifiant (facultatif).", optional=True),
    },
    models.AmendmentChange: {
        "wording": Hint(
            "La phrase de l’avenant qui fait ce changement, recopiée telle quelle, par exemple L’article 1 est "
            "remplacé par les dispositions suivantes.",
            BLOCK,
        ),
        "replace": Hint(
            "Un changement fait une seule chose. Ici : l’article dont l’avenant remplace la rédaction, par "
            "exemple {article: '1'}, avec son nouveau text (ou title, heading, topics) ; pour un autre "
            "changement, remplacez replace et text par l’une des clés en commentaire ci-dessous.",
            CLAUSE,
        ),
        "text": Hint("Avec replace : le nouveau texte de l’article, recopié tel quel de l’avenant.", BLOCK),
        "title": Hint("Avec replace : le nouveau titre, s’il change (facultatif).", optional=True),
        "heading": Hint(
            "Avec replace : la nouvelle ligne de titre, comme l’avenant l’imprime, si elle change (facultatif).",
            QUOTED,
            optional=True,
        ),
        "topics": Hint(
            "Avec replace : les types de clause de la nouvelle rédaction, s’ils changent (facultatif).",
            LIST,
            optional=True,
        ),
        "insert": Hint("Ou : un nouvel article, inséré à sa place (par exemple un article 5 bis).", optional=True),
        "delete": Hint(
            "Ou : l’article que l’avenant abroge, par exemple {article: '6'} ; il reste affiché « Abrogé par … ».",
            CLAUSE,
            optional=True,
        ),
        "term": Hint("Ou : la nouvelle durée de la convention (mêmes champs que term plus haut).", optional=True),
        "termination": Hint(
            "Ou : la nouvelle règle de résiliation (mêmes champs que termination plus haut).", optional=True
        ),
        "services": Hint(
            "Ou : la liste complète des services fournis désormais, par leur identifiant.", LIST, optional=True
        ),
        "providers": Hint(
            "Ou : la liste complète des prestataires désormais, par leur identifiant.", LIST, optional=True
        ),
        "referent": Hint("Ou : le nouveau référent du membre (mêmes champs que referent plus haut).", optional=True),
        "add_annex": Hint("Ou : une annexe que l’avenant ajoute (mêmes champs qu’une annexe).", optional=True),
    },
    models.ActDocument: {
        "file": Hint(
            "Chemin, sous content/, du texte de l’avenant signé, par exemple sources/ma-convention-avenant-1.txt."
        ),
        "sha256": Hint("Empreinte SHA-256 de ce fichier : « registre check » affiche celle à recopier ici."),
        "description": Hint(
            "Ce qu’est ce fichier, par exemple Texte extrait du PDF signé (facultatif).", optional=True
        ),
    },
    models.Publication: {
        "first": Hint(
            "Jour de la mise en ligne, au format AAAA-MM-JJ, ni avant la signature ni après aujourd’hui, par "
            "exemple 2027-03-20."
        ),
        "last": Hint(
            "Jour de la dernière mise à jour, au format AAAA-MM-JJ, une fois le contenu modifié (facultatif).",
            optional=True,
        ),
    },
    models.Amendment: {
        "reference": Hint("Référence de l’avenant, par exemple Avenant n° 1."),
        "signature": Hint("Lieu et date de signature de l’avenant."),
        "entry_into_force": Hint(
            "Quand il entre en vigueur, si ce n’est pas à sa signature (facultatif).", optional=True
        ),
        "summary": Hint("Ce qu’il change, en une phrase du registre, par exemple Ajoute le service OK-COURRIER."),
        "signatories": Hint(
            "Qui l’a signé, mêmes champs que parties (facultatif : par défaut les parties de la convention).",
            optional=True,
        ),
        "deliberations": Hint(
            "Les délibérations qui l’ont autorisé, quand elles sont connues (facultatif).", optional=True
        ),
        "preamble": Hint(
            "Son texte avant le premier changement (visas, considérants), recopié tel quel (facultatif).",
            BLOCK,
            optional=True,
        ),
        "closing": Hint(
            "Son texte après le dernier changement (bloc des signatures), recopié tel quel (facultatif).",
            BLOCK,
            optional=True,
        ),
        "changes": Hint("Ce qu’il change, dans son ordre : un bloc « - » par changement."),
        "source": Hint(
            "Le texte de l’avenant signé (facultatif) : son fichier sous content/ et son empreinte.", optional=True
        ),
        "publication": Hint("Quand l’avenant a été mis en ligne, et mis à jour (facultatif).", optional=True),
        "notes": _NOTES,
    },
    models.TerminationEvent: {
        "by": Hint("Identifiant de la partie qui a résilié, par exemple smica."),
        "notified": Hint("Jour où le préavis a été reçu, au format AAAA-MM-JJ, par exemple 2028-03-03."),
        "effective": Hint(
            "Jour où la résiliation prend effet (la convention n’est plus en vigueur ce jour-là), au format "
            "AAAA-MM-JJ, par exemple 2028-05-03."
        ),
        "form": Hint(
            "Comment le préavis a été donné, par exemple lettre recommandée avec avis de réception (facultatif).",
            optional=True,
        ),
        "reason": Hint("Le motif que donne la lettre, s’il y en a un (facultatif).", optional=True),
        "source": Hint("Le texte de la lettre de résiliation (facultatif).", optional=True),
        "publication": Hint("Quand la résiliation a été mise en ligne (facultatif).", optional=True),
    },
    models.SourceDocument: {
        "file": Hint("Chemin, sous content/, du texte du document signé (fichier texte en UTF-8)."),
        "sha256": Hint(
            "Empreinte SHA-256 de ce fichier : une fois le texte en place, « registre check » "
            "affiche celle à recopier ici."
        ),
        "description": Hint("Ce qu’est ce fichier, par exemple Texte extrait du PDF signé de la convention."),
    },
    models.Convention: {
        "reference": Hint(
            "Référence propre du document, s’il en porte une, par exemple 2026CV4 (facultatif).", optional=True
        ),
        "title": Hint(
            "Titre tel que le document le donne, par exemple Convention d’accès au bouquet de services numériques."
        ),
        "summary": Hint(
            "Une ou deux phrases du registre sur l’objet de la convention, par exemple Convention par "
            "laquelle le SMICA assure pour la communauté de communes des prestations d’assistance "
            "informatique pour trois ans."
        ),
        "parties": Hint(
            "Les signataires, dans l’ordre du document (au moins deux) : un bloc « - organisation: » par partie.",
            items=2,
        ),
        "preamble": Hint(
            "Le texte entre les parties et le premier article, recopié tel quel (facultatif).", BLOCK, optional=True
        ),
        "closing": Hint(
            "Le texte après le dernier article (bloc des signatures), recopié tel quel (facultatif).",
            BLOCK,
            optional=True,
        ),
        "signature": Hint("Lieu et date de signature."),
        "entry_into_force": Hint("Quand la convention entre en vigueur."),
        "term": Hint("Combien de temps elle court."),
        "termination": Hint("Comment y mettre fin : supprimez tout le bloc si la convention ne le dit pas."),
        "services": Hint(
            "Les services qu’elle fournit, par leur identifiant (fichiers de content/services/, créés au "
            "besoin avec « registre new service <id> »), une ligne « - » par service, par exemple "
            "- ok-acte."
        ),
        "providers": Hint(
            "Les organisations qui fournissent ces services (prestataires du syndicat), par leur "
            "identifiant, par exemple - netexplorer (facultatif).",
            optional=True,
        ),
        "referent": Hint(
            "Le référent du membre que nomme la convention (facultatif) : son nom, son téléphone et "
            "son adresse électronique sont masqués sur le site, même dans le texte, sauf publish: "
            "true.",
            optional=True,
        ),
        "articles": Hint("Les articles, dans l’ordre : un bloc « - number: » par article."),
        "annexes": Hint("Les annexes, dans l’ordre (facultatif) : un bloc « - number: » par annexe.", optional=True),
        "amendments": Hint(
            "Les avenants, dans l’ordre de leur signature (facultatif) : le texte ci-dessus reste le texte signé, "
            "et le site en déduit le texte en vigueur à chaque date.",
            optional=True,
        ),
        "terminated": Hint(
            "Une résiliation notifiée (facultatif) : qui, quand elle a été reçue, quand elle prend effet.",
            optional=True,
        ),
        "source": Hint("Le document signé dont ce contenu est recopié."),
        "publication": Hint(
            "Quand la convention a été mise en ligne, et mise à jour (facultatif) ; la page l’affiche.",
            optional=True,
        ),
        "notes": _NOTES,
        "model": Hint(
            "Le modèle sur lequel la convention a été signée (facultatif), par exemple smica-accompagnement : "
            "le fichier ne donne alors que ses particularités et les articles dont le texte signé diffère du "
            "modèle (voir le README, « Conventions from a model »).",
            optional=True,
        ),
        "model_version": Hint(
            "La version du modèle sur laquelle elle a été signée (facultatif), entre apostrophes, par exemple "
            "'2026' ; obligatoire dès que le modèle a une version adoptée après la signature.",
            QUOTED,
            optional=True,
        ),
        "model_values": Hint(
            "Avec model : la valeur de chaque emplacement {{ nom }} du modèle, par exemple "
            "{le_membre: la Commune de Bozouls}.",
            f"{{le_membre: {QUOTED}}}",
            optional=True,
        ),
    },
    models.DimensionValue: {
        "id": Hint("Clé de la valeur dans les grilles, entre apostrophes, par exemple '1'.", QUOTED),
        "label": Hint("Libellé tel qu’imprimé, entre apostrophes, par exemple 'Catégorie 1' ou '2 To'.", QUOTED),
    },
    models.Dimension: {
        "id": Hint("Identifiant de l’axe, nom du champ du calculateur, par exemple categorie."),
        "label": Hint("Libellé du champ et de l’en-tête de la grille, par exemple Catégorie."),
        "values": Hint("Les valeurs possibles, dans l’ordre imprimé : un bloc « - id: » par valeur."),
    },
    models.Quantity: {
        "id": Hint("Identifiant, nom du champ du calculateur, par exemple utilisateurs."),
        "label": Hint("Libellé, par exemple Nombre d’utilisateurs."),
        "default": Hint("Valeur affichée au départ (1 par défaut).", "1", optional=True),
        "maximum": Hint("Plus grande valeur acceptée (100000 par défaut).", "100000", optional=True),
    },
    models.Option: {
        "id": Hint("Identifiant, nom du champ du calculateur, par exemple gfu."),
        "label": Hint("Libellé, par exemple Avec le GFU (Groupement Fermé d’Utilisateurs)."),
        "default": Hint("Coché au départ : true (non coché par défaut).", "true", optional=True),
    },
    models.Line: {
        "component": Hint("Identifiant de la grille (components) dont le prix est pris, par exemple netexplorer."),
        "quantity": Hint("Identifiant de la quantité qui le multiplie, par exemple utilisateurs."),
        "option": Hint(
            "Identifiant de l’option qui, cochée, fait compter la ligne, par exemple gfu (facultatif).", optional=True
        ),
    },
    models.Component: {
        "id": Hint("Identifiant de la grille, repris dans lines, par exemple netexplorer."),
        "label": Hint("Libellé de la grille tel qu’imprimé, par exemple Tarif NetExplorer (€ TTC/mois)."),
        "over": Hint(
            "Les dimensions de la grille, par leur identifiant, la plus extérieure d’abord (deux au plus), "
            "par exemple - categorie ; écrivez over: [] pour un prix unique."
        ),
        "prices": Hint(
            "Les prix unitaires : un montant pour un prix unique (par exemple 9.60), ou un montant par "
            "valeur de la dimension, clés entre apostrophes, par exemple {'1': 9.60, '2': 9.12} ; avec "
            "deux dimensions, une telle liste par valeur de la première."
        ),
        "source": _clause("Où cette grille est imprimée", "4"),
    },
    models.TariffVersion: {
        "valid_from": Hint("Premier jour de validité, au format AAAA-MM-JJ, par exemple 2022-11-14."),
        "valid_until": Hint(
            "Dernier jour de validité, au format AAAA-MM-JJ ; sans cette date, la version reste en "
            "vigueur (facultatif).",
            optional=True,
        ),
        "components": Hint("Ses grilles de prix : un bloc « - id: » par grille."),
        "act": Hint(
            "L’acte qui a fixé cette grille, par exemple Avenant n° 2 ou délibération n° 2027-014 (facultatif).",
            optional=True,
        ),
        "notes": _NOTES,
    },
    models.IndicativeAmount: {
        "year": Hint("L’année du montant, par exemple 2025."),
        "amount": Hint("Le montant en euros, avec un point, tel qu’imprimé, par exemple 1130.00."),
        "description": Hint(
            "La phrase qui le donne, recopiée telle quelle, par exemple A titre indicatif, le "
            "montant de cette rémunération s’est élevé en 2025 à 1130.00 €."
        ),
    },
    models.Tariff: {
        "title": Hint(
            "Titre tel qu’imprimé, ou une courte description, par exemple Rémunération annuelle du SMICA "
            "(convention 2026CV4)."
        ),
        "convention": Hint(
            "Identifiant de la convention qui fixe ce tarif (son fichier "
            "content/conventions/<id>.yaml), par exemple smica-severac-2026cv4."
        ),
        "services": Hint(
            "Les services qu’il tarife, par leur identifiant, une ligne « - » par service, par exemple - ok-acte."
        ),
        "source": _clause("La clause de cette convention qui fixe le tarif", "4"),
        "currency": Hint("Monnaie : EUR, la seule possible.", "EUR"),
        "tax_basis": Hint(
            "TTC (toutes taxes comprises) ou HT (hors taxes) : obligatoire pour une grille de prix ; "
            "laissez la ligne en commentaire si la convention ne le dit pas.",
            optional=True,
        ),
        "unit": Hint("Ce que paie un montant, par exemple par utilisateur et par mois, ou par an."),
        "period": Hint("La période que paie un montant : month (par mois) ou year (par an)."),
        "revision": Hint(
            "Comment et quand le tarif est révisé, en mots, par exemple Fixé chaque année par le "
            "Conseil Syndical (facultatif).",
            optional=True,
        ),
        "dimensions": Hint(
            "Grille de prix seulement : les axes de la grille (catégorie, volume…), un bloc « - id: » par axe.",
            optional=True,
        ),
        "quantities": Hint(
            "Grille de prix seulement : les nombres que saisit l’utilisateur du calculateur (utilisateurs, mois…).",
            optional=True,
        ),
        "options": Hint(
            "Grille de prix seulement, facultatif : les choix oui/non qui font compter des lignes ou non.",
            optional=True,
        ),
        "lines": Hint(
            "Grille de prix seulement : le calcul, somme de ces lignes (le prix d’une grille multiplié "
            "par une quantité).",
            optional=True,
        ),
        "versions": Hint(
            "Grille de prix seulement : ses versions successives, de la plus ancienne à la plus récente.", optional=True
        ),
        "indicative": Hint(
            "Montant indicatif (un tarif qui n’est pas une grille) : l’année, le montant et la phrase "
            "qui le donne. Pour une grille de prix, supprimez ce bloc, et décommentez tax_basis, "
            "dimensions, quantities, options, lines et versions."
        ),
        "notes": _NOTES,
    },
    models.Statement: {
        "text": Hint("L’information, en français simple.", BLOCK),
        "source": Hint(
            "La clause de la convention qui le dit, par exemple {article: '3'} ; sans source, "
            "l’information est présentée comme un ajout du délégué à la protection des données "
            "(facultatif).",
            CLAUSE,
            optional=True,
        ),
    },
    models.Purpose: {
        "text": Hint(
            "La finalité, en français simple, par exemple Transmettre au référent les informations sur "
            "l’actualité du bouquet de services.",
            BLOCK,
        ),
        "legal_basis": Hint(
            "Sa base légale (RGPD art. 6.1) : consentement, contrat, obligation légale, intérêts "
            "vitaux, mission d'intérêt public ou intérêts légitimes."
        ),
        "source": Hint(
            "La clause de la convention qui l’énonce, par exemple {article: '3'} (facultatif).", CLAUSE, optional=True
        ),
    },
    models.PrivacyNotice: {
        "title": Hint("Nom du traitement, par exemple Référents des membres du bouquet de services numériques."),
        "conventions": Hint(
            "Les conventions dans le cadre desquelles le traitement a lieu, par leur identifiant, "
            "par exemple - tarn-et-garonne-deux-rives."
        ),
        "services": Hint(
            "Les services concernés, par leur identifiant, par exemple - stockage-sauvegarde (facultatif).",
            optional=True,
        ),
        "last_reviewed": Hint(
            "Date de la dernière relecture par le délégué à la protection des données, au format "
            "AAAA-MM-JJ, par exemple 2026-11-22 ; « registre check » avertit quand elle est "
            "ancienne."
        ),
        "controller": Hint(
            "Identifiant de l’organisation responsable du traitement, par exemple tarn-et-garonne-amenagement."
        ),
        "controller_contact": Hint(
            "Comment joindre le responsable du traitement, par exemple son nom et son adresse postale."
        ),
        "dpo_contact": Hint(
            "Comment joindre le délégué à la protection des données, par exemple Délégué à la "
            "protection des données du Syndicat mixte : contact@exemple.fr."
        ),
        "purposes": Hint(
            "Les finalités du traitement, chacune avec sa base légale : un bloc « - text: » par finalité."
        ),
        "data_categories": Hint(
            "Les catégories de données personnelles, par exemple Prénom, nom, fonction, "
            "téléphone et adresse électronique du référent."
        ),
        "data_subjects": Hint("Les personnes concernées, par exemple Le référent désigné par chaque membre."),
        "recipients": Hint("Qui reçoit les données, par exemple Les agents du syndicat mixte chargés du service."),
        "transfers_outside_eu": Hint(
            "Les transferts hors de l’Union européenne, ou qu’il n’y en a pas, par exemple "
            "Aucun transfert de données hors de l’Union européenne n’est prévu."
        ),
        "retention": Hint(
            "Combien de temps les données sont conservées, par exemple Pendant la durée de la "
            "convention, puis un an après son terme."
        ),
        "rights": Hint(
            "Les droits des personnes et comment les exercer, par exemple Accès, rectification et "
            "effacement, auprès du délégué à la protection des données : contact@exemple.fr."
        ),
        "complaint": Hint("Le droit de réclamation auprès de la CNIL : le texte proposé convient d’ordinaire."),
        "requirement": Hint(
            "Si fournir les données est obligatoire, et ce qui se passe sinon, par exemple La "
            "désignation d’un référent est prévue par la convention : sans elle, le service ne "
            "peut pas être organisé."
        ),
        "automated_decisions": Hint(
            "Les décisions automatisées, ou qu’il n’y en a pas, par exemple Aucune décision "
            "individuelle automatisée, y compris de profilage, n’est prise."
        ),
        "security": Hint(
            "Les mesures de sécurité que le responsable du traitement s’engage à prendre (facultatif).", optional=True
        ),
        "publication": Hint(
            "Quand la notice a été mise en ligne, et mise à jour (facultatif), jamais après aujourd’hui ; "
            "la relecture (last_reviewed) est une autre date.",
            optional=True,
        ),
    },
}

CNIL_COMPLAINT = (
    "|-\nSi vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la "
    "Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, "
    "75334 Paris Cedex 07, ou en ligne sur le site de la CNIL."
)

ID_COMMENTS = {
    "convention": "/conventions/<id>/",
    "organisation": "/organisations/<id>/",
    "service": "/services/<id>/",
    "notice": "/donnees-personnelles/<id>/",
    "tariff": "/tarifs/<id>/",
}


def is_valid_id(identifier: str) -> bool:
    return re.fullmatch(models.ID_PATTERN, identifier) is not None


def source_file(identifier: str) -> str:
    """Where, under content/, a new convention's source document is expected."""
    return f"sources/{identifier}.txt"


def skeleton(kind: str, identifier: str, sha256: str | None = None) -> str:
    """The YAML text of a new file of `kind` (a key of FOLDERS) named `identifier`. For a convention,
    `sha256` is the digest of its source document when that file already exists."""
    overrides: dict[tuple[str, ...], Hint] = {
        ("id",): Hint(
            f"Identifiant, qui est aussi le nom du fichier et l’adresse de la page "
            f"({ID_COMMENTS[kind]}) : ne le changez pas sans renommer le fichier.",
            _scalar(identifier),
        )
    }
    if kind == "convention":
        overrides[("source", "file")] = Hint(
            HINTS[models.SourceDocument]["file"].comment, _scalar(source_file(identifier))
        )
        if sha256 is not None:
            overrides[("source", "sha256")] = Hint(
                "Empreinte SHA-256 de ce fichier, calculée par « registre new » : si le texte change, "
                "« registre check » affiche la nouvelle.",
                sha256,
            )
    if kind == "notice":
        overrides[("complaint", "text")] = Hint("", CNIL_COMPLAINT)
    lines = _header(kind, identifier) + _fields(MODELS[kind], 0, (), overrides, set())
    return "\n".join(lines) + "\n"


def _header(kind: str, identifier: str) -> list[str]:
    lines = [
        f"{TITLES[kind]} « {identifier} » : fiche à compléter.",
        "Remplacez chaque « À COMPLÉTER » par la valeur que décrit le commentaire au-dessus du champ.",
        "Une ligne qui commence par « # » est un commentaire, ignoré : pour utiliser un champ facultatif, retirez "
        "le premier « # », et l’espace qui le suit, de chacune de ses lignes (Ctrl+/ dans la plupart des "
        "éditeurs) ; supprimez ce qui ne sert pas.",
        "Une valeur qui contient « : » s’écrit entre apostrophes ('…', où une apostrophe du texte s’écrit ''), "
        "ou en bloc : « |- » puis, à la ligne, le texte en retrait de deux espaces.",
    ]
    if kind == "convention":
        lines.append(
            "Le texte de la convention est recopié tel quel, fautes comprises ; les remarques du registre "
            "vont dans notes, jamais dans le texte."
        )
    lines.append(
        "Ensuite, lancez « registre check » : il indique, avec son numéro de ligne, chaque valeur encore à compléter."
    )
    return [text for line in lines for text in _comment(line, 0)]


#: spaces a comment's lines must not break at: inside guillemets' margins, YAML examples, list examples
_UNBREAKABLE = re.compile(r"« | »|\{[^}]*\}|'[^'\n]*'| - ")
_KEPT_SPACE = "\x00"


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    kept = _UNBREAKABLE.sub(lambda match: match.group().replace(" ", _KEPT_SPACE), text)
    wrapped = textwrap.wrap(kept, COMMENT_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}# {line.replace(_KEPT_SPACE, ' ')}" for line in wrapped]


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when YAML reads it back as this text, else quoted (`'2026'`)."""
    return text if yaml.safe_load(text) == text else f"'{text}'"


def _fields(
    model: type[BaseModel], indent: int, path: tuple, overrides: Mapping[tuple, Hint], explained: set[type[BaseModel]]
) -> list[str]:
    """The lines of `model`'s fields at `indent`. Comments are written the first time a model appears in
    the file: the second party, an annex's articles... show the same fields bare."""
    with_comments = model not in explained
    explained.add(model)
    lines: list[str] = []
    for name, field in model.model_fields.items():
        hint = overrides.get(path + (name,)) or HINTS.get(model, {}).get(name) or _untranslated(field)
        if indent == 0:
            lines.append("")
        if with_comments or indent == 0:
            lines += _comment(hint.comment, indent)
        body = _value_lines(name, field.annotation, hint, indent, path + (name,), overrides, explained)
        lines += [_commented_out(line, indent) for line in body] if hint.optional else body
    return lines


def _untranslated(field: FieldInfo) -> Hint:
    """A field no French hint describes yet (`fields_without_hint` lists them for the tests): written
    commented out, under the model's own description."""
    return Hint(field.description or "", optional=True)


def fields_without_hint(kind: str) -> list[str]:
    """`Model.field` for every field a skeleton of `kind` shows that has no French hint (its `id` has one
    of its own, written by `skeleton`)."""
    root = MODELS[kind]
    missing, seen, pending = [], set(), [root]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            hint = HINTS.get(model, {}).get(name)
            if hint is None and (model, name) != (root, "id"):
                missing.append(f"{model.__name__}.{name}")
            nested, _ = _structure(field.annotation)
            if nested is not None and (hint is None or hint.value is None):
                pending.append(nested)
    return missing


def _value_lines(
    name: str,
    annotation: object,
    hint: Hint,
    indent: int,
    path: tuple,
    overrides: Mapping[tuple, Hint],
    explained: set[type[BaseModel]],
) -> list[str]:
    pad = " " * indent
    nested, is_list = _structure(annotation)
    if nested is not None and hint.value is None:
        if not is_list:
            return [f"{pad}{name}:"] + _fields(nested, indent + 2, path, overrides, explained)
        lines = [f"{pad}{name}:"]
        for _ in range(hint.items):
            lines += _list_item(_fields(nested, indent + 4, path, overrides, explained), indent + 2)
        return lines
    value = PLACEHOLDER if hint.value is None else hint.value
    if is_list:
        return [f"{pad}{name}:"] + [f"{pad}  - {value}"] * hint.items
    first, *rest = value.split("\n")
    return [f"{pad}{name}: {first}"] + [f"{pad}  {line}" for line in rest]


def _list_item(lines: list[str], indent: int) -> list[str]:
    """A mapping's lines (at indent + 2) as one item of a block list: « - » on its first field, whose
    comment moves left with it."""
    first = next(index for index, line in enumerate(lines) if not line.lstrip().startswith("#"))
    head = [line[2:] for line in lines[:first]]
    marked = lines[first][:indent] + "- " + lines[first][indent + 2 :]
    return head + [marked] + lines[first + 1 :]


def _commented_out(line: str, indent: int) -> str:
    return f"{line[:indent]}# {line[indent:]}"


def _structure(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (None for a scalar) and whether the field is a list of them."""
    is_list = typing.get_origin(annotation) is list
    inner = typing.get_args(annotation)[0] if is_list else annotation
    for candidate in typing.get_args(inner) or (inner,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate, is_list
    return None, is_list
