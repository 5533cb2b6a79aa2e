import factory
from factory.django import DjangoModelFactory

from aidess.accounts.models import User
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.structures.models import Structure, StructureMembership
from aidess.territories.models import Commune

PASSWORD = "Mot-de-passe-solide-42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    password = factory.django.Password(PASSWORD)

    class Params:
        admin = factory.Trait(is_staff=True, is_superuser=True)


class StructureFactory(DjangoModelFactory):
    """Seat in Lille (59) unless told otherwise; `member=user` attaches a member."""

    class Meta:
        model = Structure
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association numéro {n}")
    legal_category_id = "9220"
    sector = "culture"
    commune = factory.LazyFunction(lambda: Commune.objects.get(code="59350"))
    is_ess = True

    @factory.post_generation
    def member(self, create, user, **kwargs):
        if create and user:
            StructureMembership.objects.create(user=user, structure=self, is_admin=True)


class OrganizationFactory(DjangoModelFactory):
    """`regions=["32"]` / `departments=["59"]` set the scope's territories."""

    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganizationKind.SUPPORT
    scope_level = ScopeLevel.DEPARTMENTAL

    @factory.post_generation
    def regions(self, create, codes, **kwargs):
        if create and codes:
            self.regions.set(codes)

    @factory.post_generation
    def departments(self, create, codes, **kwargs):
        if create and codes:
            self.departments.set(codes)


def partner(kind, scope_level, regions=(), departments=()):
    """A user who is a member of a new partner organisation with that territory."""
    organization = OrganizationFactory(
        kind=kind, scope_level=scope_level, regions=list(regions), departments=list(departments)
    )
    user = UserFactory()
    OrganizationMembership.objects.create(user=user, organization=organization)
    return user
