"""The demo's support network (issue 14): who a request for help can go to, with what each
organisation offers (`orientation.SupportOffer`: a catalog scheme, its needs, its zone).

- One DLA per department and one regional DLA per region of the territories tables, each
  departmental DLA having its regional DLA as head of network (`Organization.parent`). The seed
  counts 103 departmental and 17 regional DLA (seeds/003): a department may have more than one
  carrier and the seed does not say which region shares its regional DLA, while the COG tables
  here have 101 departments and 18 regions; the demo needs exactly one DLA wherever a structure
  can be, so it follows the tables. The seeds name no carrier: every DLA is marked « (démo) »,
  except the « DLA de la Creuse » of the demo accounts, kept as it is.
- France Active in every region (its support, the contrat d'apport associatif, the prêt relais
  solidaire: seeds/001 cites France Active's territorial funds and France Active PACA).
- The SOS Employeurs ESS cells of the six regions seeds/001 names, Guid'Asso and the Médiateur
  des entreprises (national), the DREETS PACA pathway for insertion workshops (region 93).

Re-running creates only what is missing (organisations by name, offers by organisation and
scheme); bulk-created, with their history entries (`history.bulk.create_logged`).
"""

from dataclasses import dataclass, field

from django.core.management.base import CommandError

from aidess.aids.models import Aid, AidNeed
from aidess.history.bulk import create_logged
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.orientation.enums import ZoneKind
from aidess.orientation.models import SupportOffer
from aidess.territories.models import Department, Region

SEED_001 = "seeds/001_df822ab46c4d35f1.txt (cellule de veille nationale de l'ESS, 2025)"
SEED_003 = "seeds/003_c6f414290f85af20.txt (dispositifs d'accompagnement de l'ESS)"
SEED_004 = "seeds/004_67f79366cd653dad.txt (fiche DLA : cibles et 5 étapes)"
SOS_REGIONS = ["32", "53", "28", "52", "84", "93"]  # the catalog's sos-employeurs-ess regions
PACA = "93"
CREUSE_DLA = "DLA de la Creuse"  # a demo account's organisation (accounts.PARTNERS)
KEPT_NAMES = {"23": CREUSE_DLA}
MEDIATOR = "Médiateur des entreprises — médiation"  # the catalog's provider has the plain name
MEDIATOR_SITE = "https://www.mediateur-des-entreprises.fr/"
GUID_ASSO = "Guid'Asso — réseau d'appui aux associations"
PACA_PATHWAY = "Parcours ACI de la DREETS Provence-Alpes-Côte d'Azur"


@dataclass(frozen=True)
class Offer:
    scheme: str  # a catalog Aid slug: its criteria are the offer's conditions
    description: str
    conditions: str
    source: str
    website: str = ""


@dataclass
class Spec:
    name: str
    level: str
    regions: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    parent: str = ""
    offers: list = field(default_factory=list)

    @property
    def zone(self):
        if self.level == ScopeLevel.NATIONAL:
            return ZoneKind.NATIONAL, []
        if self.level == ScopeLevel.REGIONAL:
            return ZoneKind.REGION, self.regions
        return ZoneKind.DEPARTMENT, self.departments


def dla_name(department):
    return KEPT_NAMES.get(department.code) or f"DLA {department.name} (démo)"


def regional_dla_name(region):
    return f"DLA régional {region.name} (démo)"


def france_active_name(region):
    return f"France Active {region.name}"


def departmental_dla(department, region):
    where = f"du département {department.name} ({department.code})"
    seat = f"dont le siège est dans le département {department.name} ({department.code})"
    return Spec(
        dla_name(department),
        ScopeLevel.DEPARTMENTAL,
        departments=[department.code],
        parent=regional_dla_name(region),
        offers=[
            Offer(
                "dla",
                "Accompagnement gratuit et sur mesure des structures employeuses de l'ESS "
                f"{where} : accueil, diagnostic partagé, construction puis coordination d'un "
                "parcours d'accompagnement (individuel ou collectif, de 2 mois à 2 ans), suivi "
                "et consolidation.",
                "Associations employeuses, structures d'insertion par l'activité économique et "
                f"autres entreprises de l'ESS employeuses, {seat}.",
                f"{SEED_004} ; {SEED_003}",
            ),
            Offer(
                "dla-restructuration",
                "Parcours DLA centré sur le redressement et la réorganisation des structures "
                "fragilisées, notamment par la baisse des financements publics.",
                "Structures employeuses de l'ESS en difficulté (baisse de financements, perte "
                f"de recettes, trésorerie tendue, retards de paiement), {seat}.",
                SEED_001,
            ),
        ],
    )


def regional_dla(region):
    return Spec(
        regional_dla_name(region),
        ScopeLevel.REGIONAL,
        regions=[region.code],
        offers=[
            Offer(
                "dla",
                f"DLA régional de la région {region.name} : tête de réseau des DLA "
                "départementaux de la région, dont il suit les demandes, et accompagnement des "
                "structures employeuses de l'ESS de la région.",
                f"Structures employeuses de l'ESS de la région {region.name}.",
                SEED_003,
            )
        ],
    )


def france_active(region):
    where = f"de la région {region.name}"
    return Spec(
        france_active_name(region),
        ScopeLevel.REGIONAL,
        regions=[region.code],
        offers=[
            Offer(
                "france-active-accompagnement",
                "Accompagnement des structures en difficulté, depuis l'évaluation des "
                "difficultés jusqu'à l'appui à la mise en œuvre du plan de redressement.",
                "Associations et entreprises agréées ESUS ayant un budget de plus de "
                f"200 000 €, en difficulté, {where}.",
                SEED_001,
            ),
            Offer(
                "contrat-apport-associatif",
                "Apport qui renforce les fonds propres d'une association fragilisée.",
                f"Associations {where}.",
                SEED_001,
            ),
            Offer(
                "pret-relais-solidaire",
                "Prêt pour faire la jonction de trésorerie en attendant le versement d'une "
                "subvention ou d'un financement.",
                "Structures de l'ESS face à un retard de paiement, une tension de trésorerie ou "
                f"une baisse de financement public, {where}.",
                SEED_001,
            ),
        ],
    )


def sos_cell(region):
    return Spec(
        f"SOS Employeurs ESS {region.name}",
        ScopeLevel.REGIONAL,
        regions=[region.code],
        offers=[
            Offer(
                "sos-employeurs-ess",
                "Cellule d'appui de l'UDES : écoute bénévole, de pair à pair et sans "
                "formalités, des employeurs de l'ESS en difficulté, et orientation vers les "
                "dispositifs existants.",
                f"Employeurs de l'ESS de la région {region.name}.",
                SEED_001,
            )
        ],
    )


NATIONAL_SPECS = [
    Spec(
        GUID_ASSO,
        ScopeLevel.NATIONAL,
        offers=[
            Offer(
                "guid-asso",
                "Réseau de structures de proximité : service gratuit d'appui aux porteurs de "
                "projets, bénévoles et salariés des associations.",
                "Associations : porteurs de projets, bénévoles et salariés.",
                SEED_001,
            )
        ],
    ),
    Spec(
        MEDIATOR,
        ScopeLevel.NATIONAL,
        offers=[
            Offer(
                "mediateur-des-entreprises",
                "Service public rapide, gratuit et confidentiel de médiation, saisi pour tout "
                "différend : retards de paiement, désaccord avec un client, un fournisseur ou "
                "un financeur, y compris public.",
                "Tout acteur économique privé (y compris associatif) ou public ayant un différend.",
                SEED_001,
                website=MEDIATOR_SITE,
            )
        ],
    ),
]


def paca_pathway():
    return Spec(
        PACA_PATHWAY,
        ScopeLevel.REGIONAL,
        regions=[PACA],
        offers=[
            Offer(
                "dreets-paca-aci",
                "Parcours avec ateliers, accompagnement individuel et collectif et orientation, "
                "associant la DREETS, les DDETS, le Médiateur, la DRFIP, l'URSSAF, la Banque des "
                "territoires, les réseaux IAE, la CRESS et France Active PACA.",
                "Ateliers et chantiers d'insertion de Provence-Alpes-Côte d'Azur en difficulté "
                "face à la baisse des financements publics.",
                SEED_001,
            )
        ],
    )


def network_specs():
    """Every organisation of the network, regional heads before their departmental DLA."""
    regions = list(Region.objects.order_by("code"))
    by_code = {region.code: region for region in regions}
    specs = [regional_dla(region) for region in regions]
    specs += [
        departmental_dla(department, by_code[department.region_id])
        for department in Department.objects.order_by("code")
    ]
    specs += [france_active(region) for region in regions]
    specs += [sos_cell(by_code[code]) for code in SOS_REGIONS]
    return [*specs, *NATIONAL_SPECS, paca_pathway()]


def scheme_needs(slugs):
    """{slug: (Aid, [needs])}: the offer answers the needs its scheme answers."""
    aids = {aid.slug: aid for aid in Aid.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(aids))
    if missing:
        raise CommandError(
            "Dispositifs absents du catalogue : " + ", ".join(missing) + ". Chargez d'abord le "
            "catalogue : load_catalog."
        )
    needs = {slug: [] for slug in slugs}
    for slug, need in AidNeed.objects.filter(aid__slug__in=slugs).values_list("aid__slug", "need"):
        needs[slug].append(need)
    return {slug: (aids[slug], sorted(needs[slug])) for slug in slugs}


def create_organizations(specs):
    """{name: Organization}, creating the missing ones (heads first, for their children's
    `parent`) and attaching existing ones to their head when they have none."""
    found = {
        organization.name: organization
        for organization in Organization.objects.filter(
            kind=OrganizationKind.SUPPORT, name__in=[spec.name for spec in specs]
        )
    }
    for heads in (True, False):
        missing = [s for s in specs if s.name not in found and bool(s.parent) != heads]
        created = create_logged(
            Organization,
            [
                Organization(
                    name=spec.name,
                    kind=OrganizationKind.SUPPORT,
                    scope_level=spec.level,
                    parent=found.get(spec.parent),
                )
                for spec in missing
            ],
        )
        for spec, organization in zip(missing, created, strict=True):
            found[spec.name] = organization
        region_rows = [
            Organization.regions.through(organization_id=found[s.name].pk, region_id=code)
            for s in missing
            for code in s.regions
        ]
        department_rows = [
            Organization.departments.through(organization_id=found[s.name].pk, department_id=c)
            for s in missing
            for c in s.departments
        ]
        Organization.regions.through.objects.bulk_create(region_rows)
        Organization.departments.through.objects.bulk_create(department_rows)
    for spec in specs:  # an organisation created before the network (a demo account's)
        organization = found[spec.name]
        if spec.parent and organization.parent_id is None:
            organization.parent = found[spec.parent]
            organization.save(update_fields=["parent"])
    return found


def create_support_network():
    """Returns (organisations, offers) created."""
    specs = network_specs()
    schemes = scheme_needs(sorted({offer.scheme for spec in specs for offer in spec.offers}))
    before = Organization.objects.filter(kind=OrganizationKind.SUPPORT).count()
    organizations = create_organizations(specs)
    existing = set(
        SupportOffer.objects.filter(
            organization__in=[organizations[spec.name] for spec in specs]
        ).values_list("organization_id", "scheme__slug")
    )
    offers = []
    for spec in specs:
        organization = organizations[spec.name]
        zone_kind, zone_codes = spec.zone
        for offer in spec.offers:
            if (organization.pk, offer.scheme) in existing:
                continue
            scheme, needs = schemes[offer.scheme]
            offers.append(
                SupportOffer(
                    organization=organization,
                    scheme=scheme,
                    needs=needs,
                    zone_kind=zone_kind,
                    zone_codes=list(zone_codes),
                    description=offer.description,
                    conditions=offer.conditions,
                    website=offer.website,
                    source=offer.source,
                )
            )
    create_logged(SupportOffer, offers)
    after = Organization.objects.filter(kind=OrganizationKind.SUPPORT).count()
    return after - before, len(offers)
