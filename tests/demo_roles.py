"""The demo's people, one per role (aidess/demo/accounts.py), for the permission tests: each rule
is checked for every role the README lists, plus an anonymous visitor."""

from django.contrib.auth.models import AnonymousUser

from aidess.accounts.models import User
from aidess.demo.accounts import DEMO_STRUCTURE_SIRET, create_demo_accounts
from aidess.structures.models import Structure
from aidess.territories.models import Commune
from tests.factories import StructureFactory

EMAILS = {
    "member": "structure@demo.aidess.fr",  # Théâtre Stéphane Gildas, Paris 13e (region 11)
    "advisor_dla_23": "conseiller.dla@demo.aidess.fr",  # DLA de la Creuse, department 23
    "advisor_france_active_75": "conseiller.france-active@demo.aidess.fr",  # region 75
    "provider_75": "financeur@demo.aidess.fr",  # DREETS Nouvelle-Aquitaine, region 75
    "watch_regional_75": "veille.regionale@demo.aidess.fr",
    "watch_national": "veille.nationale@demo.aidess.fr",
    "admin": "admin@demo.aidess.fr",
}
ROLES = [*EMAILS, "anonymous"]


class Demo:
    """The demo accounts, the demo structure (Paris) and a structure in Aubusson (Creuse, 23,
    Nouvelle-Aquitaine 75) that no demo account belongs to."""

    def __init__(self):
        create_demo_accounts()
        users = {user.email: user for user in User.objects.filter(email__in=EMAILS.values())}
        self.users = {role: users[email] for role, email in EMAILS.items()}
        self.users["anonymous"] = AnonymousUser()
        self.paris = Structure.objects.get(siret=DEMO_STRUCTURE_SIRET)
        self.aubusson = StructureFactory(
            name="Tapisserie solidaire d'Aubusson", commune=Commune.objects.get(code="23008")
        )

    def __getitem__(self, role):
        return self.users[role]

    def deactivate(self, role):
        """The person stays, its memberships (organisation and structure) stop counting."""
        user = self.users[role]
        user.organization_memberships.update(is_active=False)
        user.structure_memberships.update(is_active=False)
        return user
