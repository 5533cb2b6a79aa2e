"""One demo account per role, listed in the README. Re-running updates them in place."""

from aidess.accounts.models import User
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.structures.models import Structure, StructureMembership
from aidess.territories.models import Commune

DEMO_PASSWORD = "AidESS-demo-2026"
DEMO_STRUCTURE_SIRET = "80032984900023"  # real SIRET, so the Sirene lookup can be tried on it
# Instructs the national demo aids, which the demo structure (Paris) applies to: the demo funder
# (DREETS Nouvelle-Aquitaine) does not cover Paris.
NATIONAL_PROVIDER_EMAIL = "instructeur.national@demo.aidess.fr"
REGIONAL_DLA_MANAGER = "responsable.dla@demo.aidess.fr"
# A login for a hand-written structure of application_data.NAMED_STRUCTURES (whose own member
# has no password): (e-mail, key, first name, last name). The Compagnie des Lucioles (Aubusson) is
# the theatre association that asks the DLA de la Creuse for help.
STRUCTURE_LOGINS = [("lucioles@demo.aidess.fr", "lucioles", "Nadia", "Benali")]

# (e-mail, organisation name, kind, scope level, region codes, department codes)
PARTNERS = [
    (
        "conseiller.dla@demo.aidess.fr",
        "DLA de la Creuse",
        OrganizationKind.SUPPORT,
        ScopeLevel.DEPARTMENTAL,
        [],
        ["23"],
    ),
    (
        "conseiller.france-active@demo.aidess.fr",
        "France Active Nouvelle-Aquitaine",
        OrganizationKind.SUPPORT,
        ScopeLevel.REGIONAL,
        ["75"],
        [],
    ),
    (
        # Head of network of the Nouvelle-Aquitaine DLA (support_network.py sets the parents):
        # follows the requests its departmental DLA receive.
        REGIONAL_DLA_MANAGER,
        "DLA régional Nouvelle-Aquitaine (démo)",
        OrganizationKind.SUPPORT,
        ScopeLevel.REGIONAL,
        ["75"],
        [],
    ),
    (
        "financeur@demo.aidess.fr",
        "DREETS Nouvelle-Aquitaine",
        OrganizationKind.PROVIDER,
        ScopeLevel.REGIONAL,
        ["75"],
        [],
    ),
    (
        NATIONAL_PROVIDER_EMAIL,
        "État — délégation ministérielle à l'ESS",  # the seed catalog's provider of that name
        OrganizationKind.PROVIDER,
        ScopeLevel.NATIONAL,
        [],
        [],
    ),
    (
        "veille.regionale@demo.aidess.fr",
        "Cellule régionale de veille Nouvelle-Aquitaine",
        OrganizationKind.WATCH_CELL,
        ScopeLevel.REGIONAL,
        ["75"],
        [],
    ),
    (
        "veille.nationale@demo.aidess.fr",
        "Cellule nationale de veille de l'ESS",
        OrganizationKind.WATCH_CELL,
        ScopeLevel.NATIONAL,
        [],
        [],
    ),
]


def demo_user(email, **extra):
    user, _ = User.objects.update_or_create(email=email, defaults=extra)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def create_demo_accounts():
    """Returns the list of (e-mail, role description) created or refreshed."""
    created = []
    admin = demo_user("admin@demo.aidess.fr", is_staff=True, is_superuser=True)
    created.append((admin.email, "administrateur"))

    member = demo_user("structure@demo.aidess.fr", first_name="Camille", last_name="Martin")
    structure, _ = Structure.objects.update_or_create(
        siret=DEMO_STRUCTURE_SIRET,
        defaults={
            "name": "Théâtre Stéphane Gildas",
            "legal_category_id": "9220",
            "naf_activity_id": "90.01Z",
            "sector": "culture",
            "commune": Commune.objects.get(code="75113"),
            "is_ess": True,
            "rna_number": "W751222623",
            "employees_fte": 2,
            "volunteers": 12,
            "annual_budget_eur": 90000,
            "public_funding_share": 45,
        },
    )
    StructureMembership.objects.get_or_create(user=member, structure=structure, is_admin=True)
    created.append((member.email, f"membre de la structure « {structure.name} »"))

    for email, name, kind, level, regions, departments in PARTNERS:
        organization, _ = Organization.objects.update_or_create(
            name=name, defaults={"kind": kind, "scope_level": level}
        )
        organization.regions.set(regions)
        organization.departments.set(departments)
        user = demo_user(email)
        OrganizationMembership.objects.get_or_create(user=user, organization=organization)
        created.append((email, f"{organization.role.label.lower()} — {name}"))
    return created


def create_structure_logins(structures):
    """`structures`: {key: Structure}. Each login is an active administrator of its structure."""
    created = []
    for email, key, first_name, last_name in STRUCTURE_LOGINS:
        structure = structures[key]
        user = demo_user(email, first_name=first_name, last_name=last_name)
        StructureMembership.objects.update_or_create(
            user=user, structure=structure, defaults={"is_admin": True, "is_active": True}
        )
        created.append((email, f"administratrice de la structure « {structure.name} »"))
    return created
