"""What the demo's requests for help say (support_requests.py plays them): structures of the
Creuse written by hand for the DLA de la Creuse's pathways, then one story per request.

A story: (structure key, needs, situation, days since sent, relaunch level, recipients, outcome).
Recipients: (organisation key, events); organisation keys: "dla" (the structure's departmental
DLA), "fa" (France Active of its region), "guid_asso", "mediator". Events: (days ago, transition
of `ORIENTATION_LIFECYCLE`, comment), or (days ago, "redirect", organisation key, reason) after a
"decline". Outcome: None, or a pathway step (`pathways.enums.Step`) / "completed", and or a
satisfaction answer (score 1–5, helped, comment)."""

from aidess.orientation.enums import Relaunch
from aidess.pathways.enums import Step
from aidess.structures.enums import Sector

# (key, name, commune, sector, FTE, annual budget, is_iae, leader's first and last name)
CREUSE_STRUCTURES = [
    ("aide_domicile", "Aide à domicile du Pays de Bourganeuf", "23030", Sector.HEALTH_SOCIAL, "9.5", 410000, False, "Martine Giraud"),
    ("chantier", "Chantier d'insertion du Plateau", "23079", Sector.EMPLOYMENT_INSERTION, "7.0", 380000, True, "Karim Haddad"),
    ("fabrique", "Fabrique numérique de La Souterraine", "23176", Sector.EDUCATION, "3.0", 150000, False, "Élodie Perrin"),
    ("radio", "Radio associative du Pays de Boussac", "23031", Sector.CULTURE, "1.0", 60000, False, "Luc Moreau"),
    ("foyer", "Foyer rural de Felletin", "23079", Sector.SOCIAL_ANIMATION, "0.0", 18000, False, "Annie Chabrol"),
    ("epicerie_sociale", "Épicerie sociale de Bourganeuf", "23030", Sector.FOOD, "1.0", 52000, False, "Hervé Duclos"),
    ("club", "Union sportive de Boussac", "23031", Sector.SPORT, "2.0", 75000, False, "Sonia Marchal"),
    ("garage", "Garage solidaire de La Souterraine", "23176", Sector.MOBILITY, "2.5", 98000, False, "Paul Texier"),
]  # fmt: skip

TAKE, HELP, NO_HELP, UNREACHABLE, DECLINE = (
    "take",
    "propose_help",
    "no_help",
    "unreachable",
    "decline",
)
R = Relaunch

STORIES = [
    # The DLA de la Creuse: a pathway at each of the five steps, and one completed.
    ("ressourcerie_gueret", ["advice", "employment"], "Nous voulons pérenniser le poste de valoriste créé l'an dernier en contrat aidé, qui prend fin en mars.", 12, R.NONE, [("dla", [(10, TAKE, "")])], Step.WELCOME),
    ("lucioles", ["advice", "activity_funding"], "La Région a réduit de moitié son aide à la création ; notre saison 2027 n'est plus financée et nous devons revoir notre modèle économique.", 40, R.NONE, [("dla", [(38, TAKE, "")])], Step.DIAGNOSIS),
    ("aide_domicile", ["advice", "restructuring"], "Les heures d'aide à domicile financées par le Département baissent, nos charges de personnel non : nous devons réorganiser nos tournées et nos plannings.", 75, R.NONE, [("dla", [(72, TAKE, "")]), ("fa", [(70, DECLINE, "Le DLA de la Creuse a pris la demande en charge ; nous restons disponibles pour un prêt relais si le plan de redressement le prévoit.")])], Step.PLAN),
    ("chantier", ["advice", "employment"], "Nos aides au poste ont baissé et deux encadrants techniques partent en retraite : comment garder nos 14 salariés en insertion ?", 150, R.NONE, [("dla", [(147, TAKE, "")])], Step.COORDINATION),
    ("fabrique", ["advice"], "Nous devons diversifier nos ressources : la fin des financements de la médiation numérique nous laisse sans recette pour la moitié de l'équipe.", 260, R.NONE, [("dla", [(255, TAKE, "")])], Step.FOLLOW_UP),
    ("radio", ["advice", "cash"], "Perte de la subvention d'une communauté de communes : trois mois de trésorerie devant nous.", 400, R.NONE, [("dla", [(396, TAKE, ""), (40, HELP, "Parcours DLA mené à son terme : plan de financement revu, deux nouveaux partenariats signés, poste d'animatrice consolidé.")])], "completed", (5, True, "Un accompagnement précieux : nous avons retrouvé des marges et gardé notre animatrice.")),
    # The DLA de la Creuse's other answers.
    ("foyer", ["advice"], "Nous sommes tous bénévoles et voulons relancer nos ateliers du mercredi.", 30, R.NONE, [("dla", [(28, DECLINE, "Le DLA accompagne les structures employeuses ; le foyer n'a pas de salarié."), (28, "redirect", "guid_asso", "Réorientée par le DLA de la Creuse : appui gratuit aux bénévoles des associations.")])], None),
    ("lucioles", ["payment_dispute"], "L'organisateur d'un festival ne nous a toujours pas payé trois représentations de juillet (4 200 €).", 20, R.NONE, [("dla", [(19, DECLINE, "Un différend de paiement relève du Médiateur des entreprises."), (19, "redirect", "mediator", "Réorientée par le DLA de la Creuse : médiation gratuite et confidentielle pour un différend de paiement.")])], None),
    ("epicerie_sociale", ["advice", "cash"], "La banque alimentaire réduit ses livraisons ; nous cherchons comment financer nos achats.", 90, R.NONE, [("dla", [(86, TAKE, ""), (60, NO_HELP, "Le besoin est un financement des achats de denrées, hors du champ du DLA ; orientée vers les aides d'urgence alimentaire du Département.")])], None, (2, False, "On nous a bien répondu, mais nous n'avons toujours pas de solution pour nos achats.")),
    ("garage", ["advice"], "Nous voulons ouvrir un second atelier à Guéret.", 55, R.NONE, [("dla", [(52, UNREACHABLE, "Trois appels et deux courriels sans réponse depuis trois semaines.")])], None),
    ("club", ["advice", "employment"], "Notre éducateur sportif est à temps partiel ; nous voulons créer un groupement d'employeurs avec deux clubs voisins.", 6, R.RECIPIENTS, [("dla", [])], None),
    # Elsewhere in Nouvelle-Aquitaine: France Active, and the DLA the regional DLA follows.
    ("ressourcerie", ["restructuring", "cash"], "Nos apports ont baissé de moitié depuis la fermeture de la déchetterie partenaire : il nous faut un plan de redressement.", 20, R.NONE, [("dla", []), ("fa", [(17, TAKE, "")])], None),
    ("epicerie", ["cash"], "Le versement de la subvention de la Ville est décalé de quatre mois : il nous manque 12 000 € pour payer les salaires d'ici là.", 1, R.NONE, [("fa", []), ("dla", [])], None),
    ("centre_social", ["advice", "employment"], "La convention avec la CAF baisse de 15 % : faut-il supprimer un poste d'animateur ?", 6, R.RECIPIENTS, [("dla", [])], None),
    ("jardins", ["advice"], "Nous voulons professionnaliser la vente de nos paniers.", 16, R.MANAGERS, [("dla", [])], None),
    ("ptce", ["restructuring", "cash"], "Deux clients publics ont résilié leurs marchés : notre coopérative perd un tiers de son chiffre d'affaires.", 35, R.WATCH_CELL, [("dla", []), ("fa", [])], None),
    # The demo structure (Paris): its own request, waiting.
    ("theatre", ["advice", "activity_funding"], "Nous préparons une saison avec deux théâtres partenaires et voulons être accompagnés pour mutualiser un poste d'administratrice.", 3, R.NONE, [("dla", []), ("fa", [])], None),
]  # fmt: skip

# Requests of generated structures of Nouvelle-Aquitaine: (needs, days since sent, relaunch
# level, France Active's events (None: not a recipient), satisfaction)
GENERATED = [
    (
        ["cash"],
        45,
        R.NONE,
        [
            (43, TAKE, ""),
            (
                30,
                HELP,
                "Prêt relais solidaire de 15 000 € accordé, remboursé au versement de la subvention.",
            ),
        ],
        (4, True, "Rapide et clair, merci."),
    ),
    (
        ["restructuring"],
        60,
        R.NONE,
        [
            (57, TAKE, ""),
            (
                41,
                NO_HELP,
                "Budget inférieur à 200 000 € : l'accompagnement n'est pas possible ; le DLA du département reste saisi.",
            ),
        ],
        None,
    ),
    (
        ["cash"],
        50,
        R.NONE,
        [(44, UNREACHABLE, "Aucune réponse aux appels ni aux courriels.")],
        None,
    ),
    (
        ["cash"],
        8,
        R.RECIPIENTS,
        [(5, DECLINE, "La structure n'est ni une association ni une entreprise agréée ESUS.")],
        None,
    ),
    (["advice", "restructuring"], 9, R.RECIPIENTS, [(4, TAKE, "")], None),
    (["advice"], 4, R.NONE, None, None),
    (["advice", "employment"], 7, R.RECIPIENTS, None, None),
    (["advice"], 18, R.MANAGERS, None, None),
    (["advice", "cash"], 40, R.WATCH_CELL, [], None),
    (["advice"], 32, R.WATCH_CELL, None, None),
]
GENERATED_SITUATION = (
    "Baisse de nos financements publics cette année : nous cherchons un appui pour "
    "réorganiser nos activités et sécuriser nos emplois."
)
UNCONFIRMED_SITUATION = "Nous avons perdu un marché public et cherchons un prêt de trésorerie."
