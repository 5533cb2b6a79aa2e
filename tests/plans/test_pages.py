"""The plan's pages as a watch agent uses them: the list, the draft's form and its French
messages, the targeted count before activation, activation, closing and history."""

import pytest
from django.core import mail

from aidess.plans.enums import PlanLevel, PlanStatus
from aidess.plans.models import EmergencyPlan
from tests.factories import AidFactory, StructureFactory, UserFactory
from tests.html import Page
from tests.plans.helpers import make_plan, national_agent, regional_agent

pytestmark = pytest.mark.django_db


def text_of(response):
    return Page(response.content.decode()).all_text


def form_data(**fields):
    data = {
        "name": "Plan culture Hauts-de-France",
        "trigger": "Baisse des subventions culturelles locales",
        "level": PlanLevel.REGIONAL,
        "regions": ["32"],
        "sectors": ["culture"],
        "starts_on": "2027-01-01",
        "ends_on": "2027-06-30",
        "include_followed": "on",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def culture_structures():
    member = UserFactory(email="presidente@lucioles.fr")
    return [
        StructureFactory(name="Les Lucioles", member=member, employees_fte=3),
        StructureFactory(name="Théâtre du Nord", employees_fte=2),
    ]


def test_a_regional_agent_creates_a_draft_in_its_region_only(login):
    agent = regional_agent()
    client = login(agent)
    aid = AidFactory(name="Fonds d'urgence culture")

    form = Page(client.get("/plans/nouveau/").content.decode()).form_with("regions")
    assert [f["value"] for f in form.fields if f["name"] == "regions"] == ["32"]
    assert form.value("regions") == ["32"]  # its only region, already ticked
    assert [f["value"] for f in form.fields if f["name"] == "level"] == [PlanLevel.REGIONAL]

    response = client.post("/plans/nouveau/", form_data(aids=[aid.pk]))

    plan = EmergencyPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert plan.status == PlanStatus.DRAFT
    assert plan.cell == agent.organization_memberships.get().organization
    assert plan.created_by == agent
    assert list(plan.regions.values_list("code", flat=True)) == ["32"]
    assert list(plan.aids.all()) == [aid]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_on": "2026-12-31"}, "La fin du plan doit venir après son début."),
        ({"regions": []}, "Un plan régional porte sur une seule région : cochez-la."),
        ({"fte_min": "5", "fte_max": "2"}, "Le maximum doit être supérieur ou égal au minimum."),
        ({"level": PlanLevel.NATIONAL}, "Sélectionnez un choix valide."),
        ({"regions": ["11"]}, "Sélectionnez un choix valide."),
    ],
)
def test_the_form_says_what_is_wrong_next_to_the_field(login, fields, message):
    client = login(regional_agent())

    response = client.post("/plans/nouveau/", form_data(**fields))

    assert response.status_code == 200
    assert message in text_of(response)
    assert "Le plan n'est pas enregistré" in text_of(response)
    assert not EmergencyPlan.objects.exists()


def test_departments_must_lie_in_the_region_and_a_national_plan_has_no_parent(login):
    agent = national_agent()
    client = login(agent)
    national = make_plan(agent, region=None, level=PlanLevel.NATIONAL, name="Plan national")

    outside = client.post("/plans/nouveau/", form_data(departments=["75"]))
    parented = client.post(
        "/plans/nouveau/",
        form_data(level=PlanLevel.NATIONAL, regions=[], parent=national.pk, name="Autre"),
    )

    assert "Hors des régions du plan : Paris (75)." in text_of(outside)
    assert "Seul un plan régional se rattache à un plan national." in text_of(parented)
    assert EmergencyPlan.objects.count() == 1
    ok = client.post("/plans/nouveau/", form_data(departments=["59"], parent=national.pk))
    assert ok.status_code == 302
    assert EmergencyPlan.objects.get(parent=national).departments.get().code == "59"


def test_the_list_shows_the_plans_and_the_button_to_agents(login):
    agent = regional_agent()
    make_plan(agent)

    page = text_of(login(agent).get("/plans/"))

    assert "Plan culture Hauts-de-France" in page
    assert "En préparation" in page
    assert "Nouveau plan" in page


def test_the_draft_page_counts_the_targeted_structures_before_activation(login, culture_structures):
    agent = regional_agent()
    plan = make_plan(agent)

    page = text_of(login(agent).get(f"/plans/{plan.pk}/"))

    assert "2 structures ciblées si le plan était activé aujourd'hui." in page
    assert "Nord (59) 2" in page
    assert "Culture 2" in page
    assert "Activer le plan" in page
    assert plan.targets.count() == 0


def test_activation_through_the_page_invites_and_creates_the_lines(
    login, culture_structures, django_capture_on_commit_callbacks
):
    agent = regional_agent()
    plan = make_plan(agent)
    client = login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/plans/{plan.pk}/activer/")

    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.status == PlanStatus.ACTIVE
    assert plan.targets.count() == 2
    assert [message.to for message in mail.outbox] == [["presidente@lucioles.fr"]]
    page = text_of(client.get(f"/plans/{plan.pk}/"))
    assert "L'activation est lancée" in page  # the queue ran after the page's commit
    assert "Invitée\xa0: 2" in page
    assert "En préparation → Activation en cours" in page
    assert "Activation en cours → Activé — « 2 structures ciblées »" in page
    assert "Modifier le plan" not in page
    assert client.get(f"/plans/{plan.pk}/modifier/").status_code == 403


def test_while_activating_the_page_says_so_with_the_count_to_come(login, culture_structures):
    agent = regional_agent()
    plan = make_plan(agent)
    client = login(agent)

    client.post(f"/plans/{plan.pk}/activer/")  # the callbacks never run: the queue waits

    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVATING
    page = text_of(client.get(f"/plans/{plan.pk}/"))
    assert "Activation en cours" in page
    assert "2 structures à inviter : aucune ligne de suivi créée pour l'instant." in page


def test_activation_refusals_show_on_the_page(login):
    agent = regional_agent()
    plan = make_plan(agent)
    plan.aids.clear()
    client = login(agent)

    response = client.post(f"/plans/{plan.pk}/activer/")

    assert response.status_code == 400
    assert "Le plan doit mobiliser au moins une aide ou un accompagnement." in text_of(response)
    plan.aids.add(AidFactory())
    response = client.post(f"/plans/{plan.pk}/activer/")
    assert "Aucune structure n'est ciblée : revoyez les critères." in text_of(response)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_closing_needs_a_comment_then_reopening_and_the_history(
    login, culture_structures, django_capture_on_commit_callbacks
):
    agent = regional_agent()
    plan = make_plan(agent)
    client = login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/plans/{plan.pk}/activer/")

    refused = client.post(f"/plans/{plan.pk}/etat/close/", {"comment": " "})
    assert refused.status_code == 400
    assert "Bilan en quelques mots : ce champ est obligatoire." in text_of(refused)

    client.post(f"/plans/{plan.pk}/etat/close/", {"comment": "740 structures aidées"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    client.post(f"/plans/{plan.pk}/etat/reopen/", {"comment": "Nouvelle vague de coupes"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    page = text_of(client.get(f"/plans/{plan.pk}/"))
    assert "Activé → Clos — « 740 structures aidées »" in page
    assert "Clos → Activé — « Nouvelle vague de coupes »" in page
    assert client.post(f"/plans/{plan.pk}/etat/activated/").status_code == 404


def test_a_draft_is_edited_and_keeps_its_cell(login, culture_structures):
    agent = regional_agent()
    plan = make_plan(agent)
    client = login(agent)
    form = Page(client.get(f"/plans/{plan.pk}/modifier/").content.decode()).own_form()
    assert form.value("name") == "Plan culture Hauts-de-France"
    assert form.value("sectors") == ["culture"]

    data = form.data()
    data.update(name=["Plan culture et sport"], sectors=["culture", "sport"], fte_min=["1"])
    response = client.post(f"/plans/{plan.pk}/modifier/", data)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.name == "Plan culture et sport"
    assert plan.sectors == ["culture", "sport"]
    assert plan.fte_min == 1
    assert plan.aids.count() == 1  # the measures chosen before are kept
    assert plan.cell == agent.organization_memberships.get().organization
    page = text_of(client.get(f"/plans/{plan.pk}/"))
    assert "Effectif : de 1 ETP au moins. Secteurs visés : culture ou sport." in page
