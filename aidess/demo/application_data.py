"""What the demo applications are about: the aids that take applications here, the structures of
Nouvelle-Aquitaine written by hand, and the words of the generated ones. Amounts follow the seed
documents: the DSESS's flat 5 000 € for structures of up to 3 FTE with a self-diagnosis and a
3-month cash-flow plan (seeds/000), sector emergency plans (seeds/001), the PTCE's 100 k€ over
two years (seeds/003). The envelopes are the demo's own figures."""

from dataclasses import dataclass, field
from decimal import Decimal

from aidess.aids.enums import AmountKind
from aidess.structures.enums import Sector

DREETS, NATIONAL = "regional", "national"


@dataclass(frozen=True)
class DemoAid:
    slug: str
    provider: str  # DREETS (the demo funder's organisation) or NATIONAL
    name: str
    short: str
    amount_kind: str
    amount_max: int
    envelope: int
    questions: list  # (label, help text, required)
    provenance: str = ""
    description: str = ""
    requires_diagnosis: bool = False
    requires_cashflow_plan: bool = False
    instructions: str = ""
    existing: bool = False  # an aid of aids.py, already in the catalog
    sectors: tuple = field(default=())  # generated applications: only from these sectors


URGENCY_QUESTIONS = [
    (
        "Quelles charges fixes l'aide couvrira-t-elle, et sur combien de mois ?",
        "Loyer, salaires, assurances… comme dans votre plan de trésorerie.",
        True,
    ),
    (
        "Quelle ressource avez-vous perdue, et de combien ?",
        "Financeur ou recette, montant et date à laquelle vous l'avez appris.",
        True,
    ),
    ("Êtes-vous accompagnés par un DLA ou par France Active ?", "Lequel, depuis quand.", False),
]

AIDS = [
    DemoAid(
        slug="demo-fonds-urgence-ess-nouvelle-aquitaine",
        provider=DREETS,
        name="Fonds d'urgence ESS Nouvelle-Aquitaine",
        short=(
            "Aide forfaitaire de 5 000 € aux structures de l'ESS de 3 ETP au plus qui ont perdu "
            "une ressource, avec un autodiagnostic et un plan de trésorerie sur 3 mois."
        ),
        description=(
            "Sur le modèle du Dispositif de secours ESS de 2020 : une aide directe et forfaitaire "
            "de 5 000 € pour faire face aux charges fixes, couplée à un accompagnement par le DLA "
            "ou France Active. La demande joint le dernier autodiagnostic et un plan de trésorerie "
            "sur 3 mois qui montre le besoin de financement immédiat."
        ),
        amount_kind=AmountKind.FLAT,
        amount_max=5000,
        envelope=250_000,
        requires_diagnosis=True,
        requires_cashflow_plan=True,
        instructions=(
            "Joignez votre dernier autodiagnostic et un plan de trésorerie sur 3 mois. Les "
            "structures de plus de 3 ETP ne sont pas éligibles."
        ),
        questions=URGENCY_QUESTIONS,
        provenance=(
            "seeds/000_0bddf8cefad5bf3e.txt (Avise, « Le DSESS, bilan d'un dispositif… », 27 "
            "novembre 2020) : « Une aide directe et forfaitaire de 5 000€ » ; « jusqu'à 3 "
            "équivalents temps plein » ; « réaliser un autodiagnostic et un plan de trésorerie "
            "sur 3 mois ». seeds/001_df822ab46c4d35f1.txt : « soutenir à l'échelle nationale "
            "d'éventuels plans d'urgence régionaux et territoriaux ». Fonds de démonstration : "
            "enveloppe fictive."
        ),
    ),
    DemoAid(
        slug="demo-relance-ressourceries",
        provider=DREETS,
        name="Soutien à la relance des ressourceries",
        short="",
        amount_kind=AmountKind.RANGE,
        amount_max=15000,
        envelope=120_000,
        existing=True,
        questions=[
            ("Combien de tonnes d'apports avez-vous perdues depuis un an ?", "", True),
            ("Quelles dépenses l'aide financera-t-elle ?", "Investissement ou trésorerie.", True),
        ],
        sectors=(Sector.CIRCULAR_ECONOMY, Sector.ENVIRONMENT),
    ),
    DemoAid(
        slug="demo-cooperations-territoriales-nouvelle-aquitaine",
        provider=DREETS,
        name="Animation des coopérations territoriales (PTCE) en Nouvelle-Aquitaine",
        short=(
            "Jusqu'à 50 000 € par an pendant deux ans pour animer un pôle territorial de "
            "coopération économique réunissant structures de l'ESS, entreprises et collectivités."
        ),
        description=(
            "Finance l'animation d'une coopération territoriale (poste d'animateur, outils "
            "mutualisés, études) portée par une structure de l'ESS pour le compte d'un PTCE."
        ),
        amount_kind=AmountKind.RANGE,
        amount_max=50000,
        envelope=300_000,
        questions=[
            (
                "Qui sont les membres de la coopération ?",
                "Structures de l'ESS, entreprises, collectivités, centres de formation.",
                True,
            ),
            ("Que mutualisez-vous, et comment la coopération est-elle gouvernée ?", "", True),
        ],
        provenance=(
            "seeds/003_c6f414290f85af20.txt : « 61 soutenus financièrement pour l'animation des "
            "coopérations, à hauteur de 100k€ sur deux ans pour un budget total de 1,5M€ par "
            "an ». Appel régional de démonstration : enveloppe fictive."
        ),
    ),
    DemoAid(
        slug="demo-fonds-secours-ess-2026",
        provider=NATIONAL,
        name="Fonds de secours ESS 2026",
        short=(
            "Aide forfaitaire de 5 000 € aux petites structures de l'ESS (3 ETP au plus) en "
            "difficulté, avec un accompagnement DLA ou France Active."
        ),
        description=(
            "Reprise du Dispositif de secours ESS de 2020 : 5 000 € pour maintenir la trésorerie "
            "face aux charges fixes non compensées, sur présentation d'un autodiagnostic et d'un "
            "plan de trésorerie sur 3 mois."
        ),
        amount_kind=AmountKind.FLAT,
        amount_max=5000,
        envelope=3_700_000,
        requires_diagnosis=True,
        requires_cashflow_plan=True,
        instructions="Joignez votre dernier autodiagnostic et un plan de trésorerie sur 3 mois.",
        questions=URGENCY_QUESTIONS[:2],
        provenance=(
            "seeds/000_0bddf8cefad5bf3e.txt (Avise, « Le DSESS, bilan d'un dispositif… », 27 "
            "novembre 2020) : « Une aide directe et forfaitaire de 5 000€ » ; « le DSESS a "
            "bénéficié à 740 structures ». Enveloppe de démonstration : 740 × 5 000 €."
        ),
    ),
    DemoAid(
        slug="demo-plan-urgence-culture-ess",
        provider=NATIONAL,
        name="Plan d'urgence sectoriel — culture et spectacle vivant de l'ESS",
        short=(
            "Jusqu'à 15 000 € pour les structures culturelles de l'ESS touchées par une baisse de "
            "leurs financements publics, pour maintenir leur saison et leurs emplois."
        ),
        amount_kind=AmountKind.RANGE,
        amount_max=15000,
        envelope=600_000,
        questions=[
            (
                "Quelle baisse de financement public subissez-vous ?",
                "Financeur, montant, date de l'annonce.",
                True,
            ),
            ("Quelles dates ou quels emplois l'aide permet-elle de maintenir ?", "", True),
        ],
        provenance=(
            "seeds/001_df822ab46c4d35f1.txt : « Elaborer et activer des plans d'urgence "
            "sectoriels » ; « suite à des décisions budgétaires (baisse de financements Etat ou "
            "collectivités territoriales) ». seeds/000_0bddf8cefad5bf3e.txt : « 30% des "
            "structures bénéficiaires du DSESS dans le secteur de la culture ». Enveloppe de "
            "démonstration."
        ),
        sectors=(Sector.CULTURE,),
    ),
]
AID_BY_SLUG = {aid.slug: aid for aid in AIDS}
URGENCY_NA, RESSOURCERIES, PTCE_NA, SECOURS, CULTURE = (aid.slug for aid in AIDS)

LABELS = {
    DREETS: ["Dossier prioritaire", "Visite prévue", "Pièce manquante"],
    NATIONAL: ["Dossier prioritaire", "Pièce manquante"],
}

# Structures of Nouvelle-Aquitaine that the hand-written applications come from:
# (key, name, commune code, sector, legal category, FTE, annual budget, member e-mail)
NAMED_STRUCTURES = [
    (
        "lucioles",
        "Compagnie des Lucioles",
        "23008",
        Sector.CULTURE,
        "9220",
        "1.5",
        68000,
        "bureau@lucioles-aubusson.example",
    ),
    (
        "ressourcerie",
        "Ressourcerie du Limousin",
        "87085",
        Sector.CIRCULAR_ECONOMY,
        "9220",
        "6.0",
        310000,
        "direction@ressourcerie-limousin.example",
    ),
    (
        "epicerie",
        "Épicerie solidaire des Chartrons",
        "33063",
        Sector.FOOD,
        "9220",
        "2.0",
        95000,
        "contact@epicerie-chartrons.example",
    ),
    (
        "ptce",
        "Coopérative Béarn Solidaire",
        "64445",
        Sector.OTHER,
        "5560",
        "4.0",
        240000,
        "gerance@bearn-solidaire.example",
    ),
    (
        "centre_social",
        "Centre social des Couronneries",
        "86194",
        Sector.SOCIAL_ANIMATION,
        "9220",
        "2.8",
        140000,
        "direction@cs-couronneries.example",
    ),
    (
        "jardins",
        "Jardins partagés de Tulle",
        "19272",
        Sector.ENVIRONMENT,
        "9220",
        "2.5",
        82000,
        "jardins@tulle-solidaire.example",
    ),
]

# Generated applications: (title, objectives) per aid, and answers to its questions.
PROJECTS = {
    URGENCY_NA: [
        ("Passer l'hiver : loyer et salaires de décembre à février", "Couvrir les charges fixes des trois prochains mois le temps que la subvention départementale soit versée."),
        ("Maintenir l'emploi de la coordinatrice", "Éviter un licenciement après la baisse de la subvention régionale."),
        ("Reconstituer la trésorerie après l'arrêt de l'activité", "Payer les fournisseurs en retard et reprendre l'activité au printemps."),
    ],
    RESSOURCERIES: [
        ("Nouveau camion de collecte", "Reprendre les collectes à domicile arrêtées depuis la panne du véhicule."),
        ("Relancer la boutique solidaire", "Réaménager l'espace de vente et retrouver le chiffre d'affaires de 2024."),
        ("Atelier de réparation d'électroménager", "Valoriser les apports d'électroménager aujourd'hui envoyés en déchetterie."),
    ],
    PTCE_NA: [
        ("Animation du pôle de coopération alimentaire", "Recruter un animateur à mi-temps pour la légumerie partagée et la plateforme logistique."),
        ("Filière locale du réemploi", "Coordonner les ressourceries, la collectivité et deux entreprises d'insertion."),
        ("Tiers-lieu coopératif du bassin de vie", "Mutualiser locaux, comptabilité et outils entre six structures."),
    ],
    SECOURS: [
        ("Charges fixes du premier trimestre", "Payer le loyer et les salaires en attendant le versement des subventions."),
        ("Maintenir l'activité après la perte d'un marché", "Garder l'équipe le temps de trouver de nouveaux clients."),
        ("Rebondir après la baisse des dons", "Couvrir le déficit de trésorerie de trois mois et engager un plan de redressement avec le DLA."),
    ],
    CULTURE: [
        ("Maintenir la saison 2026-2027", "Garder les dates programmées malgré la baisse de la subvention de la collectivité."),
        ("Résidences d'artistes dans les écoles", "Financer trois résidences annulées faute de crédits."),
        ("Festival d'été : édition de la relance", "Assurer la 12ᵉ édition avec une jauge réduite."),
    ],
}  # fmt: skip
ANSWERS = [
    "Loyer (1 150 € par mois), salaires et charges (6 200 € par mois), assurances.",
    "La subvention du Département (8 000 €) a été réduite de moitié, annoncée en janvier.",
    "Accompagnés par le DLA depuis le printemps.",
    "Environ 40 tonnes par an, la moitié de nos apports.",
    "Achat d'un véhicule utilitaire d'occasion et d'étagères.",
    "Six structures de l'ESS, deux entreprises locales, la communauté de communes.",
    "Une légumerie et un poste d'animateur partagés, un comité de pilotage trimestriel.",
    "Deux dates en région et deux emplois d'intermittents.",
]
REFUSALS = [
    "Votre structure compte plus de 3 ETP : le fonds est réservé aux structures de 3 ETP au plus.",
    "Le projet ne relève pas de l'objet de l'aide : il s'agit d'un investissement courant.",
    "Le plan de trésorerie ne montre pas de besoin de financement sur les trois prochains mois.",
    "L'enveloppe ne permet pas de retenir ce projet ; il pourra être présenté à la prochaine "
    "session.",
]
CLOSINGS = [
    "Sans réponse à la demande de pièces depuis deux mois.",
    "Demande déposée deux fois : le dossier est suivi sous son autre numéro.",
]
CORRECTIONS = [
    "Merci de joindre vos derniers comptes approuvés : ceux du dossier ne sont plus valables.",
    "Le budget du projet n'est pas équilibré : précisez les autres financements attendus.",
    "Le RIB joint ne porte pas le nom de la structure : déposez un RIB à son nom.",
]
CONDITIONS = [
    "Versement en une fois à la notification.",
    "60 % à la notification, le solde sur présentation du bilan de l'action.",
    "Mention du soutien sur les supports de communication ; bilan à remettre dans les 6 mois.",
]
REPRESENTATIVES = [
    ("Nadia Benali", "Présidente"),
    ("Jean-Marc Lefèvre", "Président"),
    ("Sophie Garnier", "Co-présidente"),
    ("Pierre Aubert", "Trésorier"),
    ("Aïcha Diallo", "Gérante"),
    ("Thomas Roux", "Président"),
]


def amount(value):
    return Decimal(value).quantize(Decimal("0.01"))
