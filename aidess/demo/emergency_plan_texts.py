"""What the demo's emergency plans say: their definitions (criteria, measures, partners) and the
words of their follow-up lines. Facts from the seeds: the national cell's mission « élaborer et
activer des plans d'urgence sectoriels » after « décisions budgétaires (baisse de financements
Etat ou collectivités territoriales) » (seeds/001), the DSESS's 30 % of culture structures
(seeds/000), and the DREETS PACA pathway for insertion workshops (seeds/001, line 21)."""

from dataclasses import dataclass, field

from aidess.demo.application_data import CULTURE, SECOURS
from aidess.demo.support_network import GUID_ASSO, MEDIATOR, PACA, PACA_PATHWAY
from aidess.plans.enums import PlanLevel
from aidess.structures.enums import Sector

SEED_000 = "seeds/000_0bddf8cefad5bf3e.txt (Avise, « Le DSESS, bilan d'un dispositif… », 2020)"
SEED_001 = "seeds/001_df822ab46c4d35f1.txt (cellule de veille nationale de l'ESS, 2025)"
PACA_NAME = "Provence-Alpes-Côte d'Azur"
# The stages a follow-up line is brought to, and the transitions that bring it there.
INVITED, OPENED, CONTACTED, UNREACHABLE = "invited", "opened", "contacted", "unreachable"
NEEDS, HELPED_AID, HELPED_OFFER, DECLINED = "needs", "helped_aid", "helped_offer", "declined"
PATHS = {
    INVITED: [],
    OPENED: [],
    CONTACTED: ["contact"],
    UNREACHABLE: ["unreachable"],
    NEEDS: ["contact", "identify_needs"],
    HELPED_AID: ["contact", "identify_needs", "help"],
    HELPED_OFFER: ["contact", "help"],
    DECLINED: ["contact", "decline"],
}
# The structure acts (opens its invitation, fills in its diagnosis…): it needs a member.
ACTING = {OPENED, NEEDS, HELPED_AID}


@dataclass(frozen=True)
class PlanSpec:
    name: str
    trigger: str
    description: str
    level: str
    criteria: dict  # TargetingCriteria fields
    aids: list  # catalog or demo aid slugs; the first one is the aid lines are helped with
    offers: list  # (organisation name, scheme slug); the first one is the offer lines get
    organizations: list  # associated organisations, by name
    months: int
    sectors: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    envelope: int | None = None
    # Generated structures brought to each stage, first one of each then the rest.
    stages: list = field(default_factory=list)
    named: dict = field(default_factory=dict)  # hand-written structure key: stage
    needs: list = field(default_factory=list)
    declines: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    help_with_offer: str = ""
    help_with_aid: str = ""


NATIONAL = PlanSpec(
    name="Plan d'urgence culture — baisse des subventions des collectivités",
    trigger="Baisse des subventions culturelles des collectivités territoriales dans les budgets "
    "2026",
    description=(
        "Les collectivités réduisent leurs subventions de fonctionnement à la culture : la "
        "cellule nationale active un plan d'urgence sectoriel pour les associations culturelles "
        "employeuses qui dépendent des financements publics. Chacune est invitée à faire son "
        "autodiagnostic et son plan de trésorerie ; la cellule, les DLA et France Active la "
        "rappellent, identifient ses besoins et l'orientent vers le fonds d'urgence culture, le "
        "fonds de secours ou un accompagnement. Sources : " + SEED_001 + " : « élaborer et "
        "activer des plans d'urgence sectoriels » ; « suite à des décisions budgétaires (baisse "
        "de financements Etat ou collectivités territoriales) » ; " + SEED_000 + " : 30 % des "
        "structures aidées par le DSESS étaient culturelles."
    ),
    level=PlanLevel.NATIONAL,
    sectors=[Sector.CULTURE],
    criteria={
        "legal_forms": ["association"],
        "ess_required": True,
        "employer_required": True,
        "public_share_min": 40,
    },
    aids=[CULTURE, SECOURS, "dla-restructuration", "france-active-accompagnement"],
    offers=[(GUID_ASSO, "guid-asso"), (MEDIATOR, "mediateur-des-entreprises")],
    organizations=[
        "Cellule régionale de veille Nouvelle-Aquitaine",
        "DLA de la Creuse",
        "France Active Nouvelle-Aquitaine",
    ],
    envelope=600_000,  # the culture fund's (application_data)
    months=6,
    stages=[
        (HELPED_AID, 8),
        (NEEDS, 6),
        (HELPED_OFFER, 4),
        (CONTACTED, 10),
        (UNREACHABLE, 5),
        (DECLINED, 4),
        (OPENED, 4),
    ],
    named={"theatre": INVITED, "lucioles": NEEDS, "radio": CONTACTED},
    contacts=[
        "Premier échange avec la présidente : la subvention de la Ville est votée en baisse.",
        "Appel au directeur ; il transmet l'invitation au bureau et rappellera.",
        "Courriel de la trésorière : le conseil d'administration se réunit le mois prochain.",
    ],
    needs=[
        "Subvention de fonctionnement de la Ville en baisse de 30 % : trois mois de charges "
        "fixes à couvrir avant la fin de saison.",
        "Saison 2026-2027 non financée après l'arrêt de la convention avec le Département ; "
        "revoir le modèle économique avec le DLA.",
        "Trésorerie de trois semaines : besoin d'une aide d'urgence et d'un plan de trésorerie "
        "suivi.",
    ],
    declines=[
        "Un mécène finance la saison : la structure ne souhaite pas d'appui pour l'instant.",
        "Le conseil d'administration a décidé de mettre l'activité en sommeil un an.",
        "Déjà accompagnée par le DLA depuis le printemps : pas de besoin supplémentaire.",
    ],
    help_with_offer="Orientée vers Guid'Asso pour reconstruire le budget avec les bénévoles.",
    help_with_aid="Aide du fonds d'urgence culture accordée : {amount}.",
)

REGIONAL = PlanSpec(
    name="Parcours ACI Provence-Alpes-Côte d'Azur — baisse des financements publics",
    trigger="Baisse des financements publics des ateliers et chantiers d'insertion (2025)",
    description=(
        "La démarche de la DREETS Provence-Alpes-Côte d'Azur pour les ateliers et chantiers "
        "d'insertion face à la baisse des financements publics : un parcours avec atelier, "
        "accompagnement individuel et collectif et orientation, qui associe la DREETS, les DDETS, "
        "le Médiateur des entreprises, la DRFIP, l'URSSAF, la Banque des territoires, les réseaux "
        "de l'IAE, la CRESS et France Active PACA. Porté par la cellule nationale, qui soutient "
        "« à l'échelle nationale d'éventuels plans d'urgence régionaux et territoriaux ». "
        "Source : " + SEED_001 + "."
    ),
    level=PlanLevel.REGIONAL,
    regions=[PACA],
    criteria={"ess_required": True, "iae_required": True, "employer_required": True},
    aids=["pret-relais-solidaire", "dreets-paca-aci"],
    offers=[
        (PACA_PATHWAY, "dreets-paca-aci"),
        (f"France Active {PACA_NAME}", "france-active-accompagnement"),
        (f"France Active {PACA_NAME}", "pret-relais-solidaire"),
        (f"SOS Employeurs ESS {PACA_NAME}", "sos-employeurs-ess"),
        (MEDIATOR, "mediateur-des-entreprises"),
    ],
    organizations=[
        PACA_PATHWAY,
        f"France Active {PACA_NAME}",
        f"DLA régional {PACA_NAME} (démo)",
        f"SOS Employeurs ESS {PACA_NAME}",
        MEDIATOR,
    ],
    months=12,
    stages=[
        (CONTACTED, 2),
        (UNREACHABLE, 1),
        (DECLINED, 1),
        (HELPED_OFFER, 2),
        (NEEDS, 1),
    ],
    named={"aci_calanques": HELPED_OFFER, "aci_ventoux": NEEDS, "aci_roya": HELPED_AID},
    contacts=[
        "Entretien avec la directrice : les aides au poste baissent de 12 % au 1er janvier.",
        "Appel de la DREETS ; la structure participera à l'atelier collectif.",
    ],
    needs=[
        "Aides au poste en baisse et deux mois de trésorerie : étalement des cotisations URSSAF "
        "et prêt relais à étudier.",
    ],
    declines=[
        "Le conseil d'administration prépare une fusion avec un chantier voisin : pas de "
        "besoin du parcours.",
    ],
    help_with_offer="Inscrite au parcours de la DREETS : atelier collectif puis accompagnement "
    "individuel.",
    help_with_aid="Prêt relais solidaire de France Active PACA mobilisé le temps du versement "
    "des aides au poste.",
)
PLANS = [NATIONAL, REGIONAL]
UNREACHABLE_COMMENT = "Deux appels et un courriel sans réponse."

# Hand-written insertion workshops of the region (key, name, commune, sector, FTE, budget,
# public funding share, leader): the PACA plan reaches them whatever the generated volume.
PACA_WORKSHOPS = [
    ("aci_calanques", "Atelier chantier d'insertion des Calanques", "13055", Sector.EMPLOYMENT_INSERTION, "18.0", 820000, 78, "Leïla Mansouri"),
    ("aci_ventoux", "Chantier d'insertion du Ventoux", "84031", Sector.ENVIRONMENT, "12.5", 540000, 82, "Bruno Castel"),
    ("aci_roya", "Jardins d'insertion de la Roya", "06023", Sector.FOOD, "9.0", 390000, 74, "Chloé Ferrand"),
]  # fmt: skip

# The culture fund's applications of the structures the plan helped with it.
CULTURE_ANSWERS = [
    "La Ville a réduit sa subvention de fonctionnement de 30 %, annoncé au vote du budget.",
    "Les dates de la saison et l'emploi de la chargée de production.",
]
CULTURE_CONDITIONS = "Versement de 60 % à la notification, le solde sur bilan de la saison."
