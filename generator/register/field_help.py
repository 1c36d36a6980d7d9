"""French words for the fields of the models: labels, descriptions and examples for the staff.

The models document their fields in English for developers; the staff who edit the YAML read French.
This module holds, for every field of every model (content models and site configuration):

- a short label, a noun phrase in lower case that fits inside a sentence (« date du mandat »);
- a description, one or two French sentences shown by editors as the user types;
- an optional example value, valid for the field.

List fields also name one of their items (`articles` -> « article »), so that a place in a file reads
« titre de l’article n° 4 » (`field_in_words`). The editors' JSON Schemas (`editor_schemas`) and the
error messages draw on these words.
"""

from __future__ import annotations

import types
import typing
from typing import Any, NamedTuple

from pydantic import BaseModel


class FieldHelp(NamedTuple):
    label: str
    description: str
    example: Any = None


H = FieldHelp  # short, for the table below

#: (model class name, field name) -> label, description, optional example
FIELDS: dict[tuple[str, str], FieldHelp] = {
    # --- shared pieces ---
    ("Period", "years"): H("nombre d’années", "Nombre d’années entières, de 0 à 99.", 3),
    ("Period", "months"): H("nombre de mois", "Nombre de mois entiers, de 0 à 1200.", 2),
    ("Period", "days"): H("nombre de jours", "Nombre de jours entiers, de 0 à 36500.", 15),
    ("ClauseRef", "convention"): H(
        "convention",
        "Identifiant de la convention qui contient la clause ; à omettre quand la clause est dans "
        "la convention même où figure la référence.",
        "smica-severac-2026cv4",
    ),
    ("ClauseRef", "annex"): H(
        "numéro d’annexe",
        "Numéro de l’annexe, quand la clause se trouve dans une annexe ; entre apostrophes s’il s’agit d’un nombre.",
        "2",
    ),
    ("ClauseRef", "article"): H(
        "numéro d’article",
        "Numéro ou lettre de l’article (ou de la section d’annexe) tel qu’imprimé ; entre "
        "apostrophes s’il s’agit d’un nombre, par exemple '3'.",
        "3",
    ),
    ("Contact", "function"): H(
        "fonction", "Fonction de la personne à contacter, toujours publiée.", "Directeur du service informatique"
    ),
    ("Contact", "name"): H("nom", "Nom de l’agent : donnée personnelle, publiée seulement si « publish » vaut true."),
    ("Contact", "phone"): H(
        "téléphone",
        "Numéro de téléphone direct : donnée personnelle, sauf s’il s’agit d’une ligne de service.",
        "05 65 00 00 00",
    ),
    ("Contact", "email"): H(
        "adresse électronique",
        "Adresse électronique : donnée personnelle, sauf s’il s’agit d’une adresse de service.",
        "informatique@exemple.fr",
    ),
    ("Contact", "publish"): H(
        "publication des coordonnées",
        "true pour publier le nom, le téléphone et l’adresse électronique, par "
        "décision explicite ; par défaut (false), seule la fonction est affichée.",
        False,
    ),
    ("EditorialNote", "text"): H(
        "texte",
        "La remarque, en français ; le site la présente comme un ajout du registre, distinct du texte signé.",
        "[sic] : le document écrit « 2025 » pour « 2026 ».",
    ),
    # --- organisations, services, topics ---
    ("Organisation", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse de la page /organisations/<identifiant>/ ; "
        "c’est aussi le nom du fichier, sans .yaml.",
        "smica",
    ),
    ("Organisation", "name"): H(
        "nom",
        "Nom officiel complet, tel qu’écrit dans la convention.",
        "Syndicat mixte pour la Modernisation numérique et l’Ingénierie informatique des Collectivités",
    ),
    ("Organisation", "short_name"): H("nom court", "Nom court ou sigle d’usage.", "SMICA"),
    ("Organisation", "kind"): H(
        "nature", "Nature de l’organisme : syndicat mixte, communauté de communes, entreprise…", "syndicat mixte"
    ),
    ("Organisation", "siret"): H(
        "numéro SIRET", "Numéro SIRET tel qu’écrit : 14 chiffres, espaces permis.", "200 066 710 00019"
    ),
    ("Organisation", "address"): H(
        "adresse postale",
        "Adresse postale, une ligne par élément de la liste.",
        ["10 Rue du Faubourg Lo Barri", "12000 RODEZ"],
    ),
    ("Organisation", "website"): H("site web", "Adresse du site web public.", "https://www.exemple.fr"),
    ("Organisation", "contacts"): H("contacts", "Contacts fonctionnels de l’organisme."),
    ("Service", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse de la page /services/<identifiant>/ ; "
        "c’est aussi le nom du fichier, sans .yaml.",
        "ok-acte",
    ),
    ("Service", "name"): H("nom", "Nom du service tel que les conventions l’écrivent.", "OK-ACTE"),
    ("Service", "description"): H(
        "description",
        "Une phrase qui dit ce qu’est le service.",
        "Transmission dématérialisée des actes au contrôle de légalité.",
    ),
    ("Service", "provider"): H(
        "prestataire", "Identifiant de l’organisation qui exploite le service, quand c’est un tiers.", "netexplorer"
    ),
    ("Service", "platform"): H("plateforme", "Plateforme par laquelle le service est rendu.", "e-occitanie"),
    ("Topic", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse de la page /clauses/<identifiant>/ ; c’est "
        "aussi le nom du fichier, sans .yaml.",
        "resiliation",
    ),
    ("Topic", "label"): H("libellé", "Libellé du type de clause, en français.", "Résiliation"),
    ("Topic", "description"): H(
        "description",
        "Ce que règlent les clauses de ce type.",
        "Comment et avec quel préavis une partie peut mettre fin à la convention.",
    ),
    ("Topic", "order"): H("rang", "Position dans les listes de types de clause (les plus petits d’abord).", 100),
    # --- conventions ---
    ("Representative", "civility"): H("civilité", "« Monsieur » ou « Madame », tel qu’écrit.", "Monsieur"),
    ("Representative", "name"): H("nom", "Nom du signataire tel qu’écrit dans la convention.", "Arnaud VIALA"),
    ("Representative", "function"): H("fonction", "Fonction du signataire.", "Président"),
    ("Party", "organisation"): H(
        "organisation",
        "Identifiant de l’organisation signataire (nom de son fichier dans content/organisations/).",
        "smica",
    ),
    ("Party", "role"): H("rôle", "Son rôle dans la convention.", "membre bénéficiaire"),
    ("Party", "designation"): H(
        "désignation", "La façon dont la convention la nomme.", "ci-après désigné le Syndicat mixte"
    ),
    ("Party", "representative"): H("représentant", "La personne qui signe pour elle."),
    ("Party", "mandate"): H(
        "mandat",
        "L’acte qui habilite le représentant, mot pour mot.",
        "dûment habilité par délibération du Conseil Syndical en date du 25/09/2020",
    ),
    ("Party", "mandate_date"): H(
        "date du mandat", "Date de cet acte, quand la convention la donne, au format AAAA-MM-JJ.", "2020-09-25"
    ),
    ("Signature", "place"): H("lieu", "Lieu de signature (« Fait à … »).", "Rodez"),
    ("Signature", "date"): H("date", "Date de signature, au format AAAA-MM-JJ.", "2026-02-17"),
    ("EntryIntoForce", "date"): H("date", "Date fixe d’entrée en vigueur, au format AAAA-MM-JJ.", "2026-01-01"),
    ("EntryIntoForce", "on_signature"): H(
        "effet à la signature", "true quand la convention entre en vigueur à sa signature.", True
    ),
    ("EntryIntoForce", "not_stated"): H(
        "absence d’indication",
        "true quand le document ne dit pas quand il entre en vigueur : la page "
        "indique « non précisée par le document » et ne cite aucune clause.",
        True,
    ),
    ("EntryIntoForce", "source"): H(
        "clause",
        "La clause qui fixe l’entrée en vigueur ; obligatoire, sauf si not_stated vaut true.",
        {"article": "3"},
    ),
    ("Term", "not_stated"): H(
        "absence d’indication",
        "true quand le document ne fixe aucune durée : la page indique « non précisée "
        "par le document » et ne cite aucune clause.",
        True,
    ),
    ("Term", "start"): H(
        "date de début",
        "Premier jour, quand il diffère de l’entrée en vigueur (par exemple le début du marché), au format AAAA-MM-JJ.",
        "2022-11-14",
    ),
    ("Term", "duration"): H(
        "durée initiale", "Durée initiale ; à omettre pour une convention sans limite de durée.", {"years": 3}
    ),
    ("Term", "renewals"): H("nombre de renouvellements", "Nombre de renouvellements possibles.", 2),
    ("Term", "renewal_period"): H(
        "durée d’un renouvellement",
        "Durée de chaque renouvellement ; obligatoire s’il y a des renouvellements.",
        {"years": 1},
    ),
    ("Term", "description"): H(
        "description",
        "La règle en toutes lettres, telle que la page l’affiche.",
        "Conclue pour une durée de 3 ans à compter du 1er janvier 2026.",
    ),
    ("Term", "source"): H(
        "clause", "La clause qui fixe la durée ; obligatoire, sauf si not_stated vaut true.", {"article": "3"}
    ),
    ("Termination", "kind"): H(
        "modalité",
        "any_time : le préavis peut être donné à tout moment ; before_anniversary : il doit "
        "parvenir à l’autre partie un préavis avant la date anniversaire de « anchor ».",
        "any_time",
    ),
    ("Termination", "notice"): H("préavis", "La durée du préavis.", {"months": 2}),
    ("Termination", "anchor"): H(
        "date de référence",
        "Pour before_anniversary : la date dont l’anniversaire compte, au format AAAA-MM-JJ.",
        "2022-11-14",
    ),
    ("Termination", "anchor_date_note"): H(
        "justification de la date de référence",
        "Quand la date de référence est une lecture du registre et "
        "non une date que donne le document : pourquoi cette date.",
    ),
    ("Termination", "anchor_label"): H(
        "nature de la date de référence",
        "Ce qu’est la date de référence, en toutes lettres.",
        "signature du marché avec NetExplorer",
    ),
    ("Termination", "form"): H(
        "forme du préavis", "Comment le préavis est donné.", "lettre recommandée avec avis de réception"
    ),
    ("Termination", "by"): H("auteur", "Qui peut résilier.", "chaque partie"),
    ("Termination", "source"): H("clause", "La clause qui fixe la règle.", {"article": "3"}),
    ("Article", "number"): H(
        "numéro",
        "Numéro ou lettre tel qu’imprimé, utilisé dans l’adresse de la page ; entre apostrophes s’il "
        "s’agit d’un nombre. Pour une section que le document ne numérote pas (préambule, visas), un court "
        "identifiant comme preambule, avec son « label ».",
        "3",
    ),
    ("Article", "label"): H(
        "nom de section",
        "Comment le site nomme une section non numérotée, à la place de « Article <numéro> ».",
        "Préambule",
    ),
    ("Article", "heading"): H(
        "intitulé", "La ligne de titre exactement comme le document l’imprime.", "Article 3 – Durée de la convention"
    ),
    ("Article", "title"): H("titre", "Le titre seul, pour les tables des matières.", "Durée de la convention"),
    ("Article", "text"): H(
        "texte",
        "Le texte de l’article, mot pour mot, en Markdown (les listes en listes Markdown) ; en bloc "
        "après « |- » pour plusieurs lignes.",
    ),
    ("Article", "topics"): H(
        "types de clause",
        "Identifiants des types de clause que règle cet article (fichiers de content/topics/).",
        ["duree", "resiliation"],
    ),
    ("Article", "notes"): H("notes", "Remarques du registre (par exemple un [sic]) ; jamais mêlées au texte."),
    ("Article", "transcription"): H(
        "choix de transcription",
        "Un choix de transcription connu qui fait différer le texte du document (une "
        "grille de prix remise en tableau).",
    ),
    ("TranscriptionChoice", "kind"): H(
        "nature du choix",
        "table_rebuilt : une grille de prix que l’extraction du texte du PDF mélange, remise "
        "en tableau ; la vérification ne compare alors que ses montants en euros, chacun autant de fois que "
        "dans le document.",
        "table_rebuilt",
    ),
    ("TranscriptionChoice", "reason"): H(
        "justification",
        "Pourquoi, en français : ce que montre le document et ce que fait la transcription.",
        "Le PDF imprime la grille en tableau ; l’extraction du texte en mélange les cases.",
    ),
    ("Annex", "number"): H("numéro", "Numéro de l’annexe ; entre apostrophes s’il s’agit d’un nombre.", "2"),
    ("Annex", "heading"): H("intitulé", "Les lignes de titre exactement comme imprimées.", "ANNEXE 2"),
    ("Annex", "title"): H("titre", "Le titre seul.", "Stockage et sauvegarde mutualisés"),
    ("Annex", "intro"): H("introduction", "Le texte avant le premier article, mot pour mot."),
    ("Annex", "articles"): H("articles", "Les articles ou sections de l’annexe, dans l’ordre."),
    ("Annex", "services"): H(
        "services", "Identifiants des services dont cette annexe fixe les conditions.", ["stockage-sauvegarde"]
    ),
    ("Annex", "term"): H("période de validité", "Durée des services de cette annexe, quand elle a la sienne."),
    ("Annex", "termination"): H("résiliation", "Règle de résiliation de cette annexe, quand elle a la sienne."),
    ("Annex", "notes"): H("notes", "Remarques du registre sur cette annexe."),
    ("Amendment", "reference"): H("référence", "La référence de l’avenant.", "Avenant n° 1"),
    ("Amendment", "signature"): H(
        "signature", "Lieu et date de signature de l’avenant, par exemple {place: Rodez, date: 2027-03-10}."
    ),
    ("Amendment", "entry_into_force"): H(
        "entrée en vigueur",
        "Quand l’avenant prend effet : {date: AAAA-MM-JJ}, ou {on_signature: true} ; par défaut à sa signature.",
        {"date": "2027-04-01"},
    ),
    ("Amendment", "summary"): H(
        "résumé", "Ce que l’avenant modifie, en une phrase (un ajout du registre).", "Ajoute le service OK-COURRIER."
    ),
    ("Amendment", "signatories"): H(
        "signataires",
        "Qui a signé l’avenant, comme les parties d’une convention ; par défaut les parties de la convention, "
        "avec leurs représentants.",
    ),
    ("Amendment", "deliberations"): H(
        "délibérations", "Les délibérations qui ont autorisé l’avenant, quand elles sont connues."
    ),
    ("Amendment", "preamble"): H(
        "préambule", "Le texte de l’avenant avant son premier changement (visas, considérants), mot pour mot."
    ),
    ("Amendment", "closing"): H(
        "formule finale", "Le texte de l’avenant après son dernier changement (bloc des signatures), mot pour mot."
    ),
    ("Amendment", "changes"): H(
        "changements",
        "Ce que l’avenant change, dans son ordre : chaque élément a une seule clé parmi replace, insert, "
        "delete, term, termination, services, providers, referent et add_annex.",
    ),
    ("Amendment", "source"): H("document source", "Le texte de l’avenant signé, avec son empreinte SHA-256."),
    ("Amendment", "publication"): H(
        "publication", "Quand l’avenant a été mis en ligne, et mis à jour.", {"first": "2027-03-20"}
    ),
    ("Amendment", "notes"): H("notes", "Remarques du registre sur cet avenant ; jamais mêlées à son texte."),
    ("ActSignature", "place"): H("lieu", "Lieu de signature (« Fait à … »).", "Rodez"),
    ("ActSignature", "date"): H("date", "Date de signature, au format AAAA-MM-JJ.", "2027-03-10"),
    ("ActEntryIntoForce", "date"): H(
        "date", "Date fixe d’entrée en vigueur de l’avenant, au format AAAA-MM-JJ.", "2027-04-01"
    ),
    ("ActEntryIntoForce", "on_signature"): H(
        "effet à la signature", "true quand l’avenant entre en vigueur à sa signature (la règle par défaut).", True
    ),
    ("ActEntryIntoForce", "source"): H(
        "clause",
        "L’article de l’avenant qui fixe son entrée en vigueur, quand il en a un (numéro d’article de l’avenant).",
        {"article": "3"},
    ),
    ("Deliberation", "organisation"): H(
        "organisation",
        "Identifiant de l’organisation dont l’assemblée a délibéré (fichier de content/organisations/).",
        "smica",
    ),
    ("Deliberation", "body"): H("assemblée", "L’assemblée qui a délibéré.", "comité syndical"),
    ("Deliberation", "date"): H("date", "Date de la délibération, au format AAAA-MM-JJ.", "2027-02-26"),
    ("Deliberation", "reference"): H(
        "référence", "Le numéro de la délibération, tel qu’écrit.", "délibération n° 2027-014"
    ),
    ("AmendmentChange", "wording"): H(
        "formulation",
        "La phrase de l’avenant qui fait ce changement, mot pour mot.",
        "L’article 1 de la convention est remplacé par les dispositions suivantes",
    ),
    ("AmendmentChange", "replace"): H(
        "article remplacé",
        "L’article (ou la section d’annexe) dont l’avenant remplace la rédaction, par exemple "
        "replace: {article: '1'} ; donnez aussi text, title, heading ou topics.",
        {"article": "1"},
    ),
    ("AmendmentChange", "text"): H(
        "nouveau texte", "Avec replace : le nouveau texte de l’article, mot pour mot, en Markdown."
    ),
    ("AmendmentChange", "title"): H(
        "nouveau titre", "Avec replace : le nouveau titre de l’article, quand il change.", "Objet de la convention"
    ),
    ("AmendmentChange", "heading"): H(
        "nouvel intitulé",
        "Avec replace : la nouvelle ligne de titre, exactement comme l’avenant l’imprime, quand elle change.",
        "Article 1 – Objet de la convention",
    ),
    ("AmendmentChange", "topics"): H(
        "nouveaux types de clause",
        "Avec replace : les types de clause que règle la nouvelle rédaction, quand ils changent.",
        ["objet"],
    ),
    ("AmendmentChange", "insert"): H(
        "article inséré",
        "Un nouvel article (ou une nouvelle section d’annexe), inséré à sa place, par exemple "
        "insert: {after: '5', number: '5 bis', title: …, text: …}.",
    ),
    ("AmendmentChange", "delete"): H(
        "article abrogé",
        "L’article (ou la section d’annexe) que l’avenant abroge, par exemple delete: {article: '6'} ; "
        "il reste affiché « Abrogé par … ».",
        {"article": "6"},
    ),
    ("AmendmentChange", "term"): H(
        "nouvelle période de validité",
        "La nouvelle durée de la convention, écrite comme le champ term d’une convention.",
    ),
    ("AmendmentChange", "termination"): H(
        "nouvelle résiliation",
        "La nouvelle règle de résiliation, écrite comme le champ termination d’une convention.",
    ),
    ("AmendmentChange", "services"): H(
        "nouveaux services",
        "La liste complète des services que la convention fournit désormais (fichiers de content/services/).",
        ["ok-acte", "ok-courrier"],
    ),
    ("AmendmentChange", "providers"): H(
        "nouveaux prestataires",
        "La liste complète des organisations qui rendent désormais les services.",
        ["netexplorer"],
    ),
    ("AmendmentChange", "referent"): H("nouveau référent", "Le nouveau référent du membre."),
    ("AmendmentChange", "add_annex"): H(
        "annexe ajoutée", "Une annexe que l’avenant ajoute, écrite comme une annexe de la convention."
    ),
    ("ClauseTarget", "article"): H(
        "numéro d’article",
        "Numéro de l’article (ou de la section d’annexe) visé, tel qu’il est numéroté à cette date ; entre "
        "apostrophes s’il s’agit d’un nombre.",
        "3",
    ),
    ("ClauseTarget", "annex"): H(
        "numéro d’annexe", "Numéro de l’annexe, quand la clause visée est dans une annexe.", "2"
    ),
    ("Insertion", "number"): H(
        "numéro",
        "Le numéro que l’avenant donne au nouvel article ; entre apostrophes s’il s’agit d’un nombre.",
        "5 bis",
    ),
    ("Insertion", "after"): H(
        "article précédent",
        "Le numéro de l’article après lequel il s’insère ; sans after, il s’insère avant le premier article.",
        "5",
    ),
    ("Insertion", "annex"): H(
        "numéro d’annexe", "Numéro de l’annexe où il s’insère, quand c’est une section d’annexe.", "2"
    ),
    ("Insertion", "title"): H("titre", "Le titre du nouvel article.", "Protection des données"),
    ("Insertion", "heading"): H(
        "intitulé",
        "Sa ligne de titre exactement comme l’avenant l’imprime ; par défaut « Article <numéro> – <titre> ».",
        "Article 5 bis – Protection des données",
    ),
    ("Insertion", "label"): H(
        "nom de section",
        "Comment le site nomme une section non numérotée, à la place de « Article <numéro> ».",
        "Préambule",
    ),
    ("Insertion", "text"): H("texte", "Le texte du nouvel article, mot pour mot, en Markdown."),
    ("Insertion", "topics"): H(
        "types de clause", "Identifiants des types de clause que règle le nouvel article.", ["donnees-personnelles"]
    ),
    ("ActDocument", "file"): H(
        "fichier", "Chemin, sous content/, du texte du document signé.", "sources/2026cv4-avenant-1.txt"
    ),
    ("ActDocument", "sha256"): H(
        "empreinte SHA-256",
        "Empreinte SHA-256 de ce fichier (64 caractères 0-9 et a-f), vérifiée à chaque construction du site.",
    ),
    ("ActDocument", "description"): H("description", "Ce qu’est le fichier.", "texte extrait du PDF signé"),
    ("Publication", "first"): H(
        "date de mise en ligne",
        "Le jour de la première mise en ligne (« Mis en ligne le … »), au format AAAA-MM-JJ ; ni avant la "
        "signature, ni après la date de construction du site.",
        "2027-03-20",
    ),
    ("Publication", "last"): H(
        "date de mise à jour",
        "Le jour de la dernière mise à jour (« mis à jour le … »), au format AAAA-MM-JJ ; à omettre tant que "
        "rien n’a changé, jamais avant first.",
        "2027-05-02",
    ),
    ("TerminationEvent", "by"): H(
        "auteur", "Identifiant de l’organisation qui a résilié ; ce doit être une partie de la convention.", "smica"
    ),
    ("TerminationEvent", "notified"): H(
        "date de notification", "Le jour où le préavis a été reçu, au format AAAA-MM-JJ.", "2028-03-03"
    ),
    ("TerminationEvent", "effective"): H(
        "date d’effet",
        "Le jour où la résiliation prend effet : la convention n’est plus en vigueur à partir de ce jour ; "
        "jamais avant la notification.",
        "2028-05-03",
    ),
    ("TerminationEvent", "form"): H(
        "forme du préavis",
        "Comment le préavis a été donné.",
        "lettre recommandée avec avis de réception du 3 mars 2028",
    ),
    ("TerminationEvent", "reason"): H("motif", "Le motif que donne la lettre, quand elle en donne un."),
    ("TerminationEvent", "source"): H("document source", "Le texte de la lettre de résiliation, avec son empreinte."),
    ("TerminationEvent", "publication"): H(
        "publication", "Quand la résiliation a été mise en ligne.", {"first": "2028-03-10"}
    ),
    ("SourceDocument", "file"): H("fichier", "Chemin, sous content/, du texte du document.", "sources/2026cv4.txt"),
    ("SourceDocument", "sha256"): H(
        "empreinte SHA-256",
        "Empreinte SHA-256 de ce fichier (64 caractères 0-9 et a-f), vérifiée à chaque construction du site.",
    ),
    ("SourceDocument", "description"): H("description", "Ce qu’est le fichier.", "texte extrait du PDF signé"),
    ("Convention", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse de la page /conventions/<identifiant>/ ; "
        "c’est aussi le nom du fichier, sans .yaml.",
        "smica-severac-2026cv4",
    ),
    ("Convention", "reference"): H("référence", "La référence propre du document, quand il en a une.", "2026CV4"),
    ("Convention", "title"): H("titre", "Le titre que donne le document.", "Convention (référence 2026CV4)"),
    ("Convention", "summary"): H("résumé", "Une ou deux phrases sur l’objet de la convention (un ajout du registre)."),
    ("Convention", "parties"): H("parties", "Les signataires, dans l’ordre du document ; au moins deux."),
    ("Convention", "preamble"): H("préambule", "Le texte entre les parties et le premier article, mot pour mot."),
    ("Convention", "closing"): H(
        "formule finale", "Le texte après le dernier article (bloc des signatures), mot pour mot."
    ),
    ("Convention", "signature"): H("signature", "Lieu et date de signature."),
    ("Convention", "entry_into_force"): H("entrée en vigueur", "Quand la convention prend effet."),
    ("Convention", "term"): H("période de validité", "Combien de temps la convention s’applique."),
    ("Convention", "termination"): H("résiliation", "Comment y mettre fin, quand la convention le dit."),
    ("Convention", "services"): H(
        "services",
        "Identifiants des services qu’elle fournit (fichiers de content/services/).",
        ["ok-acte", "ok-helios"],
    ),
    ("Convention", "providers"): H(
        "prestataires",
        "Identifiants des organisations qui rendent les services (titulaires des marchés du syndicat).",
        ["netexplorer"],
    ),
    ("Convention", "referent"): H("référent", "Le référent du membre que désigne la convention."),
    ("Convention", "articles"): H("articles", "Les articles, dans l’ordre ; au moins un."),
    ("Convention", "annexes"): H("annexes", "Les annexes, dans l’ordre."),
    ("Convention", "amendments"): H(
        "avenants",
        "Les avenants, dans l’ordre de leur signature ; le texte ci-dessus reste le texte signé, et le site en "
        "déduit le texte en vigueur à chaque date.",
    ),
    ("Convention", "terminated"): H(
        "résiliation notifiée",
        "Une résiliation qui a eu lieu : qui l’a notifiée, quand, et quand elle prend effet.",
    ),
    ("Convention", "publication"): H(
        "publication",
        "Quand la convention a été mise en ligne et mise à jour : {first: AAAA-MM-JJ, last: AAAA-MM-JJ}.",
        {"first": "2026-03-01"},
    ),
    ("Convention", "source"): H("document source", "Le document signé dont le contenu est transcrit."),
    ("Convention", "notes"): H("notes", "Remarques du registre sur l’ensemble du document."),
    ("Convention", "model"): H(
        "modèle",
        "Le modèle de convention sur lequel elle a été signée (fichier de content/models/, sans .yaml) : "
        "le fichier ne donne alors que ses particularités et les articles dont le texte signé diffère du modèle.",
        "smica-accompagnement",
    ),
    ("Convention", "model_version"): H(
        "version du modèle",
        "La version du modèle sur laquelle la convention a été signée ; obligatoire dès que le modèle a une "
        "version adoptée après la signature, pour que son texte publié ne change pas.",
        "2026",
    ),
    ("Convention", "model_values"): H(
        "valeurs du modèle",
        "La valeur de chaque emplacement {{ nom }} du modèle pour cette convention (nom du membre, montants…).",
        {"le_membre": "la Commune de Bozouls"},
    ),
    # --- convention models ---
    ("ModelPlaceholder", "name"): H(
        "nom",
        "Le nom de l’emplacement, écrit {{ nom }} dans les textes du modèle : lettres minuscules, chiffres et _.",
        "le_membre",
    ),
    ("ModelPlaceholder", "label"): H(
        "libellé", "Ce que l’emplacement représente, en français, affiché sur la page du modèle.", "nom du membre"
    ),
    ("ModelArticle", "optional"): H(
        "article facultatif",
        "Vrai pour un article que le membre peut choisir : la convention le garde en donnant son numéro sous articles.",
        True,
    ),
    ("ModelText", "title"): H(
        "titre", "Le titre des conventions signées sur le modèle.", "Convention (référence {{ reference }})"
    ),
    ("ModelText", "summary"): H(
        "résumé",
        "Une ou deux phrases sur l’objet des conventions (un ajout du registre) ; chacune peut donner le sien.",
    ),
    ("ModelText", "entry_into_force"): H(
        "entrée en vigueur", "Quand les conventions prennent effet, si c’est la même règle pour toutes."
    ),
    ("ModelText", "term"): H(
        "période de validité", "Combien de temps elles s’appliquent, si c’est le même pour toutes."
    ),
    ("ModelText", "notes"): H("notes", "Remarques du registre sur le texte du modèle."),
    ("ModelVersion", "version"): H(
        "version", "L’identifiant de la version, que les conventions citent dans model_version.", "2026"
    ),
    ("ModelVersion", "adopted"): H(
        "date d’adoption",
        "Le jour où cette rédaction a été adoptée, au format AAAA-MM-JJ : une convention signée avant "
        "ne peut pas la suivre.",
        "2025-12-15",
    ),
    ("ModelVersion", "deliberation"): H(
        "délibération", "La délibération qui a approuvé cette rédaction, si elle est connue."
    ),
    ("ModelVersion", "text"): H("texte commun", "Le texte commun aux conventions, avec ses emplacements {{ nom }}."),
    ("ConventionModel", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse /modeles/<id>/ ; le nom du fichier sans .yaml.",
        "smica-accompagnement",
    ),
    ("ConventionModel", "name"): H("nom", "Le nom du modèle.", "Convention d’accompagnement des membres du SMICA"),
    ("ConventionModel", "placeholders"): H(
        "emplacements", "Les emplacements que les textes du modèle peuvent utiliser, chacun avec son libellé."
    ),
    ("ConventionModel", "versions"): H(
        "versions",
        "Les versions du modèle, de la plus ancienne à la plus récente ; une convention suit la dernière, "
        "sauf si elle indique model_version.",
    ),
    # --- tariffs ---
    ("DimensionValue", "id"): H(
        "clé", "Clé utilisée dans les grilles de prix ; entre apostrophes s’il s’agit d’un nombre.", "3"
    ),
    ("DimensionValue", "label"): H("libellé", "Libellé tel qu’imprimé.", "2 To"),
    ("Dimension", "id"): H("identifiant", "Identifiant, utilisé comme nom de champ du calculateur.", "categorie"),
    ("Dimension", "label"): H(
        "libellé", "Libellé en français du champ du calculateur et de l’en-tête de la grille.", "Catégorie"
    ),
    ("Dimension", "values"): H("valeurs", "Les valeurs possibles, dans l’ordre imprimé ; au moins une."),
    ("Quantity", "id"): H("identifiant", "Identifiant, utilisé comme nom de champ du calculateur.", "utilisateurs"),
    ("Quantity", "label"): H("libellé", "Libellé en français.", "Nombre d’utilisateurs"),
    ("Quantity", "default"): H("valeur initiale", "Valeur affichée au départ (0 ou plus).", 1),
    ("Quantity", "maximum"): H("valeur maximale", "Plus grande valeur acceptée (1 ou plus).", 100000),
    ("Option", "id"): H("identifiant", "Identifiant, utilisé comme nom de champ du calculateur.", "gfu"),
    ("Option", "label"): H("libellé", "Libellé en français.", "Avec le GFU (Groupement Fermé d’Utilisateurs)"),
    ("Option", "default"): H("état initial", "true si la case est cochée au départ.", False),
    ("Component", "id"): H("identifiant", "Identifiant, que citent les lignes de calcul.", "netexplorer"),
    ("Component", "label"): H("libellé", "Libellé de la grille tel qu’imprimé.", "Stockage NetExplorer"),
    ("Component", "over"): H(
        "dimensions de la grille",
        "Identifiants des dimensions qui indexent les prix, la plus extérieure "
        "d’abord (au plus deux) ; vide pour un prix unique.",
        ["categorie", "volume"],
    ),
    ("Component", "prices"): H(
        "prix unitaires",
        "Prix unitaires : un montant, ou une correspondance par valeur de la première "
        "dimension (puis de la seconde). Montants en euros, positifs, avec au plus deux décimales ; clés "
        "entre apostrophes.",
        9.6,
    ),
    ("Component", "source"): H("clause", "L’endroit où cette grille est imprimée.", {"annex": "2", "article": "D"}),
    ("Line", "component"): H(
        "grille", "Identifiant de la grille dont le prix unitaire compte sur cette ligne.", "netexplorer"
    ),
    ("Line", "quantity"): H("quantité", "Identifiant de la quantité qui multiplie ce prix.", "utilisateurs"),
    ("Line", "option"): H(
        "option", "Si elle est indiquée, la ligne ne compte que quand cette option est choisie.", "gfu"
    ),
    ("TariffVersion", "valid_from"): H(
        "début de validité", "Premier jour de validité, au format AAAA-MM-JJ.", "2022-11-14"
    ),
    ("TariffVersion", "valid_until"): H(
        "fin de validité", "Dernier jour de validité, au format AAAA-MM-JJ ; sans limite s’il est absent.", "2026-12-31"
    ),
    ("TariffVersion", "act"): H("acte", "L’acte qui a fixé cette grille, quand il est connu.", "Avenant n° 2"),
    ("TariffVersion", "components"): H("grilles", "Les grilles de prix de cette version ; au moins une."),
    ("TariffVersion", "notes"): H(
        "notes", "Remarques du registre sur cette version (par exemple d’où viennent ses dates)."
    ),
    ("IndicativeAmount", "year"): H("année", "L’année à laquelle se rapporte le montant.", 2026),
    ("IndicativeAmount", "amount"): H(
        "montant", "Le montant en euros, tel qu’indiqué, positif et avec au plus deux décimales.", 1250.5
    ),
    ("IndicativeAmount", "description"): H("formulation", "La phrase qui l’indique, mot pour mot."),
    ("Tariff", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse de la page /tarifs/<identifiant>/ ; c’est "
        "aussi le nom du fichier, sans .yaml.",
        "stockage-sauvegarde-mutualisee",
    ),
    ("Tariff", "title"): H(
        "titre", "Le titre tel qu’imprimé, ou une courte description.", "Tarif mensuel par utilisateur"
    ),
    ("Tariff", "convention"): H(
        "convention", "Identifiant de la convention qui fixe ce tarif.", "tarn-et-garonne-deux-rives"
    ),
    ("Tariff", "services"): H(
        "services", "Identifiants des services dont c’est le prix ; au moins un.", ["stockage-sauvegarde"]
    ),
    ("Tariff", "source"): H(
        "clause", "La clause ou la section d’annexe qui fixe le tarif.", {"annex": "2", "article": "D"}
    ),
    ("Tariff", "currency"): H("devise", "La devise : toujours EUR.", "EUR"),
    ("Tariff", "tax_basis"): H(
        "base de taxes",
        "TTC ou HT : obligatoire pour une grille de prix ; à omettre quand la convention ne le dit pas.",
        "TTC",
    ),
    ("Tariff", "unit"): H("unité", "Ce que paie un montant.", "par utilisateur et par mois"),
    ("Tariff", "period"): H(
        "période de facturation",
        "La période que paie un montant (month : par mois, year : par an) ; le "
        "calculateur donne le total par période, par an et pour un nombre de périodes.",
        "month",
    ),
    ("Tariff", "revision"): H(
        "révision", "Comment et quand le tarif est révisé, en toutes lettres.", "Révisé chaque année au 1er janvier."
    ),
    ("Tariff", "dimensions"): H("dimensions", "Les axes des grilles (catégorie, volume…)."),
    ("Tariff", "quantities"): H("quantités", "Les nombres par lesquels l’estimation multiplie."),
    ("Tariff", "options"): H("options", "Les choix qui activent ou désactivent des lignes."),
    ("Tariff", "lines"): H(
        "lignes de calcul", "Comment les grilles se combinent : l’estimation est la somme de ces lignes."
    ),
    ("Tariff", "versions"): H("versions", "Les versions de la grille, de la plus ancienne à la plus récente."),
    ("Tariff", "indicative"): H(
        "montants indicatifs", "Montants donnés à titre indicatif, pour une redevance qui n’est pas une grille."
    ),
    ("Tariff", "notes"): H("notes", "Remarques du registre."),
    # --- privacy notices ---
    ("Statement", "text"): H("texte", "L’information, en français clair."),
    ("Statement", "source"): H(
        "clause",
        "La clause qui le dit ; à omettre quand l’information est un ajout du délégué à la protection "
        "des données, présenté comme tel.",
        {"article": "7"},
    ),
    ("Purpose", "text"): H("finalité", "La finalité, en français clair."),
    ("Purpose", "legal_basis"): H(
        "base légale", "La base légale au sens de l’article 6, paragraphe 1, du RGPD.", "mission d'intérêt public"
    ),
    ("Purpose", "source"): H(
        "clause",
        "La clause qui énonce la finalité ; à omettre quand le délégué à la protection des données l’ajoute.",
        {"article": "7"},
    ),
    ("PrivacyNotice", "id"): H(
        "identifiant",
        "Identifiant stable, utilisé dans l’adresse de la page /donnees-personnelles/<identifiant>/ ; "
        "c’est aussi le nom du fichier, sans .yaml.",
        "bouquet-services-utilisateurs",
    ),
    ("PrivacyNotice", "title"): H("nom du traitement", "Le nom du traitement de données."),
    ("PrivacyNotice", "conventions"): H(
        "conventions",
        "Identifiants des conventions dans le cadre desquelles le traitement a lieu ; au moins une.",
        ["smica-severac-2026cv4"],
    ),
    ("PrivacyNotice", "services"): H("services", "Identifiants des services concernés.", ["ok-acte"]),
    ("PrivacyNotice", "publication"): H(
        "publication",
        "Quand la notice a été mise en ligne et mise à jour : {first: AAAA-MM-JJ, last: AAAA-MM-JJ}, jamais "
        "après la date de construction du site ; indépendant de la dernière relecture (last_reviewed).",
        {"first": "2026-03-01"},
    ),
    ("PrivacyNotice", "last_reviewed"): H(
        "date de dernière revue",
        "Date de la dernière relecture par le délégué à la protection des données, au format AAAA-MM-JJ.",
        "2026-03-01",
    ),
    ("PrivacyNotice", "controller"): H(
        "responsable du traitement", "Identifiant de l’organisation responsable du traitement.", "smica"
    ),
    ("PrivacyNotice", "controller_contact"): H(
        "contact du responsable", "Comment joindre le responsable du traitement."
    ),
    ("PrivacyNotice", "dpo_contact"): H(
        "contact du délégué", "Comment joindre le délégué à la protection des données."
    ),
    ("PrivacyNotice", "purposes"): H(
        "finalités", "Chaque finalité avec sa base légale ; au moins une (RGPD, art. 13)."
    ),
    ("PrivacyNotice", "data_categories"): H(
        "catégories de données", "Les catégories de données personnelles ; au moins une (RGPD, art. 13)."
    ),
    ("PrivacyNotice", "data_subjects"): H(
        "personnes concernées", "Les personnes dont les données sont traitées ; au moins une catégorie."
    ),
    ("PrivacyNotice", "recipients"): H(
        "destinataires", "Qui reçoit les données ; au moins un destinataire (RGPD, art. 13)."
    ),
    ("PrivacyNotice", "transfers_outside_eu"): H(
        "transferts hors de l’Union européenne",
        "Les transferts hors de l’Union européenne, ou le fait qu’il n’y en a pas.",
    ),
    ("PrivacyNotice", "retention"): H("durée de conservation", "Combien de temps les données sont conservées."),
    ("PrivacyNotice", "rights"): H(
        "droits des personnes", "Les droits des personnes et comment les exercer ; au moins un (RGPD, art. 13)."
    ),
    ("PrivacyNotice", "complaint"): H(
        "droit de réclamation", "Le droit d’introduire une réclamation auprès de la CNIL."
    ),
    ("PrivacyNotice", "requirement"): H(
        "caractère obligatoire", "Si fournir les données est obligatoire, et ce qui se passe sinon."
    ),
    ("PrivacyNotice", "automated_decisions"): H(
        "décisions automatisées", "Les décisions automatisées, ou le fait qu’il n’y en a pas."
    ),
    ("PrivacyNotice", "security"): H(
        "mesures de sécurité", "Les mesures de sécurité auxquelles s’engage le responsable du traitement."
    ),
    # --- site configuration (site_config/site.yaml) ---
    ("Publisher", "name"): H("nom", "Nom affiché dans l’en-tête et le pied de page.", "SMICA"),
    ("Publisher", "address"): H(
        "adresse postale", "Adresse postale, une ligne par élément de la liste.", ["12000 RODEZ"]
    ),
    ("Publisher", "email"): H("adresse électronique", "Adresse électronique de service.", "contact@exemple.fr"),
    ("Publisher", "website"): H("site web", "Site web principal.", "https://www.exemple.fr"),
    ("Host", "name"): H("nom", "Nom de l’hébergeur.", "GitHub, Inc."),
    ("Host", "address"): H("adresse", "Adresse postale de l’hébergeur, sur une ligne (LCEN, art. 6 III)."),
    ("Host", "phone"): H("téléphone", "Numéro de téléphone de l’hébergeur (LCEN, art. 6 III).", "01 23 45 67 89"),
    ("Host", "logs"): H(
        "journaux d’accès",
        "Ce qu’enregistrent les journaux d’accès de l’hébergeur et combien de temps ils sont gardés.",
    ),
    ("Accessibility", "status"): H(
        "état de conformité",
        "« totalement conforme », « partiellement conforme » ou « non conforme ».",
        "partiellement conforme",
    ),
    ("Accessibility", "audit"): H("audit", "L’audit RGAA qui a mesuré la conformité : sa date, son auteur."),
    ("Accessibility", "multi_year_schema"): H(
        "schéma pluriannuel", "Le schéma pluriannuel de mise en accessibilité de l’éditeur : son adresse ou son texte."
    ),
    ("Accessibility", "action_plan"): H(
        "plan d’action", "Le plan d’action de l’année en cours : son adresse ou son texte."
    ),
    ("Accessibility", "validity_years"): H(
        "durée de validité",
        "Nombre d’années après l’audit au-delà duquel `registre check` signale la déclaration (3 par défaut).",
        3,
    ),
    ("Audit", "date"): H("date", "Date à laquelle l’audit a été achevé, au format AAAA-MM-JJ.", "2026-03-01"),
    ("Audit", "author"): H(
        "auteur", "Qui a réalisé l’audit : un prestataire, ou l’équipe de l’éditeur.", "Service numérique du SMICA"
    ),
    ("Audit", "method"): H("méthode", "Comment l’audit a été mené : pages de l’échantillon, outils, technologies."),
    ("Audit", "rate"): H(
        "taux de conformité", "Part des critères RGAA applicables qui sont respectés, en pour cent.", 72.5
    ),
    ("AccessibilityDocument", "title"): H(
        "titre", "Titre du document.", "Schéma pluriannuel de mise en accessibilité 2026-2028"
    ),
    ("AccessibilityDocument", "url"): H(
        "adresse", "Adresse web où le document est publié.", "https://www.exemple.fr/accessibilite/schema/"
    ),
    ("AccessibilityDocument", "text"): H(
        "texte", "Le texte du document, s’il n’est pas publié ailleurs : la page Accessibilité l’affiche."
    ),
    ("Accessibility", "non_compliant"): H("contenus non conformes", "Les contenus non conformes connus."),
    ("Accessibility", "contact"): H("contact", "Où signaler un problème d’accessibilité.", "accessibilite@exemple.fr"),
    ("Accessibility", "established"): H(
        "date d’établissement", "Date d’établissement de la déclaration, au format AAAA-MM-JJ.", "2026-03-01"
    ),
    ("SiteConfig", "site_name"): H("nom du site", "Le nom du site.", "Registre des conventions"),
    ("SiteConfig", "base_url"): H(
        "adresse publique",
        "L’adresse publique du site (pour le plan du site, les flux et les citations).",
        "https://registre.exemple.fr/",
    ),
    ("SiteConfig", "description"): H("description", "Une phrase qui présente le registre."),
    ("SiteConfig", "publisher"): H("éditeur", "Qui publie le site."),
    ("SiteConfig", "publication_director"): H(
        "directeur de la publication", "Le directeur de la publication : son nom et sa fonction (LCEN, art. 6 III)."
    ),
    ("PublicationDirector", "name"): H(
        "nom",
        "Nom du directeur de la publication, que la loi impose de publier : il n’est jamais occulté.",
        "Claude Martin",
    ),
    ("PublicationDirector", "function"): H(
        "fonction", "Fonction du directeur de la publication.", "Président du SMICA"
    ),
    ("SiteConfig", "licence"): H(
        "licence des données ouvertes",
        "La licence des données ouvertes ; sans ce champ, la Licence Ouverte 2.0 (etalab-2.0).",
    ),
    ("Licence", "id"): H("identifiant", "Identifiant court de la licence, repris dans les exports.", "etalab-2.0"),
    ("Licence", "title"): H(
        "titre", "Titre complet de la licence, affiché sur le site.", "Licence Ouverte / Open Licence version 2.0"
    ),
    ("Licence", "url"): H(
        "adresse",
        "Adresse web du texte de la licence.",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
    ("SiteConfig", "host"): H("hébergeur", "Qui héberge le site."),
    ("SiteConfig", "dpo_contact"): H(
        "contact du délégué", "Comment joindre le délégué à la protection des données de l’éditeur.", "dpo@exemple.fr"
    ),
    ("SiteConfig", "accessibility"): H("déclaration d’accessibilité", "La déclaration de conformité au RGAA."),
    ("SiteConfig", "allowed_emails"): H(
        "adresses électroniques autorisées",
        "Adresses électroniques de service qui peuvent paraître dans les textes publiés.",
        ["contact@exemple.fr"],
    ),
    ("SiteConfig", "allowed_phones"): H(
        "numéros de téléphone autorisés",
        "Numéros de téléphone de service qui peuvent paraître dans les textes publiés.",
        ["05 65 00 00 00"],
    ),
    ("SiteConfig", "notice_review_months"): H(
        "délai de revue des notices",
        "Une notice d’information non relue depuis ce nombre de mois est signalée (1 ou plus).",
        12,
    ),
    ("SiteConfig", "identity"): H("identité visuelle", "Les couleurs et le logo de l’éditeur ; tout est facultatif."),
    ("Identity", "primary_colour"): H(
        "couleur principale",
        "Couleur de l’en-tête et des liens, écrite #RRGGBB ; le texte blanc doit s’y lire avec un contraste "
        "d’au moins 4,5:1 (RGAA 3.2).",
        "#1a5c8e",
    ),
    ("Identity", "accent_colour"): H(
        "couleur d’accent",
        "Couleur des liens survolés et des mises en valeur, écrite #RRGGBB ; même règle de contraste.",
        "#8a1c4a",
    ),
    ("Identity", "logo"): H(
        "logo", "Fichier SVG ou PNG du dossier site_config/, affiché dans l’en-tête du site.", "logo.svg"
    ),
}

#: (model class name, list field name) -> what one item of the list is called
ITEM_LABELS: dict[tuple[str, str], str] = {
    ("Organisation", "address"): "ligne d’adresse",
    ("Organisation", "contacts"): "contact",
    ("Article", "topics"): "type de clause",
    ("Article", "notes"): "note",
    ("Annex", "articles"): "article",
    ("Annex", "services"): "service",
    ("Annex", "notes"): "note",
    ("Convention", "parties"): "partie",
    ("Convention", "services"): "service",
    ("Convention", "providers"): "prestataire",
    ("Convention", "articles"): "article",
    ("Convention", "annexes"): "annexe",
    ("Convention", "amendments"): "avenant",
    ("Amendment", "signatories"): "signataire",
    ("Amendment", "deliberations"): "délibération",
    ("Amendment", "changes"): "changement",
    ("Amendment", "notes"): "note",
    ("AmendmentChange", "topics"): "type de clause",
    ("AmendmentChange", "services"): "service",
    ("AmendmentChange", "providers"): "prestataire",
    ("Insertion", "topics"): "type de clause",
    ("Convention", "notes"): "note",
    ("ModelText", "services"): "service",
    ("ModelText", "providers"): "prestataire",
    ("ModelText", "articles"): "article",
    ("ModelText", "annexes"): "annexe",
    ("ModelText", "notes"): "note",
    ("ConventionModel", "placeholders"): "emplacement",
    ("ConventionModel", "versions"): "version",
    ("Dimension", "values"): "valeur",
    ("Component", "over"): "dimension",
    ("TariffVersion", "components"): "grille",
    ("TariffVersion", "notes"): "note",
    ("Tariff", "services"): "service",
    ("Tariff", "dimensions"): "dimension",
    ("Tariff", "quantities"): "quantité",
    ("Tariff", "options"): "option",
    ("Tariff", "lines"): "ligne de calcul",
    ("Tariff", "versions"): "version",
    ("Tariff", "indicative"): "montant indicatif",
    ("Tariff", "notes"): "note",
    ("PrivacyNotice", "conventions"): "convention",
    ("PrivacyNotice", "services"): "service",
    ("PrivacyNotice", "purposes"): "finalité",
    ("PrivacyNotice", "data_categories"): "catégorie de données",
    ("PrivacyNotice", "data_subjects"): "catégorie de personnes",
    ("PrivacyNotice", "recipients"): "destinataire",
    ("PrivacyNotice", "rights"): "droit",
    ("PrivacyNotice", "security"): "mesure de sécurité",
    ("Publisher", "address"): "ligne d’adresse",
    ("Accessibility", "non_compliant"): "contenu non conforme",
    ("SiteConfig", "allowed_emails"): "adresse électronique",
    ("SiteConfig", "allowed_phones"): "numéro de téléphone",
}

#: model class name -> what one such object is called, and a description of it
MODELS: dict[str, tuple[str, str]] = {
    "Period": ("durée", "Une durée en années, mois et jours ; au moins l’un des trois, non nul."),
    "ClauseRef": (
        "référence de clause",
        "L’endroit d’une convention où quelque chose est écrit : article, et annexe s’il y a lieu.",
    ),
    "Contact": (
        "contact",
        "Une personne ou une fonction à contacter ; le nom d’un agent reste privé sauf décision de publier.",
    ),
    "EditorialNote": ("note", "Ce que le registre ajoute et que le document signé ne dit pas."),
    "Organisation": (
        "organisation",
        "Un organisme public ou une entreprise qui signe une convention ou rend un "
        "service en application d’une convention.",
    ),
    "Service": ("service", "Un service que les conventions fournissent aux membres."),
    "Topic": ("type de clause", "Un type de clause, commun aux conventions pour pouvoir comparer leurs clauses."),
    "Representative": ("représentant", "L’élu ou l’agent qui signe pour une partie."),
    "Party": ("partie", "Un signataire de la convention."),
    "Signature": (
        "signature",
        "Lieu et date de signature ; l’un ou l’autre peut être laissé en blanc dans le document.",
    ),
    "EntryIntoForce": (
        "entrée en vigueur",
        "Quand la convention prend effet : une date, à la signature, ou non précisé par le document.",
    ),
    "Term": (
        "période de validité",
        "Combien de temps la convention (ou le service auquel elle donne accès) s’applique.",
    ),
    "Termination": (
        "résiliation",
        "Comment une partie met fin à la convention : le préavis et ce à partir de quoi il court.",
    ),
    "TranscriptionChoice": (
        "choix de transcription",
        "Une différence connue et expliquée entre le texte d’un "
        "article et son document source ; le texte lui-même n’est jamais corrigé.",
    ),
    "Article": ("article", "Un article de la convention ou une section d’annexe, mot pour mot."),
    "Annex": ("annexe", "Une annexe : son titre et ses articles ou sections."),
    "Amendment": (
        "avenant",
        "Un avenant à la convention : sa signature, son entrée en vigueur et ses changements, chacun mot pour mot.",
    ),
    "ActSignature": ("signature", "Lieu et date de signature d’un avenant."),
    "ActEntryIntoForce": (
        "entrée en vigueur",
        "Quand un avenant prend effet : une date, ou à sa signature (par défaut).",
    ),
    "Deliberation": ("délibération", "La décision d’une assemblée qui a autorisé un acte."),
    "AmendmentChange": (
        "changement",
        "Un changement que fait un avenant : une seule clé parmi replace, insert, delete, term, termination, "
        "services, providers, referent et add_annex.",
    ),
    "ClauseTarget": (
        "article visé",
        "L’article (ou la section d’annexe) que vise un changement, numéroté comme à cette date.",
    ),
    "Insertion": ("article inséré", "Un nouvel article (ou une nouvelle section d’annexe) qu’insère un avenant."),
    "ActDocument": ("document source", "Le texte signé d’un avenant ou d’une lettre de résiliation."),
    "Publication": ("publication", "Quand un élément a été mis en ligne, et mis à jour pour la dernière fois."),
    "TerminationEvent": (
        "résiliation notifiée",
        "Une résiliation qui a eu lieu : qui, quand elle a été notifiée, quand elle prend effet.",
    ),
    "SourceDocument": ("document source", "Le document signé dont le contenu est transcrit."),
    "Convention": ("convention", "Une convention entre un syndicat et l’un de ses membres."),
    "ModelPlaceholder": (
        "emplacement",
        "Un blanc nommé du texte d’un modèle, écrit {{ nom }}, que chaque convention remplit (model_values).",
    ),
    "ModelArticle": (
        "article",
        "Un article du modèle ; un article facultatif n’est repris que si la convention le cite.",
    ),
    "ModelAnnex": ("annexe", "Une annexe du modèle, avec ses articles ou sections."),
    "ModelText": (
        "texte commun",
        "Ce que les conventions signées sur le modèle ont en commun ; un champ que donne une convention "
        "remplace le sien.",
    ),
    "ModelVersion": (
        "version",
        "Une rédaction adoptée du modèle ; une fois des conventions signées sur elle, une nouvelle rédaction est une "
        "nouvelle version.",
    ),
    "ConventionModel": (
        "modèle",
        "Un modèle de convention : le texte qu’un syndicat signe avec chacun de ses membres, avec des emplacements "
        "nommés pour ce qui diffère.",
    ),
    "DimensionValue": ("valeur", "Une valeur que peut prendre une dimension."),
    "Dimension": ("dimension", "Un axe d’une grille de prix (catégorie, volume de stockage…)."),
    "Quantity": ("quantité", "Un nombre que l’utilisateur du calculateur saisit (utilisateurs, mois…)."),
    "Option": ("option", "Un choix oui ou non qui active ou désactive des lignes de calcul."),
    "Component": ("grille", "Une grille de prix unitaires selon certaines dimensions du tarif."),
    "Line": (
        "ligne de calcul",
        "Une ligne de l’estimation : le prix unitaire d’une grille multiplié par une quantité.",
    ),
    "TariffVersion": ("version", "La grille telle qu’en vigueur sur une période."),
    "IndicativeAmount": ("montant indicatif", "Une redevance que la convention indique pour information, hors grille."),
    "Tariff": (
        "tarif",
        "Ce que coûte un service selon une convention : une grille de prix avec son "
        "calculateur, ou une redevance indicative.",
    ),
    "Statement": ("information", "Une information de la notice, avec sa source."),
    "Purpose": ("finalité", "Pourquoi les données sont traitées, et sur quelle base légale (RGPD, art. 6)."),
    "PrivacyNotice": ("notice d’information", "Les informations qu’exige l’article 13 du RGPD pour un traitement."),
    "Publisher": ("éditeur", "L’organisme qui publie le registre."),
    "Host": (
        "hébergeur",
        "Qui héberge le site statique (la LCEN, art. 6 III, impose son nom, son adresse, son téléphone).",
    ),
    "PublicationDirector": ("directeur de la publication", "La personne qui dirige la publication : nom et fonction."),
    "Licence": ("licence", "La licence sous laquelle les données ouvertes sont publiées."),
    "Accessibility": ("déclaration d’accessibilité", "La déclaration de conformité au RGAA."),
    "Audit": ("audit", "L’audit RGAA sur lequel repose la déclaration d’accessibilité."),
    "AccessibilityDocument": (
        "document",
        "Un document auquel renvoie la déclaration d’accessibilité : son adresse, ou son texte affiché sur la page.",
    ),
    "Identity": ("identité visuelle", "Les couleurs et le logo de l’éditeur sur le site ; tout est facultatif."),
    "SiteConfig": (
        "configuration du site",
        "Tout ce qui concerne le site sans être le contenu du registre (site_config/site.yaml).",
    ),
}

# A model's articles and annexes are a convention's, and its text has the convention's fields of the same name:
# the same words, unless given above.
for _model_name, _source_name, _fields in (
    ("ModelArticle", "Article", ("number", "label", "heading", "title", "text", "topics", "notes", "transcription")),
    (
        "ModelAnnex",
        "Annex",
        ("number", "heading", "title", "intro", "articles", "services", "term", "termination", "notes"),
    ),
    (
        "ModelText",
        "Convention",
        ("preamble", "closing", "termination", "services", "providers", "articles", "annexes"),
    ),
):
    for _field in _fields:
        FIELDS.setdefault((_model_name, _field), FIELDS[(_source_name, _field)])
        if (_source_name, _field) in ITEM_LABELS:
            ITEM_LABELS.setdefault((_model_name, _field), ITEM_LABELS[(_source_name, _field)])

#: first word of a label -> its gender and number, to write « du », « de la », « de l’ », « des »
NOUNS: dict[str, str] = {
    "absence": "f",
    "adresse": "f",
    "adresses": "f.pl",
    "année": "f",
    "signataires": "m.pl",
    "signataire": "m",
    "nouvelle": "f",
    "nouvel": "m",
    "nouveaux": "m.pl",
    "nouveau": "m",
    "motif": "m",
    "délibérations": "f.pl",
    "délibération": "f",
    "changements": "m.pl",
    "changement": "m",
    "assemblée": "f",
    "acte": "m",
    "annexe": "f",
    "annexes": "f.pl",
    "article": "m",
    "emplacement": "m",
    "emplacements": "m.pl",
    "modèle": "m",
    "articles": "m.pl",
    "audit": "m",
    "auteur": "m",
    "avenant": "m",
    "avenants": "m.pl",
    "base": "f",
    "caractère": "m",
    "catégorie": "f",
    "catégories": "f.pl",
    "champ": "m",
    "choix": "m",
    "civilité": "f",
    "clause": "f",
    "clé": "f",
    "configuration": "f",
    "contact": "m",
    "contacts": "m.pl",
    "contenu": "m",
    "contenus": "m.pl",
    "convention": "f",
    "conventions": "f.pl",
    "couleur": "f",
    "date": "f",
    "début": "m",
    "décisions": "f.pl",
    "déclaration": "f",
    "délai": "m",
    "description": "f",
    "désignation": "f",
    "destinataire": "m",
    "destinataires": "m.pl",
    "devise": "f",
    "dimension": "f",
    "dimensions": "f.pl",
    "directeur": "m",
    "document": "m",
    "droit": "m",
    "droits": "m.pl",
    "durée": "f",
    "identité": "f",
    "logo": "m",
    "éditeur": "m",
    "effet": "m",
    "empreinte": "f",
    "entrée": "f",
    "état": "m",
    "évaluation": "f",
    "fichier": "m",
    "fin": "f",
    "finalité": "f",
    "finalités": "f.pl",
    "fonction": "f",
    "formulation": "f",
    "forme": "f",
    "formule": "f",
    "grille": "f",
    "grilles": "f.pl",
    "hébergeur": "m",
    "identifiant": "m",
    "information": "f",
    "intitulé": "m",
    "introduction": "f",
    "journaux": "m.pl",
    "licence": "f",
    "méthode": "f",
    "plan": "m",
    "schéma": "m",
    "taux": "m",
    "justification": "f",
    "libellé": "m",
    "lieu": "m",
    "ligne": "f",
    "lignes": "f.pl",
    "mandat": "m",
    "mesure": "f",
    "mesures": "f.pl",
    "modalité": "f",
    "montant": "m",
    "montants": "m.pl",
    "nature": "f",
    "nom": "m",
    "nombre": "m",
    "note": "f",
    "notes": "f.pl",
    "notice": "f",
    "numéro": "m",
    "numéros": "m.pl",
    "option": "f",
    "options": "f.pl",
    "organisation": "f",
    "partie": "f",
    "parties": "f.pl",
    "période": "f",
    "personnes": "f.pl",
    "plateforme": "f",
    "préambule": "m",
    "préavis": "m",
    "prestataire": "m",
    "prestataires": "m.pl",
    "prix": "m.pl",
    "publication": "f",
    "quantité": "f",
    "quantités": "f.pl",
    "rang": "m",
    "référence": "f",
    "référent": "m",
    "représentant": "m",
    "responsable": "m",
    "résiliation": "f",
    "résumé": "m",
    "révision": "f",
    "rôle": "m",
    "service": "m",
    "services": "m.pl",
    "signature": "f",
    "site": "m",
    "tarif": "m",
    "téléphone": "m",
    "texte": "m",
    "titre": "m",
    "transferts": "m.pl",
    "type": "m",
    "types": "m.pl",
    "unité": "f",
    "valeur": "f",
    "valeurs": "f.pl",
    "version": "f",
    "versions": "f.pl",
}

_VOWELS = tuple("aâàeéèêëiîïoôuûùyh")


def _help(model_name: str, field_name: str) -> FieldHelp:
    try:
        return FIELDS[(model_name, field_name)]
    except KeyError:
        raise KeyError(f"no French help for field {model_name}.{field_name}") from None


def label(model_name: str, field_name: str) -> str:
    """The field's short French label, in lower case: label("Party", "mandate_date") -> « date du mandat »."""
    return _help(model_name, field_name).label


def description(model_name: str, field_name: str) -> str:
    """The field's French description, one or two sentences."""
    return _help(model_name, field_name).description


def example(model_name: str, field_name: str) -> Any:
    """An example value of the field, or None."""
    return _help(model_name, field_name).example


def item_label(model_name: str, field_name: str) -> str:
    """What one item of a list field is called: item_label("Convention", "articles") -> « article »."""
    try:
        return ITEM_LABELS[(model_name, field_name)]
    except KeyError:
        raise KeyError(f"no French item label for list field {model_name}.{field_name}") from None


def model_label(model_name: str) -> str:
    """What one object of the model is called, in lower case: « partie »."""
    return MODELS[model_name][0]


def model_description(model_name: str) -> str:
    return MODELS[model_name][1]


def head_noun(phrase: str) -> str:
    """The first word of a label, which gives its gender and number: « date du mandat » -> « date »."""
    return phrase.split(" ", 1)[0]


def of(phrase: str) -> str:
    """« de » with the definite article before a noun phrase: « du titre », « de la partie »,
    « de l’article », « des notes »."""
    kind = NOUNS.get(head_noun(phrase), "m")
    if kind.endswith(".pl"):
        return f"des {phrase}"
    if phrase.startswith(_VOWELS):
        return f"de l’{phrase}"
    return f"du {phrase}" if kind == "m" else f"de la {phrase}"


# --- a field path in words ---------------------------------------------------------------------------


def _alternatives(annotation: Any) -> list[Any]:
    """The types a value of `annotation` may have: Annotated, Optional and unions unwrapped, None left out."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _alternatives(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [found for argument in typing.get_args(annotation) for found in _alternatives(argument)]
    return [] if annotation is type(None) else [annotation]


def _model_in(alternatives: list[Any]) -> type[BaseModel] | None:
    return next((tp for tp in alternatives if isinstance(tp, type) and issubclass(tp, BaseModel)), None)


def _item_types(alternatives: list[Any], container: type) -> list[Any]:
    """The item (list) or value (dict) types of the alternatives that are lists or dicts."""
    found = []
    for tp in alternatives:
        if typing.get_origin(tp) is container:
            found += _alternatives(typing.get_args(tp)[-1])
    return found


def _with_keys(phrase: str, keys: list[str]) -> str:
    return f"{phrase} ({', '.join(f'« {key} »' for key in keys)})" if keys else phrase


def _phrases(model: type[BaseModel], path: tuple) -> list[str]:
    """The noun phrases of a path, outermost first: ["article n° 4", "titre"]."""
    phrases: list[str] = []
    alternatives: list[Any] = [model]
    parts = list(path)
    while parts:
        part = parts.pop(0)
        owner = _model_in(alternatives)
        if isinstance(part, str) and owner is not None:
            field = owner.model_fields.get(part)
            if field is None or (owner.__name__, part) not in FIELDS:
                phrases.append(f"champ « {part} »")
                break
            alternatives = _alternatives(field.annotation)
            items = _item_types(alternatives, list)
            if items and parts and isinstance(parts[0], int) and parts[0] >= 0:
                item = ITEM_LABELS.get((owner.__name__, part), label(owner.__name__, part))
                phrases.append(f"{item} n° {parts.pop(0) + 1}")
                alternatives = items
            else:
                phrases.append(label(owner.__name__, part))
            keys = []
            while parts and isinstance(parts[0], str) and _item_types(alternatives, dict):
                keys.append(parts.pop(0))
                alternatives = _item_types(alternatives, dict)
            phrases[-1] = _with_keys(phrases[-1], keys)
        else:
            break  # a part the models do not know: say what is known
    return phrases


def field_in_words(model: type[BaseModel], path: tuple) -> str:
    """A place in a file of `model`, in French: ("articles", 3, "title") -> « titre de l’article n° 4 ».

    List indexes are 0-based in `path` and shown 1-based after the item's label; mapping keys (price grids)
    are quoted after the field's label; a field the model does not have is named « champ « … » », and the
    parts after it are left out. An empty path gives the model's own label (« convention »)."""
    phrases = _phrases(model, tuple(path))
    if not phrases:
        return model_label(model.__name__) if model.__name__ in MODELS else ""
    innermost, *outer = reversed(phrases)
    return " ".join([innermost, *(of(phrase) for phrase in outer)])
