"""A plan's dashboard: reached, answered, diagnosed, oriented, helped, applications and money
under its aids, jobs at risk and preserved since the activation, in total, by department and by
sector, with the map; for whoever reads the plan, over the lines they may read."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aidess.applications.decisions import accept, record_payment
from aidess.applications.enums import ApplicationStatus
from aidess.organizations.enums import Role, ScopeLevel
from aidess.plans.dashboard import plan_dashboard
from aidess.plans.enums import PlanStatus
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE
from aidess.territories.models import Commune
from tests.factories import (
    AidFactory,
    ApplicationFactory,
    DiagnosisFactory,
    OrganizationMembershipFactory,
    StructureFactory,
    UserFactory,
    instructor,
)
from tests.html import Page
from tests.orientation.handling_factories import help_request
from tests.plans.helpers import activate_now, make_plan, regional_agent

pytestmark = pytest.mark.django_db

LILLE, AMIENS, PARIS = "59350", "80021", "75056"
NNBSP, NBSP = "\u202f", "\xa0"


def structure(name, commune, sector="culture", fte=None, **fields):
    return StructureFactory(
        name=name,
        commune=Commune.objects.get(code=commune),
        sector=sector,
        employees_fte=fte,
        **fields,
    )


@pytest.fixture
def agent():
    return regional_agent("32")


@pytest.fixture
def aid():
    return AidFactory(name="Fonds d'urgence culture", apply_in_aidess=True)


@pytest.fixture
def plan(agent, aid):
    """A culture and sport plan of the Hauts-de-France cell, activated over six structures
    (three in the Nord, three in the Somme) at every stage; a structure in Paris and doings
    before the activation or under another aid, which do not count."""
    before = timezone.now() - datetime.timedelta(days=3)
    member = UserFactory(email="presidente@lucioles.fr")
    s = {
        "contacted": structure("Compagnie contactée", LILLE, fte=2),
        "helped": structure("Club aidé", AMIENS, sector="sport", fte=5),
        "diagnosed": structure("Les Lucioles", LILLE, fte=1, member=member),
        "oriented": structure("Théâtre orienté", AMIENS),
        "funded": structure("Club financé", LILLE, sector="sport", fte=4),
        "unreachable": structure("Cirque injoignable", AMIENS, fte=3),
        "paris": structure("Théâtre parisien", PARIS, fte=9),
    }
    DiagnosisFactory(structure=s["contacted"], completed=True, completed_at=before)
    plan = make_plan(agent, sectors=("culture", "sport"), aid=aid, envelope_eur=Decimal("50000"))
    plan = activate_now(plan, agent)
    lines = {line.structure.name: line for line in plan.targets.select_related("structure")}

    def follow(key, transition, comment=""):
        FOLLOW_UP_LIFECYCLE.apply(lines[s[key].name], transition, agent, comment)

    follow("contacted", "contact")
    follow("helped", "help")
    follow("unreachable", "unreachable")
    follow("funded", "decline", "Préfère déposer une demande seule.")
    plan.targets.filter(structure=s["diagnosed"]).update(opened_at=timezone.now())
    DiagnosisFactory(structure=s["diagnosed"], completed=True)
    DiagnosisFactory(structure=s["paris"], completed=True)
    DiagnosisFactory(structure=s["oriented"])  # not completed
    help_request(s["oriented"])
    help_request(s["contacted"], sent=before)

    application = ApplicationFactory(
        structure=s["funded"], aid=aid, status=ApplicationStatus.INSTRUCTION
    )
    provider = instructor(application)
    accept(application, provider, Decimal("8000"))
    record_payment(application, provider, Decimal("3000"), timezone.localdate())
    ApplicationFactory(structure=s["contacted"])  # another aid
    ApplicationFactory(structure=s["funded"])  # another aid
    ApplicationFactory(structure=s["paris"], aid=aid)  # not targeted
    draft = {"status": ApplicationStatus.DRAFT, "submitted_at": None}
    ApplicationFactory(structure=s["helped"], aid=aid, **draft)  # not submitted
    return plan


def url(plan):
    return f"/plans/{plan.pk}/tableau-de-bord/"


def test_the_figures_since_the_activation(plan):
    figures = plan_dashboard(plan, plan.targets.all())

    total = figures["total"]
    assert (total.targeted, total.reached, total.answered) == (6, 4, 3)
    assert (total.diagnosed, total.oriented, total.helped) == (1, 1, 2)
    assert (total.applications, total.accepted) == (1, 1)
    assert (total.granted_eur, total.paid_eur) == (Decimal("8000"), Decimal("3000"))
    assert (total.jobs_at_risk, total.jobs_preserved) == (Decimal("15"), Decimal("9"))
    assert (total.answered_share, total.helped_share) == (50, 33)
    envelope = figures["envelope"]
    assert (envelope.voted, envelope.committed, envelope.remaining) == (
        Decimal("50000"),
        Decimal("8000"),
        Decimal("42000"),
    )
    assert figures["by_status"] == [
        ("Invitée", 2),
        ("Contactée", 1),
        ("Injoignable", 1),
        ("Besoins identifiés", 0),
        ("Aidée", 1),
        ("A décliné", 1),
    ]


def test_the_figures_by_department_and_sector(plan):
    figures = plan_dashboard(plan, plan.targets.all())

    def row(figure):
        return (
            figure.key,
            figure.label,
            figure.targeted,
            figure.reached,
            figure.answered,
            figure.diagnosed,
            figure.oriented,
            figure.helped,
            figure.applications,
            figure.granted_eur,
            figure.paid_eur,
            figure.jobs_at_risk,
            figure.jobs_preserved,
        )

    assert [row(f) for f in figures["by_department"]] == [
        ("59", "Nord", 3, 3, 2, 1, 0, 1, 1, Decimal("8000"), Decimal("3000"), 7, 4),
        ("80", "Somme", 3, 1, 1, 0, 1, 1, 0, 0, 0, 8, 5),
    ]
    assert [row(f) for f in figures["by_sector"]] == [
        ("culture", "Culture", 4, 2, 1, 1, 1, 0, 0, 0, 0, 6, 0),
        ("sport", "Sport", 2, 2, 2, 0, 0, 2, 1, Decimal("8000"), Decimal("3000"), 9, 9),
    ]


def test_the_figures_take_the_same_queries_for_more_structures(plan, agent):
    """Grouped queries: more lines, departments or applications take no more queries."""
    with CaptureQueriesContext(connection) as few:
        plan_dashboard(plan, plan.targets.all())
    other = make_plan(agent, name="Autre plan")
    for index in range(12):
        structure(f"Structure {index}", (LILLE, AMIENS, "02691")[index % 3], fte=1)
    activate_now(other, agent)
    with CaptureQueriesContext(connection) as many:
        plan_dashboard(other, other.targets.all())
    assert other.targets.count() > plan.targets.count()
    assert len(many.captured_queries) == len(few.captured_queries) <= 6


def test_the_page_shows_the_figures_the_tables_and_the_map(client, login, plan, agent):
    login(agent)
    response = client.get(url(plan))

    assert response.status_code == 200
    html = response.content.decode()
    page = Page(html).all_text
    assert "Tableau de bord du plan « Plan culture Hauts-de-France »" in page
    assert "6 structures ciblées" in page
    assert "4 structures jointes soit 67 % des structures ciblées" in page.replace(NBSP, " ")
    assert "3 ont répondu soit 50 % des structures ciblées" in page.replace(NBSP, " ")
    assert f"8{NNBSP}000{NBSP}€ accordés" in page and f"3{NNBSP}000{NBSP}€ versés" in page
    assert f"Reste à engager 42{NNBSP}000{NBSP}€" in page
    assert "15 emplois menacés (ETP)" in page and "9 emplois préservés (ETP)" in page
    assert "Injoignable 1" in page and "A décliné 1" in page
    # The map by department, each area linking to its row of the table.
    assert 'id="carte-plan-titre"' in html
    assert '<a href="#departement-59" class="aidess-map__area">' in html
    assert "Nord : 3 structure(s) ciblée(s), 67 % ont répondu, 33 % aidées" in html
    assert 'id="departement-80"' in html
    assert f"59 — Nord 3 3 2 (67{NBSP}%) 1 0 1 (33{NBSP}%) 1 8{NNBSP}000{NBSP}€" in page
    assert "Sport 2 2 2 (100" in page
    assert "Les chiffres portent sur les" not in page  # the cell reads every line


def test_an_associated_organisation_reads_the_figures_of_its_territory(client, login, plan):
    membership = OrganizationMembershipFactory(
        role=Role.ADVISOR, scope=ScopeLevel.DEPARTMENTAL, departments=["80"]
    )
    plan.organizations.add(membership.organization)
    login(membership.user)

    page = Page(client.get(url(plan)).content.decode()).all_text

    assert "Les chiffres portent sur les 3 structures de votre territoire, sur les 6" in page
    assert "3 structures ciblées" in page and "8 emplois menacés (ETP)" in page
    assert "59 — Nord" not in page and "80 — Somme 3 1" in page
    assert f"L'enveloppe du plan est de 50{NNBSP}000{NBSP}€ ; 0{NBSP}€ en ont été accordés" in page


def test_a_national_agent_reads_it_the_others_get_a_404(client, login, plan):
    from tests.plans.helpers import national_agent

    login(national_agent())
    assert client.get(url(plan)).status_code == 200

    login(regional_agent("84"))
    assert client.get(url(plan)).status_code == 404
    member = plan.targets.get(structure__name="Les Lucioles").structure.memberships.get().user
    login(member)
    assert client.get(url(plan)).status_code == 404
    assert client.get("/plans/999999/tableau-de-bord/").status_code == 404


def test_the_page_asks_to_sign_in(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_a_draft_plan_says_it_is_not_activated_and_shows_its_targeted_count(client, login, agent):
    structure("Compagnie du Nord", LILLE)
    structure("Club de la Somme", AMIENS, sector="sport")
    structure("Compagnie de la Somme", AMIENS)
    plan = make_plan(agent, sectors=("culture", "sport"))
    login(agent)

    html = client.get(url(plan)).content.decode()
    page = Page(html).all_text

    assert "Le plan n'est pas encore activé" in page
    assert "3 structures ciblées" in page
    assert "Culture 2" in page and "Sport 1" in page
    assert "Somme : 2 structure(s) ciblée(s)" in html  # the map
    assert "emplois menacés" not in page

    plan.status = PlanStatus.ACTIVATING
    plan.save()
    page = Page(client.get(url(plan)).content.decode()).all_text
    assert "L'activation du plan est en cours" in page and "3 structures ciblées" in page
