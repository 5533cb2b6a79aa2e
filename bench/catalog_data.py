"""Synthetic catalog for the search benchmark: aids with realistic French texts and territories.

Everything is drawn from `random.Random(seed)`, so two runs build the same catalog and queries.
"""

import datetime
import itertools
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from aidess.aids.enums import AidKind, AidSource, AidStatus, AmountKind, Recurrence
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid, AidSector
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.structures.enums import Sector
from aidess.territories.models import Commune, Department, Region

BATCH = 1000
ACTIONS = ["Fonds", "Dispositif", "Programme", "Appel à projets", "Aide", "Prêt d'honneur"]
ACTIONS += ["Soutien", "Pass", "Contrat", "Bourse", "Garantie", "Avance", "Parcours"]
THEMES = """la trésorerie|l'emploi associatif|l'insertion par l'activité économique|la culture et
le spectacle vivant|l'accompagnement des dirigeants bénévoles|l'investissement matériel|la
transition numérique|la transition écologique|l'économie circulaire et le réemploi|la mobilité
solidaire|l'alimentation durable|la rénovation énergétique des locaux|la création d'emplois|la
consolidation des fonds propres|le développement des tiers-lieux|l'innovation sociale|l'éducation
populaire|la jeunesse et la vie associative|le sport pour tous|l'inclusion des personnes en
situation de handicap|la lutte contre la précarité|le logement d'insertion|la santé et le
médico-social|les circuits courts alimentaires|la coopération entre structures|le changement
d'échelle|la formation des salariés|le recrutement d'un premier salarié|la relance après la crise
sanitaire|le patrimoine culturel|les quartiers prioritaires de la ville|la revitalisation des
centres-bourgs|les énergies renouvelables citoyennes|la structuration des filières|l'égalité
entre les femmes et les hommes|l'inclusion numérique|les ressourceries et recycleries"""
THEMES = [" ".join(theme.split()) for theme in THEMES.split("|")]
BENEFICIARIES = """des associations|des associations employeuses|des coopératives (SCOP, SCIC)|des
structures de l'ESS|des entreprises solidaires d'utilité sociale|des structures d'insertion|des
mutuelles et fondations|des petites associations culturelles|des associations sportives|des
chantiers d'insertion|des groupements d'employeurs|des entreprises adaptées"""
BENEFICIARIES = [" ".join(b.split()) for b in BENEFICIARIES.split("|")]
PURPOSES = """afin de consolider leur modèle économique|pour financer les dépenses de fonctionnement
et d'investissement|pour faire face à un besoin ponctuel de trésorerie|pour accompagner la création
ou le maintien d'emplois|pour développer de nouvelles activités d'utilité sociale|pour engager leur
transition écologique et numérique|pour renforcer leurs fonds propres avant un investissement"""
PURPOSES = [" ".join(p.split()) for p in PURPOSES.split("|")]
EXPENSES = """le recrutement de salariés|l'achat de matériel|les études de faisabilité|les frais de
formation|les travaux d'aménagement|les outils numériques|le besoin en fonds de roulement|les
prestations de conseil|la communication|les véhicules utilitaires|les loyers|le diagnostic
énergétique"""
EXPENSES = [" ".join(e.split()) for e in EXPENSES.split("|")]
SENTENCES = [
    "Ce dispositif accompagne {benef} qui portent un projet lié à {theme}.",
    "L'aide finance notamment {expense}, {expense} et {expense}.",
    "Le montant accordé est compris entre {low} € et {high} €, dans la limite de {rate} % des "
    "dépenses éligibles.",
    "Une attention particulière est portée aux projets favorisant {theme} et {theme}.",
    "Les dossiers sont instruits par {provider} en lien avec les services de l'État et les "
    "réseaux de l'ESS.",
    "Sont éligibles {benef} implantées sur le territoire de {place} depuis au moins {years} ans.",
    "Le projet doit démontrer son utilité sociale, son ancrage territorial et la viabilité de "
    "son modèle économique.",
    "Un accompagnement préalable par un Dispositif local d'accompagnement (DLA) ou par France "
    "Active est recommandé avant le dépôt du dossier.",
    "Les dépenses liées à {expense} ne sont pas éligibles au financement.",
    "La demande se fait en ligne ; un accusé de réception est envoyé sous quinze jours.",
    "Les projets retenus bénéficient d'un suivi pendant {months} mois, avec des points d'étape "
    "réguliers sur {theme}.",
    "Cette aide peut se cumuler avec d'autres financements publics, dans le respect des règles "
    "relatives aux aides d'État.",
    "Le comité de sélection examine la qualité du partenariat local, la gouvernance "
    "démocratique et l'impact attendu sur {theme}.",
    "En cas de difficulté passagère, un échelonnement du remboursement peut être accordé.",
]
NATIONAL_PROVIDERS = """France Active|Bpifrance|Banque des Territoires|Avise|Fondation de
France|Fondation Crédit Coopératif|Agence nationale de la cohésion des territoires|ADEME|Ministère
de la Culture|Fonds de développement de la vie associative|Réseau des DLA|ESS France|Le
Mouvement associatif|Initiative France|France Travail"""
NATIONAL_PROVIDERS = [" ".join(n.split()) for n in NATIONAL_PROVIDERS.split("|")]
KINDS = {
    AidKind.GRANT: 40,
    AidKind.LOAN: 12,
    AidKind.REPAYABLE_ADVANCE: 5,
    AidKind.GUARANTEE: 5,
    AidKind.EQUITY: 6,
    AidKind.SUPPORT: 20,
    AidKind.MEDIATION: 4,
    AidKind.LISTENING: 8,
}
STATUSES = {AidStatus.PUBLISHED: 85, AidStatus.DRAFT: 5, AidStatus.CLOSED: 6, AidStatus.ARCHIVED: 4}
# Scope of an aid: national, or one of the levels of the real territories (share in %).
SCOPES = {"national": 20, "region": 20, "department": 25, "epci": 15, "commune": 20}


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def text_between(rng, make, low, high):
    """Concatenate `make()` pieces until the text is at least `low` long, then cut at `high`."""
    target = rng.randint(low, high)
    text = make()
    while len(text) < target:
        text = f"{text} {make()}"
    if len(text) > high:
        text = text[:high].rsplit(" ", 1)[0]
    return text


class Territories:
    """The real territories, with communes weighted by population for local aids."""

    def __init__(self):
        # Ordered by code: the same draws, hence the same catalog, on SQLite and PostgreSQL.
        self.regions = {r.code: r.name for r in Region.objects.order_by("code")}
        self.departments = {d.code: d.name for d in Department.objects.order_by("code")}
        rows = (
            Commune.objects.selectable()
            .filter(population__gt=0, department__isnull=False)
            .order_by("code")
            .values_list("code", "name", "population", "epci_id", "epci__name", "department_id")
        )
        self.communes = list(rows)
        self.cumulative = list(itertools.accumulate(row[2] for row in self.communes))

    def commune(self, rng):
        return rng.choices(self.communes, cum_weights=self.cumulative)[0]


def build_providers(territories):
    def org(name, scope):
        return Organization(name=name, kind=OrganizationKind.PROVIDER, scope_level=scope)

    national = [org(name, ScopeLevel.NATIONAL) for name in NATIONAL_PROVIDERS]
    regional = {c: org(f"Région {n}", ScopeLevel.REGIONAL) for c, n in territories.regions.items()}
    departmental = {
        code: org(f"Conseil départemental {name}", ScopeLevel.DEPARTMENTAL)
        for code, name in territories.departments.items()
    }
    Organization.objects.bulk_create([*national, *regional.values(), *departmental.values()])
    return national, regional, departmental


def make_aid(rng, number, today, territories, providers):
    """(Aid, provider list, {m2m name: [ids]}, sectors) for one synthetic aid."""
    national, regional, departmental = providers
    scope = pick(rng, SCOPES)
    places, owners, place = {}, [rng.choice(national)], "la France entière"
    if scope == "region":
        code = rng.choice(list(territories.regions))
        places["region"], owners, place = [code], [regional[code]], territories.regions[code]
    elif scope == "department":
        codes = rng.sample(list(territories.departments), rng.choice([1, 1, 1, 2, 3]))
        places["department"], place = codes, territories.departments[codes[0]]
        owners = [departmental[code] for code in codes]
    elif scope in {"epci", "commune"}:
        picked = [territories.commune(rng) for _ in range(rng.choice([1, 1, 2, 4]))]
        if scope == "epci" and picked[0][3]:
            places["epci"], place = sorted({row[3] for row in picked if row[3]}), picked[0][4]
        else:
            places["commune"], place = sorted({row[0] for row in picked}), picked[0][1]
        owners = [departmental[picked[0][5]]]
    if rng.random() < 0.4:
        owners.append(rng.choice(national))
    owners = list(dict.fromkeys(owners))
    kind = pick(rng, KINDS)
    themes = [rng.choice(THEMES) for _ in range(2)]
    words = {
        "benef": lambda: rng.choice(BENEFICIARIES),
        "theme": lambda: rng.choice([*themes, rng.choice(THEMES)]),
        "expense": lambda: rng.choice(EXPENSES),
    }

    def sentence():
        template = rng.choice(SENTENCES)
        low = rng.choice([1, 2, 5, 10, 20]) * 1000
        values = {"low": low, "high": low * rng.choice([3, 5, 10]), "rate": rng.choice([50, 80])}
        values |= {"provider": owners[0].name, "place": place, "years": rng.randint(1, 3)}
        values["months"] = rng.choice([6, 12, 18, 24])
        while "{" in template:  # each placeholder gets its own draw
            name = template[template.index("{") + 1 : template.index("}")]
            value = words[name]() if name in words else values[name]
            template = template.replace("{" + name + "}", str(value), 1)
        return template

    def name_piece():
        return f"{rng.choice(ACTIONS)} pour {themes[0]} {rng.choice(BENEFICIARIES)} – {place}"

    name = text_between(rng, name_piece, 40, 120)
    short = f"{AidKind(kind).label} pour {themes[0]} {rng.choice(BENEFICIARIES)}, "
    short = text_between(rng, lambda: f"{short}{rng.choice(PURPOSES)}.", 150, 260)
    status = pick(rng, STATUSES)
    closing = None if rng.random() < 0.35 else today + datetime.timedelta(rng.randint(-400, 500))
    if status == AidStatus.CLOSED and closing and closing >= today:
        closing = today - datetime.timedelta(rng.randint(1, 300))
    amount_kind = rng.choice(list(AmountKind))
    high = rng.choice([1, 5, 10, 30, 100]) * 1000
    from_at = rng.random() < 0.3
    aid = Aid(
        name=name,
        slug=f"{slugify(name)[:100]}-{number}",
        short_description=short,
        description=text_between(rng, sentence, 500, 3000),
        kind=kind,
        amount_kind=amount_kind,
        amount_min_eur=Decimal(high // 5) if amount_kind == AmountKind.RANGE else None,
        amount_max_eur=Decimal(high)
        if amount_kind in {AmountKind.RANGE, AmountKind.FLAT}
        else None,
        rate_percent=Decimal(rng.choice([50, 80])) if amount_kind == AmountKind.RATE else None,
        is_national=scope == "national",
        opening_date=None
        if rng.random() < 0.5
        else today - datetime.timedelta(rng.randint(0, 400)),
        closing_date=closing,
        recurrence=rng.choice(list(Recurrence)),
        is_call_for_projects=rng.random() < 0.25,
        status=status,
        source=AidSource.AIDES_TERRITOIRES if from_at else AidSource.PROVIDER,
        source_key=f"bench-{number}" if from_at else "",
        provider_names=" ".join(sorted(owner.name for owner in owners)),
    )
    sectors = rng.sample(list(Sector), rng.choice([1, 1, 2, 3])) if rng.random() < 0.3 else []
    return aid, owners, places, sectors


M2M = {"region": "regions", "department": "departments", "epci": "epcis", "commune": "communes"}


@transaction.atomic
def generate_aids(count, today, rng):
    """Bulk-create `count` aids with providers, territories and sectors, then index their text."""
    territories = Territories()
    providers = build_providers(territories)
    built = [make_aid(rng, number, today, territories, providers) for number in range(count)]
    aids = Aid.objects.bulk_create([row[0] for row in built], batch_size=BATCH)
    links = {"providers": []} | {field: [] for field in M2M.values()}
    sectors = []
    for aid, (_, owners, places, aid_sectors) in zip(aids, built, strict=True):
        links["providers"] += [(aid.pk, owner.pk) for owner in owners]
        for level, values in places.items():
            links[M2M[level]] += [(aid.pk, value) for value in values]
        sectors += [AidSector(aid_id=aid.pk, sector=sector) for sector in aid_sectors]
    for field, pairs in links.items():
        through = getattr(Aid, field).through
        target = getattr(Aid, field).field.m2m_reverse_name()
        rows = [through(aid_id=aid_pk, **{target: value}) for aid_pk, value in pairs]
        through.objects.bulk_create(rows, batch_size=BATCH)
    AidSector.objects.bulk_create(sectors, batch_size=BATCH)
    reindex(Aid.objects.exclude(source=AidSource.SEED))
    return {
        "aids": len(aids),
        "national": sum(aid.is_national for aid in aids),
        "with_sectors": len({row.aid_id for row in sectors}),
        "description_chars_avg": round(sum(len(aid.description) for aid in aids) / len(aids)),
        **{f"links_{field}": len(pairs) for field, pairs in links.items()},
    }
