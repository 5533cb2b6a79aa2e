"""The relevance test set: structures and searches, with the aids that must come first.

Written from the source documents of the seed schemes (aids/data/seed_aids.json cites them):
each case says which sentence makes those aids the answer. A profile is given as the answers of
the simulation page; the same profile goes to `service.evaluate_and_rank` (the API's path).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProfileCase:
    name: str
    source: str
    answers: dict  # simulation answers; the commune as the page offers it: "Nom (code INSEE)"
    first: tuple  # slugs that must hold the first ranks, in any order
    reasons: dict = field(default_factory=dict)  # slug -> words its relevance line must hold
    folded: tuple = ()  # slugs that must be folded with the generic aids


@dataclass(frozen=True)
class QueryCase:
    query: str
    source: str
    first: tuple  # slugs that must be among the first len(first) results, in any order
    include_closed: bool = False


PROFILES = [
    ProfileCase(
        name="Théâtre associatif d'Aubusson, 2 ETP, trésorerie tendue après une baisse de subvention",
        source=(
            "seeds/001_df822ab46c4d35f1.txt : pour les « structures locales en difficulté suite à "
            "des décisions budgétaires (baisse de financements Etat ou collectivités "
            "territoriales) » : « Le financement en mobilisant, par exemple, des contrats "
            "d'apport associatif ou des prêts relais solidaire » ; « L'accompagnement en "
            "mobilisant notamment le DLA restructuration » ; France Active accompagne « depuis "
            "l'évaluation des difficultés jusqu'à l'appui à la mise en œuvre du plan de "
            "redressement » ; seeds/004 : le DLA « s'adresse aux structures employeuses de "
            "l'ESS »."
        ),
        answers={
            "legal_form": "association",
            "commune": "Aubusson (23008)",
            "sector": "culture",
            "ess": "yes",
            "employees_fte": "2",
            "situations": ["cash_shortfall", "public_funding_cut"],
        },
        first=(
            "pret-relais-solidaire",
            "contrat-apport-associatif",
            "dla-restructuration",
            "dla",
            "france-active-accompagnement",  # to confirm: its budget threshold
        ),
        reasons={
            "pret-relais-solidaire": "Répond à votre besoin de trésorerie",
            "contrat-apport-associatif": "réservée aux associations",
            "dla": "Réservée aux employeurs de l'ESS",
        },
        folded=("guid-asso", "ptce"),
    ),
    ProfileCase(
        name="Atelier chantier d'insertion à Marseille touché par la baisse des financements publics",
        source=(
            "seeds/001_df822ab46c4d35f1.txt : « La démarche impulsée par la DREETS PACA, pour "
            "faire face aux difficultés des Ateliers Chantier d'Insertion face à la baisse des "
            "financements publics »."
        ),
        answers={
            "legal_form": "association",
            "commune": "Marseille (13055)",
            "sector": "employment_insertion",
            "ess": "yes",
            "iae": "yes",
            "employees_fte": "12",
            "situations": ["public_funding_cut"],
        },
        first=("dreets-paca-aci",),
        reasons={"dreets-paca-aci": "Provence-Alpes-Côte d'Azur"},
    ),
    ProfileCase(
        name="Association lilloise payée en retard par un financeur public, en différend avec lui",
        source=(
            "seeds/001_df822ab46c4d35f1.txt : « le Médiateur des entreprises […] accessible à "
            "tout acteur économique privé (y compris associatif) […] Saisine pour tout "
            "différend » ; les financeurs invités à revoir leurs « délais de paiement » ; « des "
            "prêts relais solidaire »."
        ),
        answers={
            "legal_form": "association",
            "commune": "Lille (59350)",
            "ess": "yes",
            "situations": ["late_payments", "dispute"],
            "needs": ["payment_dispute"],
        },
        first=("mediateur-des-entreprises", "pret-relais-solidaire"),
        reasons={"mediateur-des-entreprises": "litige ou un retard de paiement"},
    ),
    ProfileCase(
        name="Employeur associatif lillois de 5 ETP qui envisage des licenciements",
        source=(
            "seeds/001_df822ab46c4d35f1.txt : « la cellule d'appui SOS Employeurs ESS de "
            "l'UDES, expérimentée dans les Hauts-de-France » ; seeds/004_67f79366cd653dad.txt : "
            "le DLA aide à « créer ou pérenniser des emplois »."
        ),
        answers={
            "legal_form": "association",
            "commune": "Lille (59350)",
            "sector": "social_animation",
            "ess": "yes",
            "employees_fte": "5",
            "needs": ["employment"],
        },
        first=("sos-employeurs-ess", "dla"),
        reasons={"sos-employeurs-ess": "Hauts-de-France"},
    ),
    ProfileCase(
        name="Association de 300 000 € de budget, en redressement après une perte de ressources",
        source=(
            "seeds/001_df822ab46c4d35f1.txt : France Active accompagne « depuis l'évaluation des "
            "difficultés jusqu'à l'appui à la mise en œuvre du plan de redressement […] "
            "associations et entreprises agréées ESUS ayant un budget de plus de 200KE »."
        ),
        answers={
            "legal_form": "association",
            "commune": "Rennes (35238)",
            "ess": "yes",
            "employees_fte": "8",
            "annual_budget_eur": "300000",
            "situations": ["revenue_loss"],
            "needs": ["restructuring"],
        },
        first=("france-active-accompagnement", "dla-restructuration"),
        reasons={"france-active-accompagnement": "pour les structures de 200"},
    ),
]

QUERIES = [
    QueryCase(
        "trésorerie",
        "seeds/001 : « des prêts relais solidaire » ; le prêt relais fait « la jonction de "
        "trésorerie » (seed_aids.json) ; le contrat d'apport « renforce les fonds propres ».",
        ("pret-relais-solidaire", "contrat-apport-associatif"),
    ),
    QueryCase(
        "baisse de subvention",
        "seeds/001 : « DLA restructuration » et « démarche […] DREETS PACA » face à « la baisse "
        "des financements publics ».",
        ("dla-restructuration", "dreets-paca-aci"),
    ),
    QueryCase(
        "covid",
        "seeds/001 : la cellule Hauts-de-France est la « cellule mise en place pendant le COVID ».",
        ("cellule-veille-hauts-de-france",),
    ),
    QueryCase(
        "crise sanitaire covid",
        "seeds/000 : le DSESS, « dès les premiers effets de la crise liée au COVID-19 » (clos).",
        ("dsess", "cellule-veille-hauts-de-france"),
        include_closed=True,
    ),
    QueryCase(
        "salaires",
        "seeds/001 : « la cellule d'appui SOS Employeurs ESS de l'UDES » (employeurs de l'ESS).",
        ("sos-employeurs-ess",),
    ),
    QueryCase(
        "licenciement",
        "seeds/001 : « SOS Employeurs ESS » ; seeds/004 : le DLA, pour « pérenniser des emplois ».",
        ("sos-employeurs-ess", "dla"),
    ),
    QueryCase(
        "retard de paiement",
        "seeds/001 : « délais de paiement » ; « Médiateur des entreprises » ; « prêts relais ».",
        ("mediateur-des-entreprises", "pret-relais-solidaire"),
    ),
    QueryCase(
        "restructuration",
        "seeds/001 : « DLA restructuration » ; France Active et son « plan de redressement ».",
        ("dla-restructuration", "france-active-accompagnement"),
    ),
    QueryCase(
        "litige financeur",
        "seeds/001 : « Saisine pour tout différend » (Médiateur des entreprises).",
        ("mediateur-des-entreprises",),
    ),
]
