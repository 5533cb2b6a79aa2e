"""The support organisations and their offers as data·inclusion **v1** structures and services
(schemas copied in `schema/data-inclusion/`, with their provenance), for the directory of the
inclusion offer to pick up. Active support organisations with at least one active offer; one
service per active offer.

How our words become theirs (the v1 vocabularies are written for people looking for work; ours
describe organisations, so some fields stay empty rather than say something false):

| data·inclusion | from | rule |
|---|---|---|
| `source` | — | `aidess` |
| structure `id` | organisation | `aidess--organisation-<id>` |
| service `id`, `structure_id` | offer | `aidess--offre-<id>`, its organisation's id |
| `nom` | organisation / scheme | name (≤ 150 characters, no final period) |
| `date_maj` | offer | last change of the offer (structure: of its latest offer), local date |
| `siret` | organisation | when it has 14 digits |
| structure `description` | offers | « Propose : » and the schemes' names |
| `reseaux_porteurs` | schemes' providers | `france-active` when France Active carries one of its schemes |
| service `description` | offer | what is offered, else the scheme's summary |
| `type` | scheme kind | support, mediation → `accompagnement`; listening → `information`; grant, loan, repayable advance, guarantee, equity → `aide-financiere` |
| `thematiques` | offer's needs | see `NEED_THEMATIQUES` |
| `frais` | scheme's amount note | `gratuit` when it says « Gratuit… », else empty (unknown); the note in `frais_precisions` |
| `publics` | — | empty: the services are for ESS structures (organisations), which no v1 public (people) describes; said in `publics_precisions` |
| `conditions_acces` | offer's conditions | as written (the eligibility criteria of its scheme) |
| `zone_eligibilite` | offer's zone | communes, departments, EPCI as they are; a region as its departments' codes (the schema's rule); national → `france` |
| `modes_mobilisation` | — | `utiliser-lien-mobilisation` (+ `envoyer-un-courriel`, `telephoner` when the offer has them) |
| `lien_mobilisation` | scheme | its own application link, else its page on AidESS (where the request for help starts) |
| `mobilisable_par` | — | `usagers` (the structure asks) and `professionnels` (an advisor redirects) |
| `modes_accueil`, addresses, coordinates, hours | — | empty: not recorded here |
"""

from django.utils import timezone

from aidess.aids.enums import AidKind, Need
from aidess.organizations.enums import OrganizationKind
from aidess.orientation.enums import ZoneKind
from aidess.orientation.models import SupportOffer
from aidess.territories.models import Department

SOURCE = "aidess"
NEED_THEMATIQUES = {
    Need.CASH: ["difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"],
    Need.ACTIVITY_FUNDING: ["creer-une-entreprise--developper-son-entreprise"],
    Need.INVESTMENT: ["creer-une-entreprise--developper-son-entreprise"],
    Need.ADVICE: ["creer-une-entreprise--developper-son-entreprise"],
    Need.EMPLOYMENT: ["trouver-un-emploi--maintien-dans-lemploi"],
    Need.PAYMENT_DISPUTE: [
        "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
        "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    ],
    Need.RESTRUCTURING: [
        "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
        "creer-une-entreprise--developper-son-entreprise",
    ],
}
KIND_TYPES = {
    AidKind.SUPPORT: "accompagnement",
    AidKind.MEDIATION: "accompagnement",
    AidKind.LISTENING: "information",
    AidKind.GRANT: "aide-financiere",
    AidKind.LOAN: "aide-financiere",
    AidKind.REPAYABLE_ADVANCE: "aide-financiere",
    AidKind.GUARANTEE: "aide-financiere",
    AidKind.EQUITY: "aide-financiere",
}
NETWORKS = {"France Active": "france-active"}  # a scheme provider's name → reseau porteur
PUBLICS_PRECISIONS = (
    "Structures de l'économie sociale et solidaire (associations, coopératives, mutuelles, "
    "fondations, entreprises agréées ESUS), leurs dirigeants, bénévoles et salariés."
)
MOBILISATION_PRECISIONS = (
    "Demande d'accompagnement sur AidESS : la structure décrit sa situation et ses besoins, la "
    "demande va aux organisations dont l'offre correspond, au plus près de son territoire."
)


def identifier(kind, pk):
    return f"{SOURCE}--{kind}-{pk}"


def name_of(text):
    return text.strip().rstrip(".").strip()[:150]


def published_offers():
    return (
        SupportOffer.objects.filter(
            is_active=True,
            organization__is_active=True,
            organization__kind=OrganizationKind.SUPPORT,
        )
        .select_related("organization", "scheme")
        .prefetch_related("scheme__providers")
        .order_by("organization_id", "pk")
    )


def zone_of(offer, departments_of_region):
    if offer.zone_kind == ZoneKind.NATIONAL:
        return ["france"]
    if offer.zone_kind == ZoneKind.REGION:
        codes = [c for region in offer.zone_codes for c in departments_of_region.get(region, [])]
    else:
        codes = list(offer.zone_codes)
    return sorted(set(codes)) or None


def free_of_charge(scheme):
    return "gratuit" if scheme.amount_note.lower().startswith("gratuit") else None


def service(offer, departments_of_region, absolute_url):
    scheme = offer.scheme
    thematiques = sorted({t for need in offer.needs for t in NEED_THEMATIQUES.get(need, [])})
    modes = ["utiliser-lien-mobilisation"]
    modes += ["envoyer-un-courriel"] if offer.contact_email else []
    modes += ["telephoner"] if offer.phone else []
    page = absolute_url(scheme.get_absolute_url())
    description = offer.description or scheme.short_description or scheme.description
    return {
        "source": SOURCE,
        "id": identifier("offre", offer.pk),
        "structure_id": identifier("organisation", offer.organization_id),
        "nom": name_of(scheme.name),
        "description": (description if len(description) >= 5 else scheme.name)[:10000],
        "date_maj": timezone.localdate(offer.updated_at).isoformat(),
        "type": KIND_TYPES.get(scheme.kind),
        "thematiques": thematiques or None,
        "frais": free_of_charge(scheme),
        "frais_precisions": scheme.amount_note or None,
        "publics": None,
        "publics_precisions": PUBLICS_PRECISIONS,
        "conditions_acces": offer.conditions or None,
        "zone_eligibilite": zone_of(offer, departments_of_region),
        "modes_mobilisation": modes,
        "mobilisable_par": ["usagers", "professionnels"],
        "mobilisation_precisions": MOBILISATION_PRECISIONS,
        "lien_mobilisation": scheme.application_url or page,
        "lien_source": page,
        "courriel": offer.contact_email or None,
        "telephone": offer.phone or None,
    }


def first_of(offers, field):
    return next((getattr(offer, field) for offer in offers if getattr(offer, field)), None)


def structure(organization, offers):
    networks = {
        NETWORKS[provider.name]
        for offer in offers
        for provider in offer.scheme.providers.all()
        if provider.name in NETWORKS
    }
    siret = organization.siret
    schemes = ", ".join(dict.fromkeys(offer.scheme.name for offer in offers))
    return {
        "source": SOURCE,
        "id": identifier("organisation", organization.pk),
        "nom": name_of(organization.name),
        "date_maj": max(timezone.localdate(offer.updated_at) for offer in offers).isoformat(),
        "siret": siret if len(siret) == 14 and siret.isdigit() else None,
        "description": f"Propose : {schemes}."[:10000],
        "reseaux_porteurs": sorted(networks) or None,
        "site_web": first_of(offers, "website"),
        "courriel": first_of(offers, "contact_email"),
        "telephone": first_of(offers, "phone"),
    }


def grouped_offers():
    """[(organisation, [its offers])], organisations whose name the schema accepts (≥ 3)."""
    groups = {}
    for offer in published_offers():
        if len(name_of(offer.organization.name)) >= 3:
            groups.setdefault(offer.organization_id, (offer.organization, []))[1].append(offer)
    return list(groups.values())


def structures():
    return [structure(organization, offers) for organization, offers in grouped_offers()]


def services(absolute_url):
    """`absolute_url(path)`: the page's address as the reader reaches it."""
    departments_of_region = {}
    for code, region in Department.objects.values_list("code", "region_id"):
        departments_of_region.setdefault(region, []).append(code)
    return [
        service(offer, departments_of_region, absolute_url)
        for _organization, offers in grouped_offers()
        for offer in offers
    ]
