"""A synthetic register, for benchmarks and scale tests: `synthesize(destination, conventions=N, seed=S)`,
or from the shell: `python benchmarks/synth.py --conventions N --seed S --output DIR`.

It writes a complete project (content/, site_config/, templates/, mkdocs.yml) that goes through the
same loader and validator as the real register. Conventions are instantiated from a handful of models
(assistance informatique, bouquet de services numériques, délégué à la protection des données
mutualisé, SIG, groupement de commandes télécoms) with per-member variations: parties, dates,
durations, notice periods, services, amounts, optional articles and annexes, and 10 to 20 articles
and annex sections of about 150 words of French legal vocabulary each. Each convention has a source
document whose SHA-256 is recorded. A few conventions have a tariff (a price grid or an indicative
fee) and each syndicate publishes privacy notices for the processings it runs.

About one convention in four has one to three avenants, each with its own source document and SHA-256,
its deliberation, its entry into force and its publication dates: they rewrite articles (a sentence
added or replaced), insert an article « N bis », abrogate an article, extend the term (with the article
that states it) and add a service (with the article that lists them, and its provider). Each change
targets the text in force on its day; a few avenants signed late in 2026 enter into force on
1 January 2027, after the benchmark's build date.

Everything comes from `random.Random(seed)`: the same (conventions, seed) gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from generator import formatting
from generator.formatting import day_month, french_date
from generator.register import models

#: the real project, whose site_config/, templates/ and mkdocs.yml a synthetic project reuses
ROOT = Path(__file__).resolve().parent.parent

NUMBERS = {1: "un", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six"}


# --- YAML output ---------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style, literal blocks for multi-line text, Decimal as a plain decimal number, no aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:.2f}")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)


def _write_yaml(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    path.write_text(text, encoding="utf-8")


# --- vocabulary ------------------------------------------------------------------

TOPICS = [
    ("preambule", "Préambule", "Contexte et motifs exposés en tête de la convention avant ses stipulations.", 10),
    ("objet", "Objet", "Ce que la convention organise et les prestations ou services qu’elle couvre.", 20),
    (
        "conditions-utilisation",
        "Conditions d’utilisation",
        "Règles que le membre s’engage à respecter pour utiliser les services.",
        30,
    ),
    ("referent", "Référent", "Désignation de la personne qui fait l’interface entre le membre et le syndicat.", 40),
    (
        "niveau-de-service",
        "Niveau de service",
        "Engagements de fonctionnement, délais de réponse et de rétablissement des services.",
        50,
    ),
    ("duree", "Durée", "Date de prise d’effet, durée et échéance de la convention ou des services.", 60),
    (
        "resiliation",
        "Résiliation",
        "Conditions dans lesquelles une partie peut mettre fin à la convention ou à un service.",
        70,
    ),
    (
        "remuneration",
        "Rémunération et tarifs",
        "Contributions, rémunérations et tarifs dus en contrepartie des services.",
        80,
    ),
    ("facturation", "Facturation", "Modalités d’établissement, de transmission et de paiement des factures.", 90),
    (
        "responsabilite",
        "Responsabilité",
        "Répartition des responsabilités entre les parties et limites de celle du prestataire.",
        100,
    ),
    (
        "confidentialite",
        "Confidentialité",
        "Engagements de non-divulgation des informations confiées ou consultées.",
        110,
    ),
    (
        "donnees-personnelles",
        "Données personnelles",
        "Collecte, protection et droits d’accès relatifs aux données à caractère personnel.",
        120,
    ),
    (
        "propriete-intellectuelle",
        "Propriété intellectuelle",
        "Droits d’usage concédés sur les services et propriété des fichiers et données.",
        130,
    ),
    (
        "modification",
        "Modification",
        "Procédure pour modifier la convention ou la liste des services, notamment par avenant.",
        140,
    ),
    ("litiges", "Litiges", "Règlement amiable des différends, loi applicable et juridiction compétente.", 150),
    ("annexes", "Annexes", "Liste des pièces annexées à la convention et portée de leur acceptation.", 160),
]

#: topic -> (sentences always used first, in order; sentences drawn at random)
BANKS: dict[str, tuple[list[str], list[str]]] = {
    "preambule": (
        [
            "Dans le cadre de son schéma des usages et services numériques, {le_syndicat} se positionne comme un "
            "référent territorial pour le développement des usages numériques de ses membres.",
        ],
        [
            "Les services objets de la présente convention sont proposés dans le cadre de la délibération du comité "
            "syndical {deliberation} relative à la mutualisation des moyens informatiques.",
            "La mutualisation permet aux collectivités adhérentes de bénéficier d’outils conformes aux évolutions "
            "réglementaires à un coût maîtrisé.",
            "{Le_membre} a exprimé, par délibération de son assemblée, le souhait de recourir aux services proposés "
            "par {le_syndicat}.",
            "Les parties rappellent que la dématérialisation des procédures constitue une obligation pour de "
            "nombreuses formalités administratives et budgétaires.",
            "La présente convention s’inscrit dans une démarche de coopération entre personnes publiques, sans "
            "recherche de profit, au sens du code de la commande publique.",
            "Il est rappelé que {le_syndicat} exerce ses missions pour le compte de ses membres conformément à ses "
            "statuts approuvés par arrêté préfectoral.",
        ],
    ),
    "objet": (
        [
            "La présente convention a pour objet d’organiser et de formaliser les relations des parties dans le "
            "cadre des prestations assurées par {le_syndicat} pour le compte {du_membre}.",
        ],
        [
            "Ces prestations comprennent la mise à disposition des services énumérés ci-après, leur mise à jour à "
            "chaque évolution réglementaire ainsi que la formation et l’assistance des utilisateurs.",
            "Le périmètre des prestations peut être précisé par les annexes, qui ont la même valeur contractuelle "
            "que la présente convention.",
            "Les prestations sont exécutées dans le respect des règles de la commande publique applicables aux "
            "marchés conclus par {le_syndicat} avec ses prestataires.",
            "{Le_syndicat} agit en qualité d’opérateur technique et ne se substitue en aucun cas aux services "
            "{du_membre} dans l’exercice de leurs compétences.",
            "La liste des services souscrits figure dans la présente convention et peut évoluer dans les conditions "
            "prévues à l’article relatif aux modifications.",
            "Les parties conviennent de se réunir au moins une fois par an afin d’évaluer la qualité des prestations "
            "rendues.",
        ],
    ),
    "conditions-utilisation": (
        [
            "L’accès aux services est réservé aux agents et aux élus {du_membre} dûment habilités, au moyen "
            "d’identifiants personnels et confidentiels.",
        ],
        [
            "Chaque utilisateur s’engage à utiliser les services conformément à leur destination et à ne pas porter "
            "atteinte à leur sécurité ou à leur disponibilité.",
            "{Le_membre} s’engage à informer sans délai {le_syndicat} de toute utilisation frauduleuse ou anormale "
            "des identifiants qui lui ont été attribués.",
            "Les conditions générales d’utilisation des plateformes mises à disposition s’imposent aux utilisateurs, "
            "qui les acceptent lors de leur première connexion.",
            "L’usage des services à des fins étrangères aux missions de service public {du_membre} est proscrit.",
            "{Le_syndicat} peut suspendre l’accès d’un utilisateur en cas de manquement grave aux présentes "
            "conditions, après information préalable {du_membre}.",
            "Les équipements et logiciels nécessaires à l’accès aux services restent à la charge {du_membre}.",
        ],
    ),
    "referent": (
        [
            "Positionné au sein {du_membre}, le référent a pour mission d’être l’interface entre {le_syndicat} et "
            "les services métiers pour l’organisation des réunions, la planification des formations et le relais "
            "des informations.",
        ],
        [
            "{Le_syndicat} transmet au référent les informations relatives à l’actualité des services : réunions "
            "de travail, évolutions réglementaires, création de nouveaux services.",
            "Tout changement de référent est notifié sans délai {au_syndicat} par écrit.",
            "Le référent recense les besoins de formation des agents et en assure le suivi.",
            "Le référent est destinataire des comptes rendus d’intervention et des bilans annuels d’activité.",
        ],
    ),
    "niveau-de-service": (
        [
            "Dans un souci de qualité de service, {le_syndicat} s’engage à respecter un délai de réponse de "
            "{delai_reponse} ouvrées pour toute demande d’assistance.",
        ],
        [
            "La garantie de temps de rétablissement est fixée à {gtr} heures ouvrées pour les incidents bloquants.",
            "Les opérations de maintenance programmée sont annoncées au moins cinq jours ouvrés à l’avance et "
            "réalisées, autant que possible, en dehors des heures d’ouverture des services.",
            "Le taux de disponibilité des services hébergés est au minimum de 99,5 % sur une année civile, hors "
            "maintenance programmée.",
            "Les demandes sont enregistrées sur le portail d’assistance, qui permet d’en suivre le traitement.",
            "En cas de dépassement répété des délais, les parties se rencontrent afin de définir les mesures "
            "correctives nécessaires.",
            "Un bilan annuel de l’assistance, précisant le nombre et la nature des demandes traitées, est adressé "
            "{au_membre}.",
        ],
    ),
    "duree": (
        [
            "La présente convention prend effet {prise_effet}. {duree_phrase}",
        ],
        [
            "La dissolution d’au moins une des parties met automatiquement fin à la présente convention ; la partie "
            "dissoute transmet à l’autre partie l’arrêté préfectoral de dissolution dès qu’elle l’a en sa possession.",
            "À l’échéance, la convention peut être renouvelée par décision expresse des parties.",
            "Les prestations en cours d’exécution à la date d’échéance sont menées à leur terme dans les conditions "
            "de la présente convention.",
            "Aucune reconduction ne peut intervenir au-delà de la durée maximale fixée ci-dessus.",
            "La durée des services souscrits en annexe peut être alignée sur celle des marchés conclus par "
            "{le_syndicat} avec ses prestataires.",
        ],
    ),
    "resiliation": (
        [
            "{resiliation_phrase}",
        ],
        [
            "La résiliation ne donne lieu à aucune indemnité, sauf disposition contraire prévue par la présente "
            "convention.",
            "En cas de manquement grave de l’une des parties à ses obligations, l’autre partie peut prononcer la "
            "résiliation de plein droit, après une mise en demeure restée sans effet pendant un délai de trente jours.",
            "Les sommes dues au titre de la période courant jusqu’à la date d’effet de la résiliation restent "
            "exigibles.",
            "À la date d’effet de la résiliation, {le_syndicat} restitue {au_membre} l’ensemble de ses données dans "
            "un format ouvert et réutilisable.",
            "Le préavis court à compter de la date de réception de la lettre de résiliation.",
            "La résiliation d’un service n’entraîne pas celle des autres services souscrits, sauf demande expresse "
            "{du_membre}.",
        ],
    ),
    "remuneration": (
        [
            "En contrepartie des prestations réalisées, {le_membre} verse chaque année {au_syndicat} une "
            "contribution dont le montant est fixé par délibération du comité syndical.",
        ],
        [
            "À titre indicatif, le montant de cette contribution s’est élevé en {annee_montant} à {montant}.",
            "La contribution est calculée en fonction de la population municipale et du nombre de services souscrits.",
            "Les tarifs sont révisés chaque année au 1er janvier, dans la limite de l’évolution de l’indice des prix "
            "à la consommation.",
            "Toute souscription d’un service en cours d’année donne lieu à une facturation au prorata temporis.",
            "Les montants sont exprimés toutes taxes comprises, {le_syndicat} n’étant pas assujetti à la taxe sur "
            "la valeur ajoutée pour ces prestations.",
            "La contribution couvre la mise à disposition des outils, leur maintenance ainsi que l’assistance aux "
            "utilisateurs.",
        ],
    ),
    "facturation": (
        [
            "{Le_syndicat} émet chaque année un titre de recette à l’encontre {du_membre}, transmis par voie "
            "dématérialisée sur le portail de facturation de l’État.",
        ],
        [
            "Le paiement intervient dans un délai de trente jours à compter de la réception du titre de recette.",
            "En cas de retard de paiement, {le_syndicat} peut suspendre l’accès aux services après mise en demeure "
            "restée sans effet pendant un délai de quinze jours.",
            "Les sommes dues sont versées au comptable public du syndicat, selon les règles de la comptabilité "
            "publique.",
            "La facturation des services souscrits en cours d’année est établie au prorata du nombre de mois "
            "d’utilisation.",
            "Toute contestation relative à la facturation est adressée par écrit au président du syndicat dans un "
            "délai de deux mois.",
            "Le détail des montants facturés par service est joint à chaque titre de recette.",
        ],
    ),
    "responsabilite": (
        [
            "{Le_syndicat} agissant comme opérateur technique, seul{e_membre} {le_membre} est responsable de ses "
            "données, qui doivent être à jour, et du respect de la législation en vigueur.",
        ],
        [
            "{Le_syndicat} ne saurait être tenu responsable des dommages résultant d’une utilisation des services "
            "non conforme à leur destination.",
            "La responsabilité {du_syndicat} ne peut être engagée en cas de force majeure ou d’interruption des "
            "réseaux de télécommunication indépendante de sa volonté.",
            "Chaque partie demeure responsable des agissements de ses agents dans l’utilisation des services.",
            "{Le_membre} reste seul responsable des actes qu’il transmet par l’intermédiaire des plateformes mises à "
            "disposition.",
            "{Le_syndicat} s’engage à mettre en œuvre les moyens nécessaires à la bonne exécution des prestations, "
            "au titre d’une obligation de moyens.",
            "Les parties s’informent mutuellement et sans délai de toute difficulté susceptible d’affecter "
            "l’exécution de la présente convention.",
        ],
    ),
    "confidentialite": (
        [
            "{Le_syndicat} s’engage à ne pas communiquer les informations auxquelles il peut avoir accès par "
            "l’intermédiaire {du_membre} et qui n’ont pas fait l’objet d’une divulgation publique.",
        ],
        [
            "Cette obligation de confidentialité s’impose à l’ensemble des agents et des prestataires du syndicat.",
            "L’obligation de confidentialité demeure en vigueur pendant cinq ans après l’échéance de la présente "
            "convention.",
            "Les documents remis par {le_membre} ne peuvent être utilisés à d’autres fins que l’exécution des "
            "prestations.",
            "Les parties veillent à ce que leurs agents respectent le secret professionnel et l’obligation de "
            "discrétion professionnelle.",
            "Toute violation de la confidentialité est signalée sans délai à l’autre partie.",
        ],
    ),
    "donnees-personnelles": (
        [
            "Dans le cadre de l’exécution de la présente convention, {le_syndicat} est amené à traiter des données "
            "à caractère personnel pour le compte {du_membre}, en qualité de sous-traitant au sens du règlement "
            "général sur la protection des données.",
        ],
        [
            "{Le_syndicat} s’engage à ne traiter les données que sur instruction documentée {du_membre} et pour les "
            "seules finalités de la présente convention.",
            "Les données sont hébergées sur le territoire de l’Union européenne et ne font l’objet d’aucun transfert "
            "hors de celle-ci.",
            "{Le_syndicat} met en œuvre les mesures techniques et organisationnelles appropriées afin de garantir un "
            "niveau de sécurité adapté au risque.",
            "Toute violation de données à caractère personnel est notifiée {au_membre} dans un délai maximal de "
            "quarante-huit heures après sa découverte.",
            "Les personnes concernées exercent leurs droits d’accès, de rectification, d’effacement et de limitation "
            "auprès {du_membre}, responsable du traitement.",
            "Au terme de la convention, {le_syndicat} restitue les données puis détruit les copies existantes, sauf "
            "obligation légale de conservation.",
        ],
    ),
    "propriete-intellectuelle": (
        [
            "Les logiciels et plateformes mis à disposition demeurent la propriété de leurs éditeurs ; la présente "
            "convention ne confère {au_membre} qu’un droit d’usage non exclusif et non cessible.",
        ],
        [
            "{Le_membre} reste propriétaire des fichiers, documents et données qu’il dépose sur les services.",
            "Toute reproduction, adaptation ou diffusion des logiciels en dehors des besoins du service est interdite.",
            "Les données géographiques produites dans le cadre de la convention peuvent être diffusées sous licence "
            "ouverte, dans le respect des droits des tiers.",
            "Les marques et signes distinctifs du syndicat ne peuvent être utilisés sans son accord préalable.",
            "Les développements réalisés pour les besoins communs des membres sont mis à la disposition de tous.",
        ],
    ),
    "modification": (
        [
            "Toute modification substantielle de la présente convention fait l’objet d’un avenant signé par les "
            "parties.",
        ],
        [
            "L’ajout ou la suppression d’un service fait l’objet d’une demande écrite {du_membre} et prend effet au "
            "premier jour du mois suivant sa réception.",
            "Les modifications rendues nécessaires par une évolution législative ou réglementaire s’appliquent de "
            "plein droit.",
            "Les annexes peuvent être mises à jour par simple échange de courriers lorsqu’elles ne modifient pas "
            "l’équilibre financier de la convention.",
            "Toute modification des tarifs est notifiée {au_membre} au moins deux mois avant sa prise d’effet.",
            "Les avenants sont approuvés par les assemblées délibérantes des parties avant leur signature.",
        ],
    ),
    "litiges": (
        [
            "Toute contestation ou difficulté que soulèverait l’exécution de la présente convention est d’abord "
            "soumise aux présidents respectifs des parties en vue d’un règlement amiable.",
        ],
        [
            "À défaut d’accord amiable dans un délai de deux mois, le litige relève de la compétence du tribunal "
            "administratif de {tribunal}.",
            "La loi applicable est la loi française.",
            "Les parties peuvent recourir à la médiation avant toute saisine de la juridiction compétente.",
            "Le tribunal administratif peut être saisi par l’application Télérecours citoyens accessible sur le site "
            "www.telerecours.fr.",
            "Les délais de recours contentieux ne courent qu’à compter de l’échec de la tentative de conciliation.",
        ],
    ),
    "annexes": (
        [
            "Les annexes à la présente convention en font partie intégrante et ont la même valeur contractuelle.",
        ],
        [
            "En cas de contradiction entre la convention et l’une de ses annexes, les stipulations de la convention "
            "prévalent.",
            "La signature de la présente convention emporte acceptation de l’ensemble des annexes.",
            "Les annexes peuvent être mises à jour dans les conditions prévues à l’article relatif aux modifications.",
            "Les annexes précisent les conditions particulières d’accès à chacun des services souscrits.",
        ],
    ),
}

GENERIC = [
    "Les parties s’engagent à exécuter la présente stipulation de bonne foi.",
    "Les notifications prévues au présent article sont faites par lettre recommandée avec avis de réception.",
    "Les délais mentionnés au présent article s’entendent en jours calendaires, sauf mention contraire.",
    "Les parties se tiennent mutuellement informées de toute évolution susceptible d’affecter ces stipulations.",
    "Le comité syndical est tenu informé chaque année des conditions d’application du présent article.",
]

SYNDICATES = [
    # id, name, short name, article, city, postcode, administrative court
    (
        "smin-aveyron",
        "Syndicat mixte pour l’informatique et le numérique de l’Aveyron",
        "SMIN",
        "le",
        "Rodez",
        "12000",
        "Toulouse",
    ),
    (
        "tarn-et-garonne-numerique",
        "Syndicat mixte Tarn-et-Garonne Numérique",
        "TGN",
        "le",
        "Montauban",
        "82000",
        "Toulouse",
    ),
    ("lot-numerique", "Syndicat mixte Lot Numérique", "Lot Numérique", "le", "Cahors", "46000", "Toulouse"),
    ("gers-numerique", "Syndicat mixte Gers Numérique", "Gers Numérique", "le", "Auch", "32000", "Pau"),
    ("tarn-informatique", "Syndicat mixte Tarn Informatique Territoriale", "STIT", "le", "Albi", "81000", "Toulouse"),
]

COMPANIES = [
    ("stockalis", "STOCKALIS", "Stockalis"),
    ("fibre-occitane", "FIBRE OCCITANE", "Fibre Occitane"),
    ("geomatique-sud", "GÉOMATIQUE SUD", "Géomatique Sud"),
    ("telecom-midi", "TÉLÉCOM MIDI", "Télécom Midi"),
    ("logiciels-publics", "LOGICIELS PUBLICS", "Logiciels Publics"),
]

SERVICES = [
    (
        "actes-dematerialises",
        "télétransmission des actes",
        "Télétransmission des actes soumis au contrôle de légalité par une plateforme mutualisée.",
        None,
    ),
    (
        "courrier-dematerialise",
        "gestion du courrier dématérialisé",
        "Enregistrement, diffusion et suivi du courrier entrant et sortant des collectivités.",
        None,
    ),
    (
        "flux-comptables",
        "télétransmission des flux comptables",
        "Transmission dématérialisée des pièces comptables au comptable public (protocole Hélios).",
        None,
    ),
    (
        "marches-publics",
        "profil d’acheteur",
        "Plateforme de publication des consultations et de réception des offres des marchés publics.",
        None,
    ),
    (
        "gestion-financiere",
        "logiciel de gestion financière",
        "Logiciel de préparation et d’exécution budgétaire mis à jour à chaque évolution réglementaire.",
        "logiciels-publics",
    ),
    (
        "paie-rh",
        "logiciel de paie et de gestion des ressources humaines",
        "Logiciel de paie, de gestion des carrières et des absences des agents.",
        "logiciels-publics",
    ),
    (
        "stockage-sauvegarde",
        "stockage et sauvegarde mutualisés",
        "Serveurs de stockage et de sauvegarde hébergés dans deux centres de données sécurisés.",
        "stockalis",
    ),
    (
        "reseau-fibre",
        "réseau fibre optique mutualisé",
        "Groupement fermé d’utilisateurs qui interconnecte les membres en fibre optique.",
        "fibre-occitane",
    ),
    (
        "sig",
        "système d’information géographique",
        "Consultation et mise à jour du cadastre, des réseaux et des documents d’urbanisme.",
        "geomatique-sud",
    ),
    (
        "dpo-mutualise",
        "délégué à la protection des données mutualisé",
        "Désignation et interventions d’un délégué à la protection des données commun aux membres.",
        None,
    ),
    (
        "telephonie",
        "téléphonie fixe et mobile",
        "Abonnements de téléphonie fixe et mobile et accès à internet passés par groupement de commandes.",
        "telecom-midi",
    ),
    ("messagerie", "messagerie collaborative", "Messagerie, agendas partagés et espaces documentaires.", None),
    ("site-internet", "site internet", "Hébergement et outil d’édition du site internet de la collectivité.", None),
    (
        "ged",
        "gestion électronique des documents",
        "Archivage intermédiaire et gestion électronique des documents administratifs.",
        None,
    ),
]

PLACE_STEMS = [
    "Belcastel",
    "Cazals",
    "Montredon",
    "Roquefort",
    "Salles",
    "Lacapelle",
    "Castelnau",
    "Villeneuve",
    "Montbazens",
    "Rignac",
    "Sauveterre",
    "Najac",
    "Varen",
    "Caylus",
    "Lauzerte",
    "Molières",
    "Puylaroque",
    "Bruniquel",
    "Montpezat",
    "Labastide",
    "Cazes",
    "Escatalens",
    "Lafrançaise",
    "Gramat",
    "Figeac",
    "Limogne",
    "Lalbenque",
    "Luzech",
    "Puy-l’Évêque",
    "Souillac",
    "Martel",
    "Cajarc",
    "Marciac",
    "Mirande",
    "Vic",
    "Masseube",
    "Lectoure",
    "Fleurance",
    "Mauvezin",
    "Samatan",
    "Lombez",
    "Cologne",
    "Carmaux",
    "Cordes",
    "Réalmont",
    "Lautrec",
    "Valence",
    "Vabre",
    "Brassac",
    "Lacaune",
    "Montredon",
    "Monestiés",
    "Pampelonne",
    "Valderiès",
    "Sénergues",
    "Conques",
    "Estaing",
    "Espalion",
    "Laguiole",
    "Sévérac",
    "Campagnac",
    "Nant",
]
PLACE_SUFFIXES = [
    "",
    "",
    "",
    "-sur-Tarn",
    "-sur-Lot",
    "-de-Rouergue",
    "-en-Quercy",
    "-d’Albigeois",
    "-sur-Aveyron",
    "-la-Grande",
    "-le-Vieux",
    "-du-Causse",
    "-de-Lomagne",
    "-sur-Baïse",
    "-en-Astarac",
    "-du-Ségala",
]
FIRST_NAMES = [
    "Arnaud",
    "Jean-Louis",
    "Marie",
    "Sophie",
    "Pierre",
    "Christine",
    "Jacques",
    "Isabelle",
    "Michel",
    "Nathalie",
    "Alain",
    "Catherine",
    "Bernard",
    "Sylvie",
    "Philippe",
    "Valérie",
    "Laurent",
    "Hélène",
    "Thierry",
    "Anne",
    "Patrick",
    "Françoise",
    "Éric",
    "Martine",
    "Gérard",
    "Céline",
    "Daniel",
    "Agnès",
    "Christophe",
    "Brigitte",
]
LAST_NAMES = [
    "VIALA",
    "GRIMAL",
    "BOUSQUET",
    "CAUSSE",
    "FABRE",
    "MOULY",
    "ROUQUETTE",
    "SOULIÉ",
    "DELMAS",
    "COSTES",
    "VIDAL",
    "MARTY",
    "ALBOUY",
    "CAMBON",
    "LACOMBE",
    "GAYRAUD",
    "ROQUES",
    "SÉGUIER",
    "TEULIER",
    "BARTHE",
    "PUECH",
    "CALMELS",
    "ESCAFFRE",
    "LAFON",
    "BONNEFOUS",
    "CARRIÈRE",
    "FOISSAC",
    "MAUREL",
    "RIGAL",
    "SERIN",
]
STREETS = [
    "place de la Mairie",
    "rue de l’Hôtel de Ville",
    "avenue de la République",
    "place du Foirail",
    "rue des Écoles",
    "boulevard Gambetta",
    "rue du Château",
    "allée des Tilleuls",
]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(char if char.isalnum() else " " for char in ascii_text).split()
    return "-".join(words)


def _euros(amount: Decimal) -> str:
    """As a signed document prints it: ordinary spaces, not the site's no-break ones."""
    return formatting.euros(amount).replace(formatting.NNBSP, " ").replace(formatting.NBSP, " ")


def _years(count: int) -> str:
    return f"{NUMBERS.get(count, count)} an{'s' if count > 1 else ''}"


def _as_extracted(markdown: str) -> str:
    """An article's Markdown as the text extracted from a PDF gives it: subheadings without their "#",
    table rows as their cells separated by spaces, no delimiter row. List bullets stay ("- ")."""
    lines = []
    for line in markdown.split("\n"):
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not all(set(cell) <= set("-:") for cell in cells):
                lines.append(" ".join(cells))
        else:
            lines.append(line.lstrip("#").lstrip() if line.startswith("#") else line)
    return "\n".join(lines)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- organisations -------------------------------------------------------------


@dataclass
class Member:
    id: str
    name: str
    kind: str
    feminine: bool
    city: str
    postcode: str
    syndicate: int

    @property
    def le(self) -> str:
        return ("la " if self.feminine else "le ") + self.name

    @property
    def du(self) -> str:
        return ("de la " if self.feminine else "du ") + self.name

    @property
    def au(self) -> str:
        return ("à la " if self.feminine else "au ") + self.name


def _members(rng: random.Random, count: int) -> list[Member]:
    members: list[Member] = []
    taken: set[str] = set()
    kinds = [
        ("commune", 70),
        ("communauté de communes", 14),
        ("syndicat intercommunal", 6),
        ("centre communal d’action sociale", 6),
        ("office de tourisme intercommunal", 4),
    ]
    names = [kind for kind, _ in kinds]
    weights = [weight for _, weight in kinds]
    while len(members) < count:
        place = rng.choice(PLACE_STEMS) + rng.choice(PLACE_SUFFIXES)
        kind = rng.choices(names, weights)[0]
        if kind == "commune":
            name, feminine = f"Commune de {place}", True
        elif kind == "communauté de communes":
            name, feminine = f"Communauté de communes du Pays de {place}", True
        elif kind == "syndicat intercommunal":
            name, feminine = f"Syndicat intercommunal des eaux de {place}", False
        elif kind == "centre communal d’action sociale":
            name, feminine = f"Centre communal d’action sociale de {place}", False
        else:
            name, feminine = f"Office de tourisme intercommunal de {place}", False
        identifier = _slug(
            name.replace("Commune de ", "")
            .replace("Communauté de communes du ", "cc-")
            .replace("Syndicat intercommunal des eaux de ", "sie-")
            .replace("Centre communal d’action sociale de ", "ccas-")
            .replace("Office de tourisme intercommunal de ", "oti-")
        )
        if identifier in taken:
            identifier = f"{identifier}-{len(members) + 1}"
        taken.add(identifier)
        syndicate = rng.randrange(len(SYNDICATES))
        postcode = SYNDICATES[syndicate][5][:2] + f"{rng.randrange(1, 9)}{rng.randrange(0, 10)}0"
        members.append(Member(identifier, name, kind, feminine, place, postcode, syndicate))
    return members


def _siret(rng: random.Random) -> str:
    digits = "2" + "".join(str(rng.randrange(1, 10)) for _ in range(13))
    return f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"


def _person(rng: random.Random) -> tuple[str, str, str]:
    first = rng.choice(FIRST_NAMES)
    civility = (
        "Madame"
        if first
        in {
            "Marie",
            "Sophie",
            "Christine",
            "Isabelle",
            "Nathalie",
            "Catherine",
            "Sylvie",
            "Valérie",
            "Hélène",
            "Anne",
            "Françoise",
            "Martine",
            "Céline",
            "Agnès",
            "Brigitte",
        }
        else "Monsieur"
    )
    return civility, first, rng.choice(LAST_NAMES)


# --- conventions ---------------------------------------------------------------


@dataclass
class Clause:
    """An article or annex section to write: title, topics, whether it may be left out."""

    title: str
    topics: list[str]
    optional: bool = False
    kind: str = ""
    """Special content: "objet" (list of services), "referent", "grille" (price table), "indicatif"."""


@dataclass
class AnnexModel:
    title: str
    sections: list[Clause]
    lettered: bool = False
    services_from_convention: bool = False
    own_term: bool = False
    optional: bool = False


@dataclass
class ConventionModel:
    slug: str
    title: str
    summary: str
    services: list[str]
    optional_services: list[str]
    articles: list[Clause]
    annexes: list[AnnexModel] = field(default_factory=list)
    heading: str = "Article {number} : {title}"
    rule: str = "any_time"
    on_signature: bool = False
    weight: int = 1


MODELS = [
    ConventionModel(
        "assistance",
        "Convention d’accompagnement et d’assistance informatique",
        "Convention par laquelle {le_syndicat} assure pour {le_membre} des prestations d’accompagnement et "
        "d’assistance informatique ({services}) pour {duree} à compter du {date_effet}.",
        ["actes-dematerialises", "flux-comptables"],
        ["courrier-dematerialise", "marches-publics", "gestion-financiere", "paie-rh", "ged"],
        [
            Clause("Objet de la convention", ["objet"], kind="objet"),
            Clause("Définitions", ["objet"]),
            Clause("Responsabilités des parties", ["responsabilite", "confidentialite"]),
            Clause("Durée de la convention", ["duree", "resiliation"]),
            Clause("Rémunération", ["remuneration"], kind="indicatif"),
            Clause("Facturation et paiement", ["facturation"]),
            Clause("Engagements de service", ["niveau-de-service"], optional=True),
            Clause("Protection des données à caractère personnel", ["donnees-personnelles"]),
            Clause("Propriété intellectuelle", ["propriete-intellectuelle"], optional=True),
            Clause("Confidentialité", ["confidentialite"], optional=True),
            Clause("Modification de la convention", ["modification"]),
            Clause("Résiliation anticipée", ["resiliation"]),
            Clause("Règlement contentieux", ["litiges"]),
        ],
        [
            AnnexModel(
                "Liste des services souscrits et conditions particulières",
                [
                    Clause("Services de dématérialisation", ["objet", "conditions-utilisation"]),
                    Clause("Assistance et formation", ["niveau-de-service"]),
                    Clause("Conditions particulières d’utilisation", ["conditions-utilisation"], optional=True),
                ],
                optional=True,
            )
        ],
        heading="Article n°{number} : {title}",
        weight=35,
    ),
    ConventionModel(
        "bouquet",
        "Convention d’accès au bouquet de services numériques",
        "Convention par laquelle {le_membre} accède au bouquet de services numériques mutualisés "
        "{du_syndicat}, dont la solution de stockage et de sauvegarde mutualisée détaillée en annexe 2.",
        ["stockage-sauvegarde", "reseau-fibre"],
        ["messagerie", "site-internet"],
        [
            Clause("Préambule", ["preambule", "objet"]),
            Clause("Objectifs et composantes du bouquet de services", ["objet"], kind="objet"),
            Clause(
                "Modalités d’accès aux services et référent", ["conditions-utilisation", "referent"], kind="referent"
            ),
            Clause("Modalités de facturation", ["facturation", "remuneration"]),
            Clause("Responsabilités des usagers et utilisateurs", ["responsabilite"]),
            Clause("Engagement de service et délai de réponse du prestataire", ["niveau-de-service"], optional=True),
            Clause("Durée - résiliation", ["duree", "resiliation"]),
            Clause("Modifications", ["modification"]),
            Clause("Litiges", ["litiges"]),
            Clause("Annexes", ["annexes"]),
        ],
        [
            AnnexModel(
                "Charte d’utilisation des services",
                [
                    Clause("Conditions d’utilisation", ["conditions-utilisation"]),
                    Clause("Responsabilité - risques", ["responsabilite"]),
                    Clause("Propriété intellectuelle et droits d’usage", ["propriete-intellectuelle"], optional=True),
                    Clause("Protection et sécurité des données", ["donnees-personnelles", "confidentialite"]),
                    Clause("Loi et attribution de compétence", ["litiges"], optional=True),
                ],
            ),
            AnnexModel(
                "Mise en œuvre d’une solution de stockage et de sauvegarde mutualisée",
                [
                    Clause("Présentation du service", ["objet"]),
                    Clause("Engagement de service / délai de réponse du prestataire", ["niveau-de-service"]),
                    Clause("Durée - résiliation", ["duree", "resiliation"]),
                    Clause("Grille tarifaire – tarif mensuel par utilisateur", ["remuneration"], kind="grille"),
                    Clause("Souscription et signature de la collectivité membre", ["conditions-utilisation"]),
                ],
                lettered=True,
                services_from_convention=True,
                own_term=True,
            ),
        ],
        heading="Article {number} : {title}",
        rule="before_anniversary",
        on_signature=True,
        weight=20,
    ),
    ConventionModel(
        "dpo",
        "Convention de mise à disposition d’un délégué à la protection des données mutualisé",
        "Convention par laquelle {le_syndicat} met à disposition {du_membre} un délégué à la protection des "
        "données mutualisé pour {duree} à compter du {date_effet}.",
        ["dpo-mutualise"],
        ["ged"],
        [
            Clause("Objet", ["objet"], kind="objet"),
            Clause("Désignation du délégué à la protection des données", ["donnees-personnelles", "referent"]),
            Clause("Missions du délégué", ["donnees-personnelles"]),
            Clause("Obligations de la collectivité", ["responsabilite", "donnees-personnelles"]),
            Clause("Confidentialité", ["confidentialite"]),
            Clause("Conditions financières", ["remuneration", "facturation"], kind="indicatif"),
            Clause("Durée", ["duree"]),
            Clause("Résiliation", ["resiliation"]),
            Clause("Modification", ["modification"], optional=True),
            Clause("Litiges", ["litiges"]),
        ],
        [
            AnnexModel(
                "Modalités d’intervention du délégué",
                [
                    Clause("Tenue du registre des traitements", ["donnees-personnelles"]),
                    Clause("Analyses d’impact", ["donnees-personnelles"], optional=True),
                    Clause("Délais d’intervention", ["niveau-de-service"]),
                    Clause("Violations de données", ["donnees-personnelles", "responsabilite"], optional=True),
                ],
            )
        ],
        heading="Article {number} - {title}",
        weight=20,
    ),
    ConventionModel(
        "sig",
        "Convention d’adhésion au système d’information géographique mutualisé",
        "Convention par laquelle {le_membre} adhère au système d’information géographique mutualisé "
        "{du_syndicat} pour {duree} à compter du {date_effet}, reconductible tacitement.",
        ["sig"],
        ["ged"],
        [
            Clause("Préambule", ["preambule"], optional=True),
            Clause("Objet", ["objet"], kind="objet"),
            Clause("Données mises à disposition", ["propriete-intellectuelle"]),
            Clause("Conditions d’utilisation", ["conditions-utilisation"]),
            Clause("Niveau de service", ["niveau-de-service"]),
            Clause("Contribution financière", ["remuneration"]),
            Clause("Facturation", ["facturation"]),
            Clause("Responsabilité", ["responsabilite"]),
            Clause("Données personnelles", ["donnees-personnelles"]),
            Clause("Durée et reconduction", ["duree"]),
            Clause("Résiliation", ["resiliation"]),
            Clause("Litiges", ["litiges"]),
        ],
        [
            AnnexModel(
                "Couches de données et droits d’accès",
                [
                    Clause("Couches de données diffusées", ["objet", "propriete-intellectuelle"]),
                    Clause("Profils d’accès", ["conditions-utilisation"], optional=True),
                ],
                optional=True,
            )
        ],
        heading="ARTICLE {number} - {title_upper}",
        rule="before_anniversary",
        weight=15,
    ),
    ConventionModel(
        "telecom",
        "Convention constitutive d’un groupement de commandes de services de télécommunication",
        "Convention par laquelle {le_membre} adhère au groupement de commandes de services de télécommunication "
        "coordonné par {le_syndicat}, pour {duree} à compter du {date_effet}.",
        ["telephonie"],
        ["reseau-fibre"],
        [
            Clause("Objet", ["objet"], kind="objet"),
            Clause("Membres du groupement", ["objet"]),
            Clause("Missions du coordonnateur", ["responsabilite"]),
            Clause("Obligations des membres", ["conditions-utilisation"]),
            Clause("Frais de fonctionnement", ["remuneration"]),
            Clause("Facturation", ["facturation"]),
            Clause("Durée", ["duree"]),
            Clause("Retrait du groupement", ["resiliation"]),
            Clause("Modification", ["modification"]),
            Clause("Confidentialité", ["confidentialite"], optional=True),
            Clause("Litiges", ["litiges"]),
        ],
        [
            AnnexModel(
                "Bordereau des prix et conditions d’exécution",
                [
                    Clause("Abonnements de téléphonie fixe", ["remuneration"]),
                    Clause("Abonnements de téléphonie mobile", ["remuneration"]),
                    Clause("Accès à internet", ["remuneration", "niveau-de-service"], optional=True),
                    Clause("Délais de livraison et de rétablissement", ["niveau-de-service"]),
                    Clause("Pénalités", ["responsabilite"], optional=True),
                ],
                lettered=True,
            )
        ],
        heading="Article {number} : {title}",
        weight=10,
    ),
]

CATEGORIES = range(1, 12)
STORAGE = range(1, 6)


@dataclass
class Written:
    """What was written for one convention, for the tariffs and notices that refer to it."""

    id: str
    model: str
    syndicate: int
    services: list[str]
    clause_of_topic: dict[str, dict]
    grid: dict | None = None
    indicative: tuple[int, Decimal, str, dict] | None = None
    start: dt.date | None = None


# --- avenants ------------------------------------------------------------------

#: share of conventions that have avenants (one to three each)
AMENDED_SHARE = 0.3
#: avenants are signed, and everything is put online, before these days, so that the register checks as of
#: the benchmark's build date (2026-11-22); an avenant may still enter into force later
LAST_SIGNATURE = dt.date(2026, 11, 15)
LAST_PUBLICATION = dt.date(2026, 11, 20)
#: the entry into force of the avenants signed late in 2026 that are not yet in force at the build date
NEXT_YEAR = dt.date(2027, 1, 1)

#: sentences an avenant adds to an article it rewrites
AMENDED_SENTENCES = [
    "À compter de l’entrée en vigueur du présent avenant, les notifications prévues au présent article peuvent "
    "être faites par courrier électronique avec accusé de réception.",
    "Les parties font le point chaque année, lors du comité de suivi de la convention, sur l’application du "
    "présent article.",
    "Les stipulations du présent article s’appliquent également aux services souscrits après la signature de la "
    "convention.",
    "{Le_syndicat} transmet {au_membre}, à sa demande, tout document utile à l’application du présent article.",
    "Les délais prévus au présent article sont suspendus pendant la fermeture annuelle des services "
    "{du_syndicat}, dont la période est communiquée {au_membre} au plus tard le 1er décembre de chaque année.",
    "Le présent article est complété par les engagements que {le_syndicat} a pris dans le cadre de sa politique "
    "de sécurité des systèmes d’information.",
]

#: articles an avenant inserts: title, topics, text
INSERTED = [
    (
        "Sécurité des systèmes d’information",
        ["responsabilite", "confidentialite"],
        "{Le_syndicat} applique aux services mis à disposition une politique de sécurité des systèmes "
        "d’information, dont il communique les principes {au_membre}. Tout incident de sécurité affectant les "
        "services est signalé sans délai au référent {du_membre}.",
    ),
    (
        "Accessibilité numérique",
        ["conditions-utilisation"],
        "Les services mis à disposition du public sont conformes au référentiel général d’amélioration de "
        "l’accessibilité. {Le_syndicat} publie leur déclaration d’accessibilité et la tient à jour.",
    ),
    (
        "Continuité du service",
        ["niveau-de-service"],
        "En cas d’interruption prolongée d’un service, {le_syndicat} met en œuvre son plan de continuité et "
        "informe {le_membre} de la durée prévisible de l’interruption. Un bilan de l’incident lui est adressé "
        "dans le mois qui suit le rétablissement du service.",
    ),
    (
        "Comité de suivi",
        ["modification"],
        "Un comité de suivi, composé de représentants des parties, se réunit au moins une fois par an. Il "
        "examine l’exécution de la convention et propose, le cas échéant, les avenants nécessaires.",
    ),
    (
        "Réversibilité",
        ["donnees-personnelles"],
        "À l’échéance de la convention, {le_syndicat} restitue {au_membre} l’ensemble de ses données dans un "
        "format ouvert, dans un délai de trois mois. Il en détruit ensuite les copies, sauf obligation légale de "
        "conservation.",
    ),
]

#: the kinds of change an avenant draws from, with their weights
CHANGE_WEIGHTS = {"replace": 3, "insert": 2, "delete": 1, "term": 2, "services": 2}
#: how many clauses a convention keeps in force, whatever its avenants do (as the models write them)
CLAUSES_IN_FORCE = (10, 20)

ClauseKey = tuple[str | None, str]


def _next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`."""
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _french_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _publication(rng: random.Random, signed: dt.date, updates: list[dt.date]) -> dict:
    """When an item signed on `signed` was put online, and last updated (by its avenants, when it has some)."""
    first = min(signed + dt.timedelta(days=rng.randint(5, 40)), LAST_PUBLICATION)
    publication: dict = {"first": first}
    if updates and max(updates) > first:
        publication["last"] = max(updates)
    return publication


@dataclass
class _Signed:
    """A convention as signed, and what its avenants must leave alone."""

    identifier: str
    model: ConventionModel
    member: Member
    context: dict
    convention: dict
    special: set[ClauseKey]
    """Clauses with generated content (services list, referent, price grid, indicative amount)."""
    protected: set[ClauseKey]
    """Clauses other content refers to (term, termination, tariffs, privacy notices): never abrogated."""
    start: dt.date
    years: int
    signed: dt.date


class _Amender:
    """One to three avenants for one convention, each valid on its day: it targets the articles in force
    then, keeps between 10 and 20 clauses in force, and enters into force before the convention's end."""

    def __init__(self, rng: random.Random, content: Path, signed: _Signed) -> None:
        self.rng = rng
        self.content = content
        self.signed = signed
        convention = signed.convention
        self.order: dict[str | None, list[str]] = {None: [a["number"] for a in convention["articles"]]}
        self.clauses: dict[ClauseKey, dict] = {(None, a["number"]): a for a in convention["articles"]}
        for annex in convention.get("annexes", []):
            self.order[annex["number"]] = [a["number"] for a in annex["articles"]]
            for article in annex["articles"]:
                self.clauses[(annex["number"], article["number"])] = article
        self.services = list(convention["services"])
        self.providers = list(convention["providers"])
        self.dated = "duration" in convention["term"]
        self.years = signed.years
        self.done: set[str] = set()

    # -- dates ------------------------------------------------------------------

    def amendments(self) -> list[dict]:
        rng, signed = self.rng, self.signed
        first_day = signed.start if self.dated else signed.signed
        end = dt.date(signed.start.year + signed.years, signed.start.month, 1) if self.dated else None
        count = rng.choice([1, 1, 2, 2, 3])
        written: list[dict] = []
        day, entry = signed.signed, first_day
        for number in range(1, count + 1):
            day += dt.timedelta(days=rng.randint(45, 360))
            late = number == count and rng.random() < 0.35
            if late:
                day = max(day, LAST_SIGNATURE - dt.timedelta(days=rng.randint(0, 70)))
            if day > LAST_SIGNATURE:
                break
            on_signature = not late and rng.random() < 0.15 and day > entry
            following = NEXT_YEAR if late else day if on_signature else _next_month(day)
            while following < first_day or following <= entry:
                following = _next_month(following)
            if end is not None and following >= end:
                break
            entry = following
            amendment = self.amendment(number, day, None if on_signature else entry)
            if amendment is None:
                break
            written.append(amendment)
        return written

    # -- one avenant -------------------------------------------------------------

    def amendment(self, number: int, day: dt.date, entry: dt.date | None) -> dict | None:
        rng, signed = self.rng, self.signed
        s_id, _, s_short, _, s_city, _, _ = SYNDICATES[signed.member.syndicate]
        kinds = list(CHANGE_WEIGHTS)
        weights = [CHANGE_WEIGHTS[kind] for kind in kinds]
        changes: list[dict] = []
        summary: dict[str, list[str]] = {}
        touched: set[ClauseKey] = set()
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            kind = rng.choices(kinds, weights)[0]
            made = getattr(self, f"_{kind}")(touched)
            if made:
                changes += made[0]
                summary.setdefault(made[1][0], []).append(made[1][1])
        if not changes:
            made = self._replace(touched)
            if not made:
                return None
            changes, summary = made[0], {made[1][0]: [made[1][1]]}
        reference = f"Avenant n° {number}"
        convention = signed.convention
        named = convention.get("reference")
        about = f"la convention {named}" if named else f"la convention du {french_date(signed.signed)}"
        signed_on = f" signée le {french_date(signed.signed)}" if named else ""
        preamble = (
            f"Entre {signed.member.le} et le {s_short}.\n\nVu {about}{signed_on},\n\nIl est convenu ce qui suit :"
        )
        closing = f"Fait à {s_city}, le {french_date(day)}."
        amendment: dict = {
            "reference": reference,
            "signature": {"place": s_city, "date": day},
            "entry_into_force": {"date": entry} if entry else {"on_signature": True},
            "summary": _capitalise(_french_list([f"{verb} {_french_list(what)}" for verb, what in summary.items()]))
            + ".",
        }
        if rng.random() < 0.6:
            amendment["deliberations"] = [
                {
                    "organisation": s_id,
                    "body": "comité syndical",
                    "date": day - dt.timedelta(days=rng.randint(7, 40)),
                    "reference": f"délibération n° {day.year}-{rng.randrange(1, 150):03d}",
                }
            ]
        amendment["preamble"] = preamble
        amendment["closing"] = closing
        amendment["changes"] = changes
        text = self.source_document(reference, about, preamble, changes, entry, closing)
        source_file = f"sources/{signed.identifier}-avenant-{number}.txt"
        path = self.content / source_file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
        amendment["source"] = {
            "file": source_file,
            "sha256": hashlib.sha256(text).hexdigest(),
            "description": "Texte extrait du PDF signé de l’avenant (document synthétique).",
        }
        first = min(day + dt.timedelta(days=rng.randint(3, 20)), LAST_PUBLICATION)
        publication: dict = {"first": first}
        if rng.random() < 0.25:
            last = first + dt.timedelta(days=rng.randint(2, 30))
            if last <= LAST_PUBLICATION:
                publication["last"] = last
        amendment["publication"] = publication
        return amendment

    def source_document(
        self,
        reference: str,
        about: str,
        preamble: str,
        changes: list[dict],
        entry: dt.date | None,
        closing: str,
    ) -> bytes:
        lines = [f"{reference.upper()} À {about.upper()}", "", preamble, ""]
        number = 0
        for change in changes:
            wording = change.get("wording")
            if wording is None:
                continue
            number += 1
            if "delete" in change:
                lines += [f"Article {number} : {wording}", ""]
                continue
            lines += [f"Article {number} : {wording} :", ""]
            article = change.get("insert") or change
            if "heading" in article:
                lines += [article["heading"], ""]
            lines += [_as_extracted(article["text"]), ""]
        effect = f"au {french_date(entry)}" if entry else "à la date de sa signature par les parties"
        lines += [f"Article {number + 1} : Le présent avenant prend effet {effect}.", "", closing, ""]
        return "\n".join(lines).encode("utf-8")

    # -- changes: each returns (the changes, what the summary says), or None when it cannot apply ---------

    def _in_force(self) -> int:
        return sum(len(numbers) for numbers in self.order.values())

    def _where(self, key: ClauseKey) -> str:
        annex, number = key
        if annex is None:
            return f"l’article {number}"
        return f"{'le point' if number.isalpha() else 'l’article'} {number} de l’annexe {annex}"

    def _rewrite(self, key: ClauseKey, text: str, touched: set[ClauseKey]) -> dict:
        touched.add(key)
        self.clauses[key] = dict(self.clauses[key], text=text)
        replace = {"article": key[1]} if key[0] is None else {"annex": key[0], "article": key[1]}
        where = self._where(key)
        wording = (
            f"{_capitalise(where)} {'' if key[0] else 'de la convention '}est remplacé par les dispositions suivantes"
        )
        return {"wording": wording, "replace": replace, "text": text}

    def _replace(self, touched: set[ClauseKey]) -> tuple[list[dict], tuple[str, str]] | None:
        rng, signed = self.rng, self.signed
        keys = [
            (annex, number)
            for annex, numbers in self.order.items()
            for number in numbers
            if (annex, number) not in signed.special and (annex, number) not in touched
        ]
        if not keys:
            return None
        key = rng.choice(keys)
        text = self.clauses[key]["text"]
        added = [s.format(**signed.context) for s in AMENDED_SENTENCES]
        added = [sentence for sentence in added if sentence not in text]
        if not added:
            return None
        sentence = rng.choice(added)
        paragraphs = text.split("\n\n")
        if len(paragraphs) > 1 and rng.random() < 0.5:
            paragraphs[-1] = sentence
        else:
            paragraphs.append(sentence)
        return [self._rewrite(key, "\n\n".join(paragraphs), touched)], ("modifie", self._where(key))

    def _insert(self, touched: set[ClauseKey]) -> tuple[list[dict], tuple[str, str]] | None:
        rng, signed = self.rng, self.signed
        if self._in_force() >= CLAUSES_IN_FORCE[1]:
            return None
        main = self.order[None]
        after = [n for n in main if n.isdigit() and (None, f"{n} bis") not in self.clauses]
        if not after:
            return None
        previous = rng.choice(after)
        number = f"{previous} bis"
        title, topics, text = rng.choice(INSERTED)
        text = text.format(**signed.context)
        heading = signed.model.heading.format(number=number, title=title, title_upper=title.upper())
        main.insert(main.index(previous) + 1, number)
        key: ClauseKey = (None, number)
        self.clauses[key] = {"number": number, "heading": heading, "title": title, "text": text, "topics": topics}
        touched.add(key)
        change = {
            "wording": f"Il est inséré, après l’article {previous} de la convention, un article {number} ainsi rédigé",
            "insert": {
                "after": previous,
                "number": number,
                "heading": heading,
                "title": title,
                "text": text,
                "topics": list(topics),
            },
        }
        return [change], ("insère", f"un article {number} ({title.lower()})")

    def _delete(self, touched: set[ClauseKey]) -> tuple[list[dict], tuple[str, str]] | None:
        rng, signed = self.rng, self.signed
        if self._in_force() <= CLAUSES_IN_FORCE[0]:
            return None
        keys = [
            (None, number)
            for number in self.order[None]
            if (None, number) not in signed.special
            and (None, number) not in signed.protected
            and (None, number) not in touched
        ]
        if not keys:
            return None
        key = rng.choice(keys)
        self.order[None].remove(key[1])
        touched.add(key)
        change = {"wording": f"L’article {key[1]} de la convention est abrogé.", "delete": {"article": key[1]}}
        return [change], ("abroge", f"l’article {key[1]}")

    def _term(self, touched: set[ClauseKey]) -> tuple[list[dict], tuple[str, str]] | None:
        signed = self.signed
        source = signed.convention["term"].get("source")
        if not self.dated or "term" in self.done or source is None:
            return None
        key: ClauseKey = (source.get("annex"), source["article"])
        if key in touched or key not in self.clauses:
            return None
        before = f"Elle est conclue pour une durée de {_years(self.years)}."
        text = self.clauses[key]["text"]
        if before not in text:
            return None
        years = self.years + self.rng.choice([1, 2])
        after = f"Elle est conclue pour une durée de {_years(years)}."
        replace = self._rewrite(key, text.replace(before, after), touched)
        term = {name: value for name, value in signed.convention["term"].items() if name != "source"}
        term["duration"] = {"years": years}
        term["description"] = f"Conclue pour une durée de {_years(years)} à compter du {french_date(signed.start)}."
        term["source"] = source
        self.years = years
        self.done.add("term")
        return [replace, {"term": term}], ("porte", f"la durée de la convention à {_years(years)}")

    def _services(self, touched: set[ClauseKey]) -> tuple[list[dict], tuple[str, str]] | None:
        rng, signed = self.rng, self.signed
        if "services" in self.done:
            return None
        choices = [service for service in signed.model.optional_services if service not in self.services]
        key = next((k for k in sorted(signed.special, key=str) if k[0] is None and self._is_objet(k)), None)
        if not choices or key is None or key in touched or key[1] not in self.order[None]:
            return None
        added = rng.choice(choices)
        self.services.append(added)
        names = [next(name for sid, name, _, _ in SERVICES if sid == s) for s in self.services]
        listing = "\n".join(
            f"- la mise à disposition du service « {name} »" + (" ;" if i + 1 < len(names) else ".")
            for i, name in enumerate(names)
        )
        text = self.clauses[key]["text"]
        head = "Ces prestations comprennent :\n\n"
        begin = text.index(head) + len(head)
        end = text.find("\n\n", begin)
        text = text[:begin] + listing + (text[end:] if end >= 0 else "")
        changes = [self._rewrite(key, text, touched), {"services": list(self.services)}]
        provider = next(p for sid, _, _, p in SERVICES if sid == added)
        if provider and provider not in self.providers:
            self.providers = sorted(self.providers + [provider])
            changes.append({"providers": list(self.providers)})
        self.done.add("services")
        return changes, ("ajoute", f"le service « {names[-1]} »")

    def _is_objet(self, key: ClauseKey) -> bool:
        return "Ces prestations comprennent :\n\n" in self.clauses[key]["text"]


class _Synthesizer:
    def __init__(self, destination: Path, conventions: int, seed: int, amended_share: float = AMENDED_SHARE):
        self.content = destination / "content"
        self.count = conventions
        self.amended_share = amended_share
        self.rng = random.Random(seed)
        self.written: list[Written] = []

    # -- output --------------------------------------------------------------

    def run(self) -> None:
        rng = self.rng
        for identifier, label, description, order in TOPICS:
            _write_yaml(
                self.content / "topics" / f"{identifier}.yaml",
                {"id": identifier, "label": label, "description": description, "order": order},
            )
        for identifier, name, short, _, city, postcode, _ in SYNDICATES:
            _write_yaml(
                self.content / "organisations" / f"{identifier}.yaml",
                {
                    "id": identifier,
                    "name": name,
                    "short_name": short,
                    "kind": "syndicat mixte",
                    "siret": _siret(rng),
                    "address": [f"{rng.randrange(1, 40)} {rng.choice(STREETS)}", f"{postcode} {city.upper()}"],
                    "contacts": [{"function": "Service assistance aux collectivités"}],
                },
            )
        for identifier, name, short in COMPANIES:
            _write_yaml(
                self.content / "organisations" / f"{identifier}.yaml",
                {"id": identifier, "name": name, "short_name": short, "kind": "société", "siret": _siret(rng)},
            )
        for identifier, name, description, provider in SERVICES:
            service = {"id": identifier, "name": name, "description": description}
            if provider:
                service["provider"] = provider
            _write_yaml(self.content / "services" / f"{identifier}.yaml", service)
        members = _members(rng, max(1, round(self.count * 0.8)))
        for member in members:
            _write_yaml(
                self.content / "organisations" / f"{member.id}.yaml",
                {
                    "id": member.id,
                    "name": member.name,
                    "kind": member.kind,
                    "siret": _siret(rng),
                    "address": [
                        f"{rng.randrange(1, 40)} {rng.choice(STREETS)}",
                        f"{member.postcode} {member.city.upper()}",
                    ],
                },
            )
        taken: set[str] = set()
        weights = [model.weight for model in MODELS]
        for index in range(self.count):
            member = members[index] if index < len(members) else rng.choice(members)
            model = rng.choices(MODELS, weights)[0]
            identifier = f"{model.slug}-{member.id}"
            suffix = 2
            while identifier in taken:
                identifier, suffix = f"{model.slug}-{member.id}-{suffix}", suffix + 1
            taken.add(identifier)
            self.convention(identifier, model, member)
        self.tariffs()
        self.notices()

    # -- one convention --------------------------------------------------------

    def convention(self, identifier: str, model: ConventionModel, member: Member) -> None:
        rng = self.rng
        syndicate = SYNDICATES[member.syndicate]
        s_id, s_name, s_short, _, s_city, _, tribunal = syndicate
        year = rng.randint(2018, 2026)
        signed = dt.date(year, rng.randint(1, 10), rng.randint(1, 28))
        start = dt.date(year + (1 if signed.month > 6 else 0), 1, 1)
        years = rng.choice([1, 2, 3, 3, 3, 4, 5])
        notice_months = rng.choice([1, 2, 2, 3, 3, 6])
        renewals = rng.choice([0, 0, 1, 2]) if model.rule == "any_time" else rng.choice([2, 3, 4])
        services = model.services + [s for s in model.optional_services if rng.random() < 0.4]
        service_names = [next(name for sid, name, _, _ in SERVICES if sid == s) for s in services]
        market_start = dt.date(max(2018, year - rng.randint(0, 2)), rng.randint(1, 12), rng.randint(1, 28))
        anchor = market_start if model.on_signature else start
        if model.on_signature:
            prise_effet = "à compter de la date de sa signature effective par les parties"
            duree_phrase = (
                "Chaque service court jusqu’à l’échéance du marché conclu par le syndicat avec le prestataire concerné."
            )
        else:
            prise_effet = f"au {french_date(start)}"
            duree_phrase = f"Elle est conclue pour une durée de {_years(years)}."
            if renewals:
                duree_phrase += (
                    f" Elle est reconductible {NUMBERS.get(renewals, renewals)} fois par période "
                    "d’un an, par tacite reconduction."
                )
        notice = f"{NUMBERS.get(notice_months, notice_months)} mois"
        if model.rule == "any_time":
            resiliation_phrase = (
                "Chaque partie peut mettre fin à la présente convention à tout moment sous "
                f"réserve d’observer un préavis de {notice}, notifié par lettre recommandée avec "
                "avis de réception."
            )
        else:
            resiliation_phrase = (
                f"{_capitalise(member.le)} peut résilier son accès en respectant un préavis de "
                f"{notice} par rapport à la date anniversaire du {day_month(anchor)}, par lettre "
                "recommandée avec avis de réception."
            )
        amount = Decimal(rng.randrange(30_000, 900_000)) / 100
        context = {
            "le_membre": member.le,
            "du_membre": member.du,
            "au_membre": member.au,
            "Le_membre": _capitalise(member.le),
            "e_membre": "e" if member.feminine else "",
            "le_syndicat": f"le {s_short}",
            "Le_syndicat": f"Le {s_short}",
            "du_syndicat": f"du {s_short}",
            "au_syndicat": f"au {s_short}",
            "tribunal": tribunal,
            "deliberation": f"n° {year - 1}-{rng.randrange(1, 120):03d}",
            "delai_reponse": f"{rng.choice([24, 48, 72])} heures",
            "gtr": str(rng.choice([4, 8, 24])),
            "prise_effet": prise_effet,
            "duree_phrase": duree_phrase,
            "resiliation_phrase": resiliation_phrase,
            "annee_montant": str(year - 1),
            "montant": _euros(amount),
            "services": ", ".join(service_names),
            "duree": _years(years),
            "date_effet": french_date(start),
        }
        referent = None
        if model.slug == "bouquet" and rng.random() < 0.7:
            _civility, first, last = _person(rng)
            name = f"{first} {last}"
            local = _slug(f"{first} {last}").replace("-", ".")
            referent = {
                "function": "Directeur du service informatique",
                "name": name,
                "phone": f"05 {rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} "
                f"{rng.randrange(10, 99)}",
                "email": f"{local}@{member.id}.fr",
                "publish": False,
            }

        clause_of_topic: dict[str, dict] = {}
        special: set[tuple[str | None, str]] = set()
        written = Written(identifier, model.slug, member.syndicate, services, clause_of_topic, start=start)

        def make(spec: Clause, number: str, heading: str, annex: str | None) -> dict:
            text = self.text(spec, context, service_names, referent, written, annex, number)
            article = {
                "number": number,
                "heading": heading,
                "title": spec.title,
                "text": text,
                "topics": list(spec.topics),
            }
            for topic in spec.topics:
                ref = {"article": number} if annex is None else {"annex": annex, "article": number}
                clause_of_topic.setdefault(topic, ref)
            if spec.kind:
                special.add((annex, number))
            return article

        articles: list[dict] = []
        for spec in model.articles:
            if spec.optional and rng.random() < 0.4:
                continue
            number = str(len(articles) + 1)
            title_upper = spec.title.upper()
            heading = model.heading.format(number=number, title=spec.title, title_upper=title_upper)
            articles.append(make(spec, number, heading, None))
        annexes: list[dict] = []
        for annex_model in model.annexes:
            if annex_model.optional and rng.random() < 0.5:
                continue
            annex_number = str(len(annexes) + 1)
            sections: list[dict] = []
            for spec in annex_model.sections:
                if spec.optional and rng.random() < 0.4:
                    continue
                position = len(sections)
                number = "ABCDEFGH"[position] if annex_model.lettered else str(position + 1)
                heading = (
                    f"{number}] {spec.title.upper()}"
                    if annex_model.lettered
                    else f"ARTICLE {number} - {spec.title.upper()}"
                )
                sections.append(make(spec, number, heading, annex_number))
            annex: dict[str, object] = {
                "number": annex_number,
                "heading": f"ANNEXE N° {annex_number}\n{annex_model.title}",
                "title": annex_model.title,
                "articles": sections,
            }
            if annex_model.services_from_convention:
                annex["services"] = list(services)
            if annex_model.own_term:
                section = next(s["number"] for s in sections if "duree" in s["topics"])
                source = {"annex": annex_number, "article": section}
                annex["term"] = {
                    "start": market_start,
                    "duration": {"years": 2},
                    "renewals": renewals,
                    "renewal_period": {"years": 1},
                    "description": f"Durée initiale de 2 ans à compter du {french_date(market_start)}, "
                    f"renouvelable {renewals} fois pour une durée d’un an.",
                    "source": source,
                }
                annex["termination"] = {
                    "kind": "before_anniversary",
                    "notice": {"months": notice_months},
                    "anchor": market_start,
                    "anchor_label": "début du marché conclu par le syndicat avec le prestataire",
                    "by": member.le,
                    "source": source,
                }
            annexes.append(annex)

        duration_ref = clause_of_topic["duree"]
        protected = {(ref.get("annex"), ref["article"]) for ref in clause_of_topic.values()}
        termination_ref = clause_of_topic.get("resiliation", duration_ref)
        r_civility, r_first, r_last = _person(rng)
        m_civility, m_first, m_last = _person(rng)
        member_mandate = signed - dt.timedelta(days=rng.randint(10, 400))
        syndicate_mandate = signed - dt.timedelta(days=rng.randint(10, 900))
        parties = [
            {
                "organisation": member.id,
                "role": "membre bénéficiaire",
                "designation": f"ci-après désigné{'e' if member.feminine else ''} « {member.le} »",
                "representative": {
                    "civility": m_civility,
                    "name": f"{m_first} {m_last}",
                    "function": "Maire" if member.kind == "commune" else "Président",
                },
                "mandate": f"dûment habilité par délibération en date du {member_mandate:%d/%m/%Y}",
                "mandate_date": member_mandate,
            },
            {
                "organisation": s_id,
                "role": "prestataire",
                "designation": f"ci-après désigné « le {s_short} »",
                "representative": {"civility": r_civility, "name": f"{r_first} {r_last}", "function": "Président"},
                "mandate": (
                    f"dûment habilité par délibération du comité syndical en date du {syndicate_mandate:%d/%m/%Y}"
                ),
                "mandate_date": syndicate_mandate,
            },
        ]
        if rng.random() < 0.5:
            parties.reverse()
        convention: dict = {
            "id": identifier,
            "reference": f"{year}{model.slug[:2].upper()}{rng.randrange(1, 999)}" if rng.random() < 0.7 else None,
            "title": f"{model.title} entre {member.le} et {s_name.replace('Syndicat', 'le syndicat', 1)}",
            "summary": model.summary.format(**context),
            "parties": parties,
            "preamble": "Ci-après dénommés individuellement la « partie » et ensemble les « parties ».\n\n"
            "Est convenu ce qui suit :",
            "closing": f"Fait à {s_city} le {signed:%d/%m/%Y}\n\nPour {member.le},\nle "
            f"{'Maire' if member.kind == 'commune' else 'Président'}\n\n{m_first} {m_last}\n\n"
            f"Pour le {s_short},\nle Président\n\n{r_first} {r_last}",
            "signature": {"place": s_city, "date": signed},
            "entry_into_force": (
                {"on_signature": True, "source": duration_ref}
                if model.on_signature
                else {"date": start, "source": duration_ref}
            ),
        }
        if model.on_signature:
            convention["term"] = {
                "description": "Chaque service court jusqu’à l’échéance du marché conclu par le "
                "syndicat avec le prestataire concerné.",
                "source": duration_ref,
            }
        else:
            term: dict = {"duration": {"years": years}}
            if renewals:
                term.update({"renewals": renewals, "renewal_period": {"years": 1}})
            term["source"] = duration_ref
            convention["term"] = term
        if model.rule == "any_time":
            convention["termination"] = {
                "kind": "any_time",
                "notice": {"months": notice_months},
                "form": "lettre recommandée avec avis de réception",
                "by": "chaque partie",
                "source": termination_ref,
            }
        elif not model.on_signature:
            convention["termination"] = {
                "kind": "before_anniversary",
                "notice": {"months": notice_months},
                "anchor": anchor,
                "anchor_label": "date d’entrée en vigueur de la convention",
                "form": "lettre recommandée avec avis de réception",
                "by": member.le,
                "source": termination_ref,
            }
        convention["services"] = services
        providers = sorted({provider for sid, _, _, provider in SERVICES if sid in services and provider})
        convention["providers"] = providers
        if referent:
            convention["referent"] = referent
        convention["articles"] = articles
        if annexes:
            convention["annexes"] = annexes
        if rng.random() < self.amended_share:
            signed_text = _Signed(
                identifier, model, member, context, convention, special, protected, start, years, signed
            )
            amendments = _Amender(rng, self.content, signed_text).amendments()
            if amendments:
                convention["amendments"] = amendments
        convention["publication"] = _publication(
            rng, signed, [amendment["publication"]["first"] for amendment in convention.get("amendments", [])]
        )
        source_text = self.source_document(convention)
        source_file = f"sources/{identifier}.txt"
        path = self.content / source_file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source_text)
        convention["source"] = {
            "file": source_file,
            "sha256": hashlib.sha256(source_text).hexdigest(),
            "description": "Texte extrait du PDF signé (document synthétique).",
        }
        if rng.random() < 0.1:
            convention["notes"] = [
                {"text": "Le document signé est une copie numérisée ; sa transcription a été relue par le syndicat."}
            ]
        _write_yaml(self.content / "conventions" / f"{identifier}.yaml", convention)
        self.written.append(written)

    def text(
        self,
        spec: Clause,
        context: dict,
        service_names: list[str],
        referent: dict | None,
        written: Written,
        annex: str | None,
        number: str,
    ) -> str:
        rng = self.rng
        target = rng.randint(100, 160)
        sentences: list[str] = []
        for topic in spec.topics:
            sentences += BANKS[topic][0]
        pool: list[str] = []
        for topic in spec.topics:
            extra = list(BANKS[topic][1])
            rng.shuffle(extra)
            pool += extra
        generic = list(GENERIC)
        rng.shuffle(generic)
        pool += generic
        words = sum(len(sentence.split()) for sentence in sentences)
        for sentence in pool:
            if words >= target:
                break
            sentences.append(sentence)
            words += len(sentence.split())
        sentences = [sentence.format(**context) for sentence in sentences]
        paragraphs = []
        while sentences:
            size = rng.randint(2, 3)
            paragraphs.append(" ".join(sentences[:size]))
            sentences = sentences[size:]
        if spec.kind == "objet":
            paragraphs.insert(
                1,
                "Ces prestations comprennent :\n\n"
                + "\n".join(
                    f"- la mise à disposition du service « {name} »" + (" ;" if i + 1 < len(service_names) else ".")
                    for i, name in enumerate(service_names)
                ),
            )
        elif spec.kind == "referent" and referent:
            paragraphs.append(
                f"### {number}.1 : Désignation d’un référent\n\n"
                f"PRENOM / NOM : {referent['name']}\n\nFONCTION : {referent['function'].upper()}\n\n"
                f"TEL : {referent['phone']}\n\nMAIL : {referent['email']}"
            )
        elif spec.kind == "grille":
            paragraphs.append(self.grid(written, annex, number))
        elif spec.kind == "indicatif":
            sentence = (
                f"À titre indicatif, le montant de cette rémunération s’est élevé en "
                f"{context['annee_montant']} à {context['montant']}."
            )
            paragraphs.append(sentence)
            amount = Decimal(context["montant"].replace(" ", "").replace("€", "").replace(",", "."))
            written.indicative = (
                int(context["annee_montant"]),
                amount,
                sentence,
                {"article": number} if annex is None else {"annex": annex, "article": number},
            )
        return "\n\n".join(paragraphs)

    def grid(self, written: Written, annex: str | None, number: str) -> str:
        rng = self.rng
        base_fibre = Decimal(rng.randrange(800, 1100)) / 100
        base_storage = Decimal(rng.randrange(900, 1200)) / 100
        fibre = {
            f"c{c}": (base_fibre * (Decimal(1) - Decimal(c - 1) * Decimal("0.05"))).quantize(Decimal("0.01"))
            for c in CATEGORIES
        }
        storage = {
            f"t{t}": {
                f"c{c}": (base_storage * Decimal(t + 2) / 3 * (Decimal(1) - Decimal(c - 1) * Decimal("0.05"))).quantize(
                    Decimal("0.01")
                )
                for c in CATEGORIES
            }
            for t in STORAGE
        }
        written.grid = {"fibre": fibre, "storage": storage, "source": {"annex": annex, "article": number}}
        header = "| Catégorie | " + " | ".join(str(c) for c in CATEGORIES) + " |\n| --- |" + " ---: |" * len(CATEGORIES)
        rows = ["| Tarif réseau (€ TTC/mois) | " + " | ".join(_euros(fibre[f"c{c}"]) for c in CATEGORIES) + " |"]
        storage_rows = [
            f"| {t} To | " + " | ".join(_euros(storage[f"t{t}"][f"c{c}"]) for c in CATEGORIES) + " |" for t in STORAGE
        ]
        return (
            "Tarif du réseau (€ TTC/mois)\n\n"
            + header
            + "\n"
            + "\n".join(rows)
            + "\n\nTarif du stockage (€ TTC/mois)\n\n"
            + header
            + "\n"
            + "\n".join(storage_rows)
        )

    def source_document(self, convention: dict) -> bytes:
        lines = [convention["title"], ""]
        for party in convention["parties"]:
            lines += [
                f"{party['representative']['civility']} {party['representative']['name']}, "
                f"{party['representative']['function']}, {party['mandate']}",
                "",
            ]
        lines += [convention["preamble"], ""]
        for article in convention["articles"]:
            lines += [article["heading"], "", _as_extracted(article["text"]), ""]
        lines += [convention["closing"], ""]
        for annex in convention.get("annexes", []):
            lines += [annex["heading"], ""]
            for article in annex["articles"]:
                lines += [article["heading"], "", _as_extracted(article["text"]), ""]
        return "\n".join(lines).encode("utf-8")

    # -- tariffs and notices ----------------------------------------------------

    def tariffs(self) -> None:
        for index, written in enumerate(self.written):
            if index % 20:
                continue
            if written.grid:
                grid = written.grid
                source = grid["source"]
                tariff = {
                    "id": f"{written.id}-stockage",
                    "title": "Grille tarifaire – tarif mensuel par utilisateur",
                    "convention": written.id,
                    "services": ["stockage-sauvegarde", "reseau-fibre"],
                    "source": source,
                    "tax_basis": "TTC",
                    "unit": "par utilisateur et par mois",
                    "dimensions": [
                        {
                            "id": "categorie",
                            "label": "Catégorie",
                            "values": [{"id": f"c{c}", "label": f"Catégorie {c}"} for c in CATEGORIES],
                        },
                        {
                            "id": "stockage",
                            "label": "Volume de stockage",
                            "values": [{"id": f"t{t}", "label": f"{t} To"} for t in STORAGE],
                        },
                    ],
                    "quantities": [{"id": "utilisateurs", "label": "Nombre d’utilisateurs", "default": 10}],
                    "options": [{"id": "avec-stockage", "label": "Avec la solution de stockage", "default": True}],
                    "lines": [
                        {"component": "reseau", "quantity": "utilisateurs"},
                        {"component": "stockage", "quantity": "utilisateurs", "option": "avec-stockage"},
                    ],
                    "versions": [
                        {
                            "valid_from": written.start or dt.date(2020, 1, 1),
                            "components": [
                                {
                                    "id": "reseau",
                                    "label": "Tarif réseau",
                                    "over": ["categorie"],
                                    "prices": grid["fibre"],
                                    "source": source,
                                },
                                {
                                    "id": "stockage",
                                    "label": "Tarif du stockage",
                                    "over": ["stockage", "categorie"],
                                    "prices": grid["storage"],
                                    "source": source,
                                },
                            ],
                        }
                    ],
                }
            elif written.indicative:
                year, amount, sentence, source = written.indicative
                tariff = {
                    "id": f"{written.id}-remuneration",
                    "title": "Rémunération annuelle indicative",
                    "convention": written.id,
                    "services": list(written.services),
                    "source": source,
                    "tax_basis": "TTC",
                    "unit": "par an",
                    "indicative": [{"year": year, "amount": amount, "description": sentence}],
                }
            else:
                continue
            fitted = _fit(models.Tariff, tariff)
            if fitted is not None:
                _write_yaml(self.content / "tariffs" / f"{fitted['id']}.yaml", fitted)

    def notices(self) -> None:
        processings = [
            (
                "dpo",
                "dpo-mutualise",
                "Accompagnement des membres par le délégué à la protection des données mutualisé",
                "Accompagner les membres dans la mise en conformité de leurs traitements",
            ),
            (
                "bouquet",
                "stockage-sauvegarde",
                "Stockage et sauvegarde des fichiers des membres",
                "Héberger et sauvegarder les fichiers déposés par les agents des membres",
            ),
        ]
        for s_index, (s_id, s_name, s_short, *_rest) in enumerate(SYNDICATES):
            for model, service, title, purpose in processings:
                conventions = [w for w in self.written if w.syndicate == s_index and w.model == model]
                if not conventions:
                    continue
                first = conventions[0]
                ref = dict(first.clause_of_topic["donnees-personnelles"], convention=first.id)
                notice = {
                    "id": f"{s_id}-{service}",
                    "title": f"{title} ({s_short})",
                    "conventions": [w.id for w in conventions],
                    "services": [service],
                    "last_reviewed": dt.date(2026, 9, 15),
                    "controller": s_id,
                    "controller_contact": {"text": f"{s_name}, par courrier adressé à son président."},
                    "dpo_contact": {"text": "Le délégué à la protection des données du syndicat, par courrier."},
                    "purposes": [{"text": purpose, "legal_basis": "mission d'intérêt public", "source": ref}],
                    "data_categories": [
                        {"text": "Identité et coordonnées professionnelles des agents utilisateurs."},
                        {"text": "Journaux de connexion."},
                    ],
                    "data_subjects": [{"text": "Les agents et les élus des membres qui utilisent le service."}],
                    "recipients": [
                        {"text": "Les agents habilités du syndicat et son prestataire d’hébergement.", "source": ref}
                    ],
                    "transfers_outside_eu": {"text": "Aucun transfert hors de l’Union européenne.", "source": ref},
                    "retention": {"text": "Pendant la durée de la convention, puis un an pour les journaux."},
                    "rights": {
                        "text": "Droits d’accès, de rectification, d’effacement et de limitation, à exercer "
                        "auprès du délégué à la protection des données."
                    },
                    "complaint": {"text": "Une réclamation peut être adressée à la CNIL."},
                    "requirement": {"text": "Les données sont nécessaires pour accéder au service."},
                    "automated_decisions": {"text": "Aucune décision automatisée."},
                }
                fitted = _fit(models.PrivacyNotice, notice)
                if fitted is not None:
                    _write_yaml(self.content / "notices" / f"{fitted['id']}.yaml", fitted)


def _fit(model: type[models.Model], data: dict) -> dict | None:
    """`data` adjusted to the current content model, or None when it cannot be.

    Tariffs and privacy notices are optional extras of a synthetic register, and their models still
    evolve: a single statement where a list is now expected is wrapped, a field the model no longer has
    is dropped. Anything else (a new required field...) leaves the extra out rather than writing content
    that does not validate.
    """
    from pydantic import ValidationError

    for _ in range(20):
        try:
            model.model_validate(data)
            return data
        except ValidationError as error:
            fixed = False
            for detail in error.errors():
                *parents, last = detail["loc"]
                holder = data
                try:
                    for part in parents:
                        holder = holder[part]
                    value = holder[last]
                except (KeyError, IndexError, TypeError):
                    continue
                if detail["type"] == "list_type" and not isinstance(value, list):
                    holder[last], fixed = [value], True
                elif detail["type"] in ("model_type", "dict_type") and isinstance(value, list) and value:
                    holder[last], fixed = value[0], True
                elif detail["type"] == "extra_forbidden" and isinstance(holder, dict):
                    del holder[last]
                    fixed = True
                if fixed:
                    break
            if not fixed:
                return None
    return None


def synthesize(
    destination: Path, conventions: int, seed: int, site_config: Path | None = None, avenants: bool = True
) -> Path:
    """Write a complete synthetic project of `conventions` conventions into `destination`; return it.
    Its site config is a copy of `site_config` (a folder), by default the project's own; without `avenants`,
    no convention has any (to measure what versions cost)."""
    if conventions < 1:
        raise ValueError("conventions must be at least 1")
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("content", "site_config", "templates"):
        shutil.rmtree(destination / name, ignore_errors=True)
    shutil.copytree(site_config or ROOT / "site_config", destination / "site_config")
    shutil.copytree(ROOT / "templates", destination / "templates")
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    _Synthesizer(destination, conventions, seed, AMENDED_SHARE if avenants else 0).run()
    return destination


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description="Write a synthetic register (benchmarks, scale tests).")
    arguments.add_argument("--conventions", type=int, default=200, help="number of conventions (default: 200)")
    arguments.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    arguments.add_argument("--output", required=True, help="folder to write the project into")
    arguments.add_argument("--no-avenants", action="store_true", help="no convention has avenants")
    args = arguments.parse_args(argv)
    synthesize(Path(args.output), args.conventions, args.seed, avenants=not args.no_avenants)
    print(f"Synthetic register of {args.conventions} conventions written to {args.output}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
