"""Who acts for the demo structures: the Paris theatre's first member administers it and a new
demo account waits for her answer; a recyclery in the Creuse (the DLA's territory) has its
founder confirmed by the demo DLA advisor. Re-running changes nothing."""

from django.utils import timezone
from stdnum import luhn

from aidess.demo.accounts import DEMO_STRUCTURE_SIRET, demo_user
from aidess.organizations.models import Organization
from aidess.structures.enums import Confirmation, JoinStatus
from aidess.structures.models import JoinRequest, Structure, StructureMembership
from aidess.territories.models import Commune

REQUESTER = "benevole@demo.aidess.fr"
CREUSE_FOUNDER = "ressourcerie@demo.aidess.fr"
DLA_ADVISOR = "conseiller.dla@demo.aidess.fr"


def creuse_siret():
    """A valid SIRET outside the generated ones (they start with 9)."""
    siren = "8" + "2300001"
    siren += luhn.calc_check_digit(siren)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def create_demo_members():
    """Returns the (e-mail, role) of the accounts it adds."""
    paris = Structure.objects.get(siret=DEMO_STRUCTURE_SIRET)
    founder = StructureMembership.objects.get(
        structure=paris, user__email="structure@demo.aidess.fr"
    )
    if not founder.is_admin:
        founder.is_admin = True
        founder.save(update_fields=["is_admin"])

    requester = demo_user(REQUESTER, first_name="Sacha", last_name="Bernard")
    JoinRequest.objects.get_or_create(
        structure=paris,
        user=requester,
        status=JoinStatus.PENDING,
        defaults={
            "message": "Bonjour, je suis trésorier bénévole du théâtre depuis septembre : "
            "je prépare le dossier de demande de subvention."
        },
    )

    creuse, _ = Structure.objects.update_or_create(
        siret=creuse_siret(),
        defaults={
            "name": "Ressourcerie du Pays de Guéret",
            "legal_category_id": "9220",
            "naf_activity_id": "38.32Z",
            "sector": "circular_economy",
            "commune": Commune.objects.get(code="23096"),
            "is_ess": True,
            "employees_fte": 4,
            "volunteers": 25,
            "annual_budget_eur": 180000,
            "public_funding_share": 35,
        },
    )
    advisor = demo_user(DLA_ADVISOR)
    StructureMembership.objects.get_or_create(
        structure=creuse,
        user=demo_user(CREUSE_FOUNDER, first_name="Jeanne", last_name="Lefèvre"),
        defaults={
            "is_admin": True,
            "confirmation": Confirmation.SUPPORT_ORGANISATION,
            "confirmed_by": advisor,
            "confirmed_at": timezone.now(),
            "confirming_organization": Organization.objects.get(name="DLA de la Creuse"),
        },
    )
    return [
        (REQUESTER, f"demande à rejoindre « {paris.name} » (en attente)"),
        (
            CREUSE_FOUNDER,
            f"administratrice de « {creuse.name} », confirmée par le DLA de la Creuse",
        ),
    ]
