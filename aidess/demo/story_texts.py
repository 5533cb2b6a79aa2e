"""The hand-written demo applications: who applies to what, and what happened, step by step
(days ago, action, arguments). The demo structure (Paris, `structure@`) has a draft, one waiting
for its answer to a correction request and one accepted and partly paid, on the national aids; the
structures of Nouvelle-Aquitaine cover every other state on the DREETS's aids."""

import datetime

from aidess.applications.enums import MessageAuthor
from aidess.demo.application_data import CULTURE, PTCE_NA, RESSOURCERIES, SECOURS, URGENCY_NA

INSTRUCTOR, APPLICANT = MessageAuthor.INSTRUCTOR, MessageAuthor.APPLICANT

STORIES = [
    {
        "structure": "theatre",
        "aid": CULTURE,
        "title": "Maintenir la saison jeune public 2026-2027",
        "objectives": (
            "Garder les 24 représentations scolaires programmées malgré la baisse de 8 000 € de "
            "la subvention de la Ville, et les deux emplois d'intermittents qui les portent."
        ),
        "budget": 48000,
        "requested": 12000,
        "start": datetime.date(2026, 9, 1),
        "end": datetime.date(2027, 6, 30),
        "answers": [
            "Ville de Paris : subvention de fonctionnement ramenée de 25 000 € à 17 000 €, "
            "annoncée en février.",
            "24 représentations scolaires d'octobre à juin, un régisseur et une comédienne.",
        ],
        "steps": [
            (170, "submit"),
            (160, "instruct"),
            (160, "label", "Dossier prioritaire"),
            (
                150,
                "message",
                INSTRUCTOR,
                "Pouvez-vous préciser le nombre d'élèves accueillis sur la saison et les écoles "
                "partenaires ?",
            ),
            (
                147,
                "message",
                APPLICANT,
                "Environ 1 900 élèves de 14 écoles élémentaires du 13e arrondissement ; la liste "
                "des écoles figure dans le bilan de la saison passée.",
            ),
            (
                135,
                "accept",
                10000,
                "60 % à la notification, le solde sur présentation du bilan de la saison. Mention "
                "du soutien de l'État sur les supports de communication.",
            ),
            (120, "pay", 6000),
        ],
    },
    {
        "structure": "theatre",
        "aid": SECOURS,
        "title": "Passer l'hiver : charges fixes de décembre à février",
        "objectives": (
            "Couvrir le loyer de la salle et les salaires de l'équipe permanente pendant trois "
            "mois, le temps que la subvention régionale demandée (10 000 €) soit votée."
        ),
        "budget": 18600,
        "requested": 5000,
        "answers": [
            "Loyer de la salle (1 150 € par mois) et salaires de l'équipe permanente (5 050 € "
            "par mois), soit 18 600 € sur trois mois.",
            "Billetterie en baisse de 7 500 € sur l'automne : jauge réduite pendant les travaux "
            "de la rue.",
        ],
        "steps": [
            (24, "submit"),
            (18, "instruct"),
            (18, "assign"),
            (18, "label", "Pièce manquante"),
            (
                17,
                "note",
                "Structure suivie par le DLA de Paris depuis septembre. Besoin réel : le plan "
                "devient négatif en janvier. Manquent les comptes 2025 approuvés.",
            ),
            (
                9,
                "request_correction",
                "Les comptes approuvés de votre dossier ne sont plus valables. Merci de déposer "
                "les comptes 2025 approuvés par votre assemblée générale, puis de répondre à "
                "cette demande.",
            ),
        ],
    },
    {
        "structure": "theatre",
        "aid": CULTURE,
        "title": "Résidence de création avec les écoles du 13e (2027)",
        "objectives": "Trois semaines de résidence d'une autrice avec deux classes de CM2.",
        "budget": 21000,
        "requested": 8000,
        "answers": ["Ville de Paris : baisse annoncée pour 2027, montant encore inconnu."],
        "created": 3,
        "steps": [],
    },
    {
        "structure": "lucioles",
        "aid": URGENCY_NA,
        "title": "Maintenir la compagnie jusqu'à la reprise des tournées",
        "objectives": "Payer le loyer de l'atelier et le salaire de l'administratrice à mi-temps.",
        "budget": 14200,
        "requested": 5000,
        "answers": [
            "Loyer de l'atelier (650 € par mois) et salaire de l'administratrice (4 000 € par "
            "mois).",
            "Trois dates de tournée annulées par le Département : 6 900 € de recettes.",
            "Accompagnés par le DLA de la Creuse depuis janvier.",
        ],
        "steps": [
            (200, "submit"),
            (193, "instruct"),
            (180, "accept", 5000, "Versement en une fois à la notification."),
            (172, "pay", 5000),
        ],
    },
    {
        "structure": "lucioles",
        "aid": PTCE_NA,
        "title": "Tiers-lieu culturel du plateau de Millevaches",
        "objectives": "Préfigurer un lieu partagé entre quatre compagnies et une recyclerie.",
        "budget": 70000,
        "requested": 30000,
        "created": 12,
        "steps": [],
    },
    {
        "structure": "ressourcerie",
        "aid": RESSOURCERIES,
        "title": "Nouveau camion de collecte pour la Haute-Vienne",
        "objectives": "Reprendre les collectes à domicile arrêtées depuis la panne du véhicule.",
        "budget": 38000,
        "requested": 15000,
        "answers": [
            "52 tonnes, soit 40 % de nos apports de l'an dernier.",
            "Achat d'un camion de 20 m³ d'occasion et aménagement du hayon.",
        ],
        "steps": [
            (140, "submit"),
            (133, "instruct"),
            (
                128,
                "message",
                INSTRUCTOR,
                "Avez-vous sollicité la Région pour le reste du financement ?",
            ),
            (
                126,
                "message",
                APPLICANT,
                "Oui : 10 000 € demandés au titre de l'économie circulaire, décision en juin.",
            ),
            (
                110,
                "accept",
                12000,
                "60 % à la notification, le solde sur présentation des factures.",
            ),
            (100, "pay", 7200),
        ],
    },
    {
        "structure": "ressourcerie",
        "aid": URGENCY_NA,
        "title": "Trésorerie de l'été",
        "objectives": "Passer juillet et août, quand la boutique est fermée trois semaines.",
        "budget": 24000,
        "requested": 5000,
        "steps": [
            (95, "submit"),
            (90, "instruct"),
            (
                80,
                "refuse",
                "Votre structure compte 6 ETP : le fonds est réservé aux structures de 3 ETP au "
                "plus (règlement, article 2). Le soutien à la relance des ressourceries reste "
                "ouvert à vos autres projets.",
            ),
        ],
    },
    {
        "structure": "ressourcerie",
        "aid": PTCE_NA,
        "title": "Filière du réemploi en Haute-Vienne",
        "objectives": "Coordonner trois ressourceries, la communauté urbaine et deux entreprises.",
        "budget": 110000,
        "requested": 45000,
        "answers": [
            "Trois ressourceries, deux entreprises d'insertion, Limoges Métropole.",
            "Un poste de coordinateur et un outil de suivi des flux partagés.",
        ],
        "steps": [
            (30, "submit"),
            (22, "instruct"),
            (22, "label", "Pièce manquante"),
            (
                12,
                "request_correction",
                "Le budget du projet n'est pas équilibré : 45 000 € demandés sur 110 000 €, sans "
                "les autres financements. Précisez la part de la métropole et des membres.",
            ),
        ],
    },
    {
        "structure": "epicerie",
        "aid": URGENCY_NA,
        "title": "Maintenir l'épicerie ouverte cet hiver",
        "objectives": "Payer le loyer et le salaire de la coordinatrice de décembre à février.",
        "budget": 16500,
        "requested": 5000,
        "answers": [
            "Loyer (900 € par mois) et salaire de la coordinatrice (4 600 € par mois).",
            "Subvention de la Ville réduite de 6 000 €, annoncée en septembre.",
            "Accompagnés par France Active Nouvelle-Aquitaine.",
        ],
        "steps": [
            (40, "submit"),
            (33, "instruct"),
            (33, "assign"),
            (33, "label", "Visite prévue"),
            (
                31,
                "note",
                "Visite sur place prévue avec la DDETS de la Gironde. Fréquentation en hausse de "
                "30 % : besoin confirmé par le CCAS.",
            ),
            (
                28,
                "message",
                APPLICANT,
                "Nous vous transmettons le courrier de la Ville confirmant la baisse de sa "
                "subvention.",
            ),
        ],
    },
    {
        "structure": "ptce",
        "aid": PTCE_NA,
        "title": "Animation du pôle alimentaire du Béarn",
        "objectives": "Un animateur pour la légumerie partagée et la plateforme logistique.",
        "budget": 124000,
        "requested": 50000,
        "answers": [
            "Six structures de l'ESS, deux PME agroalimentaires, la communauté d'agglomération.",
            "Légumerie et camion frigorifique partagés ; comité de pilotage trimestriel.",
        ],
        "steps": [
            (230, "submit"),
            (220, "instruct"),
            (220, "label", "Dossier prioritaire"),
            (
                190,
                "accept",
                40000,
                "Aide sur deux ans : 20 000 € par an, le second versement sur présentation du "
                "bilan de la première année.",
            ),
            (180, "pay", 20000),
        ],
    },
    {
        "structure": "centre_social",
        "aid": URGENCY_NA,
        "title": "Garder l'accueil de loisirs ouvert le mercredi",
        "objectives": "Maintenir deux postes d'animateurs après la baisse de la CAF.",
        "budget": 19000,
        "requested": 5000,
        "answers": [
            "Salaires de deux animateurs à temps partiel (5 800 € par mois).",
            "Prestation de service de la CAF réduite de 9 000 €.",
        ],
        "steps": [
            (60, "submit"),
            (55, "instruct"),
            (55, "assign"),
            (
                50,
                "request_correction",
                "Le RIB joint ne porte pas le nom de l'association : merci de déposer un RIB à "
                "son nom.",
            ),
            (
                46,
                "answer_correction",
                "Voici le RIB au nom de l'association : la banque a corrigé l'intitulé du compte.",
            ),
        ],
    },
    {
        "structure": "centre_social",
        "aid": PTCE_NA,
        "title": "Coopérative des services aux familles des Couronneries",
        "objectives": "Mutualiser l'accueil, la garde d'enfants et l'aide administrative.",
        "budget": 82000,
        "requested": 35000,
        "answers": [
            "Le centre social, deux crèches associatives, une régie de quartier, la Ville.",
            "Un guichet commun et une animatrice partagée.",
        ],
        "steps": [(3, "submit")],
    },
    {
        "structure": "jardins",
        "aid": URGENCY_NA,
        "title": "Passer la saison creuse",
        "objectives": "Payer le salaire de l'encadrant technique de novembre à janvier.",
        "budget": 12000,
        "requested": 5000,
        "steps": [
            (120, "submit"),
            (112, "instruct"),
            (
                110,
                "request_correction",
                "Merci de joindre un plan de trésorerie sur les 3 prochains mois : celui du "
                "dossier couvre l'an dernier.",
            ),
            (
                48,
                "close",
                "Sans réponse à la demande de pièces depuis plus de deux mois. Vous pouvez "
                "déposer une nouvelle demande.",
            ),
        ],
    },
    {
        "structure": "jardins",
        "aid": PTCE_NA,
        "title": "Pôle maraîcher coopératif de Corrèze",
        "objectives": "Animer la coopération entre quatre jardins d'insertion et deux cantines.",
        "budget": 90000,
        "requested": 40000,
        "steps": [
            (70, "submit"),
            (64, "instruct"),
            (
                58,
                "withdraw",
                "Nous retirons notre demande : la communauté de communes porte finalement "
                "l'animation du pôle.",
            ),
        ],
    },
]
