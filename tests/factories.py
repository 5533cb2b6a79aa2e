"""The objects tests build, with plain defaults: a test names only what it is about."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from aidess.accounts.models import User
from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.models import Aid, AidSector
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.cashflow.models import CashflowLine, CashflowPlan, LineCategory, LineKind
from aidess.diagnosis.models import STEP_COUNT, Diagnosis, SharingConsent
from aidess.eligibility.models import AidCriteria
from aidess.organizations.enums import ROLE_OF_KIND, OrganizationKind, Role, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.structures.models import Structure, StructureMembership, StructureSituation
from aidess.territories.models import Commune

PASSWORD = "Mot-de-passe-solide-42"
KIND_OF_ROLE = {role: kind for kind, role in ROLE_OF_KIND.items()}


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    password = factory.django.Password(PASSWORD)

    class Params:
        admin = factory.Trait(is_staff=True, is_superuser=True)


class StructureFactory(DjangoModelFactory):
    """Seat in Lille (59) unless told otherwise. `member=user` attaches an administrator member,
    `members=[...]` plain members; `situations=[...]` declares them as a self-diagnosis would."""

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

    @factory.post_generation
    def members(self, create, users, **kwargs):
        if create and users:
            StructureMembership.objects.bulk_create(
                StructureMembership(user=user, structure=self) for user in users
            )

    @factory.post_generation
    def situations(self, create, situations, **kwargs):
        if create and situations is not None:
            StructureSituation.objects.bulk_create(
                StructureSituation(structure=self, situation=item) for item in situations
            )
            self.situations_declared_at = timezone.now()
            self.save(update_fields=["situations_declared_at"])


class StructureMembershipFactory(DjangoModelFactory):
    class Meta:
        model = StructureMembership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)


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


class OrganizationMembershipFactory(DjangoModelFactory):
    """A new user in a new organisation: `role` gives its kind, `scope` its level, `regions` /
    `departments` its territory; `is_active=False` for a deactivated membership."""

    class Meta:
        model = OrganizationMembership
        skip_postgeneration_save = True

    class Params:
        role = Role.ADVISOR
        scope = ScopeLevel.DEPARTMENTAL

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(
        OrganizationFactory,
        kind=factory.LazyAttribute(lambda o: KIND_OF_ROLE[o.factory_parent.role]),
        scope_level=factory.SelfAttribute("..scope"),
    )

    @factory.post_generation
    def regions(self, create, codes, **kwargs):
        if create and codes:
            self.organization.regions.set(codes)

    @factory.post_generation
    def departments(self, create, codes, **kwargs):
        if create and codes:
            self.organization.departments.set(codes)


def partner(kind, scope_level, regions=(), departments=()):
    """A user who is a member of a new partner organisation with that territory."""
    return OrganizationMembershipFactory(
        role=ROLE_OF_KIND[kind],
        scope=scope_level,
        regions=list(regions),
        departments=list(departments),
    ).user


class AidFactory(DjangoModelFactory):
    """A published national grant; `providers`, `regions`, `departments` and `sectors` take lists
    (give `is_national=False` with a territory). Not indexed for search: see aids/helpers.make_aid."""

    class Meta:
        model = Aid
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Aide numéro {n}")
    slug = factory.Sequence(lambda n: f"aide-numero-{n}")
    short_description = factory.LazyAttribute(lambda aid: f"{aid.name}.")
    kind = AidKind.GRANT
    status = AidStatus.PUBLISHED
    source = AidSource.PROVIDER
    is_national = True

    @factory.post_generation
    def providers(self, create, organizations, **kwargs):
        if create and organizations:
            self.providers.set(organizations)

    @factory.post_generation
    def regions(self, create, codes, **kwargs):
        if create and codes:
            self.regions.set(codes)

    @factory.post_generation
    def departments(self, create, codes, **kwargs):
        if create and codes:
            self.departments.set(codes)

    @factory.post_generation
    def sectors(self, create, sectors, **kwargs):
        if create and sectors:
            AidSector.objects.bulk_create(AidSector(aid=self, sector=item) for item in sectors)


class AidCriteriaFactory(DjangoModelFactory):
    """The criteria of a new aid (`aid__name=...` to name it); none by default: open to all."""

    class Meta:
        model = AidCriteria

    aid = factory.SubFactory(AidFactory)
    provenance = "Critères d'essai."


class DiagnosisFactory(DjangoModelFactory):
    """A self-diagnosis in progress; `completed=True` for one finished with every step saved
    (call `.complete()` instead to also declare its situations on the structure)."""

    class Meta:
        model = Diagnosis

    structure = factory.SubFactory(StructureFactory)
    answers = factory.LazyFunction(dict)

    class Params:
        completed = factory.Trait(step=STEP_COUNT, completed_at=factory.LazyFunction(timezone.now))


class CashflowPlanFactory(DjangoModelFactory):
    """The example plan of tests/cashflow/example.py (a 3 000,50 € need in March 2026) unless
    `receipts` / `expenses` give other lines as {label: [amount strings]}."""

    class Meta:
        model = CashflowPlan
        skip_postgeneration_save = True

    structure = factory.SubFactory(StructureFactory)
    title = "Plan 2026"
    start = datetime.date(2026, 1, 1)
    months = 3
    opening_balance = Decimal("1000.00")

    @factory.post_generation
    def receipts(self, create, lines, **kwargs):
        if create:
            add_lines(
                self, LineKind.RECEIPT, lines or {"Ventes": ["3000.00", "4000.00", "2000.00"]}
            )

    @factory.post_generation
    def expenses(self, create, lines, **kwargs):
        if create:
            add_lines(
                self, LineKind.EXPENSE, lines or {"Salaires": ["5000.00", "3500.00", "4500.50"]}
            )


def add_lines(plan, kind, lines):
    category = (
        LineCategory.OTHER_RECEIPT if kind == LineKind.RECEIPT else LineCategory.OTHER_EXPENSE
    )
    first = plan.lines.count()
    CashflowLine.objects.bulk_create(
        CashflowLine(
            plan=plan,
            kind=kind,
            category=category,
            label=label,
            position=first + index,
            amounts=amounts,
        )
        for index, (label, amounts) in enumerate(lines.items())
    )


class SharingConsentFactory(DjangoModelFactory):
    """A structure shares its finances with a new support organisation; `revoked=True` withdrawn."""

    class Meta:
        model = SharingConsent

    structure = factory.SubFactory(StructureFactory)
    organization = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.SUPPORT)

    class Params:
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))


class ApplicationFactory(DjangoModelFactory):
    """A submitted application of a new structure to a new aid taking applications here;
    `status=` sets any state directly (lifecycle tests go through APPLICATION_LIFECYCLE).
    `instructor(app)` and `applicant(app)` give users who act on it."""

    class Meta:
        model = Application

    structure = factory.SubFactory(StructureFactory)
    aid = factory.SubFactory(AidFactory, apply_in_aidess=True)
    status = ApplicationStatus.SUBMITTED
    reference = factory.Sequence(lambda n: f"2026-{n:06d}")
    project_title = factory.Sequence(lambda n: f"Projet numéro {n}")
    project_objectives = "Maintenir l'activité du tiers-lieu."
    amount_requested_eur = Decimal("10000.00")
    project_budget_eur = Decimal("25000.00")
    submitted_at = factory.LazyFunction(timezone.now)


def instructor(application, scope=ScopeLevel.NATIONAL, **territory):
    """A member of a new provider organisation of the application's aid."""
    membership = OrganizationMembershipFactory(role=Role.PROVIDER, scope=scope, **territory)
    application.aid.providers.add(membership.organization)
    return membership.user


def applicant(application):
    """An active member of the applying structure."""
    return StructureMembershipFactory(structure=application.structure).user
