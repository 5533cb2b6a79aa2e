"""Demo aids of the demo funder (DREETS Nouvelle-Aquitaine), one per moderation step, so that the
funder sees a refusal and its reason and the administrator finds an aid to moderate."""

from aidess.accounts.models import User
from aidess.aids.enums import AidKind, AidSource, AmountKind
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid
from aidess.aids.moderation import AID_LIFECYCLE
from aidess.organizations.models import Organization

REFUSAL = (
    "Le règlement du fonds cité n'est pas joint et le plafond de 50 000 € ne correspond pas à "
    "l'arrêté : précisez le montant et ajoutez le lien vers le règlement."
)
# (slug, name, short description, maximum amount, transitions: (name, by, comment))
AIDS = [
    (
        "demo-fonds-regional-tiers-lieux",
        "Fonds régional d'amorçage des tiers-lieux solidaires",
        "Premier équipement et animation des tiers-lieux portés par des structures de l'ESS.",
        20000,
        [("submit", "funder", "")],
    ),
    (
        "demo-aide-premier-emploi-associatif",
        "Aide au premier emploi associatif en Nouvelle-Aquitaine",
        "Prise en charge dégressive du premier poste salarié d'une association.",
        50000,
        [("submit", "funder", ""), ("refuse", "admin", REFUSAL)],
    ),
    (
        "demo-relance-ressourceries",
        "Soutien à la relance des ressourceries",
        "Trésorerie et investissement des ressourceries touchées par la baisse des apports.",
        15000,
        [("submit", "funder", ""), ("publish", "admin", "")],
    ),
]


def create_demo_aids(funder_email, admin_email):
    """Creates the missing ones through the lifecycle (logged); returns how many were created."""
    people = {
        "funder": User.objects.get(email=funder_email),
        "admin": User.objects.get(email=admin_email),
    }
    organization = Organization.objects.get(memberships__user=people["funder"])
    created = 0
    for slug, name, short, amount, steps in AIDS:
        if Aid.objects.filter(slug=slug).exists():
            continue
        aid = Aid.objects.create(
            slug=slug,
            name=name,
            short_description=short,
            kind=AidKind.GRANT,
            amount_kind=AmountKind.RANGE,
            amount_max_eur=amount,
            source=AidSource.PROVIDER,
        )
        aid.providers.set([organization])
        aid.regions.set(organization.regions.all())
        reindex(Aid.objects.filter(pk=aid.pk))
        for transition, by, comment in steps:
            AID_LIFECYCLE.apply(aid, transition, people[by], comment)
        created += 1
    return created
